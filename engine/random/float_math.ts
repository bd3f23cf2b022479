/**
 * Exact floating-point steps that PyTorch's random kernels need and JavaScript lacks:
 *
 * - fused multiply-add: `fma32` / `fma64` from tensor/fma.ts (uniform_ and normal_ are contracted
 *   into one FMA by GCC in Debian's -mfma build).
 * - `logPs` / `sincosPs`: the float32 Cephes `log256_ps` / `sincos256_ps` of
 *   aten/src/ATen/native/cpu/avx_mathfun.h, used by the vectorised float32 normal fill, emulated lane by
 *   lane with every `a*b + c` as one fused operation.
 */

import { fma32 } from "../tensor/fma.js";

const fround = Math.fround;

// Scratch views for reading/writing IEEE bit patterns (little-endian, as on every Node platform).
const F32 = new Float32Array(1);
const F32_BITS = new Uint32Array(F32.buffer);

/** IEEE bit pattern of a float32 value (the double is rounded to float32 first). */
export function f32Bits(x: number): number {
  F32[0] = x;
  return F32_BITS[0]!;
}

/** The float32 whose bit pattern is `bits`. */
export function f32FromBits(bits: number): number {
  F32_BITS[0] = bits >>> 0;
  return F32[0]!;
}

// ------------------------------------------------------------------------------------------------
// avx_mathfun.h log256_ps / sincos256_ps, one float32 lane (torch-spec.md §4.4.3)
// ------------------------------------------------------------------------------------------------

// NOTE: the polynomials run as loops over constant tables so each function has few fma32 call
// sites and V8 inlines all of them (see fma32).
const SQRTHF = fround(0.707106781186547524);
const LOG_P = Float64Array.from(
  [
    7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
    2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
  ],
  fround,
);
const LOG_Q1 = fround(-2.1219444e-4);
const LOG_Q2 = fround(0.693359375);
const MIN_NORM_POS = 2 ** -126;

/** log256_ps for one lane. Only (0, 1] matters for the normal fill; x <= 0 gives NaN. */
export function logPs(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < MIN_NORM_POS) x = MIN_NORM_POS; // _mm256_max_ps(x, min_norm_pos): denormals are clamped
  F32[0] = x;
  const bits = F32_BITS[0]!;
  let e = fround((bits >>> 23) - 127 + 1); // exponent as float, plus one (mantissa in [0.5, 1))
  F32_BITS[0] = (bits & 0x807fffff) | 0x3f000000;
  let m = F32[0]!;
  if (m < SQRTHF) {
    // fold [0.5, sqrt(1/2)) up: e -= 1; m = m + m - 1, computed as (m - 1) + m
    e = fround(e - 1);
    m = fround(fround(m - 1) + m);
  } else {
    m = fround(m - 1);
  }
  const z = fround(m * m);
  let y = LOG_P[0]!;
  for (let k = 1; k < 9; k++) y = fma32(y, m, LOG_P[k]!); // Horner, each step fused
  y = fround(y * m);
  y = fma32(y, z, fround(e * LOG_Q1)); // y*z + e*q1: GCC fused the y*z product
  y = fround(y - fround(z * 0.5));
  m = fround(m + y);
  return fma32(e, LOG_Q2, m);
}

const FOPI = fround(1.27323954473516); // 4 / pi
// -pi/4 split in three parts for an extended-precision range reduction (DP1..DP3).
const DP = Float64Array.from([-0.78515625, -2.4187564849853515625e-4, -3.77489497744594108e-8], fround);
const SIN_P = Float64Array.from([-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1], fround);
const COS_P = Float64Array.from([2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2], fround);

/** sincos256_ps for one lane: writes sin(x) to out[0] and cos(x) to out[1] (float32 values). */
export function sincosPs(x: number, out: Float64Array): void {
  let signSin = x < 0 || Object.is(x, -0);
  x = Math.abs(x);
  let j = Math.trunc(fround(x * FOPI)); // cvttps2dq: truncate toward zero
  j = (j + 1) & ~1;
  const y = j; // small integer: exact as float32
  const swapSin = (j & 4) !== 0;
  const polyIsCos = (j & 2) !== 0; // lanes where sin uses the cosine polynomial (and vice versa)
  for (let k = 0; k < 3; k++) x = fma32(y, DP[k]!, x); // x - j*pi/4, one fused step per part
  const signCos = (~(j - 2) & 4) !== 0;
  signSin = signSin !== swapSin;
  const z = fround(x * x);
  let yc = COS_P[0]!,
    ys = SIN_P[0]!;
  for (let k = 1; k < 3; k++) {
    yc = fma32(yc, z, COS_P[k]!);
    ys = fma32(ys, z, SIN_P[k]!);
  }
  yc = fround(yc * z);
  yc = fma32(yc, z, -fround(z * 0.5));
  yc = fround(yc + 1);
  ys = fround(ys * z);
  ys = fma32(ys, x, x);
  const s = polyIsCos ? yc : ys;
  const c = polyIsCos ? ys : yc;
  // The kernel XORs sign bits; negation flips the sign bit exactly (zeros included).
  out[0] = signSin ? -s : s;
  out[1] = signCos ? -c : c;
}
