/**
 * Typed calls into the native transcendental kernels (native/src/unary_math.h), fast reductions
 * (native/src/reduce_fast.h) and softmax (native/src/softmax.h), all with the TypeScript backend's
 * bits: exp, sigmoid, silu, log, tanh and expm1 (SLEEF's expf for float32 exp and sigmoid's
 * vectorized body, V8's fdlibm functions where the TypeScript kernel calls Math.exp, Math.log...,
 * the float32 scalar tail of engine/backend/js/vectorized_loop.ts placed as JsBackend.unaryNumbers
 * places it); sum, mean, max, min, argmax and argmin over dims; softmax and log_softmax
 * (engine/backend/js/softmax_kernel.ts's steps).
 */
import type { StridedView } from "../backend.js";
import type { ReduceKernel, UnaryKernel } from "../kernels.js";
import { isDense } from "../js/strided.js";
import type { NativeAddon } from "./addon.js";
import { MAX_DIMS, packReduction, packView } from "./elementwise.js";

/** The kernels the addon has, by their code in unary_math.h's MathOp. */
export const MATH_CODES: Partial<Record<UnaryKernel, number>> = {
  exp: 0,
  sigmoid: 1,
  silu: 2,
  log: 3,
  tanh: 4,
  expm1: 5,
};

/** The reductions reduce_fast has, by their code in reduce_fast.h's FastReduceOp. */
export const FAST_REDUCE_CODES: Partial<Record<ReduceKernel, number>> = {
  sum: 0,
  mean: 1,
  max: 2,
  min: 3,
  argmax: 4,
  argmin: 5,
};

const P = new Float64Array(3 + 3 * MAX_DIMS);

/**
 * Where the scalar tail runs, as JsBackend.unaryNumbers: over the whole tensor when x is dense,
 * per innermost row when its rows have stride 1, everywhere (0) when they do not.
 */
function tailRun(x: StridedView, n: number): number {
  if (isDense(x)) return n;
  const nd = x.shape.length;
  return x.strides[nd - 1] === 1 ? x.shape[nd - 1] : 0;
}

/** out (contiguous, x's float type) = op(x). */
export function nativeUnaryMath(
  addon: NativeAddon,
  code: number,
  x: StridedView,
  out: Float32Array | Float64Array,
): void {
  P[packView(P, x)] = tailRun(x, out.length);
  addon.unary_math(code, x.data as Float32Array | Float64Array, out, P);
}

/** op of x over `dims` into out (contiguous over the kept dims). */
export function nativeReduceFast(
  addon: NativeAddon,
  code: number,
  x: StridedView,
  dims: readonly number[],
  out: Float32Array | Float64Array,
): void {
  packReduction(P, x, dims);
  addon.reduce_fast(code, x.data as Float32Array | Float64Array, out, P);
}

const S = new Float64Array(4);

/** softmax (or log_softmax) of x, [outer, size, inner] row-major, over its middle dim into out. */
export function nativeSoftmax(
  addon: NativeAddon,
  x: Float32Array | Float64Array,
  out: Float32Array | Float64Array,
  outer: number,
  size: number,
  inner: number,
  log: boolean,
): void {
  S[0] = outer;
  S[1] = size;
  S[2] = inner;
  S[3] = log ? 1 : 0;
  addon.softmax(x, out, S);
}
