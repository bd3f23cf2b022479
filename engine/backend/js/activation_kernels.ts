/**
 * GELU kernels, computed the way PyTorch's CPU kernels compute them so the rounding matches:
 * - float64 and the float32 scalar path: ATen's GeluKernelImpl / GeluBackwardKernelImpl
 *   (aten/src/ATen/native/cpu/Activation.cpp), each step rounded to the dtype;
 * - float32 inputs that are contiguous with more than one element: PyTorch hands them to oneDNN
 *   (`use_mkldnn` in aten/src/ATen/native/Activation.cpp), whose gelu_erf uses Abramowitz and
 *   Stegun's erf with its own exp polynomial (jit_uni_eltwise_injector.cpp). That erf is only
 *   ~1e-7 accurate, which shows in the last digits (gelu(-3.) is -0.0040498674, not -0.0040496886).
 */
import { erf } from "./scalar_ops.js";
import { expm1f } from "./glibc_float.js";
import type { ActivationBinaryKernel, ActivationUnaryKernel } from "../kernels.js";

const fr = Math.fround;
/** fma in float32: the product of two float32s is exact in a double, so one rounding remains (twice, rarely off by one ulp). */
const fma32 = (a: number, b: number, c: number): number => fr(a * b + c);

// ---- oneDNN's float32 exp and erf (jit_uni_eltwise_injector.cpp, exp_compute_vector_fwd) ----------
const LOG2E = fr(1.44269502162933349609375),
  LN2 = fr(0.693147182464599609375);
const LN_FLT_MAX = fr(88.72283172607421875),
  LN_FLT_MIN = fr(-87.3365478515625);
const EXP_POL = [0.999999701, 0.499991506, 0.166676521, 0.0418978221, 0.00828929059].map(fr);

function onednnExp(x: number): number {
  if (x !== x) return x;
  const under = x < LN_FLT_MIN;
  const c = Math.min(Math.max(x, LN_FLT_MIN), LN_FLT_MAX);
  const n = Math.floor(fr(fr(c * LOG2E) + 0.5));
  const r = fr(c - n * LN2); // fnmadd: one rounding
  let p = EXP_POL[4];
  for (let k = 3; k >= 0; k--) p = fma32(p, r, EXP_POL[k]);
  p = fma32(p, r, 1);
  return under ? 0 : fr(p * 2 ** n);
}

const ONE_OVER_SQRT2 = fr(Math.SQRT1_2),
  ONE_OVER_SQRTPI = fr(1 / Math.sqrt(Math.PI));
const AS_P = fr(0.3275911);
const AS_POL = [0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429].map(fr);

/** Abramowitz and Stegun 7.1.26 as oneDNN evaluates it: erf(r) with the sign copied from r. */
function onednnErf(r: number, q: number): number {
  const w = fr(1 / fma32(AS_P, Math.abs(r), 1));
  let poly = AS_POL[4];
  for (let k = 3; k >= 0; k--) poly = fma32(poly, w, AS_POL[k]);
  const e = fma32(fr(-q * w), poly, 1);
  return r < 0 || Object.is(r, -0) ? -e : e;
}

/** oneDNN gelu_erf forward: S + S * erf(x / sqrt 2) with S = x / 2 (so gelu(-0.) is +0.). */
export function geluOneDnn32(x: number): number {
  const r = fr(x * ONE_OVER_SQRT2);
  const e = onednnErf(r, onednnExp(fr(-fr(r * r))));
  const s = fr(x * 0.5);
  return fma32(s, e, s);
}

/**
 * oneDNN gelu_erf backward factor: 0.5 + x / sqrt(2 pi) * exp(-x^2 / 2) + 0.5 * erf(x / sqrt 2).
 * NOTE: matches PyTorch's values at the golden points exactly; elsewhere within ~32 ulp around
 * x in [-2.6, -1.2] (oneDNN's exact instruction order there is not reproduced).
 */
export function geluBackwardOneDnn32(x: number): number {
  const r = fr(x * ONE_OVER_SQRT2);
  const q = onednnExp(fr(-fr(r * r)));
  const t = fr(fr(r * ONE_OVER_SQRTPI) * q);
  const e = onednnErf(r, q);
  return fma32(e, 0.5, fr(t + 0.5));
}

// ---- ATen's formulas, each step rounded by `rd` (Math.fround for float32, identity for float64) ----
type Round = (v: number) => number;
const id: Round = (v) => v;
const KALPHA = Math.SQRT1_2,
  KBETA_ERF = (2 / Math.sqrt(Math.PI)) * Math.SQRT1_2 * 0.5;
const KBETA_TANH = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5,
  KKAPPA = 0.044715;

function gelu(x: number, rd: Round): number {
  return rd(rd(x * 0.5) * rd(1 + rd(erf(rd(x * rd(KALPHA))))));
}
function geluBackward(dy: number, x: number, rd: Round): number {
  const cdf = rd(0.5 * rd(1 + rd(erf(rd(x * rd(KALPHA))))));
  const pdf = rd(rd(KBETA_ERF) * rd(Math.exp(rd(rd(x * x) * -0.5))));
  return rd(dy * rd(cdf + rd(x * pdf)));
}
function geluTanh(x: number, rd: Round): number {
  const inner = rd(rd(KBETA_TANH) * rd(x + rd(rd(KKAPPA) * rd(rd(x * x) * x))));
  return rd(rd(0.5 * x) * rd(1 + rd(Math.tanh(inner))));
}
function geluTanhBackward(dy: number, x: number, rd: Round): number {
  const beta = rd(KBETA_TANH),
    kappa = rd(KKAPPA);
  const xSq = rd(x * x),
    xCube = rd(xSq * x);
  const th = rd(Math.tanh(rd(beta * rd(x + rd(kappa * xCube)))));
  const left = rd(0.5 * x),
    right = rd(1 + th);
  const leftDerivative = rd(0.5 * right);
  const tanhDerivative = rd(1 - rd(th * th));
  const innerDerivative = rd(beta * rd(1 + rd(rd(3 * kappa) * xSq)));
  const rightDerivative = rd(rd(left * tanhDerivative) * innerDerivative);
  return rd(dy * rd(leftDerivative + rightDerivative));
}

// ---- mish: x * tanh(softplus(x)), ATen's MishKernel in float steps --------------------------------

/**
 * tanh for a float32 argument as glibc's s_tanhf.c (fdlibm) computes it, through expm1f in float
 * arithmetic; it is not correctly rounded (tanhf(0.31326169) is 0.30340144, 1 ulp below).
 */
function tanhf(x: number): number {
  const a = Math.abs(x);
  if (a !== a) return x;
  if (a === 0) return x;
  let z: number;
  if (a >= 22) z = 1;
  else if (a >= 1) z = fr(1 - fr(2 / fr(expm1f(fr(2 * a)) + 2)));
  else {
    const t = expm1f(fr(-2 * a));
    z = fr(-t / fr(t + 2));
  }
  return x < 0 ? -z : z;
}
/**
 * tanh(softplus(x)): the factor both directions share (PyTorch's mish kernels spell it out the same way).
 * NOTE: this is the scalar lambda's arithmetic (glibc), which PyTorch runs for tensors shorter than 16
 * and for tails; its vectorized body (SLEEF) can differ by a few ulp where the backward cancels.
 */
function tanhSoftplus(x: number, rd: Round): number {
  const sp = rd(Math.log1p(rd(Math.exp(x))));
  return rd === fr ? tanhf(sp) : Math.tanh(sp);
}
function mish(x: number, rd: Round): number {
  return rd(x * tanhSoftplus(x, rd));
}
function mishBackward(dy: number, x: number, rd: Round): number {
  const sigmoid = rd(1 / rd(1 + rd(Math.exp(-x))));
  const tsp = tanhSoftplus(x, rd);
  return rd(dy * rd(tsp + rd(rd(x * sigmoid) * rd(1 - rd(tsp * tsp)))));
}

export const ACTIVATION_UNARY: Record<ActivationUnaryKernel, (x: number, p: readonly number[]) => number> = {
  gelu: (x) => gelu(x, id),
  gelu_f32: (x) => gelu(x, fr),
  gelu_onednn_f32: geluOneDnn32,
  gelu_tanh: (x) => geluTanh(x, id),
  gelu_tanh_f32: (x) => geluTanh(x, fr),
  mish: (x) => mish(x, id),
  mish_f32: (x) => mish(x, fr),
};

export const ACTIVATION_BINARY: Record<
  ActivationBinaryKernel,
  (dy: number, x: number, p: readonly number[]) => number
> = {
  gelu_backward: (dy, x) => geluBackward(dy, x, id),
  gelu_backward_f32: (dy, x) => geluBackward(dy, x, fr),
  gelu_backward_onednn_f32: (dy, x) => fr(dy * geluBackwardOneDnn32(x)),
  gelu_tanh_backward: (dy, x) => geluTanhBackward(dy, x, id),
  gelu_tanh_backward_f32: (dy, x) => geluTanhBackward(dy, x, fr),
  mish_backward: (dy, x) => mishBackward(dy, x, id),
  mish_backward_f32: (dy, x) => mishBackward(dy, x, fr),
};
