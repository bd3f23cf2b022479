// Kernels for skinny products, C (m x n) = A (m x k) B (k x n) with n of a few columns (a
// convolution on a 2x2 or 4x4 map at batch 1, a layer's last few outputs): the packed GEMM would
// pack all of the large A (or, transposed, use an eighth of each vector tile) for a handful of
// columns, so these read A where it lies, in one of two forms chosen by A's layout:
//  - dot: A's rows contiguous (a weight [O, C*kh*kw]): C[i, j] = dot(A row i, B column j), vectors
//    along k, B's columns copied contiguous once (they are small);
//  - axpy: A's columns contiguous (a transposed weight): C[i:i+W, j] += A[i:i+W, p] * B[p, j],
//    vectors along m, B read in place.
// Each instruction set's translation unit instantiates these with its own vector traits V, as the
// micro-kernels (microkernel.h).
#pragma once
#include <cstdint>

namespace gradlab {

/** out[r*4 + j] = sum over p < kb of a[r*lda + p] * bt[j*ldbt + p], for r < R, j < C. */
template <class T>
using SkinnyDotFn = void (*)(int64_t kb, const T* a, int64_t lda, const T* bt, int64_t ldbt, T* out);

/** out[j*RV*W + i] = sum over p < kb of a[p*sak + i] * b[p*sbk + j*sbn], for i < RV*W, j < C. */
template <class T>
using SkinnyAxpyFn = void (*)(int64_t kb, const T* a, int64_t sak, const T* b, int64_t sbk, int64_t sbn, T* out);

template <class T>
struct SkinnyKernels {
  int w;                        // vector lanes
  SkinnyDotFn<T> dot[4][4];     // [R-1][C-1]: R rows of A, C columns of B
  SkinnyAxpyFn<T> axpy[2][4];   // [0]: 4 vectors of rows, [1]: 1 vector; [C-1]
};

template <class V>
static inline typename V::T hsum(typename V::R v) {
  alignas(64) typename V::T lanes[V::W];
  V::store(lanes, v);
  typename V::T s = 0;
  for (int i = 0; i < V::W; i++) s += lanes[i];
  return s;
}

template <class V, int R, int C>
static void skinny_dot(int64_t kb, const typename V::T* a, int64_t lda, const typename V::T* bt, int64_t ldbt, typename V::T* out) {
  using T = typename V::T;
  using Rg = typename V::R;
  constexpr int W = V::W;
  Rg acc[R][C];
#pragma GCC unroll 4
  for (int r = 0; r < R; r++)
#pragma GCC unroll 4
    for (int j = 0; j < C; j++) acc[r][j] = V::zero();
  int64_t p = 0;
  for (; p + W <= kb; p += W) {
    Rg bv[C];
#pragma GCC unroll 4
    for (int j = 0; j < C; j++) bv[j] = V::load(bt + j * ldbt + p);
#pragma GCC unroll 4
    for (int r = 0; r < R; r++) {
      const Rg av = V::load(a + r * lda + p);
#pragma GCC unroll 4
      for (int j = 0; j < C; j++) acc[r][j] = V::fma(av, bv[j], acc[r][j]);
    }
  }
  for (int r = 0; r < R; r++)
    for (int j = 0; j < C; j++) {
      T s = hsum<V>(acc[r][j]);
      for (int64_t q = p; q < kb; q++) s += a[r * lda + q] * bt[j * ldbt + q];
      out[r * 4 + j] = s;
    }
}

template <class V, int RV, int C>
static void skinny_axpy(int64_t kb, const typename V::T* a, int64_t sak, const typename V::T* b, int64_t sbk, int64_t sbn, typename V::T* out) {
  using Rg = typename V::R;
  constexpr int W = V::W;
  Rg acc[RV][C];
#pragma GCC unroll 4
  for (int v = 0; v < RV; v++)
#pragma GCC unroll 4
    for (int j = 0; j < C; j++) acc[v][j] = V::zero();
  for (int64_t p = 0; p < kb; p++, a += sak, b += sbk) {
    Rg av[RV];
#pragma GCC unroll 4
    for (int v = 0; v < RV; v++) av[v] = V::load(a + v * W);
#pragma GCC unroll 4
    for (int j = 0; j < C; j++) {
      const Rg bj = V::set1(b[j * sbn]);
#pragma GCC unroll 4
      for (int v = 0; v < RV; v++) acc[v][j] = V::fma(av[v], bj, acc[v][j]);
    }
  }
#pragma GCC unroll 4
  for (int j = 0; j < C; j++)
#pragma GCC unroll 4
    for (int v = 0; v < RV; v++) V::store(out + j * RV * W + v * W, acc[v][j]);
}

/** The table of one instruction set's skinny kernels. */
template <class V>
const SkinnyKernels<typename V::T>& skinny_kernels() {
  static const SkinnyKernels<typename V::T> k{
      V::W,
      {{skinny_dot<V, 1, 1>, skinny_dot<V, 1, 2>, skinny_dot<V, 1, 3>, skinny_dot<V, 1, 4>},
       {skinny_dot<V, 2, 1>, skinny_dot<V, 2, 2>, skinny_dot<V, 2, 3>, skinny_dot<V, 2, 4>},
       {skinny_dot<V, 3, 1>, skinny_dot<V, 3, 2>, skinny_dot<V, 3, 3>, skinny_dot<V, 3, 4>},
       {skinny_dot<V, 4, 1>, skinny_dot<V, 4, 2>, skinny_dot<V, 4, 3>, skinny_dot<V, 4, 4>}},
      {{skinny_axpy<V, 4, 1>, skinny_axpy<V, 4, 2>, skinny_axpy<V, 4, 3>, skinny_axpy<V, 4, 4>},
       {skinny_axpy<V, 1, 1>, skinny_axpy<V, 1, 2>, skinny_axpy<V, 1, 3>, skinny_axpy<V, 1, 4>}},
  };
  return k;
}

}  // namespace gradlab
