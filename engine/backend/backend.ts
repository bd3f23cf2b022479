/**
 * The compute-kernel interface under the op table. Ops never touch element loops themselves:
 * they call a Backend with a typed vocabulary (kernels.ts), so a native (C++ Node-API) backend can
 * replace any kernel without touching op definitions or autograd.
 *
 * A backend has two parts:
 * - the core (alloc, unary ... matmul), which every backend implements in full: a kernel name
 *   missing from its tables is a compile error (the names are string-literal unions);
 * - optional method groups (nn, optim, softmax, indexing): whole families a backend may supply
 *   (say, im2col + GEMM convolutions) or leave out. backend/index.ts fills the groups a backend
 *   leaves out with the TypeScript ones, in one place, when the backend is installed.
 *
 * Storage belongs to the backend: `alloc` makes every tensor's array, so a backend keeping its own
 * memory (native, later WebAssembly or GPU) hands out arrays over it and its kernels read their
 * inputs in place, with no copy per call. Arrays stay JS typed arrays (views on the backend's
 * memory) so printing, indexing and the TypeScript fallbacks can read any backend's tensors.
 */
import { NotImplementedError } from "../errors.js";
import type { DType, StorageArray, TypedArray } from "../tensor/dtype.js";
import type { Shape } from "../tensor/shape.js";
import type { BinaryKernel, ReduceKernel, ScanKernel, TernaryKernel, UnaryKernel } from "./kernels.js";

export type { BinaryKernel, ReduceKernel, ScanKernel, TernaryKernel, UnaryKernel } from "./kernels.js";

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
 * The core every backend implements. Kernels return fresh arrays of the `out` dtype (made by the
 * backend's own `alloc`); for int64 that is either storage form, and an int64 result is exact over
 * the whole int64 range (wrapping on overflow as two's complement).
 */
export interface BackendCore {
  readonly name: string;
  /** A zero-filled array of `n` elements of `dtype`, in this backend's memory (int64: number form). */
  alloc(dtype: DType, n: number): TypedArray;
  /**
   * An array of `n` elements of `dtype` whose values are unspecified (torch.empty's storage): only
   * for a caller that writes every element before anything reads it. Saves zero-filling.
   */
  empty(dtype: DType, n: number): TypedArray;
  /**
   * The caller is done with `data`, an array this backend's `alloc` made, and nothing refers to it
   * any more (no tensor, view or saved value): the backend may hand it out again. Ops call it for
   * their own temporaries (ops/scratch.ts); a backend may also ignore it.
   */
  release(data: StorageArray): void;
  /** out = op(x) elementwise into a new contiguous array of `out` dtype; `p` are scalar parameters (e.g. clamp bounds). */
  unary(op: UnaryKernel, x: StridedView, out: DType, p?: readonly number[]): StorageArray;
  /** out = op(a, b) with a and b already broadcast to `shape` (zero strides). */
  binary(
    op: BinaryKernel,
    a: StridedView,
    b: StridedView,
    shape: Shape,
    out: DType,
    p?: readonly number[],
  ): StorageArray;
  /** out = op(a, b, c) with all three broadcast to `shape` (where, lerp, addcmul, clamp with tensors). */
  ternary(op: TernaryKernel, a: StridedView, b: StridedView, c: StridedView, shape: Shape, out: DType): StorageArray;
  /** Strided copy with dtype conversion: dst[i] = cast(src[i]); shapes are equal. May switch dst.storage to exact int64 form. */
  copy(src: StridedView, dst: StridedView): void;
  /** Reduce `dims` away (result shape = x.shape without dims, row-major). */
  reduce(op: ReduceKernel, x: StridedView, dims: readonly number[], out: DType, p?: readonly number[]): StorageArray;
  /** Scan along `dim` (cumsum, cumprod, cummax...), same shape as x. */
  scan(op: ScanKernel, x: StridedView, dim: number, out: DType): StorageArray;
  /** Batched matrix product: a is [B, M, K], b is [B, K, N] (any strides); result [B, M, N] contiguous. */
  matmul(a: StridedView, b: StridedView, out: DType): StorageArray;
}

// ---- optional method groups -------------------------------------------------------------------

/** Sliding-window geometry over an [H, W] plane (conv and pooling share it). */
export interface Window2d {
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  /** output plane size */
  oh: number;
  ow: number;
}

/**
 * Windows given explicitly per output row/column (average and adaptive pooling): output
 * [i, j] sums input rows [hs[i], he[i]) x columns [ws[j], we[j]) and divides by div[i*ow + j].
 */
export interface WindowTable {
  H: number;
  W: number;
  oh: number;
  ow: number;
  hs: Int32Array;
  he: Int32Array;
  ws: Int32Array;
  we: Int32Array;
  div: Float64Array;
}

/**
 * Convolution and pooling. Inputs are dense row-major [N*C, H, W] planes (subarrays: index from 0);
 * results are new arrays of the requested dtype. Convolution is im2col + matmul + col2im in the ops
 * (engine/ops/conv.ts); a backend with a direct convolution supplies these for the data movement.
 */
export interface NnKernels {
  /** [N, C, H, W] -> [N, C*kh*kw, oh*ow]; out-of-range taps read 0. */
  im2col(x: TypedArray, N: number, C: number, g: Window2d, out: DType): TypedArray;
  /** im2col with the batch folded into the columns: [N, C, H, W] -> [C*kh*kw, N*oh*ow] (one product's operand for the whole batch). */
  im2colFolded(x: TypedArray, N: number, C: number, g: Window2d, out: DType): TypedArray;
  /** Adjoint of im2colFolded: [C*kh*kw, N*oh*ow] -> [N, C, H, W], summed as col2im. */
  col2imFolded(cols: TypedArray, N: number, C: number, g: Window2d, out: DType): TypedArray;
  /** Adjoint of im2col: [N, C*kh*kw, oh*ow] -> [N, C, H, W], overlapping taps add up (in double, rounded once). */
  col2im(cols: TypedArray, N: number, C: number, g: Window2d, out: DType): TypedArray;
  /** Max over each window of P planes; indices are flat positions in the H*W plane (first max wins, NaN wins). */
  maxPool2d(x: TypedArray, P: number, g: Window2d, out: DType): { values: TypedArray; indices: Float64Array };
  /** grad [P, oh*ow] scattered (added) into [P, H*W] at `indices`. */
  maxPoolScatter(
    grad: TypedArray,
    indices: Float64Array,
    P: number,
    inPlane: number,
    outPlane: number,
    out: DType,
  ): TypedArray;
  /** gather [P, H*W] at `indices` -> [P, oh*ow] (the adjoint of maxPoolScatter). */
  maxPoolGather(
    x: TypedArray,
    indices: Float64Array,
    P: number,
    inPlane: number,
    outPlane: number,
    out: DType,
  ): TypedArray;
  /** Window sums divided by the table's divisors: [P, H, W] -> [P, oh, ow]. */
  windowMean(x: TypedArray, P: number, t: WindowTable, out: DType): TypedArray;
  /** Adjoint of windowMean: [P, oh, ow] -> [P, H, W]. */
  windowMeanBackward(g: TypedArray, P: number, t: WindowTable, out: DType): TypedArray;
  /**
   * Batch norm's passes over a dense [N, C, HW] float32/float64 input, with batch_norm's tensor
   * ops' bits (sums in double in (n, hw) order, every elementwise step rounded to `out`).
   * Per channel: the mean and the biased variance.
   */
  batchNormStats(x: TypedArray, N: number, C: number, HW: number, out: DType): { mean: TypedArray; var: TypedArray };
  /** (x - mean[c]) * scale[c] (+ bias[c]). */
  batchNormAffine(
    x: TypedArray,
    mean: TypedArray,
    scale: TypedArray,
    bias: TypedArray | null,
    N: number,
    C: number,
    HW: number,
    out: DType,
  ): TypedArray;
  /** Per channel, in double: sum(g) and sum(g * xhat), xhat = (x - mean[c]) * invstd[c] rounded to `out` step by step. */
  batchNormGradSums(
    g: TypedArray,
    x: TypedArray,
    mean: TypedArray,
    invstd: TypedArray,
    N: number,
    C: number,
    HW: number,
    out: DType,
  ): { sumG: Float64Array; sumGXhat: Float64Array };
  /** (g - gMean[c] - xhat * gxMean[c]) * invstd[c] (* w[c]): training-mode batch norm's input gradient. */
  batchNormGradInput(
    g: TypedArray,
    x: TypedArray,
    mean: TypedArray,
    invstd: TypedArray,
    gMean: TypedArray,
    gxMean: TypedArray,
    w: TypedArray | null,
    N: number,
    C: number,
    HW: number,
    out: DType,
  ): TypedArray;
}

export interface SgdScalars {
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
  /** the momentum buffer is new: it starts as the (decayed) gradient */
  initBuffer: boolean;
  /** float32 rounding after every operation (false for float64) */
  f32: boolean;
}

export interface AdamScalars {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weight_decay: number;
  /** lr / (1 - beta1^step) and sqrt(1 - beta2^step), computed by the caller (one pow for every backend) */
  stepSize: number;
  bc2Sqrt: number;
  /** AdamW: decay the weights by lr * weight_decay instead of adding weight_decay * p to the gradient */
  decoupled: boolean;
  amsgrad: boolean;
  maximize: boolean;
  /** float32 rounding after every operation (false for float64) */
  f32: boolean;
}

/** Fused optimizer updates over contiguous float arrays (in place), rounding as the tensor ops they replace. */
export interface OptimKernels {
  /** One SGD update of `p` in place (torch/optim/sgd.py's `_single_tensor_sgd`); `buf` is the momentum buffer or null. */
  sgd(p: TypedArray, g: TypedArray, buf: TypedArray | null, s: SgdScalars): void;
  /** One Adam/AdamW update of `p`, `m`, `v` (and `vmax` with amsgrad) in place (`_single_tensor_adam`, the step count already advanced). */
  adam(p: TypedArray, g: TypedArray, m: TypedArray, v: TypedArray, vmax: TypedArray | null, s: AdamScalars): void;
}

/**
 * softmax / log_softmax along one dim of a dense row-major array seen as [outer, size, inner]:
 * the lane maximum is subtracted before exp; float32 rounds exp(x - max) per element and takes
 * one reciprocal (or log) of the double sum, as ATen's kernels do.
 */
export interface SoftmaxKernels {
  softmax(x: TypedArray, outer: number, size: number, inner: number, log: boolean, out: DType): TypedArray;
}

/** How scatter combines the written value with what is there. */
export type ScatterMode = "set" | "add" | "multiply";

/**
 * gather / scatter along one dim. `index` is int64 with index.shape <= self.shape; positions are
 * checked (0 <= i < self.shape[dim], no negative wrap, PyTorch's RuntimeError otherwise).
 */
export interface IndexKernels {
  /** out[p] = self[p with dim replaced by index[p]], a new array of index's shape in self's storage form. */
  gather(self: StridedView, dim: number, index: StridedView): StorageArray;
  /**
   * In place into `self` (a dense, fresh array): self[p with dim replaced by index[p]] op= src[p]
   * (or `value` without src). `self.data` and `src.data` share one storage form (both exact int64, or
   * both numbers); the caller checks int64 results for overflow.
   */
  scatter(
    self: StridedView,
    dim: number,
    index: StridedView,
    src: StridedView | null,
    value: number | bigint,
    mode: ScatterMode,
  ): void;
  /**
   * Advanced indexing's element offsets: offsets[b] += wrap(index[b]) * stride for the indices of
   * indexed dim number `k` (negative indices count from the end; out of range is PyTorch's IndexError).
   */
  addIndexOffsets(index: TypedArray, size: number, stride: number, k: number, offsets: Float64Array): void;
  /** The elements of dense `x` where dense `mask` (same length, 0/1) is set, in order, in x's storage form. */
  maskedSelect(x: StorageArray, mask: TypedArray, dtype: DType): StorageArray;
  /**
   * In place: the set positions of `mask` in dense `dst` take `src`'s elements in order (both in
   * one storage form); fewer source elements than set positions is PyTorch's RuntimeError.
   */
  maskedScatter(dst: StorageArray, mask: TypedArray, src: StorageArray): void;
}

/** The method groups a backend may supply; the TypeScript ones stand in for those it leaves out. */
export interface BackendGroups {
  nn: NnKernels;
  optim: OptimKernels;
  softmax: SoftmaxKernels;
  indexing: IndexKernels;
}

/** What a backend implements: the whole core, and any of the groups. */
export type Backend = BackendCore & Partial<BackendGroups>;

/** A backend with every group present (its own or the TypeScript fallback): what ops call. */
export type ResolvedBackend = BackendCore & BackendGroups;

/** A kernel a backend does not have: NotImplementedError, as PyTorch says for an op a backend lacks. */
export class MissingKernelError extends NotImplementedError {
  constructor(backend: string, family: string, op: string) {
    super(`backend '${backend}' has no ${family} kernel '${op}'`);
  }
}
