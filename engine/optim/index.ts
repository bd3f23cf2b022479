/**
 * torch.optim: optimizers and learning-rate schedulers.
 * @example const opt = new torch.optim.SGD(model.parameters(), {lr: 0.01, momentum: 0.9})
 */
export { Optimizer } from "./optimizer.js";
// Constructors take PyTorch's positional arguments or an options object (engine/api/keywords.ts).
export { SGD, Adam, AdamW, RMSprop, Adagrad } from "../api/optim_classes.js";
export * as lr_scheduler from "../api/lr_scheduler_classes.js";
