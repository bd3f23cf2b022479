// AVX-512F micro-kernels (this file alone is compiled with -mavx512f -mfma). fp32: 12 rows x 32
// columns (24 zmm accumulators, 2 for B, 1 broadcast); fp64: 12 x 16.
#include <immintrin.h>

#include "gemm.h"
#include "microkernel.h"
#include "skinny.h"

namespace gradlab {
namespace {
struct F32x16 {
  using T = float;
  using R = __m512;
  static constexpr int W = 16;
  static R zero() { return _mm512_setzero_ps(); }
  static R load(const T* p) { return _mm512_loadu_ps(p); }
  static void store(T* p, R v) { _mm512_storeu_ps(p, v); }
  static R set1(T x) { return _mm512_set1_ps(x); }
  static R fma(R a, R b, R c) { return _mm512_fmadd_ps(a, b, c); }
  static R add(R a, R b) { return _mm512_add_ps(a, b); }
};
struct F64x8 {
  using T = double;
  using R = __m512d;
  static constexpr int W = 8;
  static R zero() { return _mm512_setzero_pd(); }
  static R load(const T* p) { return _mm512_loadu_pd(p); }
  static void store(T* p, R v) { _mm512_storeu_pd(p, v); }
  static R set1(T x) { return _mm512_set1_pd(x); }
  static R fma(R a, R b, R c) { return _mm512_fmadd_pd(a, b, c); }
  static R add(R a, R b) { return _mm512_add_pd(a, b); }
};
}  // namespace

const MicroKernel<float>& kernel_f32_avx512() {
  static const MicroKernel<float> k{"avx512", 12, 32, 256, 240, 4096, micro_kernel<F32x16, 12, 2>, micro_kernel_widen<F32x16, 12, 2>, &skinny_kernels<F32x16>()};
  return k;
}
const MicroKernel<double>& kernel_f64_avx512() {
  static const MicroKernel<double> k{"avx512", 12, 16, 256, 120, 4096, micro_kernel<F64x8, 12, 2>, nullptr, &skinny_kernels<F64x8>()};
  return k;
}
}  // namespace gradlab
