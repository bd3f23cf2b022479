// reduce_fast.h's kernels compiled for AVX-512, with the serial sum's block statistics in
// intrinsics (16 floats a load, two 8-double lanes each for the sum and the magnitudes).
#include <immintrin.h>

#include <cstdint>

namespace gradlab {
namespace {
double serial_sum_f32(const float* x, int64_t n);
}
}  // namespace gradlab

#define GRADLAB_OWN_SERIAL_SUM
#include "reduce_fast_rows.h"

namespace gradlab {
namespace {

inline void block_stats16(const float* p, double& bsum, double& bmag, uint32_t& bl) {
  const __m512i abs_mask = _mm512_set1_epi32(0x7fffffff), one = _mm512_set1_epi32(1);
  __m512d s0 = _mm512_setzero_pd(), s1 = s0, m0 = s0, m1 = s0;
  __m512i low = _mm512_set1_epi32(-1);
  for (int j = 0; j < kBlock; j += 16) {
    const __m512 v = _mm512_loadu_ps(p + j);
    const __m512i b = _mm512_and_si512(_mm512_castps_si512(v), abs_mask);
    low = _mm512_min_epu32(low, _mm512_sub_epi32(b, one));
    s0 = _mm512_add_pd(s0, _mm512_cvtps_pd(_mm512_castps512_ps256(v)));
    s1 = _mm512_add_pd(s1, _mm512_cvtps_pd(_mm256_castsi256_ps(_mm512_extracti64x4_epi64(_mm512_castps_si512(v), 1))));
    m0 = _mm512_add_pd(m0, _mm512_cvtps_pd(_mm256_castsi256_ps(_mm512_castsi512_si256(b))));
    m1 = _mm512_add_pd(m1, _mm512_cvtps_pd(_mm256_castsi256_ps(_mm512_extracti64x4_epi64(b, 1))));
  }
  bsum = _mm512_reduce_add_pd(_mm512_add_pd(s0, s1));
  bmag = _mm512_reduce_add_pd(_mm512_add_pd(m0, m1));
  bl = uint32_t(_mm512_reduce_min_epu32(low));
}

double serial_sum_f32(const float* x, int64_t n) { return serial_sum(x, n, block_stats16); }

}  // namespace

const FastReduceKernels& reduce_fast_avx512() { return kFastReduce; }
}  // namespace gradlab
