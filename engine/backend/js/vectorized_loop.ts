/**
 * Where PyTorch's CPU kernels round differently from "compute in double, round once", the JS
 * backend follows them. Two sources of difference:
 *
 * - float32 kernels compute in float32: sigmoid is 1 / (1 + exp(-x)) with every step rounded to
 *   float (aten/src/ATen/native/cpu/UnaryOpsKernel.cpp), so sigmoid(-100) is 1 / inf = 0, not
 *   the subnormal 3.8e-44.
 * - cpu_kernel_vec (aten/src/ATen/native/cpu/Loops.h, vectorized_loop) runs a contiguous run in
 *   blocks of 2 * Vectorized<T>::size() (32-byte AVX2 registers) and the remaining elements through
 *   the scalar lambda, which may compute differently: std::max returns its first argument on
 *   ties (maximum(-0., 0.) is -0.) where _mm256_max_ps returns its second, and glibc's coshf
 *   rounds differently from Sleef's vectorized cosh. The tail tables hold those scalar lambdas.
 */
import type { DType } from "../../tensor/dtype.js";

export type UnaryFn = (x: number, p: readonly number[]) => number;
export type BinaryFn = (a: number, b: number, p: readonly number[]) => number;

const fr = Math.fround;

/** float32 kernels that round every step (body and tail alike). */
export const UNARY_F32: Record<string, UnaryFn> = {
  sigmoid: (x) => fr(1 / fr(1 + fr(Math.exp(-x)))),
};

/**
 * glibc 2.36's coshf (sysdeps/ieee754/flt-32/e_coshf.c, from fdlibm), in float arithmetic:
 * PyTorch's scalar path for float32 cosh. It is 1 ulp off where exp(|x|)/2 + 1/(2 exp(|x|))
 * rounds twice (cosh(5) is 74.20995331, printed 74.2100).
 */
function coshf(x: number): number {
  const a = Math.abs(x);
  if (!(a < Infinity)) return a; // NaN stays NaN, +-inf gives inf
  if (a < 0.3465735912322998) { // |x| < ln2 / 2: 1 + expm1(|x|)^2 / (2 exp(|x|))
    const t = fr(Math.expm1(a)), w = fr(1 + t);
    if (a < 2 ** -55) return w;
    return fr(1 + fr(fr(t * t) / fr(w + w)));
  }
  if (a < 22) { const t = fr(Math.exp(a)); return fr(fr(0.5 * t) + fr(0.5 / t)); }
  if (a < 88.7216796875) return fr(0.5 * fr(Math.exp(a))); // below log(FLT_MAX)
  if (a <= 89.41598510742188) { const w = fr(Math.exp(0.5 * a)); return fr(fr(0.5 * w) * w); } // overflow threshold
  return Infinity;
}

/** Scalar-loop lambdas of cpu_kernel_vec that differ from the vectorized body, by output dtype. */
export const UNARY_TAIL: Record<string, Partial<Record<DType["name"], UnaryFn>>> = {
  cosh: { float32: coshf },
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
