/** torch.autograd */
// Keyword arguments as a trailing options object: grad(y, x, {create_graph: true}) (api/keywords.ts).
export { backward, grad } from "../api/autograd_functions.js";
export { Node, AccumulateGrad } from "./node.js";
export { Function, FunctionCtx, once_differentiable } from "./function.js";
export { gradcheck, gradgradcheck } from "../api/autograd_functions.js";
export * as functional from "../api/autograd_functional_functions.js";
export { no_grad, enable_grad, set_grad_enabled, inference_mode } from "./grad_mode.js";
