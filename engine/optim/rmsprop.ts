/** torch.optim.RMSprop (torch/optim/rmsprop.py): centered, momentum, weight decay, maximize. */
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { zeros_like } from "../tensor/creation.js";
import { no_grad } from "../autograd/grad_mode.js";
import { Optimizer, argStr, floatStr, type ParamsArg } from "./optimizer.js";

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weight_decay?: number;
  momentum?: number;
  centered?: boolean;
  capturable?: boolean;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
}

/**
 * RMSprop: divide the gradient by a running root mean square.
 * @example new torch.optim.RMSprop(model.parameters(), {lr: 1e-2})
 */
export class RMSprop extends Optimizer {
  constructor(params: ParamsArg, opts: RMSpropOptions = {}) {
    const {
      lr = 1e-2,
      alpha = 0.99,
      eps = 1e-8,
      weight_decay = 0,
      momentum = 0,
      centered = false,
      capturable = false,
      foreach = null,
      maximize = false,
      differentiable = false,
    } = opts;
    if (!(lr >= 0)) throw new ValueError(`Invalid learning rate: ${floatStr(lr)}`);
    if (!(eps >= 0)) throw new ValueError(`Invalid epsilon value: ${floatStr(eps)}`);
    if (!(momentum >= 0)) throw new ValueError(`Invalid momentum value: ${argStr(momentum)}`);
    if (!(weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${argStr(weight_decay)}`);
    if (!(alpha >= 0)) throw new ValueError(`Invalid alpha value: ${floatStr(alpha)}`);
    // PyTorch 2.4's keys and order (capturable arrived after 1.13).
    super(params, { lr, momentum, alpha, eps, centered, weight_decay, capturable, foreach, maximize, differentiable });
  }
  override step(closure?: () => unknown): unknown {
    const loss = this.runClosure(closure);
    no_grad(() => {
      for (const g of this.param_groups) {
        const lr = g.lr as number,
          alpha = g.alpha as number,
          eps = g.eps as number,
          wd = g.weight_decay as number,
          mom = g.momentum as number;
        for (const p of g.params) {
          if (!p._grad) continue;
          const s = this.stateOf(p);
          if (Object.keys(s).length === 0) {
            s.step = 0;
            s.square_avg = zeros_like(p);
            if (mom > 0) s.momentum_buffer = zeros_like(p);
            if (g.centered) s.grad_avg = zeros_like(p);
          }
          s.step = (s.step as number) + 1;
          let grad = g.maximize ? p._grad.neg() : p._grad;
          if (wd !== 0) grad = grad.add(p, { alpha: wd });
          const sq = s.square_avg as Tensor;
          sq.mul_(alpha).add_(grad.mul(grad), { alpha: 1 - alpha });
          let avg: Tensor;
          if (g.centered) {
            const ga = s.grad_avg as Tensor;
            ga.mul_(alpha).add_(grad, { alpha: 1 - alpha });
            avg = sq.sub(ga.mul(ga)).sqrt_().add_(eps);
          } else avg = sq.sqrt().add_(eps);
          if (mom > 0) {
            const buf = s.momentum_buffer as Tensor;
            buf.mul_(mom).add_(grad.div(avg));
            p.add_(buf, { alpha: -lr });
          } else p.add_(grad.div(avg), { alpha: -lr });
        }
      }
    });
    return loss;
  }
}
