/**
 * The public `torch` namespace: `import * as torch from "gradlab"` or `import { torch } from "gradlab"`.
 * Re-exports only; each name lives in the module named after its PyTorch counterpart.
 */
// Op families install their Tensor methods on import; order does not matter.
import "./ops/movement.js";
import "./ops/binary.js";
import "./ops/unary.js";
import "./ops/reduce.js";
import "./ops/linalg.js";
import "./ops/fill.js";
import "./ops/random_ops.js";
import "./ops/join.js";
import "./ops/shape_ops.js";
import "./ops/gather_scatter.js";
import "./ops/sort.js";
import "./ops/indexing.js";
import "./ops/softmax.js";
import "./numpy/bridge.js";
import "./autograd/tensor_methods.js";
import "./autograd/inplace_views.js";
import * as autogradNs from "./autograd/index.js";
import * as torchNs from "./torch.js";
import * as nnNs from "./nn/index.js";
import * as optimNs from "./optim/index.js";
import * as utilsNs from "./utils/index.js";
import * as cudaNs from "./cuda/index.js";
import * as serialization from "./serialization/index.js";
import { Tensor as TensorClass } from "./tensor/tensor.js";
import { Module as ModuleClass } from "./nn/module.js";
import { Optimizer as OptimizerClass } from "./optim/optimizer.js";
import { bindMethodKeywords } from "./api/keywords.js";

// Every Tensor method takes its PyTorch keyword arguments in a trailing options object
// (`x.sum({dim: 1})`, `y.backward({retain_graph: true})`): bound once here, after all op
// families installed their methods.
bindMethodKeywords(TensorClass.prototype, "Tensor");
// The same for nn.Module's and Optimizer's methods (`model.zero_grad({set_to_none: true})`,
// `model.named_parameters({prefix: "net"})`, `opt.zero_grad({set_to_none: false})`).
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
export const torch = { ...torchNs, autograd: autogradNs, nn: nnNs, optim: optimNs, utils: utilsNs, cuda: cudaNs, save: serialization.save, load: serialization.load };
