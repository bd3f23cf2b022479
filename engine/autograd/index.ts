/** torch.autograd */
export { backward, grad } from "./engine.js";
export { Node, AccumulateGrad } from "./node.js";
export { no_grad, enable_grad, set_grad_enabled, inference_mode } from "./grad_mode.js";
