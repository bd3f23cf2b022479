// The N-d drivers of elementwise.h: dims merged where the strides allow, rows handed to the
// instruction set's row kernels, large work split over the thread pool in chunks claimed from a
// counter. Output elements do not depend on how the work is split (each is computed alone, and a
// reduction's output sums its own slice in a fixed order), so threads change no bits.
#include "elementwise.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "gemm.h"
#include "thread_pool.h"

namespace gradlab {
namespace {

const ElementwiseKernels& kernels() {
#if defined(__x86_64__)
  // gemm.cc owns the instruction-set choice (GRADLAB_NATIVE_ISA, set_isa); follow it.
  const char* isa = active_isa();
  if (std::strcmp(isa, "avx512") == 0) return elementwise_avx512();
  if (std::strcmp(isa, "avx2") == 0) return elementwise_avx2();
#endif
  return elementwise_generic();
}

/** Elements per chunk of threaded work, and the least work worth waking the pool for. */
constexpr int64_t kGrain = 32768;


/** Dims and operand strides after dropping size-1 dims and merging dims that are contiguous in every operand. */
struct Layout {
  int nd = 0;
  int64_t shape[kMaxDims];
  int64_t strides[2][kMaxDims];
  int64_t numel = 1;
};

Layout coalesce(int nd, const int64_t* shape, int nops, const int64_t* const* strides) {
  Layout l;
  for (int d = 0; d < nd; d++) l.numel *= shape[d];
  for (int d = 0; d < nd; d++) {
    if (shape[d] == 1) continue;
    if (l.nd > 0) {
      // Merge into the previous kept dim when stepping it equals stepping this one shape[d] times.
      bool merge = true;
      for (int k = 0; k < nops; k++) merge = merge && strides[k][l.nd - 1] == strides[k][d] * shape[d];
      if (merge) {
        l.shape[l.nd - 1] *= shape[d];
        for (int k = 0; k < nops; k++) l.strides[k][l.nd - 1] = strides[k][d];
        continue;
      }
    }
    l.shape[l.nd] = shape[d];
    for (int k = 0; k < nops; k++) l.strides[k][l.nd] = strides[k][d];
    l.nd++;
  }
  return l;
}

/**
 * Calls f(offsets, len, index) for the rows covering elements [begin, end) in row-major order:
 * `index` is the first element's position (the contiguous output's offset), offsets[k] operand
 * k's element offset; a row is at most the innermost dim's length.
 */
template <class F>
void for_rows(const Layout& l, int nops, int64_t begin, int64_t end, const F& f) {
  int64_t off[2] = {0, 0};
  if (l.nd == 0) {
    if (begin < end) f(off, int64_t(1), int64_t(0));
    return;
  }
  const int in = l.nd - 1;
  int64_t idx[kMaxDims];
  int64_t rem = begin;
  for (int d = in; d >= 0; d--) {
    idx[d] = rem % l.shape[d];
    rem /= l.shape[d];
    for (int k = 0; k < nops; k++) off[k] += idx[d] * l.strides[k][d];
  }
  for (int64_t pos = begin; pos < end;) {
    const int64_t len = std::min(l.shape[in] - idx[in], end - pos);
    f(off, len, pos);
    pos += len;
    idx[in] += len;
    for (int k = 0; k < nops; k++) off[k] += len * l.strides[k][in];
    for (int d = in; d > 0 && idx[d] == l.shape[d]; d--) {
      for (int k = 0; k < nops; k++) off[k] += l.strides[k][d - 1] - l.shape[d] * l.strides[k][d];
      idx[d] = 0;
      idx[d - 1]++;
    }
  }
}

template <class T> UnaryRowFn<T> unary_kernel();
template <> UnaryRowFn<float> unary_kernel<float>() { return kernels().unary_f32; }
template <> UnaryRowFn<double> unary_kernel<double>() { return kernels().unary_f64; }

void binary_rows(int op, const float* a, int64_t sa, const float* b, int64_t sb, float* o, int64_t n, const double* p) {
  kernels().binary_f32(op, a, sa, b, sb, o, n, p);
}
void binary_rows(int op, const double* a, int64_t sa, const double* b, int64_t sb, double* o, int64_t n, const double* p) {
  kernels().binary_f64(op, a, sa, b, sb, o, n, p);
}
void binary_rows(int op, const float* a, int64_t sa, const float* b, int64_t sb, uint8_t* o, int64_t n, const double*) {
  kernels().compare_f32(op, a, sa, b, sb, o, n);
}
void binary_rows(int op, const double* a, int64_t sa, const double* b, int64_t sb, uint8_t* o, int64_t n, const double*) {
  kernels().compare_f64(op, a, sa, b, sb, o, n);
}

SgdFn<float> sgd_kernel(float*) { return kernels().sgd_f32; }
SgdFn<double> sgd_kernel(double*) { return kernels().sgd_f64; }
AdamFn<float> adam_kernel(float*) { return kernels().adam_f32; }
AdamFn<double> adam_kernel(double*) { return kernels().adam_f64; }

}  // namespace

template <class T>
void unary(int op, Operand<const T> x, T* out, int nd, const int64_t* shape, const double* p) {
  const int64_t* st[1] = {x.strides};
  const Layout l = coalesce(nd, shape, 1, st);
  const UnaryRowFn<T> row = unary_kernel<T>();
  parallel_chunks(l.numel, kGrain, [&](int64_t begin, int64_t end) {
    for_rows(l, 1, begin, end, [&](const int64_t* off, int64_t len, int64_t i) {
      row(op, x.data + off[0], l.nd ? l.strides[0][l.nd - 1] : 1, out + i, len, p);
    });
  });
}

template <class T, class O>
void binary(int op, Operand<const T> a, Operand<const T> b, O* out, int nd, const int64_t* shape, const double* p) {
  const int64_t* st[2] = {a.strides, b.strides};
  const Layout l = coalesce(nd, shape, 2, st);
  const int64_t sa = l.nd ? l.strides[0][l.nd - 1] : 1, sb = l.nd ? l.strides[1][l.nd - 1] : 1;
  parallel_chunks(l.numel, kGrain, [&](int64_t begin, int64_t end) {
    for_rows(l, 2, begin, end, [&](const int64_t* off, int64_t len, int64_t i) {
      binary_rows(op, a.data + off[0], sa, b.data + off[1], sb, out + i, len, p);
    });
  });
}

template <class T, class O>
void reduce(int op, Operand<const T> x, O* out, int nd, const int64_t* shape, const bool* reduced) {
  int64_t kshape[kMaxDims], kstr[kMaxDims], rshape[kMaxDims], rstr[kMaxDims];
  int nk = 0, nr = 0;
  for (int d = 0; d < nd; d++) {
    if (reduced[d]) rshape[nr] = shape[d], rstr[nr++] = x.strides[d];
    else kshape[nk] = shape[d], kstr[nk++] = x.strides[d];
  }
  const int64_t* ks[1] = {kstr};
  const int64_t* rs[1] = {rstr};
  const Layout kept = coalesce(nk, kshape, 1, ks), red = coalesce(nr, rshape, 1, rs);
  const int64_t n_out = kept.numel, n_red = red.numel;
  if (n_out == 0) return;
  const double scale = op == kMean ? double(n_red) : 1.0;
  // Each output sums its own slice in row-major order of the reduced dims, starting from 0 (as the
  // TypeScript reducers). Eight outputs walk their slices side by side: eight independent sums
  // hide the latency of the adds without changing any sum's order.
  constexpr int kLanes = 8;
  const int64_t rin = red.nd ? red.strides[0][red.nd - 1] : 1;
  auto run = [&](int64_t begin, int64_t end) {
    int64_t base[kLanes];
    for_rows(kept, 1, begin, end, [&](const int64_t* off, int64_t len, int64_t o) {
      const int64_t ks_in = kept.nd ? kept.strides[0][kept.nd - 1] : 0;
      for (int64_t j = 0; j < len;) {
        const int lanes = int(std::min<int64_t>(kLanes, len - j));
        for (int k = 0; k < lanes; k++) base[k] = off[0] + (j + k) * ks_in;
        double acc[kLanes] = {0, 0, 0, 0, 0, 0, 0, 0};
        for_rows(red, 1, 0, n_red, [&](const int64_t* roff, int64_t rlen, int64_t) {
          const T* src = x.data + roff[0];
          if (lanes == kLanes) {
            for (int64_t i = 0; i < rlen; i++) {
              const T* s = src + i * rin;
#pragma GCC unroll 8
              for (int k = 0; k < kLanes; k++) acc[k] += double(s[base[k]]);
            }
          } else {
            for (int64_t i = 0; i < rlen; i++)
              for (int k = 0; k < lanes; k++) acc[k] += double(src[base[k] + i * rin]);
          }
        });
        for (int k = 0; k < lanes; k++) out[o + j + k] = O(op == kMean ? acc[k] / scale : acc[k]);
        j += lanes;
      }
    });
  };
  // Outputs per chunk: enough that a chunk holds about kGrain elements of input.
  const int64_t grain = std::max<int64_t>(kLanes, (kGrain + std::max<int64_t>(n_red, 1) - 1) / std::max<int64_t>(n_red, 1));
  parallel_chunks(n_out, grain, run);
}

template <class T>
void sgd(T* p, const T* g, T* buf, int64_t n, const SgdArgs& s) {
  const SgdFn<T> f = sgd_kernel(static_cast<T*>(nullptr));
  parallel_chunks(n, 4 * kGrain, [&](int64_t begin, int64_t end) { f(p, g, buf, begin, end, s); });
}

template <class T>
void adam(T* p, const T* g, T* m, T* v, T* vmax, int64_t n, const AdamArgs& a) {
  const AdamFn<T> f = adam_kernel(static_cast<T*>(nullptr));
  parallel_chunks(n, 2 * kGrain, [&](int64_t begin, int64_t end) { f(p, g, m, v, vmax, begin, end, a); });
}

template void adam<float>(float*, const float*, float*, float*, float*, int64_t, const AdamArgs&);
template void adam<double>(double*, const double*, double*, double*, double*, int64_t, const AdamArgs&);
template void unary<float>(int, Operand<const float>, float*, int, const int64_t*, const double*);
template void unary<double>(int, Operand<const double>, double*, int, const int64_t*, const double*);
template void binary<float, float>(int, Operand<const float>, Operand<const float>, float*, int, const int64_t*, const double*);
template void binary<double, double>(int, Operand<const double>, Operand<const double>, double*, int, const int64_t*, const double*);
template void binary<float, uint8_t>(int, Operand<const float>, Operand<const float>, uint8_t*, int, const int64_t*, const double*);
template void binary<double, uint8_t>(int, Operand<const double>, Operand<const double>, uint8_t*, int, const int64_t*, const double*);
template void reduce<float, float>(int, Operand<const float>, float*, int, const int64_t*, const bool*);
template void reduce<float, double>(int, Operand<const float>, double*, int, const int64_t*, const bool*);
template void reduce<double, double>(int, Operand<const double>, double*, int, const int64_t*, const bool*);
template void sgd<float>(float*, const float*, float*, int64_t, const SgdArgs&);
template void sgd<double>(double*, const double*, double*, int64_t, const SgdArgs&);

}  // namespace gradlab
