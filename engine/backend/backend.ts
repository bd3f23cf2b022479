/**
 * The compute-kernel interface under the op table. Ops never touch element loops themselves:
 * they call a Backend with a small vocabulary, so a native (C++ Node-API) backend can replace
 * any kernel without touching op definitions or autograd. A kernel a backend lacks fails by name.
 */
import type { DType, StorageArray } from "../tensor/dtype.js";
import type { Shape } from "../tensor/shape.js";

/**
 * A strided window on a storage array: what every kernel takes. int64 data is a Float64Array of
 * safe integers or a BigInt64Array of any int64 values (tensor/store.ts); kernels must accept both.
 */
export interface StridedView {
  readonly data: StorageArray;
  /**
   * The storage `data` belongs to, on copy destinations: int64 storage in number form must switch
   * to exact form (storage.data replaced, same values) before it receives values beyond 2^53.
   */
  readonly storage?: { data: StorageArray };
  readonly offset: number;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly dtype: DType;
}

/**
 * Kernels return fresh arrays of the `out` dtype; for int64 that is either storage form, and an
 * int64 result is exact over the whole int64 range (wrapping on overflow as two's complement).
 */
export interface Backend {
  readonly name: string;
  /** out = op(x) elementwise into a new contiguous array of `out` dtype; `p` are scalar parameters (e.g. clamp bounds). */
  unary(op: string, x: StridedView, out: DType, p?: readonly number[]): StorageArray;
  /** out = op(a, b) with a and b already broadcast to `shape` (zero strides). */
  binary(op: string, a: StridedView, b: StridedView, shape: Shape, out: DType, p?: readonly number[]): StorageArray;
  /** out = op(a, b, c) with all three broadcast to `shape` (where, lerp, addcmul, clamp with tensors). */
  ternary(op: string, a: StridedView, b: StridedView, c: StridedView, shape: Shape, out: DType): StorageArray;
  /** Strided copy with dtype conversion: dst[i] = cast(src[i]); shapes are equal. May switch dst.storage to exact int64 form. */
  copy(src: StridedView, dst: StridedView): void;
  /** Reduce `dims` away (result shape = x.shape without dims, row-major). */
  reduce(op: string, x: StridedView, dims: readonly number[], out: DType, p?: readonly number[]): StorageArray;
  /** Scan along `dim` (cumsum, cumprod, cummax...), same shape as x. */
  scan(op: string, x: StridedView, dim: number, out: DType): StorageArray;
  /** Batched matrix product: a is [B, M, K], b is [B, K, N] (any strides); result [B, M, N] contiguous. */
  matmul(a: StridedView, b: StridedView, out: DType): StorageArray;
}

export class MissingKernelError extends Error {
  constructor(backend: string, family: string, op: string) {
    super(`backend '${backend}' has no ${family} kernel '${op}'`);
  }
}
