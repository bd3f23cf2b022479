/**
 * Fused multiply-add, a * b + c rounded once, for float64 and float32. PyTorch's AVX2 kernels are
 * compiled with -mfma and GCC contracts `start + step * i` into an fma, so formulas copied from
 * ATen (linspace) need it to give the same bits. JS has no Math.fma: these use error-free
 * transformations (Dekker's product, Knuth's sum) and rounding to odd, which makes the final
 * rounding correct (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums", 2008).
 */

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // u32[0] is the low word on little-endian hosts
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/** 2^27 + 1: splits a double into two 26-bit halves (Veltkamp). */
const SPLIT = 134217729;

/**
 * `s` rounded to odd given the exact error `e` of the sum it came from (exact = s + e): s itself
 * when exact or when its last bit is already odd, else the neighbour of s on e's side.
 */
function roundToOdd(s: number, e: number): number {
  if (e === 0 || !Number.isFinite(s)) return s;
  f64[0] = s;
  if (u32[LOW] & 1) return s;
  // Moving away from zero adds one to the magnitude's bit pattern; toward zero subtracts one.
  const away = s > 0 === e > 0;
  if (away)
    u32[LOW] += 1; // the last bit is 0: no carry
  else if (u32[LOW] === 0) {
    u32[LOW] = 0xffffffff;
    u32[HIGH] -= 1;
  } else u32[LOW] -= 1;
  return f64[0];
}

/** a * b + c with one rounding to float64. */
export function fma64(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c) || p === 0 || c === 0) return p + c;
  // Dekker's exact product: a * b = p + pe. (Inputs here are far from overflow.)
  let t = SPLIT * a;
  const ah = t - (t - a),
    al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b),
    bl = b - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl;
  // Knuth's exact sum: c + p = s + se.
  const s = c + p,
    bb = s - c,
    se = c - (s - bb) + (p - bb);
  // u = RO(pe + se), then RN(s + u) is the correctly rounded a * b + c.
  const u = pe + se,
    ub = u - pe,
    ue = pe - (u - ub) + (se - ub);
  return s + roundToOdd(u, ue);
}

/** a * b + c with one rounding to float32, for float32 inputs (the product is exact in a double). */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  // Rounding the double sum to float32 is correct unless the sum landed exactly on a midpoint
  // between two float32s (then r and 2s - r are neighbours): the fast path for nearly every input.
  const twin = 2 * s - r;
  if (r === s || Math.fround(twin) !== twin || !Number.isFinite(s)) return r;
  // Exact error of the double sum, then round to odd so that the second rounding (to float32)
  // is not a double rounding.
  const bb = s - p,
    e = p - (s - bb) + (c - bb);
  return Math.fround(roundToOdd(s, e));
}
