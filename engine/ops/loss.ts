/**
 * Loss functions, each with `reduction` ("mean" | "sum" | "none"). Where PyTorch records its
 * own node, so do we: mse_loss (MseLossBackward0), smooth_l1_loss (SmoothL1LossBackward0),
 * nll_loss (NllLossBackward0 / NllLoss2DBackward0), binary_cross_entropy
 * (BinaryCrossEntropyBackward0), binary_cross_entropy_with_logits
 * (BinaryCrossEntropyWithLogitsBackward0). l1_loss and cross_entropy are compositions, as in
 * ATen (l1: sub, abs, mean; cross_entropy: log_softmax + nll_loss, plus label smoothing).
 */
import { tensorArg, kwargs, optionalTensorArg } from "../tensor/arg_parser.js";
import { IndexError, RuntimeError, ValueError, warnOnce } from "../errors.js";
import { int64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { broadcastShapes } from "../tensor/shape.js";
import { call, defineOp, type OpOf } from "./define.js";
import { make } from "./util.js";
import { rowMajor } from "./index_util.js";
import { log_softmax } from "./softmax.js";
import { softplus } from "./unary.js";
import "./movement.js";
import "./reduce.js";
import "./binary.js";
import "./unary.js";
import { formatShape } from "../format/shape_text.js";

export type Reduction = "mean" | "sum" | "none";

export function checkReduction(r: string): Reduction {
  if (r !== "mean" && r !== "sum" && r !== "none") throw new ValueError(`${r} is not a valid value for reduction`);
  return r;
}
/** ATen's apply_loss_reduction. */
export function reduceLoss(l: Tensor, r: Reduction): Tensor {
  return r === "mean" ? l.mean() : r === "sum" ? l.sum() : l;
}
/** The gradient factor of a reduction: 1/numel for mean. */
const meanScale = (m: { reduction: Reduction; shapes: (number[] | null)[] }) =>
  m.reduction === "mean" ? 1 / m.shapes[0]!.reduce((a, b) => a * b, 1) : 1;

/** F.mse_loss & co. broadcast input and target (warning when sizes differ), as torch/nn/functional.py. */
function broadcastPair(input: Tensor, target: Tensor): [Tensor, Tensor] {
  if (input._shape.join() === target._shape.join()) return [input, target];
  warnOnce(
    `Using a target size (${formatShape(target._shape, "Size")}) that is different to the input size (${formatShape(input._shape, "Size")}). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`,
  );
  const shape = broadcastShapes(input._shape, target._shape);
  const ex = (t: Tensor) => (t._shape.join() === shape.join() ? t : t.expand(shape));
  return [ex(input), ex(target)];
}

type R = { reduction: Reduction };

/** `tensor * scalar` / `tensor / scalar` as ATen's C++ writes them (mul.Scalar, div.Scalar: MulBackward1, DivBackward1). */
export const mulScalarOp: OpOf<{ s: number }, readonly ["self"]> = defineOp({
  internal: {
    goldens:
      "tensor * scalar inside the loss decompositions (MulBackward1): internal to mse/l1/bce formulas, gradchecked in test/nn",
  },
  name: "mul_scalar",
  gradFn: "MulBackward1",
  inputs: ["self"],
  forward: ([x], { s }: { s: number }) => x.mul(s),
  backward: { self: (g, _s, m): Tensor => call(mulScalarOp, [g], { s: m.s }) },
});
export const divScalarOp: OpOf<{ s: number }, readonly ["self"]> = defineOp({
  internal: {
    goldens:
      "tensor / scalar inside the loss decompositions (DivBackward1): internal to the loss formulas, gradchecked in test/nn",
  },
  name: "div_scalar",
  gradFn: "DivBackward1",
  inputs: ["self"],
  forward: ([x], { s }: { s: number }) => x.div(s),
  backward: { self: (g, _s, m): Tensor => call(divScalarOp, [g], { s: m.s }) },
});
const mulS = (x: Tensor, s: number) => call(mulScalarOp, [x], { s });
const divS = (x: Tensor, s: number) => call(divScalarOp, [x], { s });

export const mseLossOp = defineOp({
  name: "mse_loss",
  gradFn: "MseLossBackward0",
  inputs: ["self", "target"],
  save: ["self", "target"],
  forward: ([x, t], { reduction }: R) => reduceLoss(x.sub(t).square(), reduction),
  backward: {
    self: (g, s, m) => g.mul(s.self.sub(s.target)).mul(2 * meanScale(m)),
    target: (g, s, m) => g.mul(s.self.sub(s.target)).mul(-2 * meanScale(m)),
  },
});

export const smoothL1LossOp = defineOp({
  name: "smooth_l1_loss",
  gradFn: "SmoothL1LossBackward0",
  inputs: ["self", "target"],
  save: ["self", "target"],
  forward: ([x, t], { reduction, beta }: R & { beta: number }) => {
    const d = x.sub(t),
      ad = d.abs();
    return reduceLoss(torchWhere(ad.lt(beta), d.square().mul(0.5 / beta), ad.sub(0.5 * beta)), reduction);
  },
  backward: {
    self: (g, s, m) => g.mul(smoothL1Slope(s.self.sub(s.target), m.beta)).mul(meanScale(m)),
    target: (g, s, m) => g.mul(smoothL1Slope(s.self.sub(s.target), m.beta)).mul(-meanScale(m)),
  },
});
const torchWhere = (c: Tensor, a: Tensor, b: Tensor) => a.where(c, b);
/** d/dd of smooth L1: d/beta inside (-beta, beta), sign(d) outside. */
const smoothL1Slope = (d: Tensor, beta: number) => torchWhere(d.abs().lt(beta), d.div(beta), d.sign());

// ---- nll_loss ---------------------------------------------------------------------------------------------

type NllAttrs = R & { target: Tensor; weight: Tensor | null; ignore_index: number };

/** Class dim 1 (0 for a 1-D input): positions as (n, class, r) with `inner` trailing elements. */
function nllGeometry(shape: readonly number[]): { N: number; C: number; inner: number } {
  if (shape.length === 1) return { N: 1, C: shape[0], inner: 1 };
  return { N: shape[0], C: shape[1], inner: shape.slice(2).reduce((a, b) => a * b, 1) };
}

/** Per-target weights (0 where ignored) and their total, from the constant attributes. */
function nllWeights(shape: readonly number[], a: NllAttrs): { tv: ArrayLike<number>; wt: Float64Array; total: number } {
  const { C } = nllGeometry(shape);
  const tv = rowMajor(a.target),
    wv = a.weight ? rowMajor(a.weight) : null;
  const wt = new Float64Array(tv.length);
  let total = 0;
  for (let i = 0; i < tv.length; i++) {
    const t = tv[i];
    if (t === a.ignore_index) continue;
    if (t < 0 || t >= C) throw new IndexError(`Target ${t} is out of bounds.`);
    wt[i] = wv ? wv[t] : 1;
    total += wt[i];
  }
  return { tv, wt, total };
}

export const nllLossOp = defineOp({
  name: "nll_loss",
  gradFn: (a: NllAttrs) => (a.target._shape.length >= 2 ? "NllLoss2DBackward0" : "NllLossBackward0"),
  inputs: ["self"],
  forward: ([x], a: NllAttrs) => {
    const { N, C, inner } = nllGeometry(x._shape);
    const xv = rowMajor(x),
      { tv, wt, total } = nllWeights(x._shape, a);
    const per = new Float64Array(N * inner);
    let sum = 0;
    for (let n = 0; n < N; n++)
      for (let r = 0; r < inner; r++) {
        const i = n * inner + r;
        if (wt[i] === 0) continue;
        per[i] = -wt[i] * xv[(n * C + tv[i]) * inner + r];
        sum += per[i];
      }
    if (a.reduction === "none") return make(new x.dtype.ArrayType(per), [...a.target._shape], x.dtype);
    return make(new x.dtype.ArrayType([a.reduction === "mean" ? sum / total : sum]), [], x.dtype);
  },
  backward: {
    self: (g, _s, m) => {
      // d loss / d x[n, t_n, r] = -w[t_n] (/ total weight for mean); a constant mask times the incoming gradient.
      const shape = m.shapes[0],
        { N, C, inner } = nllGeometry(shape);
      const { tv, wt, total } = nllWeights(shape, m);
      const coef = new Float64Array(N * C * inner),
        scale = m.reduction === "mean" ? 1 / total : 1;
      for (let n = 0; n < N; n++)
        for (let r = 0; r < inner; r++) {
          const i = n * inner + r;
          if (wt[i] !== 0) coef[(n * C + tv[i]) * inner + r] = -wt[i] * scale;
        }
      const mask = make(new g.dtype.ArrayType(coef), shape, g.dtype);
      return mask.mul(m.reduction === "none" && shape.length > 1 ? g.unsqueeze(1) : g);
    },
  },
});

export interface NllOptions {
  weight?: Tensor | null;
  ignore_index?: number;
  reduction?: Reduction;
}

/** F.nll_loss(input [N, C, *] log-probabilities, target [N, *] class indices, {weight, ignore_index = -100, reduction}) */
export function nll_loss(input: Tensor, target: Tensor, opts: NllOptions | null = {}): Tensor {
  tensorArg("nll_loss", input);
  tensorArg("nll_loss", target, "target", 2);
  opts = kwargs(opts);
  optionalTensorArg("nll_loss", opts.weight, "weight", 3);
  const reduction = checkReduction(opts.reduction ?? "mean");
  if (input._shape.length < 1) throw new ValueError(`Expected 1 or more dimensions (got ${input._shape.length})`);
  if (target.dtype !== int64) throw new RuntimeError(`expected scalar type Long but found ${target.dtype.scalarName}`);
  if (input._shape.length === 1) {
    if (target._shape.length !== 0)
      throw new RuntimeError(`0D or 1D target tensor expected, multi-target not supported`);
  } else {
    if (input._shape[0] !== target._shape[0])
      throw new ValueError(
        `Expected input batch_size (${input._shape[0]}) to match target batch_size (${target._shape[0]}).`,
      );
    if (
      target._shape.length !== input._shape.length - 1 ||
      target._shape.slice(1).join() !== input._shape.slice(2).join()
    )
      throw new RuntimeError(
        `Expected target size ${formatShape([input._shape[0], ...input._shape.slice(2)])}, got ${formatShape(target._shape)}`,
      );
  }
  const C = nllGeometry(input._shape).C;
  if (opts.weight && (opts.weight._shape.length !== 1 || opts.weight.numel() !== C))
    throw new RuntimeError(
      `weight tensor should be defined either for all ${C} classes or no classes but got weight tensor of shape: ${formatShape(opts.weight._shape)}`,
    );
  return call(nllLossOp, [input], {
    reduction,
    target,
    weight: opts.weight ?? null,
    ignore_index: opts.ignore_index ?? -100,
  });
}

export interface CrossEntropyOptions extends NllOptions {
  label_smoothing?: number;
}

/**
 * F.cross_entropy(input [N, C, *] logits, target, {weight, ignore_index, reduction, label_smoothing}):
 * target holds class indices (int64) or class probabilities (float, input's shape).
 */
export function cross_entropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions | null = {}): Tensor {
  tensorArg("cross_entropy", input);
  tensorArg("cross_entropy", target, "target", 2);
  opts = kwargs(opts);
  optionalTensorArg("cross_entropy", opts.weight, "weight", 3);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const ls = opts.label_smoothing ?? 0;
  if (ls < 0 || ls > 1) throw new RuntimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  const classDim = input._shape.length === 1 ? 0 : 1,
    nClasses = input._shape[classDim];
  const lsm = log_softmax(input, classDim);
  const w = opts.weight ?? null;
  const wView = w ? w.view(input._shape.map((s, i) => (i === classDim ? s : 1))) : null;
  if (target.dtype.is_floating_point) {
    // Class probabilities (ATen's cross_entropy_loss_prob_target).
    if (target._shape.join() !== input._shape.join())
      throw new RuntimeError(
        `Expected floating point type target to have the same shape as input, but got target of shape ${formatShape(target._shape)} and input of shape ${formatShape(input._shape)}`,
      );
    const t = ls > 0 ? mulS(target, 1 - ls).add(ls / nClasses) : target;
    let prod = lsm.mul(t);
    if (wView) prod = prod.mul(wView);
    if (reduction === "none") return prod.sum(classDim).neg();
    const total = prod.sum().neg();
    return reduction === "sum" ? total : divS(total, input.numel() / nClasses);
  }
  const nll = nll_loss(lsm, target, { weight: w, ignore_index: opts.ignore_index, reduction });
  if (ls <= 0) return nll;
  // Label smoothing with class indices (ATen's cross_entropy_loss_label_smoothing).
  const ignore = target.eq(opts.ignore_index ?? -100);
  let smooth = (wView ? lsm.mul(wView) : lsm).sum(classDim).neg();
  smooth.masked_fill_(ignore, 0);
  if (reduction === "mean") {
    const tv = rowMajor(target),
      iv = rowMajor(ignore),
      wv = w ? rowMajor(w) : null;
    let denom = 0;
    for (let i = 0; i < tv.length; i++) if (!iv[i]) denom += wv ? wv[tv[i]] : 1;
    smooth = smooth.sum().div(torch0d(denom, input));
  } else if (reduction === "sum") smooth = smooth.sum();
  // ATen: (1 - label_smoothing) * nll + smooth * (label_smoothing / n_classes), Scalar overloads.
  return mulS(nll, 1 - ls).add(mulS(smooth, ls / nClasses));
}

const torch0d = (v: number, like: Tensor) => make(new like.dtype.ArrayType([v]), [], like.dtype);

/** F.l1_loss(input, target, {reduction}): mean |input - target| (composite, as ATen: MeanBackward0 -> AbsBackward0). */
export function l1_loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } | null = {}): Tensor {
  tensorArg("l1_loss", input);
  tensorArg("l1_loss", target, "target", 2);
  opts = kwargs(opts);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const [x, t] = broadcastPair(input, target);
  return reduceLoss(x.sub(t).abs(), reduction);
}

/** F.mse_loss(input, target, {reduction}): mean (input - target)^2. */
export function mse_loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } | null = {}): Tensor {
  tensorArg("mse_loss", input);
  tensorArg("mse_loss", target, "target", 2);
  opts = kwargs(opts);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const [x, t] = broadcastPair(input, target);
  return call(mseLossOp, [x, t], { reduction });
}

/** F.smooth_l1_loss(input, target, {reduction, beta = 1}): quadratic below beta, linear above. */
export function smooth_l1_loss(
  input: Tensor,
  target: Tensor,
  opts: { reduction?: Reduction; beta?: number } | null = {},
): Tensor {
  tensorArg("smooth_l1_loss", input);
  tensorArg("smooth_l1_loss", target, "target", 2);
  opts = kwargs(opts);
  const reduction = checkReduction(opts.reduction ?? "mean");
  const beta = opts.beta ?? 1;
  if (beta < 0) throw new RuntimeError("smooth_l1_loss does not support negative values for beta.");
  const [x, t] = broadcastPair(input, target);
  // NOTE: as torch/nn/functional.py, beta == 0 is exactly the L1 loss.
  if (beta === 0) return reduceLoss(x.sub(t).abs(), reduction);
  return call(smoothL1LossOp, [x, t], { reduction, beta });
}

// ---- binary cross entropy ---------------------------------------------------------------------------------

type BceAttrs = R & { weight: Tensor | null };

export const bceOp = defineOp({
  name: "binary_cross_entropy",
  gradFn: "BinaryCrossEntropyBackward0",
  inputs: ["self", "target"],
  save: ["self", "target"],
  forward: ([x, t], { reduction, weight }: BceAttrs) => {
    if (rowMajor(x).some((v) => !(v >= 0 && v <= 1)))
      throw new RuntimeError("all elements of input should be between 0 and 1");
    // log is clamped at -100 so that 0 * log(0) stays finite, as ATen.
    let l = t
      .mul(x.log().clamp(-100))
      .add(t.neg().add(1).mul(x.neg().add(1).log().clamp(-100)))
      .neg();
    if (weight) l = l.mul(weight);
    return reduceLoss(l, reduction);
  },
  backward: {
    self: (g, s, m) => {
      const x = s.self;
      let r = g.mul(x.sub(s.target)).div(x.neg().add(1).mul(x).clamp(1e-12)).mul(meanScale(m));
      if (m.weight) r = r.mul(m.weight);
      return r;
    },
    target: (g, s, m) => {
      let r = g.mul(s.self.neg().add(1).log().sub(s.self.log())).mul(meanScale(m));
      if (m.weight) r = r.mul(m.weight);
      return r;
    },
  },
});

/** F.binary_cross_entropy(input in [0, 1], target, {weight, reduction}) */
export function binary_cross_entropy(
  input: Tensor,
  target: Tensor,
  opts: { weight?: Tensor | null; reduction?: Reduction } | null = {},
): Tensor {
  tensorArg("binary_cross_entropy", input);
  tensorArg("binary_cross_entropy", target, "target", 2);
  opts = kwargs(opts);
  optionalTensorArg("binary_cross_entropy", opts.weight, "weight", 3);
  const reduction = checkReduction(opts.reduction ?? "mean");
  if (target._shape.join() !== input._shape.join())
    throw new ValueError(
      `Using a target size (${formatShape(target._shape, "Size")}) that is different to the input size (${formatShape(input._shape, "Size")}) is deprecated. Please ensure they have the same size.`,
    );
  const weight = opts.weight ? opts.weight.expand(broadcastShapes(target._shape, opts.weight._shape)) : null;
  return call(bceOp, [input, target], { reduction, weight });
}

type BceLogitsAttrs = BceAttrs & { pos_weight: Tensor | null };

export const bceWithLogitsOp = defineOp({
  name: "binary_cross_entropy_with_logits",
  gradFn: "BinaryCrossEntropyWithLogitsBackward0",
  inputs: ["self", "target"],
  save: ["self", "target"],
  forward: ([x, t], { reduction, weight, pos_weight }: BceLogitsAttrs) => {
    // ATen's stable form: (1 - t) x + lw * (log(exp(-m) + exp(-x - m)) + m), m = max(-x, 0).
    const mx = x.neg().clamp(0);
    const lse = mx.neg().exp().add(x.neg().sub(mx).exp()).log().add(mx);
    const lw = pos_weight ? pos_weight.sub(1).mul(t).add(1) : null;
    let l = t
      .neg()
      .add(1)
      .mul(x)
      .add(lw ? lw.mul(lse) : lse);
    if (weight) l = l.mul(weight);
    return reduceLoss(l, reduction);
  },
  backward: {
    self: (g, s, m) => {
      const x = s.self,
        t = s.target;
      let r: Tensor;
      if (m.pos_weight) {
        const pt = m.pos_weight.mul(t);
        r = pt.add(1).sub(t).mul(x.sigmoid()).sub(pt);
      } else r = x.sigmoid().sub(t);
      r = r.mul(g).mul(meanScale(m));
      return m.weight ? r.mul(m.weight) : r;
    },
    target: (g, s, m) => {
      // d/dt = -x + (pos_weight - 1) * softplus(-x)
      const x = s.self;
      let r = x.neg();
      if (m.pos_weight) r = r.add(m.pos_weight.sub(1).mul(softplus(x.neg())));
      r = r.mul(g).mul(meanScale(m));
      return m.weight ? r.mul(m.weight) : r;
    },
  },
});

/** F.binary_cross_entropy_with_logits(input, target, {weight, reduction, pos_weight}): sigmoid + BCE, computed stably. */
export function binary_cross_entropy_with_logits(
  input: Tensor,
  target: Tensor,
  opts: { weight?: Tensor | null; reduction?: Reduction; pos_weight?: Tensor | null } | null = {},
): Tensor {
  opts = kwargs(opts);
  optionalTensorArg("binary_cross_entropy_with_logits", opts.weight, "weight", 3);
  optionalTensorArg("binary_cross_entropy_with_logits", opts.pos_weight, "pos_weight", 5);
  tensorArg("binary_cross_entropy_with_logits", input);
  tensorArg("binary_cross_entropy_with_logits", target, "target", 2);
  const reduction = checkReduction(opts.reduction ?? "mean");
  if (target._shape.join() !== input._shape.join())
    throw new ValueError(
      `Target size (${formatShape(target._shape, "Size")}) must be the same as input size (${formatShape(input._shape, "Size")})`,
    );
  return call(bceWithLogitsOp, [input, target], {
    reduction,
    weight: opts.weight ?? null,
    pos_weight: opts.pos_weight ?? null,
  });
}
