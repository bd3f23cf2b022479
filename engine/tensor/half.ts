/**
 * float16 rounding. float16 tensors live in a Float32Array (every half value is a float32), so
 * storing into one rounds twice: to float32 (the typed array) and then to half precision here,
 * as c10::Half(float) does: round to nearest even, overflow to inf, gradual underflow through the
 * half subnormals (c10/util/Half.h, fp16_ieee_from_fp32_value).
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Bits of 65520.0f: the first float32 that rounds to inf in half precision (65504 + half an ulp). */
const HALF_OVERFLOW = 0x477ff000;
/** Bits of 2^-14: the smallest normal half. */
const HALF_MIN_NORMAL = 0x38800000;
/** 2^52: adding it to a non-negative double below 2^52 rounds to an integer, half to even. */
const ROUND_INT = 2 ** 52;

/** Rounds the float32 bit pattern `b` to the nearest half value, as a float32 bit pattern. */
function roundBits(b: number): number {
  const sign = b & 0x80000000;
  const abs = b & 0x7fffffff;
  if (abs >= 0x7f800000) return b; // inf and NaN stay
  if (abs >= HALF_OVERFLOW) return (sign | 0x7f800000) >>> 0;
  if (abs >= HALF_MIN_NORMAL) {
    // Drop 13 of float32's 23 mantissa bits, ties to even (a carry may bump the exponent: fine).
    return (sign | ((abs + 0xfff + ((abs >>> 13) & 1)) & ~0x1fff)) >>> 0;
  }
  // Subnormal half: a multiple of 2^-24. |x| * 2^24 < 1024 is exact in a double.
  u32[0] = abs;
  const q = (f32[0] * 2 ** 24 + ROUND_INT - ROUND_INT) * 2 ** -24;
  f32[0] = q;
  return (sign | u32[0]) >>> 0;
}

/** The float16 value nearest to `x` (x is first rounded to float32, as C++'s Half(float(x))). */
export function roundHalf(x: number): number {
  f32[0] = x;
  u32[0] = roundBits(u32[0]);
  return f32[0];
}

/** Rounds every element of a float16 tensor's storage in place (once per store, not per read). */
export function roundHalfArray(a: Float32Array): void {
  const bits = new Uint32Array(a.buffer, a.byteOffset, a.length);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    const abs = b & 0x7fffffff;
    // Fast path: normal halves need only integer work; already-rounded values are unchanged.
    if (abs >= HALF_MIN_NORMAL && abs < HALF_OVERFLOW)
      bits[i] = ((b & 0x80000000) | ((abs + 0xfff + ((abs >>> 13) & 1)) & ~0x1fff)) >>> 0;
    else if (abs !== 0 && abs < 0x7f800000) bits[i] = roundBits(b);
  }
}
