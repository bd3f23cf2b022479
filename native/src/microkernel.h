// The micro-kernel body, shared by every instruction set: each translation unit includes this with
// its own vector traits V (register type, width, load/store/broadcast/fma), so one loop nest
// becomes an AVX-512, AVX2 or portable kernel. Accumulators are a fixed MR x NV array of
// registers; the loops are fully unrolled so the compiler keeps them in registers.
#pragma once
#include <cstdint>

namespace gradlab {

/** acc = the MR x NV*W tile of sum over p < kc of a[p*MR + i] * b[p*NV*W + j] (the loop all kernels share). */
template <class V, int MR, int NV>
static inline void tile_product(int64_t kc, const typename V::T* a, const typename V::T* b, typename V::R (&acc)[MR][NV]) {
  using R = typename V::R;
  constexpr int W = V::W;
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
}

template <class V, int MR, int NV>
static void micro_kernel(int64_t kc, const typename V::T* a, const typename V::T* b, typename V::T* c, int64_t ldc, bool accumulate) {
  constexpr int W = V::W;
  typename V::R acc[MR][NV];
  tile_product<V, MR, NV>(kc, a, b, acc);
#pragma GCC unroll 32
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) {
      typename V::T* cp = c + i * ldc + v * W;
      V::store(cp, accumulate ? V::add(V::load(cp), acc[i][v]) : acc[i][v]);
    }
}

/**
 * The tile summed in T (float32 fused multiply-adds over this depth block), then widened to double
 * and stored into (or added to) a double tile of C: the depth blocks of one product are summed in
 * double, so float32 rounding grows with the block depth (kc), not with the whole of K.
 */
template <class V, int MR, int NV>
static void micro_kernel_widen(int64_t kc, const typename V::T* a, const typename V::T* b, double* c, int64_t ldc, bool accumulate) {
  constexpr int W = V::W;
  typename V::R acc[MR][NV];
  tile_product<V, MR, NV>(kc, a, b, acc);
  alignas(64) typename V::T row[NV * W];
#pragma GCC unroll 32
  for (int i = 0; i < MR; i++) {
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) V::store(row + v * W, acc[i][v]);
    double* cp = c + i * ldc;
    if (accumulate)
      for (int j = 0; j < NV * W; j++) cp[j] += double(row[j]);
    else
      for (int j = 0; j < NV * W; j++) cp[j] = double(row[j]);
  }
}

}  // namespace gradlab
