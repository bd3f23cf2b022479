// AVX2 + FMA micro-kernels (this file alone is compiled with -mavx2 -mfma). fp32: 6 rows x 16
// columns (12 ymm accumulators); fp64: 6 x 8.
#include <immintrin.h>

#include "gemm.h"
#include "microkernel.h"
#include "skinny.h"

namespace gradlab {
namespace {
struct F32x8 {
  using T = float;
  using R = __m256;
  static constexpr int W = 8;
  static R zero() { return _mm256_setzero_ps(); }
  static R load(const T* p) { return _mm256_loadu_ps(p); }
  static void store(T* p, R v) { _mm256_storeu_ps(p, v); }
  static R set1(T x) { return _mm256_set1_ps(x); }
  static R fma(R a, R b, R c) { return _mm256_fmadd_ps(a, b, c); }
  static R add(R a, R b) { return _mm256_add_ps(a, b); }
};
struct F64x4 {
  using T = double;
  using R = __m256d;
  static constexpr int W = 4;
  static R zero() { return _mm256_setzero_pd(); }
  static R load(const T* p) { return _mm256_loadu_pd(p); }
  static void store(T* p, R v) { _mm256_storeu_pd(p, v); }
  static R set1(T x) { return _mm256_set1_pd(x); }
  static R fma(R a, R b, R c) { return _mm256_fmadd_pd(a, b, c); }
  static R add(R a, R b) { return _mm256_add_pd(a, b); }
};
}  // namespace

const MicroKernel<float>& kernel_f32_avx2() {
  static const MicroKernel<float> k{"avx2", 6, 16, 256, 144, 4096, micro_kernel<F32x8, 6, 2>, micro_kernel_widen<F32x8, 6, 2>, &skinny_kernels<F32x8>()};
  return k;
}
const MicroKernel<double>& kernel_f64_avx2() {
  static const MicroKernel<double> k{"avx2", 6, 8, 256, 96, 4096, micro_kernel<F64x4, 6, 2>, nullptr, &skinny_kernels<F64x4>()};
  return k;
}
}  // namespace gradlab
