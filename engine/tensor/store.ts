/**
 * What a dtype's storage may hold, enforced once when a fresh array becomes a tensor's storage
 * (Tensor._fromData) and by the copy kernel: float16 values are rounded to half precision (they
 * live in a Float32Array), int64 values are never -0 (they live in a Float64Array, where 0 * -1
 * and trunc(-0.5) give -0, which Python's int cannot show).
 */
import type { DType, TypedArray } from "./dtype.js";
import { roundHalfArray } from "./half.js";

/** Bring a freshly computed array to what `dtype` can hold, in place. */
export function finishStore(data: TypedArray, dtype: DType): void {
  if (dtype.name === "float16") roundHalfArray(data as Float32Array);
  else if (dtype.name === "int64") clearNegativeZeros(data as Float64Array);
}

function clearNegativeZeros(a: Float64Array): void {
  // -0 + 0 is +0; every other value is unchanged.
  for (let i = 0; i < a.length; i++) if (a[i] === 0) a[i] = 0;
}

const INT64_MIN = -(2 ** 63), TWO_64 = 2 ** 64;

/**
 * int64 op results wrap into [-2^63, 2^63) as two's-complement overflow does (int64.max + 1 is
 * int64.min); exact up to the double rounding of results beyond 2^53.
 */
export function wrapInt64Overflow(a: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if ((v >= -INT64_MIN || v < INT64_MIN) && Number.isFinite(v)) a[i] = v - TWO_64 * Math.floor((v - INT64_MIN) / TWO_64);
  }
}

/**
 * A double cast to int64 as x86's cvttsd2si does (PyTorch's CPU cast): truncation toward zero,
 * and INT64_MIN for NaN, infinities and values out of range.
 */
export function toInt64(v: number): number {
  return v >= INT64_MIN && v < 2 ** 63 ? Math.trunc(v) + 0 : INT64_MIN;
}
