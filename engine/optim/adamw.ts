/** torch.optim.AdamW: Adam with decoupled weight decay (torch/optim/adamw.py). */
import { no_grad } from "../autograd/grad_mode.js";
import { Optimizer, type ParamsArg } from "./optimizer.js";
import { adamGroup, checkAdamArgs, type AdamOptions } from "./adam.js";

/**
 * AdamW: the weights decay by lr * weight_decay before the Adam step (default weight_decay 1e-2).
 * @example new torch.optim.AdamW(model.parameters(), {lr: 1e-3, weight_decay: 0.01})
 */
export class AdamW extends Optimizer {
  constructor(params: ParamsArg, opts: AdamOptions = {}) {
    const {
      lr = 1e-3,
      betas = [0.9, 0.999],
      eps = 1e-8,
      weight_decay = 1e-2,
      amsgrad = false,
      maximize = false,
      foreach = null,
      capturable = false,
      differentiable = false,
      fused = null,
    } = opts;
    checkAdamArgs(lr, eps, betas, weight_decay);
    // PyTorch 2.4's keys and order (1.13 ended at capturable).
    super(params, { lr, betas, eps, weight_decay, amsgrad, foreach, maximize, capturable, differentiable, fused });
  }
  override step(closure?: () => unknown): unknown {
    const loss = this.runClosure(closure);
    no_grad(() => {
      for (const g of this.param_groups) adamGroup(this.state, g, true);
    });
    return loss;
  }
}
