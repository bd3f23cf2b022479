/**
 * The element formulas of torch.arange, torch.linspace and torch.logspace, copied from ATen so
 * that every bit matches: aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp (arange, linspace)
 * and aten/src/ATen/native/RangeFactories.cpp (sizes, checks, logspace).
 */
import { RuntimeError } from "../errors.js";
import { castScalar, type DType, type TypedArray } from "./dtype.js";
import { fma32, fma64 } from "./fma.js";
import { roundHalf } from "./half.js";
import { toInt64 } from "./store.js";

/** Bytes in one AVX2 register: ATen's Vectorized<T>::size() is 32 / sizeof(T). */
const VEC_BYTES = 32;

/** How one dtype computes `base + step * n` (scalar loop) and `base + k * step` (Vectorized::arange). */
interface Arith {
  step(start: number, end: number, steps: number): number;
  /** The scalar lambda: GCC contracts `start + step * idx` into an fma in the AVX2 build. */
  fused(step: number, n: number, base: number): number;
  /** Vectorized<T>::arange(base, step)[k] = base + k * step, two roundings. */
  lane(base: number, k: number, step: number): number;
}

// Integers compute in double (step_t is double for integral types) and truncate on store.
const DOUBLE: Arith = {
  step: (s, e, steps) => (e - s) / (steps - 1),
  fused: fma64,
  lane: (base, k, step) => base + k * step,
};
const FLOAT: Arith = {
  // The int64 step count converts to float before the division.
  step: (s, e, steps) => Math.fround(Math.fround(e - s) / Math.fround(steps - 1)),
  fused: (step, n, base) => fma32(step, Math.fround(n), base),
  lane: (base, k, step) => Math.fround(base + Math.fround(k * step)),
};
// c10::Half arithmetic: each operator converts to float and rounds its result back to half.
const HALF: Arith = {
  step: (s, e, steps) => roundHalf(roundHalf(e - s) / roundHalf(steps - 1)),
  fused: (step, n, base) => roundHalf(base + roundHalf(step * roundHalf(n))),
  lane: (base, k, step) => roundHalf(base + roundHalf(roundHalf(k) * step)),
};

function arithFor(dtype: DType): Arith {
  return dtype.name === "float32" ? FLOAT : dtype.name === "float16" ? HALF : DOUBLE;
}

/**
 * Fills `out` with linspace(start, end, steps) in `dtype`: the first half counts up from start,
 * the second half down from end; contiguous output runs ATen's vectorized loop (pairs of
 * Vectorized::arange blocks, whose first element decides which half's formula the whole block
 * uses), the remainder its scalar loop.
 */
export function linspaceFill(out: TypedArray, dtype: DType, start: number, end: number, steps: number): void {
  if (dtype.name === "bool") throw new RuntimeError(`"linspace_cpu" not implemented for 'Bool'`);
  if (steps === 0) return;
  const s = castScalar(start, dtype),
    e = castScalar(end, dtype);
  if (steps === 1) {
    out[0] = s;
    return;
  } // linspace_out: result.fill_(start)
  const a = arithFor(dtype);
  const step = a.step(s, e, steps);
  const halfway = Math.floor(steps / 2);
  const at = (i: number) => (i < halfway ? a.fused(step, i, s) : a.fused(-step, steps - i - 1, e));
  const w = VEC_BYTES / dtype.itemsize;
  // vectorized_loop (aten/src/ATen/native/cpu/Loops.h) runs blocks in pairs, then scalars.
  const vectorEnd = steps - (steps % (2 * w));
  let i = 0;
  for (; i < vectorEnd; i += w) {
    const base = castScalar(at(i), dtype);
    for (let k = 0; k < w; k++) out[i + k] = castScalar(a.lane(base, k, step), dtype);
  }
  for (; i < steps; i++) out[i] = castScalar(at(i), dtype);
}

/**
 * Fills `out` with logspace(start, end, steps, base): pow(base, x) in double with x from the same
 * two-halves formula (scalar loop, no fma: RangeFactories.cpp is built for baseline x86-64).
 * NOTE: V8's `**` is not always correctly rounded (glibc's pow is), so float64 results may differ
 * from PyTorch's in the last bit.
 */
export function logspaceFill(
  out: TypedArray,
  dtype: DType,
  start: number,
  end: number,
  steps: number,
  base: number,
): void {
  if (dtype.name === "bool") throw new RuntimeError(`"logspace_cpu" not implemented for 'Bool'`);
  if (steps === 0) return;
  if (steps === 1) {
    out[0] = castScalar(base ** start, dtype);
    return;
  }
  const s = castScalar(start, dtype),
    e = castScalar(end, dtype);
  // scalar_end - scalar_start is computed in the dtype (C++ promotes small integers to int: no wrap).
  const step = (dtype.is_floating_point ? castScalar(e - s, dtype) : e - s) / (steps - 1);
  const halfway = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++)
    out[i] = castScalar(base ** (i < halfway ? s + step * i : e - step * (steps - i - 1)), dtype);
}

// ---- arange -------------------------------------------------------------------------------------

/**
 * arange computes in at::acc_type<T, false>: double for float32 and float64, float for half, int64
 * for integer dtypes (so a fractional step truncates: arange(0, 5, 1.5, dtype=int64) steps by 1).
 */
function toAcc(v: number, dtype: DType): number {
  return !dtype.is_floating_point ? toInt64(v) : dtype.name === "float16" ? Math.fround(v) : v;
}

/** A double as C++'s ostream writes it in ATen's messages (inf, nan; short values as JS does). */
function streamed(v: number): string {
  return v !== v ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : String(v);
}

/** The number of elements of arange(start, end, step) in `dtype`, with ATen's checks (arange_out). */
export function arangeLength(start: number, end: number, step: number, dtype: DType): number {
  if (dtype.name === "bool") throw new RuntimeError(`"arange_cpu" not implemented for 'Bool'`);
  const xstart = toAcc(start, dtype),
    xend = toAcc(end, dtype),
    xstep = toAcc(step, dtype);
  if (!(xstep > 0 || xstep < 0)) throw new RuntimeError("step must be nonzero");
  if (!Number.isFinite(xstart) || !Number.isFinite(xend))
    throw new RuntimeError(`unsupported range: ${streamed(xstart)} -> ${streamed(xend)}`);
  if (!((xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart)))
    throw new RuntimeError("upper bound and larger bound inconsistent with step sign");
  // int64 counts in integers; every other dtype as ceil((end - start) / step) in double.
  const size =
    dtype.name === "int64"
      ? Math.trunc((xend - xstart + xstep - Math.sign(xstep)) / xstep)
      : Math.ceil((end - start) / step);
  if (!(size >= 0 && size <= Number.MAX_SAFE_INTEGER)) throw new RuntimeError("invalid size, possible overflow?");
  return size;
}

/**
 * Fills `out` with arange(start, ., step): element i is start + step * i in the accumulate type
 * (an fma in the AVX2 build), and in the vectorized blocks base + k * step from the block's first
 * element, as Vectorized::arange (two roundings).
 */
export function arangeFill(out: TypedArray, dtype: DType, start: number, step: number, n: number): void {
  const s = toAcc(start, dtype),
    st = toAcc(step, dtype);
  const half = dtype.name === "float16";
  // Integers are exact in int64 (and in doubles below 2^53); floats follow the two formulas.
  const fused = !dtype.is_floating_point
    ? (i: number) => s + st * i
    : half
      ? (i: number) => fma32(st, Math.fround(i), s)
      : (i: number) => fma64(st, i, s);
  // NOTE: measured against PyTorch 1.13: float64 blocks are fused (fma) here, unlike linspace's.
  const lane = !dtype.is_floating_point
    ? (base: number, k: number) => base + k * st
    : half
      ? (base: number, k: number) => Math.fround(base + Math.fround(k * st))
      : dtype.name === "float64"
        ? (base: number, k: number) => fma64(k, st, base)
        : (base: number, k: number) => base + k * st;
  const w = VEC_BYTES / dtype.itemsize;
  const vectorEnd = n - (n % (2 * w));
  let i = 0;
  for (; i < vectorEnd; i += w) {
    const base = castScalar(fused(i), dtype);
    for (let k = 0; k < w; k++) out[i + k] = castScalar(lane(base, k), dtype);
  }
  for (; i < n; i++) out[i] = castScalar(fused(i), dtype);
}
