/** torch.autograd */
export { backward, grad } from "./engine.js";
export { Node, AccumulateGrad } from "./node.js";
export { Function, FunctionCtx, once_differentiable } from "./function.js";
export { gradcheck, gradgradcheck } from "./gradcheck.js";
export * as functional from "./functional.js";
export { no_grad, enable_grad, set_grad_enabled, inference_mode } from "./grad_mode.js";
