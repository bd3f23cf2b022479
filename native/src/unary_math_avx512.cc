// unary_math's row kernels for AVX-512: contiguous float32 exp and sigmoid 16 lanes at a time
// (SLEEF's expf as Sleef_expf16_u10 computes it, the same operations as the scalar sleef_expf),
// everything else through the scalar rows compiled with hardware fma.
#include <immintrin.h>

#include "unary_math_rows.h"

namespace gradlab {
namespace {

inline __m512 expf16(__m512 d) {
  using namespace math;
  const __m512 t = _mm512_mul_ps(d, _mm512_set1_ps(kRLn2f));
  const __m512 q = _mm512_roundscale_ps(t, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 s = _mm512_fmadd_ps(q, _mm512_set1_ps(-kL2Uf), d);
  s = _mm512_fmadd_ps(q, _mm512_set1_ps(-kL2Lf), s);
  __m512 u = _mm512_fmadd_ps(_mm512_set1_ps(kExpC0), s, _mm512_set1_ps(kExpC1));
  u = _mm512_fmadd_ps(u, s, _mm512_set1_ps(kExpC2));
  u = _mm512_fmadd_ps(u, s, _mm512_set1_ps(kExpC3));
  u = _mm512_fmadd_ps(u, s, _mm512_set1_ps(kExpC4));
  u = _mm512_fmadd_ps(u, s, _mm512_set1_ps(0.5f));
  u = _mm512_add_ps(_mm512_set1_ps(1.f), _mm512_fmadd_ps(_mm512_mul_ps(s, s), u, s));
  // Out of range lanes hold garbage here; the masks below replace them.
  const __m512i qi = _mm512_cvtps_epi32(q), h = _mm512_srai_epi32(qi, 1);
  const __m512i bias = _mm512_set1_epi32(127);
  const __m512 p1 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(h, bias), 23));
  const __m512 p2 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(_mm512_sub_epi32(qi, h), bias), 23));
  __m512 r = _mm512_mul_ps(_mm512_mul_ps(u, p1), p2);
  r = _mm512_mask_mov_ps(r, _mm512_cmp_ps_mask(d, _mm512_set1_ps(-104.f), _CMP_NGE_UQ), _mm512_setzero_ps());
  r = _mm512_mask_mov_ps(r, _mm512_cmp_ps_mask(d, _mm512_set1_ps(100.f), _CMP_GT_OQ), _mm512_set1_ps(INFINITY));
  return _mm512_mask_mov_ps(r, _mm512_cmp_ps_mask(d, d, _CMP_UNORD_Q), d);
}

void row_f32(int op, const float* x, int64_t sx, float* out, int64_t n) {
  if (sx != 1 || (op != kMathExp && op != kMathSigmoid)) {
    math_row_f32(op, x, sx, out, n);
    return;
  }
  int64_t i = 0;
  if (op == kMathExp) {
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, expf16(_mm512_loadu_ps(x + i)));
  } else {
    const __m512 one = _mm512_set1_ps(1.f);
    const __m512i sign = _mm512_set1_epi32(int32_t(0x80000000u));
    for (; i + 16 <= n; i += 16) {
      // -x by flipping the sign bit (xor_ps needs AVX512DQ).
      const __m512 e = expf16(_mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(_mm512_loadu_ps(x + i)), sign)));
      _mm512_storeu_ps(out + i, _mm512_div_ps(one, _mm512_add_ps(one, e)));
    }
  }
  math_row_f32(op, x + i, 1, out + i, n - i);
}

}  // namespace

const MathKernels& unary_math_avx512() {
  static const MathKernels k{row_f32, math_row_f64};
  return k;
}
}  // namespace gradlab
