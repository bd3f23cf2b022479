/**
 * One sample call per differentiable op of the op table, in float64, on inputs away from
 * non-differentiable points (like PyTorch's OpInfo sample inputs). The table-wide tests run
 * gradcheck and gradgradcheck on each and fail when an op has no sample.
 */
import * as torch from "../../engine/index.js";
import { elu, hardtanh, leaky_relu } from "../../engine/ops/unary.js";
import { gelu_backward } from "../../engine/ops/activation.js";
type T = torch.Tensor;
const F = torch.nn.functional;

const g = new torch.Generator();
/** Uniform in [lo, hi), float64, requires grad. */
export function r(shape: number[], lo = -1, hi = 1): T {
  return torch
    .rand(shape, { dtype: torch.float64, generator: g })
    .mul(hi - lo)
    .add(lo)
    .detach()
    .requires_grad_();
}
const pos = (shape: number[]) => r(shape, 0.5, 2);
const unit = (shape: number[]) => r(shape, -0.8, 0.8);
const distinct = () =>
  torch.tensor(
    [
      [0.3, -1.2, 0.9],
      [1.7, -0.4, 0.1],
    ],
    { dtype: torch.float64, requires_grad: true },
  );

export interface Sample {
  inputs: () => T[];
  fn: (...xs: T[]) => T;
  secondOrder?: boolean;
  opts?: { eps?: number; atol?: number; rtol?: number };
}

/** op-table name -> sample. `secondOrder: false` skips gradgradcheck (piecewise-linear ops). */
export const SAMPLES: Record<string, Sample> = {
  add: { inputs: () => [r([2, 3]), r([3])], fn: (a, b) => a.add(b, { alpha: 2 }) },
  sub: { inputs: () => [r([2, 3]), r([2, 1])], fn: (a, b) => a.sub(b) },
  rsub: { inputs: () => [r([3])], fn: (a) => torch.sub(2, a) },
  mul: { inputs: () => [r([2, 3]), r([3])], fn: (a, b) => a.mul(b) },
  div: { inputs: () => [r([2, 3]), pos([3])], fn: (a, b) => a.div(b) },
  remainder: {
    inputs: () => [r([3], 0.1, 0.9), torch.tensor([2.0, 3.0, 5.0], { dtype: torch.float64, requires_grad: true })],
    fn: (a, b) => a.remainder(b),
    secondOrder: false,
  },
  fmod: {
    inputs: () => [r([3], 0.1, 0.9), torch.tensor([2.0, 3.0, 5.0], { dtype: torch.float64, requires_grad: true })],
    fn: (a, b) => a.fmod(b),
    secondOrder: false,
  },
  pow: { inputs: () => [pos([3])], fn: (a) => a.pow(2.5) },
  pow_tensor: { inputs: () => [pos([3]), r([3])], fn: (a, b) => a.pow(b) },
  atan2: { inputs: () => [r([3]), pos([3])], fn: (a, b) => a.atan2(b) },
  maximum: { inputs: () => [r([3], 0, 1), r([3], -1, -0.1)], fn: (a, b) => a.maximum(b), secondOrder: false },
  minimum: { inputs: () => [r([3], 0, 1), r([3], -1, -0.1)], fn: (a, b) => a.minimum(b), secondOrder: false },
  xlogy: { inputs: () => [r([3]), pos([3])], fn: (a, b) => a.xlogy(b) },
  hypot: { inputs: () => [r([3]), pos([3])], fn: (a, b) => a.hypot(b) },
  logaddexp: { inputs: () => [r([3]), r([3])], fn: (a, b) => a.logaddexp(b) },
  where: { inputs: () => [r([3]), r([3])], fn: (a, b) => torch.where(torch.tensor([true, false, true]), a, b) },
  lerp: { inputs: () => [r([3]), r([3]), r([3])], fn: (a, b, w) => a.lerp(b, w) },
  neg: { inputs: () => [r([3])], fn: (a) => a.neg() },
  abs: { inputs: () => [r([3], 0.2, 1)], fn: (a) => a.abs(), secondOrder: false },
  sign: { inputs: () => [r([3], 0.2, 1)], fn: (a) => a.sign(), secondOrder: false },
  sgn: { inputs: () => [r([3], 0.2, 1)], fn: (a) => a.sgn(), secondOrder: false },
  reciprocal: { inputs: () => [pos([3])], fn: (a) => a.reciprocal() },
  exp: { inputs: () => [r([3])], fn: (a) => a.exp() },
  exp2: { inputs: () => [r([3])], fn: (a) => a.exp2() },
  expm1: { inputs: () => [r([3])], fn: (a) => a.expm1() },
  log: { inputs: () => [pos([3])], fn: (a) => a.log() },
  log2: { inputs: () => [pos([3])], fn: (a) => a.log2() },
  log10: { inputs: () => [pos([3])], fn: (a) => a.log10() },
  log1p: { inputs: () => [pos([3])], fn: (a) => a.log1p() },
  sqrt: { inputs: () => [pos([3])], fn: (a) => a.sqrt() },
  rsqrt: { inputs: () => [pos([3])], fn: (a) => a.rsqrt() },
  square: { inputs: () => [r([3])], fn: (a) => a.square() },
  sin: { inputs: () => [r([3])], fn: (a) => a.sin() },
  cos: { inputs: () => [r([3])], fn: (a) => a.cos() },
  tan: { inputs: () => [unit([3])], fn: (a) => a.tan() },
  asin: { inputs: () => [unit([3])], fn: (a) => a.asin() },
  acos: { inputs: () => [unit([3])], fn: (a) => a.acos() },
  atan: { inputs: () => [r([3])], fn: (a) => a.atan() },
  sinh: { inputs: () => [r([3])], fn: (a) => a.sinh() },
  cosh: { inputs: () => [r([3])], fn: (a) => a.cosh() },
  tanh: { inputs: () => [r([3])], fn: (a) => a.tanh() },
  asinh: { inputs: () => [r([3])], fn: (a) => a.asinh() },
  acosh: { inputs: () => [r([3], 1.5, 3)], fn: (a) => a.acosh() },
  atanh: { inputs: () => [unit([3])], fn: (a) => a.atanh() },
  sigmoid: { inputs: () => [r([3])], fn: (a) => a.sigmoid() },
  logit: { inputs: () => [r([3], 0.2, 0.8)], fn: (a) => a.logit() },
  relu: { inputs: () => [r([3], 0.2, 1)], fn: (a) => a.relu(), secondOrder: false },
  gelu: { inputs: () => [r([3])], fn: (a) => F.gelu(a) },
  gelu_tanh: { inputs: () => [r([3])], fn: (a) => F.gelu(a, { approximate: "tanh" }) },
  gelu_backward: {
    inputs: () => [r([3]), r([3], -2, 2)],
    fn: (g, a) => torch.add(gelu_backward(g, a, "none"), gelu_backward(g, a, "tanh")),
  },
  silu: { inputs: () => [r([3])], fn: (a) => F.silu(a) },
  mish: { inputs: () => [r([3])], fn: (a) => F.mish(a) },
  softplus: { inputs: () => [r([3])], fn: (a) => F.softplus(a, 2, 20) },
  leaky_relu: { inputs: () => [r([3], 0.2, 1)], fn: (a) => leaky_relu(a, 0.1), secondOrder: false },
  elu: { inputs: () => [r([3], 0.2, 1)], fn: (a) => elu(a, 1.0) },
  hardtanh: { inputs: () => [r([3], -0.5, 0.5)], fn: (a) => hardtanh(a, -1, 1), secondOrder: false },
  erf: { inputs: () => [r([3])], fn: (a) => a.erf() },
  erfc: { inputs: () => [r([3])], fn: (a) => a.erfc() },
  floor: { inputs: () => [r([3], 0.1, 0.9)], fn: (a) => a.floor(), secondOrder: false },
  ceil: { inputs: () => [r([3], 0.1, 0.9)], fn: (a) => a.ceil(), secondOrder: false },
  trunc: { inputs: () => [r([3], 0.1, 0.9)], fn: (a) => a.trunc(), secondOrder: false },
  round: { inputs: () => [r([3], 0.1, 0.4)], fn: (a) => a.round(), secondOrder: false },
  round_decimals: { inputs: () => [r([3], 0.11, 0.14)], fn: (a) => a.round({ decimals: 1 }), secondOrder: false },
  frac: { inputs: () => [r([3], 0.1, 0.9)], fn: (a) => a.frac(), secondOrder: false },
  clamp: { inputs: () => [r([4], -2, 2)], fn: (a) => a.clamp(-2.5, 2.5), secondOrder: false },
  nan_to_num: { inputs: () => [r([3])], fn: (a) => a.nan_to_num() },
  sum: { inputs: () => [r([2, 3])], fn: (a) => a.sum(1) },
  mean: { inputs: () => [r([2, 3])], fn: (a) => a.mean(0, true) },
  prod: { inputs: () => [r([2, 3])], fn: (a) => a.prod(1) },
  max_all: { inputs: () => [distinct()], fn: (a) => a.max(), secondOrder: false },
  min_all: { inputs: () => [distinct()], fn: (a) => a.min(), secondOrder: false },
  max_dim: { inputs: () => [distinct()], fn: (a) => a.max(1).values, secondOrder: false },
  min_dim: { inputs: () => [distinct()], fn: (a) => a.min(0, true).values, secondOrder: false },
  amax: { inputs: () => [distinct()], fn: (a) => a.amax(1), secondOrder: false },
  amin: { inputs: () => [distinct()], fn: (a) => a.amin(0), secondOrder: false },
  var: { inputs: () => [r([2, 3])], fn: (a) => a.var(1) },
  norm: { inputs: () => [r([2, 3], 0.2, 1)], fn: (a) => a.norm(2, 1) },
  logsumexp: { inputs: () => [r([2, 3])], fn: (a) => a.logsumexp(1) },
  cumsum: { inputs: () => [r([2, 3])], fn: (a) => a.cumsum(1) },
  cumprod: { inputs: () => [r([2, 3], 0.5, 1.5)], fn: (a) => a.cumprod(1) },
  dot: { inputs: () => [r([3]), r([3])], fn: (a, b) => torch.dot(a, b) },
  mv: { inputs: () => [r([2, 3]), r([3])], fn: (a, b) => a.mv(b) },
  mm: { inputs: () => [r([2, 3]), r([3, 2])], fn: (a, b) => a.mm(b) },
  bmm: { inputs: () => [r([2, 2, 3]), r([2, 3, 2])], fn: (a, b) => a.bmm(b) },
  addmm: {
    inputs: () => [r([2]), r([2, 3]), r([3, 2])],
    fn: (c, a, b) => torch.addmm(c, a, b, { beta: 0.5, alpha: 2 }),
  },
  squeeze_dims: { inputs: () => [r([3]), r([3, 2])], fn: (a, b) => a.matmul(b) },
  view: { inputs: () => [r([2, 3])], fn: (a) => a.view(3, 2) },
  _unsafe_view: { inputs: () => [r([2, 3])], fn: (a) => a.t().reshape(6) },
  transpose: { inputs: () => [r([2, 3])], fn: (a) => a.transpose(0, 1) },
  permute: { inputs: () => [r([2, 3, 2])], fn: (a) => a.permute(2, 0, 1) },
  expand: { inputs: () => [r([3, 1])], fn: (a) => a.expand(2, 3, 4) },
  squeeze: { inputs: () => [r([3, 1])], fn: (a) => a.squeeze(1) },
  unsqueeze: { inputs: () => [r([3])], fn: (a) => a.unsqueeze(0) },
  select: { inputs: () => [r([2, 3])], fn: (a) => a.select(1, 2) },
  slice: { inputs: () => [r([4, 3])], fn: (a) => a.narrow(0, 1, 2) },
  diagonal: { inputs: () => [r([3, 3])], fn: (a) => a.diagonal() },
  as_strided: { inputs: () => [r([2, 3])], fn: (a) => a.as_strided([2, 2], [3, 1], 1) },
  clone: { inputs: () => [r([3])], fn: (a) => a.clone() },
  // a float32 round trip: finite differences need a larger step and tolerance
  _to_copy: {
    inputs: () => [r([3])],
    fn: (a) => a.to(torch.float32).to(torch.float64),
    opts: { eps: 1e-3, atol: 1e-3 },
  },
  copy_: { inputs: () => [r([3])], fn: (a) => torch.zeros(3, { dtype: torch.float64 }).copy_(a) },
  fill: { inputs: () => [r([3]), r([])], fn: (a, v) => a.clone().fill_(v) },
  fill_scalar: { inputs: () => [r([3])], fn: (a) => a.clone().fill_(2) },
  zero: { inputs: () => [r([3])], fn: (a) => a.mul(2).zero_() },
  remainder_scalar: { inputs: () => [r([3], 0.1, 0.9)], fn: (a) => a.remainder(2), secondOrder: false },
  fmod_scalar: { inputs: () => [r([3], 0.1, 0.9)], fn: (a) => a.fmod(2), secondOrder: false },
  lerp_scalar: { inputs: () => [r([3]), r([3])], fn: (a, b) => a.lerp(b, 0.3) },
  masked_fill_tensor: {
    inputs: () => [r([3]), r([])],
    fn: (a, v) => a.masked_fill(torch.tensor([true, false, true]), v),
  },
  masked_fill: { inputs: () => [r([3])], fn: (a) => a.masked_fill(torch.tensor([true, false, true]), 0.5) },
};
