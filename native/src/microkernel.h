// The micro-kernel body, shared by every instruction set: each translation unit includes this with
// its own vector traits V (register type, width, load/store/broadcast/fma), so one loop nest
// becomes an AVX-512, AVX2 or portable kernel. Accumulators are a fixed MR x NV array of
// registers; the loops are fully unrolled so the compiler keeps them in registers.
#pragma once
#include <cstdint>

namespace gradlab {

template <class V, int MR, int NV>
static void micro_kernel(int64_t kc, const typename V::T* a, const typename V::T* b, typename V::T* c, int64_t ldc, bool accumulate) {
  using R = typename V::R;
  constexpr int W = V::W;
  R acc[MR][NV];
#pragma GCC unroll 32
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) acc[i][v] = V::zero();
  for (int64_t p = 0; p < kc; p++) {
    R bv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) bv[v] = V::load(b + v * W);
#pragma GCC unroll 32
    for (int i = 0; i < MR; i++) {
      const R ai = V::set1(a[i]);
#pragma GCC unroll 8
      for (int v = 0; v < NV; v++) acc[i][v] = V::fma(ai, bv[v], acc[i][v]);
    }
    a += MR;
    b += NV * W;
  }
#pragma GCC unroll 32
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) {
      typename V::T* cp = c + i * ldc + v * W;
      V::store(cp, accumulate ? V::add(V::load(cp), acc[i][v]) : acc[i][v]);
    }
}

}  // namespace gradlab
