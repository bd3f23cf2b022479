/**
 * Typed calls into the native GEMM, im2col/col2im and max pooling: float32 and float64 arrays, operands read
 * through any strides (a transposed matrix is only swapped strides), batched with a batch stride
 * (0 broadcasts one matrix over the batch).
 */
import type { Window2d } from "../backend.js";
import type { NativeAddon } from "./addon.js";

export type FloatArray = Float32Array | Float64Array;

/** A batch of matrices in `data`: element (b, i, j) is data[offset + b*strides[0] + i*strides[1] + j*strides[2]]. */
export interface MatrixBatch<A extends FloatArray> {
  readonly data: A;
  readonly offset: number;
  readonly strides: readonly [number, number, number];
}

const P = new Float64Array(16);

/** How a float32 product sums (native/src/gemm.h's F32Sum). */
export enum F32Sum {
  /** float32 fused multiply-adds along all of K, as BLAS (and PyTorch on CPU) do. */
  Float = 0,
  /** float32 fused multiply-adds within each depth block of a few hundred, the blocks summed in double, C rounded once. */
  BlocksInDouble = 1,
  /** products and sums in double, C rounded once, as the TypeScript backend: half the speed. */
  Double = 2,
}

/**
 * c[b] = a[b] (m x k) * b[b] (k x n) for b < batch. c's column stride must be 1 (rows may be
 * spaced by strides[1]); a and b may be any views, also of the same array. `f32Sum` says how
 * float32 sums (float64 always sums in double).
 */
export function gemm<A extends FloatArray>(
  addon: NativeAddon,
  a: MatrixBatch<A>,
  b: MatrixBatch<A>,
  c: MatrixBatch<A>,
  batch: number,
  m: number,
  n: number,
  k: number,
  f32Sum: F32Sum = F32Sum.BlocksInDouble,
): void {
  if (c.strides[2] !== 1) throw new Error(`gemm: the output's column stride must be 1, got ${c.strides[2]}`);
  P[0] = a.offset;
  P[1] = b.offset;
  P[2] = c.offset;
  P[3] = batch;
  P[4] = m;
  P[5] = n;
  P[6] = k;
  P[7] = a.strides[0];
  P[8] = a.strides[1];
  P[9] = a.strides[2];
  P[10] = b.strides[0];
  P[11] = b.strides[1];
  P[12] = b.strides[2];
  P[13] = c.strides[0];
  P[14] = c.strides[1];
  P[15] = f32Sum;
  if (a.data instanceof Float32Array) addon.gemm_f32(a.data, b.data as Float32Array, c.data as Float32Array, P);
  else addon.gemm_f64(a.data, b.data as Float64Array, c.data as Float64Array, P);
}

const MAX_COPY_DIMS = 16;
const C = new Float64Array(3 + 3 * MAX_COPY_DIMS);

/** dst = src over `shape` (each with its own offset and strides), converting between float32 and float64; false past 16 dims. */
export function stridedCopy(
  addon: NativeAddon,
  src: FloatArray,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: FloatArray,
  dstOffset: number,
  dstStrides: readonly number[],
  shape: readonly number[],
): boolean {
  const nd = shape.length;
  if (nd > MAX_COPY_DIMS) return false;
  C[0] = nd;
  C[1] = srcOffset;
  C[2] = dstOffset;
  for (let d = 0; d < nd; d++) {
    C[3 + d] = shape[d];
    C[3 + nd + d] = srcStrides[d];
    C[3 + 2 * nd + d] = dstStrides[d];
  }
  addon.copy(src, dst, C);
  return true;
}

const G = new Float64Array(12);
function geometry(g: Window2d): Float64Array {
  G[0] = g.H;
  G[1] = g.W;
  G[2] = g.kh;
  G[3] = g.kw;
  G[4] = g.sh;
  G[5] = g.sw;
  G[6] = g.ph;
  G[7] = g.pw;
  G[8] = g.dh;
  G[9] = g.dw;
  G[10] = g.oh;
  G[11] = g.ow;
  return G;
}

/** [planes, H, W] -> [planes, kh*kw, oh*ow] into `cols`; taps in the padding read 0. */
export function im2col<A extends FloatArray>(addon: NativeAddon, x: A, cols: A, planes: number, g: Window2d): void {
  if (x instanceof Float32Array) addon.im2col_f32(x, cols as Float32Array, planes, geometry(g));
  else addon.im2col_f64(x as Float64Array, cols as Float64Array, planes, geometry(g));
}

/** [N, C, H, W] -> [C, kh*kw, N, oh*ow] into `cols`: im2col with the batch folded into the columns. */
export function im2colFolded<A extends FloatArray>(
  addon: NativeAddon,
  x: A,
  cols: A,
  N: number,
  C: number,
  g: Window2d,
): void {
  addon.im2col_folded(x, cols, N, C, geometry(g));
}

/** The adjoint of im2colFolded into `x` ([N, C, H, W], overwritten). */
export function col2imFolded<A extends FloatArray>(
  addon: NativeAddon,
  cols: A,
  x: A,
  N: number,
  C: number,
  g: Window2d,
): void {
  addon.col2im_folded(cols, x, N, C, geometry(g));
}

/** The adjoint of im2col into `x` (overwritten): overlapping taps add up, in PyTorch's col2im order. */
export function col2im<A extends FloatArray>(addon: NativeAddon, cols: A, x: A, planes: number, g: Window2d): void {
  if (cols instanceof Float32Array) addon.col2im_f32(cols, x as Float32Array, planes, geometry(g));
  else addon.col2im_f64(cols as Float64Array, x as Float64Array, planes, geometry(g));
}

/** Max pooling of [planes, H, W]: window maxima into `values`, their flat plane positions into `indices`. */
export function maxPool2d<A extends FloatArray>(
  addon: NativeAddon,
  x: A,
  values: A,
  indices: Float64Array,
  planes: number,
  g: Window2d,
): void {
  if (x instanceof Float32Array) addon.max_pool2d_f32(x, values as Float32Array, indices, planes, geometry(g));
  else addon.max_pool2d_f64(x as Float64Array, values as Float64Array, indices, planes, geometry(g));
}

/** Max pooling's adjoint: `out` ([planes, inPlane], overwritten) gets `grad` added at `indices`. */
export function maxPool2dScatter<A extends FloatArray>(
  addon: NativeAddon,
  grad: A,
  indices: Float64Array,
  out: A,
  planes: number,
  inPlane: number,
  outPlane: number,
): void {
  if (grad instanceof Float32Array)
    addon.max_pool2d_scatter_f32(grad, indices, out as Float32Array, planes, inPlane, outPlane);
  else addon.max_pool2d_scatter_f64(grad as Float64Array, indices, out as Float64Array, planes, inPlane, outPlane);
}
