/**
 * Where PyTorch's CPU kernels round differently from "compute in double, round once", the JS
 * backend follows them. Two sources of difference:
 *
 * - float32 kernels compute in float32: sigmoid is 1 / (1 + exp(-x)) with every step rounded to
 *   float (aten/src/ATen/native/cpu/UnaryOpsKernel.cpp), so sigmoid(-100) is 1 / inf = 0, not
 *   the subnormal 3.8e-44; and their exp is SLEEF's expf (sleef_float.ts), not a correctly rounded one.
 * - cpu_kernel_vec (aten/src/ATen/native/cpu/Loops.h, vectorized_loop) runs a contiguous run in
 *   blocks of 2 * Vectorized<T>::size() (32-byte AVX2 registers) and the remaining elements through
 *   the scalar lambda, which may compute differently: std::max returns its first argument on
 *   ties (maximum(-0., 0.) is -0.) where _mm256_max_ps returns its second, and glibc's coshf
 *   rounds differently from Sleef's vectorized cosh. The tail tables hold those scalar lambdas.
 */
import type { DType } from "../../tensor/dtype.js";
import { coshf, sinhf } from "./glibc_float.js";
import { sleefExpf } from "./sleef_float.js";

export type UnaryFn = (x: number, p: readonly number[]) => number;
export type BinaryFn = (a: number, b: number, p: readonly number[]) => number;

const fr = Math.fround;

/** float32 kernels that round every step (body and tail alike). */
export const UNARY_F32: Record<string, UnaryFn> = {
  // exp runs through at::vml (vec::map with partial loads): SLEEF for every element, tail included.
  exp: sleefExpf,
  // (1 + exp(-x)).reciprocal() with SLEEF's exp; the scalar tail uses glibc's expf (below).
  sigmoid: (x) => fr(1 / fr(1 + sleefExpf(-x))),
  // 1 / sqrt(x) with two roundings, in the scalar lambda and _mm256_div_ps(1, _mm256_sqrt_ps(x)) alike.
  rsqrt: (x) => fr(1 / fr(Math.sqrt(x))),
};

/** Scalar-loop lambdas of cpu_kernel_vec that differ from the vectorized body, by output dtype. */
export const UNARY_TAIL: Record<string, Partial<Record<DType["name"], UnaryFn>>> = {
  sigmoid: { float32: (x) => fr(1 / fr(1 + fr(Math.exp(-x)))) },
  cosh: { float32: coshf },
  sinh: { float32: sinhf },
};

// std::max / std::min after ATen's NaN check (BinaryOpsKernel.cpp, maximum_kernel): ties keep `a`.
const maxScalar: BinaryFn = (a, b) => (a !== a || b !== b ? NaN : a < b ? b : a);
const minScalar: BinaryFn = (a, b) => (a !== a || b !== b ? NaN : b < a ? b : a);

export const BINARY_TAIL: Record<string, Partial<Record<DType["name"], BinaryFn>>> = {
  maximum: { float16: maxScalar, float32: maxScalar, float64: maxScalar },
  minimum: { float16: minScalar, float32: minScalar, float64: minScalar },
};

/** Where the scalar tail of a contiguous run of `n` elements of `dtype` starts. */
export function tailStart(n: number, dtype: DType): number {
  const block = 2 * (32 / dtype.itemsize);
  return n - (n % block);
}
