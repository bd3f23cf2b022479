// reduce_fast.h's kernels compiled for AVX-512, with the serial sum and max/min in intrinsics: the
// sum checks stretches of up to 4096 values at once from their largest magnitude and lowest set
// bit, then blocks of 64 where a stretch fails the test.
#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace gradlab {
namespace {
double serial_sum_f32(const float* x, int64_t n);
float extremum_f32(int op, const float* x, int64_t n);
}  // namespace
}  // namespace gradlab

#define GRADLAB_OWN_SERIAL_SUM
#define GRADLAB_OWN_EXTREMUM_F32
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

/**
 * A long stretch at once (len a multiple of 16): its lanes' sum, its largest magnitude, and the
 * exponent of the smallest nonzero magnitude's ulp (2000 when every value is zero). Returns false
 * when a value is NaN or infinite.
 */
inline bool stretch_stats(const float* p, int64_t len, double& bsum, double& max_abs, int& ulp) {
  const __m512i abs_mask = _mm512_set1_epi32(0x7fffffff), one = _mm512_set1_epi32(1);
  __m512d s0 = _mm512_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
  __m512i max_bits = _mm512_setzero_si512(), low = _mm512_set1_epi32(-1);
  auto step = [&](const float* q, __m512d& a0, __m512d& a1) {
    const __m512 v = _mm512_loadu_ps(q);
    const __m512i b = _mm512_and_si512(_mm512_castps_si512(v), abs_mask);
    max_bits = _mm512_max_epu32(max_bits, b);
    low = _mm512_min_epu32(low, _mm512_sub_epi32(b, one));  // zeros wrap to the largest: they never win
    a0 = _mm512_add_pd(a0, _mm512_cvtps_pd(_mm512_castps512_ps256(v)));
    a1 = _mm512_add_pd(a1, _mm512_cvtps_pd(_mm256_castsi256_ps(_mm512_extracti64x4_epi64(_mm512_castps_si512(v), 1))));
  };
  int64_t j = 0;
  for (; j + 32 <= len; j += 32) {
    step(p + j, s0, s1);
    step(p + j + 16, s2, s3);
  }
  if (j < len) step(p + j, s0, s1);
  const uint32_t mb = uint32_t(_mm512_reduce_max_epu32(max_bits));
  if (mb >= 0x7f800000u) return false;
  float f;
  std::memcpy(&f, &mb, 4);
  max_abs = f;
  const uint32_t lb = uint32_t(_mm512_reduce_min_epu32(low));
  const int be = int((lb + 1) >> 23);
  ulp = lb == ~0u ? 2000 : be == 0 ? -149 : be - 150;
  bsum = _mm512_reduce_add_pd(_mm512_add_pd(_mm512_add_pd(s0, s2), _mm512_add_pd(s1, s3)));
  return true;
}

/**
 * The exponent of the lowest set bit over the nonzero values of p[0..len) (len a multiple of 16;
 * 2000 when all are zero): a second look when the ulp bound is too coarse (values on a grid
 * coarser than their ulp, as uniform random floats are).
 */
inline int lowest_bit(const float* p, int64_t len) {
  const __m512i abs_mask = _mm512_set1_epi32(0x7fffffff), mant = _mm512_set1_epi32(0x7fffff),
                hidden = _mm512_set1_epi32(0x800000), one = _mm512_set1_epi32(1);
  __m512i low = _mm512_set1_epi32(0x7fffffff);
  for (int64_t j = 0; j < len; j += 16) {
    const __m512i b = _mm512_and_si512(_mm512_loadu_si512(p + j), abs_mask);
    // The significand's lowest set bit (hidden bit included for normals) converted to float has
    // exponent field 127 + its position; plus max(E, 1) that is the value's lowest bit + 277.
    const __m512i e = _mm512_srli_epi32(b, 23);
    const __mmask16 normal = _mm512_test_epi32_mask(e, e), nonzero = _mm512_test_epi32_mask(b, b);
    const __m512i m = _mm512_mask_or_epi32(_mm512_and_si512(b, mant), normal, _mm512_and_si512(b, mant), hidden);
    const __m512i bit = _mm512_and_si512(m, _mm512_sub_epi32(_mm512_setzero_si512(), m));
    const __m512i pos = _mm512_srli_epi32(_mm512_castps_si512(_mm512_cvtepi32_ps(bit)), 23);
    low = _mm512_mask_min_epi32(low, nonzero, low, _mm512_add_epi32(pos, _mm512_max_epi32(e, one)));
  }
  const int lc = _mm512_reduce_min_epi32(low);
  return lc == 0x7fffffff ? 2000 : lc - 277;
}

/**
 * serial_sum with a first try over stretches of up to 4096 values: when |s| + len * max|x| stays
 * below 2^(53 + e) (e: the lowest set bit of s and of every value, or a lower bound of it) the
 * whole stretch adds exactly in any order; otherwise the stretch goes through the blocks of 64.
 */
double serial_sum_f32(const float* x, int64_t n) {
  constexpr int64_t kStretch = 4096;
  double s = 0;
  int64_t i = 0;
  while (n - i >= kBlock) {
    const int64_t len = std::min<int64_t>(kStretch, (n - i) & ~int64_t(15));
    double bsum, max_abs;
    int e;
    if (stretch_stats(x + i, len, bsum, max_abs, e)) {
      const int se = s != 0 ? low_bit(s) : 2000;
      const double bound = std::fabs(s) + double(len) * max_abs;
      // Every value is a multiple of its ulp: try that first, then the values' actual lowest bit.
      if (bound < pow2(53 + std::min(se, e)) || bound < pow2(53 + std::min(se, lowest_bit(x + i, len)))) {
        s += bsum;
        i += len;
        continue;
      }
    }
    // NOTE: serial_sum restarts at 0; add its result to s only where that is exact too, so run
    // the blocks here against the running s.
    const int64_t end = i + len;
    while (end - i >= kBlock) {
      double b2, m2;
      uint32_t l2;
      block_stats16(x + i, b2, m2, l2);
      if (!exact_block(s, b2, m2, l2))
        for (const int64_t stop = i + kLanes; i < stop; i++) s += double(x[i]);
      else
        i += kBlock;
    }
    for (; i < end; i++) s += double(x[i]);
  }
  for (; i < n; i++) s += double(x[i]);
  return s;
}

/**
 * max/min of x[0..n) 16 lanes at a time: _mm512_max_ps ignores a NaN in its first operand, so NaN
 * is tracked in a mask; the sign of a zero result comes from the first zero, as the serial loop's.
 */
float extremum_f32(int op, const float* x, int64_t n) {
  const bool mx = op == kFastMax;
  __m512 m0 = _mm512_set1_ps(mx ? -INFINITY : INFINITY), m1 = m0;
  __mmask16 nan = 0;
  int64_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m512 a = _mm512_loadu_ps(x + i), b = _mm512_loadu_ps(x + i + 16);
    nan |= _mm512_cmp_ps_mask(a, b, _CMP_UNORD_Q);
    m0 = mx ? _mm512_max_ps(a, m0) : _mm512_min_ps(a, m0);
    m1 = mx ? _mm512_max_ps(b, m1) : _mm512_min_ps(b, m1);
  }
  float r = mx ? _mm512_reduce_max_ps(_mm512_max_ps(m0, m1)) : _mm512_reduce_min_ps(_mm512_min_ps(m0, m1));
  bool any_nan = nan != 0;
  for (; i < n; i++) {
    const float v = x[i];
    any_nan |= v != v;
    r = mx ? (v > r ? v : r) : (v < r ? v : r);
  }
  if (any_nan) return NAN;
  return r == 0.f ? first_zero(x, n, 1) : r;
}

}  // namespace

const FastReduceKernels& reduce_fast_avx512() { return kFastReduce; }
}  // namespace gradlab
