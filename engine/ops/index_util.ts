/**
 * Helpers shared by the join, shape, gather/scatter, sort and indexing families: contiguous
 * element access, "lanes" along one dim, index-tensor checks, and StridedView geometry for
 * select-like sub-blocks (so per-slice copies go through the backend's strided copy).
 */
import { IndexError, RuntimeError } from "../errors.js";
import { type DType, int64, type StorageArray, type TypedArray } from "../tensor/dtype.js";
import { isExact, widenInt64, type Cells } from "../tensor/store.js";
import { Tensor } from "../tensor/tensor.js";
import { numel, parseSizeArgs } from "../tensor/shape.js";
import type { StridedView } from "../backend/backend.js";
import { contiguousCopy } from "./movement.js";
import { backend } from "../backend/index.js";

/** t's elements in row-major order (a subarray when t is already contiguous; do not write to it). */
export function rowMajor(t: Tensor): TypedArray {
  const n = t.numel();
  if (t.is_contiguous()) return t._data.subarray(t._offset, t._offset + n);
  return contiguousCopy(t)._data;
}

export type { Cells };

/** t's elements in row-major order, in t's storage form (a subarray when contiguous; do not write to it). */
export function rowMajorCells(t: Tensor): StorageArray {
  const n = t.numel(),
    d = t._storage.data;
  if (t.is_contiguous()) return d.subarray(t._offset, t._offset + n);
  return contiguousCopy(t)._storage.data;
}

/** A zeroed array of `n` elements of dtype, exact int64 when `exact` (an int64 source in exact form). */
export function cellsFor(dtype: DType, n: number, exact: boolean): StorageArray {
  return exact ? new BigInt64Array(n) : backend().alloc(dtype, n);
}

/** Switch a fresh int64 tensor's storage to exact form (same values) so it can take bigints; returns its cells. */
export function exactStorage(t: Tensor): BigInt64Array {
  const d = t._storage.data;
  return isExact(d) ? d : (t._storage.data = widenInt64(d));
}

/** `a` in exact form (a copy when it holds numbers): for values written into exact storage. */
export function asExactCells(a: StorageArray | Cells): BigInt64Array {
  return isExact(a) ? a : widenInt64(a as ArrayLike<number>);
}

/** A new contiguous tensor of zeros. */
export function zerosOf(shape: readonly number[], dtype: DType): Tensor {
  return Tensor._fromData(backend().alloc(dtype, numel(shape)), shape, dtype);
}

/** A fresh contiguous copy of t (its own storage) that forward code may write into. */
export function freshCopy(t: Tensor, dtype: DType = t.dtype): Tensor {
  return contiguousCopy(t, dtype);
}

/** An int64 tensor from plain numbers. */
export function longTensor(values: ArrayLike<number>, shape: readonly number[] = [values.length]): Tensor {
  return Tensor._fromData(new Float64Array(values), shape, int64);
}

/** Row-major geometry around one dim: `outer` blocks of `size` entries `inner` apart. */
export function lanes(shape: readonly number[], dim: number): { outer: number; size: number; inner: number } {
  const size = shape.length ? shape[dim] : 1;
  return { outer: numel(shape.slice(0, dim)), size, inner: numel(shape.slice(dim + 1)) };
}

/** The sub-block `t.select(dim, k)` as a backend view (no autograd, no bounds check). */
export function selectView(t: Tensor, dim: number, k: number): StridedView {
  return {
    data: t._storage.data,
    storage: t._storage,
    offset: t._offset + k * t._strides[dim],
    shape: t._shape.filter((_, i) => i !== dim),
    strides: t._strides.filter((_, i) => i !== dim),
    dtype: t.dtype,
  };
}

/** The values of an index tensor, checked to be an integer tensor (PyTorch's message is per op). */
export function indexValues(index: Tensor, what: string, allowInt32 = true): number[] {
  const ok = index.dtype === int64 || (allowInt32 && index.dtype.name === "int32");
  if (!ok) throw new RuntimeError(`${what}(): Expected dtype int64 for index`);
  return index._values();
}

/** Wrap a possibly negative index into [0, size), raising PyTorch's out-of-bounds message. */
export function wrapIndex(
  i: number,
  size: number,
  dim: number,
  Err: typeof IndexError | typeof RuntimeError = IndexError,
): number {
  if (i < -size || i >= size) throw new Err(`index ${i} is out of bounds for dimension ${dim} with size ${size}`);
  return i < 0 ? i + size : i;
}

/**
 * Visit every position of `shape` in row-major order with one running offset per stride set
 * (`cb(flat, offsets)`): the odometer behind gather/scatter and advanced indexing.
 */
export function forEachOffset(
  shape: readonly number[],
  strideSets: readonly (readonly number[])[],
  starts: readonly number[],
  cb: (flat: number, offsets: number[]) => void,
): void {
  const n = numel(shape),
    nd = shape.length,
    k = strideSets.length;
  const idx = new Array<number>(nd).fill(0);
  const offs = [...starts];
  for (let flat = 0; flat < n; flat++) {
    cb(flat, offs);
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]++;
      for (let j = 0; j < k; j++) offs[j] += strideSets[j][d];
      if (idx[d] < shape[d]) break;
      for (let j = 0; j < k; j++) offs[j] -= strideSets[j][d] * shape[d];
      idx[d] = 0;
    }
  }
}

/** `[2, 3]` as PyTorch prints sizes in messages. */

/** Dims given as `f(0, 1)`, `f([0, 1])` or `f(0)`. */
export function dimList(args: readonly (number | readonly number[])[], fn: string, name = "dims", pos = 2): number[] {
  return parseSizeArgs(args, fn, name, pos);
}
