/** torch.optim.Adam (torch/optim/adam.py), with amsgrad and maximize; shares its update with AdamW. */
import { ValueError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { zeros, zeros_like } from "../tensor/creation.js";
import { no_grad } from "../autograd/grad_mode.js";
import { backend } from "../backend/index.js";
import { Optimizer, argStr, floatStr, type ParamsArg, type ParamGroup, type OptimizerState } from "./optimizer.js";

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weight_decay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  capturable?: boolean;
  differentiable?: boolean;
  fused?: boolean | null;
}

/** Argument checks shared by Adam and AdamW, with PyTorch's messages. */
export function checkAdamArgs(lr: number, eps: number, betas: [number, number], weight_decay: number): void {
  if (!(lr >= 0)) throw new ValueError(`Invalid learning rate: ${floatStr(lr)}`);
  if (!(eps >= 0)) throw new ValueError(`Invalid epsilon value: ${floatStr(eps)}`);
  if (!(betas[0] >= 0 && betas[0] < 1))
    throw new ValueError(`Invalid beta parameter at index 0: ${floatStr(betas[0])}`);
  if (!(betas[1] >= 0 && betas[1] < 1))
    throw new ValueError(`Invalid beta parameter at index 1: ${floatStr(betas[1])}`);
  if (!(weight_decay >= 0)) throw new ValueError(`Invalid weight_decay value: ${argStr(weight_decay)}`);
}

/** What AdamW changes: weight_decay's default, the order of the group's keys, decoupled decay. */
interface AdamVariant {
  weight_decay: number;
  keys: readonly (keyof Required<AdamOptions>)[];
  decoupled: boolean;
}
const ADAM: AdamVariant = {
  weight_decay: 0,
  // NOTE: `fused` defaults to None as in PyTorch 2.x (1.13 showed False).
  keys: [
    "lr",
    "betas",
    "eps",
    "weight_decay",
    "amsgrad",
    "maximize",
    "foreach",
    "capturable",
    "differentiable",
    "fused",
  ],
  decoupled: false,
};

/**
 * Adam: adaptive moment estimation.
 * @example new torch.optim.Adam(model.parameters(), {lr: 1e-3})
 */
export class Adam extends Optimizer {
  /** Read through `new.target`, so a subclass (AdamW) gives its own. */
  static readonly variant: AdamVariant = ADAM;
  private readonly decoupled: boolean;
  constructor(params: ParamsArg, opts: AdamOptions = {}) {
    const variant = (new.target as typeof Adam).variant;
    const o: Required<AdamOptions> = {
      lr: opts.lr ?? 1e-3,
      betas: opts.betas ?? [0.9, 0.999],
      eps: opts.eps ?? 1e-8,
      weight_decay: opts.weight_decay ?? variant.weight_decay,
      amsgrad: opts.amsgrad ?? false,
      maximize: opts.maximize ?? false,
      foreach: opts.foreach ?? null,
      capturable: opts.capturable ?? false,
      differentiable: opts.differentiable ?? false,
      fused: opts.fused ?? null,
    };
    checkAdamArgs(o.lr, o.eps, o.betas, o.weight_decay);
    super(params, Object.fromEntries(variant.keys.map((k) => [k, o[k]])));
    this.decoupled = variant.decoupled;
  }
  override step(closure?: () => unknown): unknown {
    const loss = this.runClosure(closure);
    no_grad(() => {
      for (const g of this.param_groups) adamGroup(this.state, g, this.decoupled);
    });
    return loss;
  }
}

/** One group's update (`_single_tensor_adam`; AdamW first decays the weights by lr * weight_decay). */
export function adamGroup(stateMap: Map<Tensor, OptimizerState>, g: ParamGroup, decoupled: boolean): void {
  const lr = g.lr as number,
    [b1, b2] = g.betas as [number, number],
    eps = g.eps as number,
    wd = g.weight_decay as number;
  for (const p of g.params) {
    if (!p._grad) continue;
    let s = stateMap.get(p);
    if (!s || Object.keys(s).length === 0) {
      // `step` is a float32 0-dim tensor, as torch.tensor(0.) in 1.13.
      s = { step: zeros([]), exp_avg: zeros_like(p), exp_avg_sq: zeros_like(p) };
      if (g.amsgrad) s.max_exp_avg_sq = zeros_like(p);
      stateMap.set(p, s);
    }
    const stepT = s.step as Tensor,
      m = s.exp_avg as Tensor,
      v = s.exp_avg_sq as Tensor,
      mx = (s.max_exp_avg_sq as Tensor | undefined) ?? null;
    stepT.add_(1);
    if (fused(p, p._grad, m, v, mx)) {
      // One pass over the arrays (the backend's kernel rounds as the tensor ops below do).
      const step = stepT.item();
      backend().optim.adam(dense(p), dense(p._grad), dense(m), dense(v), mx ? dense(mx) : null, {
        lr,
        beta1: b1,
        beta2: b2,
        eps,
        weight_decay: wd,
        stepSize: lr / (1 - b1 ** step),
        bc2Sqrt: Math.sqrt(1 - b2 ** step),
        decoupled,
        amsgrad: !!g.amsgrad,
        maximize: !!g.maximize,
        f32: p.dtype.name === "float32",
      });
      for (const t of [p, m, v, mx]) if (t) t._versionCounter.value++;
      continue;
    }
    let grad = g.maximize ? p._grad.neg() : p._grad;
    if (decoupled) p.mul_(1 - lr * wd);
    else if (wd !== 0) grad = grad.add(p, { alpha: wd });
    m.mul_(b1).add_(grad, { alpha: 1 - b1 });
    v.mul_(b2).add_(grad.mul(grad), { alpha: 1 - b2 });
    const step = stepT.item();
    const bc1 = 1 - b1 ** step,
      bc2 = 1 - b2 ** step;
    const stepSize = lr / bc1,
      bc2Sqrt = Math.sqrt(bc2);
    let denom: Tensor;
    if (g.amsgrad) {
      const mx = s.max_exp_avg_sq as Tensor;
      mx.copy_(mx.maximum(v));
      denom = mx.sqrt().div(bc2Sqrt).add_(eps);
    } else denom = v.sqrt().div(bc2Sqrt).add_(eps);
    p.add_(m.div(denom), { alpha: -stepSize });
  }
}

/** Contiguous float tensors of one dtype take the fused kernel. */
function fused(p: Tensor, g: Tensor, m: Tensor, v: Tensor, mx: Tensor | null): boolean {
  const ok = (t: Tensor) => t.is_contiguous() && t.dtype === p.dtype;
  return (
    (p.dtype.name === "float32" || p.dtype.name === "float64") &&
    ok(p) &&
    ok(g) &&
    ok(m) &&
    ok(v) &&
    (!mx || ok(mx)) &&
    !p._isInference
  );
}

const dense = (t: Tensor) => t._data.subarray(t._offset, t._offset + t.numel());
