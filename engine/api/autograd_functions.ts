/**
 * torch.autograd's functions with their keyword arguments bound (`grad(y, x, {create_graph: true})`,
 * `gradcheck(f, x, {eps: 1e-6})`, and PyTorch's positional forms; api/keywords.ts).
 */
import { bindFunctions } from "./keywords.js";
import * as engine from "../autograd/engine.js";
import * as checks from "../autograd/gradcheck.js";

export const { backward, grad } = bindFunctions("autograd", engine);
export const { gradcheck, gradgradcheck } = bindFunctions("autograd", checks);
