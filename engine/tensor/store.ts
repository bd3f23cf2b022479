/**
 * What a dtype's storage may hold, enforced once when a fresh array becomes a tensor's storage
 * (Tensor._fromData) and by the copy kernel: float16 values are rounded to half precision (they
 * live in a Float32Array), int64 values are never -0 (Python's int cannot show it).
 *
 * int64 storage has two forms. A Float64Array holds only safe integers (|v| <= 2^53 - 1), so every
 * value is exact and kernels run on plain numbers. A BigInt64Array ("exact" storage) holds any
 * int64; a storage switches to it when a value needs it and back when a fresh result fits again.
 */
import type { DType, StorageArray, TypedArray } from "./dtype.js";
import { roundHalfArray } from "./half.js";

export const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Elements of a storage in either int64 form, for code that only moves, compares or orders them:
 * a value read from one array is written to another of the same form, so exact int64 values
 * (bigints) are never converted to numbers. Mixed number/bigint `<` is exact in JS; `===` is not.
 */
export type Cells = { [i: number]: number | bigint; readonly length: number };

/** True for int64 storage in exact (BigInt64Array) form. */
export function isExact(a: StorageArray | Cells): a is BigInt64Array {
  return a instanceof BigInt64Array;
}

/** Bring a freshly computed array to what `dtype` can hold; returns the array to store. */
export function finishStore(data: StorageArray, dtype: DType): StorageArray {
  if (dtype.name === "float16") roundHalfArray(data as Float32Array);
  else if (dtype.name === "int64")
    return isExact(data) ? (narrowInt64(data) ?? data) : normalizeInt64(data as Float64Array);
  return data;
}

/** Clears -0 (-0 + 0 is +0) and widens to exact storage when a value is beyond the safe range. */
function normalizeInt64(a: Float64Array): StorageArray {
  let big = false;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v === 0) a[i] = 0;
    else if (!(v >= -MAX_SAFE && v <= MAX_SAFE)) big = true;
  }
  return big ? widenInt64(a) : a;
}

/** A Float64Array of integral values as exact int64 storage (NaN/inf as a C cast gives: int64 min). */
export function widenInt64(a: ArrayLike<number>): BigInt64Array {
  const out = new BigInt64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = bigOfDouble(a[i]);
  return out;
}

/** The same values as a Float64Array when every one is safe, else null. */
export function narrowInt64(a: BigInt64Array): Float64Array | null {
  const lo = BigInt(-MAX_SAFE),
    hi = BigInt(MAX_SAFE);
  for (let i = 0; i < a.length; i++) if (a[i] < lo || a[i] > hi) return null;
  return roundedInt64(a); // every value is safe: nothing rounds
}

/** An integral double as a bigint; non-finite values give int64 min, as toInt64 does. */
export function bigOfDouble(v: number): bigint {
  return Number.isFinite(v) ? BigInt(Math.trunc(v)) : -(2n ** 63n);
}

/** Rounded numbers for code that reads int64 as doubles (as a cast to double does). */
export function roundedInt64(a: BigInt64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = Number(a[i]);
  return out;
}

/** Element i of any storage as a JS number (int64 beyond 2^53 rounded to the nearest double). */
export function numberAt(a: StorageArray, i: number): number {
  return isExact(a) ? Number(a[i]) : (a as TypedArray)[i];
}

/**
 * An int64 converted to float32 with one rounding (to nearest, ties to even), as C's cast does:
 * going through a double first would round twice. Keeps 53 leading bits plus a sticky bit.
 */
export function int64ToFloat32(v: bigint): number {
  const a = v < 0n ? -v : v;
  if (a <= BigInt(MAX_SAFE)) return Math.fround(Number(v));
  const shift = BigInt(a.toString(2).length - 53);
  let top = a >> shift;
  if (top << shift !== a) top |= 1n; // sticky: any dropped bit breaks a tie upward
  const r = Math.fround(Number(top) * 2 ** Number(shift));
  return v < 0n ? -r : r;
}

const INT64_MIN = -(2 ** 63),
  TWO_64 = 2 ** 64;

/**
 * int64 results wrap into [-2^63, 2^63) as two's-complement overflow does (int64.max + 1 is
 * int64.min); for doubles that no exact kernel recomputed, so exact up to their rounding.
 */
export function wrapInt64Overflow(a: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if ((v >= -INT64_MIN || v < INT64_MIN) && Number.isFinite(v))
      a[i] = v - TWO_64 * Math.floor((v - INT64_MIN) / TWO_64);
  }
}

/**
 * A double cast to int64 as x86's cvttsd2si does (PyTorch's CPU cast): truncation toward zero,
 * and INT64_MIN for NaN, infinities and values out of range.
 */
export function toInt64(v: number): number {
  return v >= INT64_MIN && v < 2 ** 63 ? Math.trunc(v) + 0 : INT64_MIN;
}
