/** torch.optim.Adagrad (torch/optim/adagrad.py): state is created for every parameter at construction. */
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { full_like, zeros } from "../tensor/creation.js";
import { no_grad } from "../autograd/grad_mode.js";
import { Optimizer, argStr, floatStr, type ParamsArg } from "./optimizer.js";

export interface AdagradOptions {
  lr?: number;
  lr_decay?: number;
  weight_decay?: number;
  initial_accumulator_value?: number;
  eps?: number;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
  fused?: boolean | null;
}

/**
 * Adagrad: per-coordinate learning rates from the sum of squared gradients.
 * @example new torch.optim.Adagrad(model.parameters(), {lr: 0.1})
 */
export class Adagrad extends Optimizer {
  constructor(params: ParamsArg, opts: AdagradOptions = {}) {
    const {
      lr = 1e-2,
      lr_decay = 0,
      weight_decay = 0,
      initial_accumulator_value = 0,
      eps = 1e-10,
      foreach = null,
      maximize = false,
      differentiable = false,
      fused = null,
    } = opts;
    if (!(lr >= 0)) throw new ValueError(`Invalid learning rate: ${floatStr(lr)}`);
    if (!(lr_decay >= 0)) throw new ValueError(`Invalid lr_decay value: ${argStr(lr_decay)}`);
    if (!(weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${argStr(weight_decay)}`);
    if (!(initial_accumulator_value >= 0))
      throw new ValueError(`Invalid initial_accumulator_value value: ${argStr(initial_accumulator_value)}`);
    if (!(eps >= 0)) throw new ValueError(`Invalid epsilon value: ${floatStr(eps)}`);
    // PyTorch 2.4's keys and order (1.13 had neither differentiable nor fused).
    super(params, {
      lr,
      lr_decay,
      eps,
      weight_decay,
      initial_accumulator_value,
      foreach,
      maximize,
      differentiable,
      fused,
    });
    for (const g of this.param_groups)
      for (const p of g.params) {
        const s = this.stateOf(p);
        s.step = zeros([]);
        s.sum = full_like(p, initial_accumulator_value);
      }
  }
  override step(closure?: () => unknown): unknown {
    const loss = this.runClosure(closure);
    no_grad(() => {
      for (const g of this.param_groups) {
        const lr = g.lr as number,
          lrDecay = g.lr_decay as number,
          eps = g.eps as number,
          wd = g.weight_decay as number;
        for (const p of g.params) {
          if (!p._grad) continue;
          const s = this.stateOf(p),
            stepT = s.step as Tensor,
            sum = s.sum as Tensor;
          stepT.add_(1);
          const step = stepT.item();
          let grad = g.maximize ? p._grad.neg() : p._grad;
          if (wd !== 0) grad = grad.add(p, { alpha: wd });
          const clr = lr / (1 + (step - 1) * lrDecay);
          sum.add_(grad.mul(grad));
          p.add_(grad.div(sum.sqrt().add_(eps)), { alpha: -clr });
        }
      }
    });
    return loss;
  }
}
