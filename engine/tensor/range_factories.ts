/**
 * The element formulas of torch.linspace and torch.logspace, copied from ATen so that every bit
 * matches: aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp (linspace) and
 * aten/src/ATen/native/RangeFactories.cpp (logspace, steps == 1).
 */
import { RuntimeError } from "../errors.js";
import { castScalar, type DType, type TypedArray } from "./dtype.js";
import { fma32, fma64 } from "./fma.js";
import { roundHalf } from "./half.js";

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
  const s = castScalar(start, dtype), e = castScalar(end, dtype);
  if (steps === 1) { out[0] = s; return; } // linspace_out: result.fill_(start)
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
export function logspaceFill(out: TypedArray, dtype: DType, start: number, end: number, steps: number, base: number): void {
  if (dtype.name === "bool") throw new RuntimeError(`"logspace_cpu" not implemented for 'Bool'`);
  if (steps === 0) return;
  if (steps === 1) { out[0] = castScalar(base ** start, dtype); return; }
  const s = castScalar(start, dtype), e = castScalar(end, dtype);
  // scalar_end - scalar_start is computed in the dtype (C++ promotes small integers to int: no wrap).
  const step = (dtype.is_floating_point ? castScalar(e - s, dtype) : e - s) / (steps - 1);
  const halfway = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++)
    out[i] = castScalar(base ** (i < halfway ? s + step * i : e - step * (steps - i - 1)), dtype);
}
