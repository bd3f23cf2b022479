/**
 * SLEEF's vectorized float32 exp (Sleef_expf8_u10, src/libm/sleefsimdsp.c, xexpf), which PyTorch's
 * AVX2 build runs for float32 exp: exp(x) = 2^q * e^s with q = rint(x / ln2), s reduced in two
 * fma steps (Cody-Waite), then a degree-6 polynomial in s evaluated with fma. It is within 1 ulp
 * but not correctly rounded, and the last bit shows in printing: exp(4.) is 54.5981559753 (1 ulp up),
 * printed 54.5982 where the correctly rounded 54.5981483459 prints 54.5981.
 */
import { fma32 } from "../../tensor/fma.js";

const fr = Math.fround;

const R_LN2F = fr(1.442695040888963407359924681001892137426645954152985934135449406931);
const L2U = fr(0.693145751953125),
  L2L = fr(1.428606765330187045e-6);
const C0 = fr(0.000198527617612853646278381),
  C1 = fr(0.00139304355252534151077271),
  C2 = fr(0.00833336077630519866943359),
  C3 = fr(0.0416664853692054748535156),
  C4 = fr(0.166666671633720397949219);

// NOTE: hot path (exp, sigmoid): no Math.round or `2 ** k` calls per element, which cost 3x.
/** Adding and subtracting 1.5 * 2^52 rounds a double to an integer, ties to even (_mm256_cvtps_epi32). */
const RINT = 6755399441055744;
/** 2^k for k in [-256, 255], for vldexp2's two exact scalings. */
const POW2 = new Float64Array(512).map((_, i) => 2 ** (i - 256));

/** Sleef_expf_u10 for one float32 argument (the AVX2 FMA variant). */
export function sleefExpf(x: number): number {
  const d = fr(x);
  if (!(d >= -104)) return d !== d ? d : 0;
  if (d > 100) return Infinity;
  const q = fr(d * R_LN2F) + RINT - RINT;
  let s = fma32(q, -L2U, d);
  s = fma32(q, -L2L, s);
  let u = fma32(C0, s, C1);
  u = fma32(u, s, C2);
  u = fma32(u, s, C3);
  u = fma32(u, s, C4);
  u = fma32(u, s, 0.5);
  u = fr(1 + fma32(fr(s * s), u, s));
  // vldexp2: two exact power-of-two scalings (so 2^q never overflows on its own).
  const h = q >> 1;
  return fr(fr(u * POW2[h + 256]) * POW2[q - h + 256]);
}
