/**
 * The compute-kernel interface under the op table. Ops never touch element loops themselves:
 * they call a Backend with a small vocabulary, so a native (C++ Node-API) backend can replace
 * any kernel without touching op definitions or autograd. A kernel a backend lacks fails by name.
 */
import type { DType, TypedArray } from "../tensor/dtype.js";
import type { Shape } from "../tensor/shape.js";

/** A strided read-only window on a typed array: what every kernel takes as input. */
export interface StridedView {
  readonly data: TypedArray;
  readonly offset: number;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly dtype: DType;
}

export interface Backend {
  readonly name: string;
  /** out = op(x) elementwise into a new contiguous array of `out` dtype; `p` are scalar parameters (e.g. clamp bounds). */
  unary(op: string, x: StridedView, out: DType, p?: readonly number[]): TypedArray;
  /** out = op(a, b) with a and b already broadcast to `shape` (zero strides). */
  binary(op: string, a: StridedView, b: StridedView, shape: Shape, out: DType, p?: readonly number[]): TypedArray;
  /** out = op(a, b, c) with all three broadcast to `shape` (where, lerp, addcmul, clamp with tensors). */
  ternary(op: string, a: StridedView, b: StridedView, c: StridedView, shape: Shape, out: DType): TypedArray;
  /** Strided copy with dtype conversion: dst[i] = cast(src[i]); shapes are equal. */
  copy(src: StridedView, dst: StridedView): void;
  /** Reduce `dims` away (result shape = x.shape without dims, row-major). */
  reduce(op: string, x: StridedView, dims: readonly number[], out: DType, p?: readonly number[]): TypedArray;
  /** Scan along `dim` (cumsum, cumprod, cummax...), same shape as x. */
  scan(op: string, x: StridedView, dim: number, out: DType): TypedArray;
  /** Batched matrix product: a is [B, M, K], b is [B, K, N] (any strides); result [B, M, N] contiguous. */
  matmul(a: StridedView, b: StridedView, out: DType): TypedArray;
}

export class MissingKernelError extends Error {
  constructor(backend: string, family: string, op: string) {
    super(`backend '${backend}' has no ${family} kernel '${op}'`);
  }
}
