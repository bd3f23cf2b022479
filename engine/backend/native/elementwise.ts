/**
 * Typed calls into the native elementwise kernels, reductions and fused SGD (native/src/elementwise.h):
 * the kernel names the addon has, their codes, and the packing of shapes and strides into one
 * Float64Array per call. Every kernel here gives the TypeScript backend's bits (test/backend/native_elementwise.test.ts).
 */
import type { AdamScalars, SgdScalars, StridedView } from "../backend.js";
import type { BinaryKernel, ReduceKernel, UnaryKernel } from "../kernels.js";
import type { NativeAddon } from "./addon.js";

/** The unary kernels the addon has, by their code in native/src/elementwise.h's UnaryOp. */
export const UNARY_CODES: Partial<Record<UnaryKernel, number>> = {
  identity: 0,
  neg: 1,
  abs: 2,
  relu: 3,
  square: 4,
  sqrt: 5,
  rsqrt: 6,
  reciprocal: 7,
  affine: 8,
  clamp: 9,
};

/** The binary kernels the addon has (BinaryOp); from `eq` on they are comparisons with a bool result. */
export const BINARY_CODES: Partial<Record<BinaryKernel, number>> = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  add_alpha: 4,
  sub_alpha: 5,
  threshold_backward: 6,
  axpby: 7,
  eq: 8,
  ne: 9,
  lt: 10,
  le: 11,
  gt: 12,
  ge: 13,
};
export const FIRST_COMPARISON = 8;

/** The reductions of elementwise.h (ReduceOp), which reduce_fast falls back to for layouts it has no fast path for. */
export const REDUCE_CODES: Partial<Record<ReduceKernel, number>> = { sum: 0, mean: 1 };

/** The most dims the addon takes (kMaxDims). */
export const MAX_DIMS = 16;

const P = new Float64Array(3 + 3 * MAX_DIMS + 2);

/** x's rank, offset, shape and strides at the head of `params` (the layout every unary call reads); returns where the next field goes. */
export function packView(params: Float64Array, x: StridedView): number {
  const nd = x.shape.length;
  params[0] = nd;
  params[1] = x.offset;
  for (let d = 0; d < nd; d++) {
    params[2 + d] = x.shape[d];
    params[2 + nd + d] = x.strides[d];
  }
  return 2 + 2 * nd;
}

/** packView, then a mark per dim: 1 where the reduction runs, 0 where the dim is kept. */
export function packReduction(params: Float64Array, x: StridedView, dims: readonly number[]): void {
  const at = packView(params, x);
  params.fill(0, at, at + x.shape.length);
  for (const d of dims) params[at + d] = 1;
}

/** The op's two scalars after the dims; a missing one is NaN ("none" for clamp's bounds, as the TypeScript kernel reads undefined). */
function scalars(at: number, p: readonly number[]): void {
  P[at] = p.length > 0 ? p[0] : NaN;
  P[at + 1] = p.length > 1 ? p[1] : NaN;
}

type Float = Float32Array | Float64Array;

/** out (contiguous, x's float type) = op(x). */
export function nativeUnary(addon: NativeAddon, code: number, x: StridedView, out: Float, p: readonly number[]): void {
  scalars(packView(P, x), p);
  addon.unary(code, x.data as Float, out, P);
}

/** out (contiguous; a Uint8Array for comparisons) = op(a, b) over `shape`, a and b broadcast to it. */
export function nativeBinary(
  addon: NativeAddon,
  code: number,
  a: StridedView,
  b: StridedView,
  shape: readonly number[],
  out: Float | Uint8Array,
  p: readonly number[],
): void {
  const nd = shape.length;
  P[0] = nd;
  P[1] = a.offset;
  P[2] = b.offset;
  for (let d = 0; d < nd; d++) {
    P[3 + d] = shape[d];
    P[3 + nd + d] = a.strides[d];
    P[3 + 2 * nd + d] = b.strides[d];
  }
  scalars(3 + 3 * nd, p);
  addon.binary(code, a.data as Float, b.data as Float, out, P);
}

const S = new Float64Array(7);

/** One SGD update of p in place (buf: the momentum buffer or null). */
export function nativeSgd(addon: NativeAddon, p: Float, g: Float, buf: Float | null, s: SgdScalars): void {
  S[0] = s.lr;
  S[1] = s.momentum;
  S[2] = s.dampening;
  S[3] = s.weight_decay;
  S[4] = s.nesterov ? 1 : 0;
  S[5] = s.maximize ? 1 : 0;
  S[6] = s.initBuffer ? 1 : 0;
  addon.sgd(p, g, buf, S);
}

const A = new Float64Array(10);

/** One Adam/AdamW update of p, m, v (and vmax with amsgrad) in place. */
export function nativeAdam(
  addon: NativeAddon,
  p: Float,
  g: Float,
  m: Float,
  v: Float,
  vmax: Float | null,
  s: AdamScalars,
): void {
  A[0] = s.lr;
  A[1] = s.beta1;
  A[2] = s.beta2;
  A[3] = s.eps;
  A[4] = s.weight_decay;
  A[5] = s.stepSize;
  A[6] = s.bc2Sqrt;
  A[7] = s.decoupled ? 1 : 0;
  A[8] = s.amsgrad ? 1 : 0;
  A[9] = s.maximize ? 1 : 0;
  addon.adam(p, g, m, v, vmax, A);
}
