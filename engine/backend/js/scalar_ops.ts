/**
 * Per-element functions of the JS backend, keyed by kernel name. Values are JS doubles; the
 * typed array they are stored into rounds them to the output dtype (fround for float32).
 */

// NOTE: activation_kernels.ts imports erf back from here; import it only through this module.
import { ACTIVATION_BINARY, ACTIVATION_UNARY } from "./activation_kernels.js";
import type { BinaryKernel, TernaryKernel, UnaryKernel } from "../kernels.js";

// erf/erfc after fdlibm (as glibc, which PyTorch's scalar kernels call); re-exported for activation kernels.
import { erf, erfc } from "./erf.js";
export { erf };

/** Round half to even, as torch.round (std::nearbyint). */
function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export const UNARY: Record<UnaryKernel, (x: number, p: readonly number[]) => number> = {
  identity: (x) => x,
  neg: (x) => -x,
  abs: (x) => Math.abs(x),
  // (0 < x) - (x < 0), as ATen's sign kernel: NaN gives 0, -0 gives +0.
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  sgn: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  reciprocal: (x) => 1 / x,
  exp: Math.exp,
  exp2: (x) => 2 ** x,
  expm1: Math.expm1,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  square: (x) => x * x,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  // logit(x) with x clamped to [p[0], p[1]] when eps is given (NaN bounds: no clamp)
  logit: (x, p) => {
    const z = p[0] === p[0] ? (x < p[0] ? p[0] : x > p[1] ? p[1] : x) : x;
    return Math.log(z / (1 - z));
  },
  // relu is clamp_min(x, 0) in ATen: std::max(x, 0) keeps -0 and NaN.
  relu: (x) => (x < 0 ? 0 : x),
  ...ACTIVATION_UNARY,
  silu: (x) => x / (1 + Math.exp(-x)),
  // softplus(x, beta, threshold): linear above threshold, as torch
  softplus: (x, p) => (x * p[0] > p[1] ? x : Math.log1p(Math.exp(x * p[0])) / p[0]),
  leaky_relu: (x, p) => (x > 0 ? x : x * p[0]),
  elu: (x, p) => (x > 0 ? x : p[0] * Math.expm1(x)),
  hardtanh: (x, p) => Math.min(Math.max(x, p[0]), p[1]),
  erf,
  erfc,
  floor: Math.floor,
  ceil: Math.ceil,
  trunc: Math.trunc,
  round: roundHalfEven,
  // round(x, decimals): as torch, nearbyint(x * 10^d) / 10^d
  round_decimals: (x, p) => {
    const s = 10 ** p[0];
    return roundHalfEven(x * s) / s;
  },
  frac: (x) => x - Math.trunc(x),
  // clamp(x, min, max) with NaN bounds meaning "none"; NaN inputs stay NaN
  clamp: (x, p) => {
    let y = x;
    if (p[0] === p[0] && y < p[0]) y = p[0];
    if (p[1] === p[1] && y > p[1]) y = p[1];
    return y;
  },
  isnan: (x) => (x !== x ? 1 : 0),
  isinf: (x) => (x === Infinity || x === -Infinity ? 1 : 0),
  isfinite: (x) => (Number.isFinite(x) ? 1 : 0),
  logical_not: (x) => (x === 0 ? 1 : 0),
  bitwise_not_bool: (x) => (x === 0 ? 1 : 0),
  bitwise_not: (x) => ~x,
  nonzero_bool: (x) => (x !== 0 ? 1 : 0),
  pow_scalar: (x, p) => powf(x, p[0]),
  rpow_scalar: (x, p) => powf(p[0], x),
  // x * p[0] + p[1]: scaling used by mean/linspace-style kernels
  affine: (x, p) => x * p[0] + p[1],
  fill: (_x, p) => p[0],
  heaviside_zero: (x) => (x > 0 ? 1 : 0),
  nan_to_num: (x, p) => (x !== x ? p[0] : x === Infinity ? p[1] : x === -Infinity ? p[2] : x),
};

/** pow with C's special cases (JS gives NaN for 1 ** NaN and (-1) ** ±Infinity; C gives 1). */
export function powf(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return a ** b;
}

function pyRemainder(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

export const BINARY: Record<BinaryKernel, (a: number, b: number, p: readonly number[]) => number> = {
  add: (a, b) => a + b,
  // add with alpha: a + alpha * b
  add_alpha: (a, b, p) => a + p[0] * b,
  sub: (a, b) => a - b,
  sub_alpha: (a, b, p) => a - p[0] * b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  div_trunc: (a, b) => Math.trunc(a / b),
  div_floor: (a, b) => Math.floor(a / b),
  // Python/torch floor division of floats: floor(a / b) with torch's fmod-based correction
  floor_divide: (a, b) => {
    if (b === 0) return a / b;
    const mod = a % b;
    let div = (a - mod) / b;
    if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
    if (div === 0) return 0 * (a / b);
    const fl = Math.floor(div);
    return div - fl > 0.5 ? fl + 1 : fl;
  },
  remainder: pyRemainder,
  fmod: (a, b) => a % b,
  pow: powf,
  atan2: Math.atan2,
  // _mm256_max_ps / _mm256_min_ps return the second operand on ties (-0 vs 0); the scalar tail
  // (std::max, first operand) is in vectorized_loop.ts.
  maximum: (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b),
  minimum: (a, b) => (a !== a || b !== b ? NaN : a < b ? a : b),
  fmax: (a, b) => (a !== a ? b : b !== b ? a : Math.max(a, b)),
  fmin: (a, b) => (a !== a ? b : b !== b ? a : Math.min(a, b)),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
  logical_and: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  logical_or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
  logical_xor: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0),
  bitwise_and: (a, b) => Number(BigInt(a) & BigInt(b)),
  bitwise_or: (a, b) => Number(BigInt(a) | BigInt(b)),
  bitwise_xor: (a, b) => Number(BigInt(a) ^ BigInt(b)),
  // isclose(a, b, rtol, atol, equal_nan)
  isclose: (a, b, p) => {
    if (a === b) return 1;
    if (a !== a || b !== b) return p[2] && a !== a && b !== b ? 1 : 0;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return 0;
    return Math.abs(a - b) <= p[1] + p[0] * Math.abs(b) ? 1 : 0;
  },
  xlogy: (a, b) => (b !== b ? NaN : a === 0 ? 0 : a * Math.log(b)),
  hypot: (a, b) => Math.hypot(a, b),
  // As ATen's logaddexp kernel: equal infinities return themselves (-inf + -inf is -inf, not NaN).
  logaddexp: (a, b) => {
    if (a === b && !Number.isFinite(a)) return a;
    const m = a > b ? a : b;
    return m + Math.log1p(Math.exp(-Math.abs(a - b)));
  },
  ...ACTIVATION_BINARY,
  // gradient helpers used by backward formulas
  threshold_backward: (g, x, p) => (x <= p[0] ? 0 : g),
  sigmoid_backward: (g, y) => g * (1 - y) * y,
  tanh_backward: (g, y) => g * (1 - y * y),
  copysign: (a, b) => (Math.sign(b) === -1 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a)),
  axpby: (a, b, p) => (p[0] === 0 ? 0 : p[0] * a) + p[1] * b,
  running_stat: (a, b, p) => p[0] * a * p[1] + (1 - p[0]) * b,
};

export const TERNARY: Record<TernaryKernel, (a: number, b: number, c: number) => number> = {
  where: (c, a, b) => (c !== 0 ? a : b),
  lerp: (a, b, w) => (Math.abs(w) < 0.5 ? a + w * (b - a) : b - (b - a) * (1 - w)),
  clamp: (x, lo, hi) => (x !== x ? x : Math.min(Math.max(x, lo), hi)),
  addcmul: (a, b, c) => a + b * c,
  addcdiv: (a, b, c) => a + b / c,
};
