/**
 * torch.optim: optimizers and learning-rate schedulers.
 * @example const opt = new torch.optim.SGD(model.parameters(), {lr: 0.01, momentum: 0.9})
 */
export { Optimizer } from "./optimizer.js";
export { SGD } from "./sgd.js";
export { Adam } from "./adam.js";
export { AdamW } from "./adamw.js";
export { RMSprop } from "./rmsprop.js";
export { Adagrad } from "./adagrad.js";
export * as lr_scheduler from "./lr_scheduler.js";
