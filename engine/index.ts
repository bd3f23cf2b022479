/**
 * The public `torch` namespace: `import * as torch from "gradlab"` or `import { torch } from "gradlab"`.
 * Re-exports only; each name lives in the module named after its PyTorch counterpart.
 */
// Every Tensor method, whichever module a program imports first (methods.ts).
import "./methods.js";
import * as autogradNs from "./autograd/index.js";
import * as torchNs from "./torch.js";
import * as nnNs from "./nn/index.js";
import * as optimNs from "./optim/index.js";
import * as utilsNs from "./utils/index.js";
import * as cudaNs from "./cuda/index.js";
import * as serialization from "./serialization/index.js";
import { Module as ModuleClass } from "./nn/module.js";
import { Optimizer as OptimizerClass } from "./optim/optimizer.js";
import { bindMethodKeywords } from "./api/keywords.js";

// nn.Module's and Optimizer's methods take their keyword arguments in a trailing options object
// (`model.zero_grad({set_to_none: true})`, `opt.zero_grad({set_to_none: false})`); Tensor's are
// bound as they are installed (tensor/tensor.ts installMethods).
bindMethodKeywords(ModuleClass.prototype, "nn.Module");
bindMethodKeywords(OptimizerClass.prototype, "optim.Optimizer");

export * from "./torch.js";
export { print, pyRepr, pyStr, tuple } from "./format/py_repr.js";
export * as np from "./numpy/np.js";
export { NDArray } from "./numpy/ndarray.js";
// Namespace re-exports (not consts) so their classes are also types: `let n: torch.autograd.Node`.
export * as autograd from "./autograd/index.js";
export * as nn from "./nn/index.js";
export * as optim from "./optim/index.js";
export * as utils from "./utils/index.js";
export * as cuda from "./cuda/index.js";
export { torchvision, models } from "./vision/index.js";
export * as safetensors from "./safetensors/index.js";
export { save, load } from "./serialization/index.js";
/** The same namespace as an object: `import { torch } from "gradlab"`. */
export const torch = {
  ...torchNs,
  autograd: autogradNs,
  nn: nnNs,
  optim: optimNs,
  utils: utilsNs,
  cuda: cudaNs,
  save: serialization.save,
  load: serialization.load,
};
