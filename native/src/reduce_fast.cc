// The driver of reduce_fast.h: kept and reduced dims coalesced apart, then one of the fast layouts
// (contiguous slices per output, or contiguous outputs over one reduced dim) split over the thread
// pool by outputs; anything else goes to elementwise.cc's reduce or a plain loop. Each output is
// computed alone, in the TypeScript order, so threads change no bits.
#include "reduce_fast.h"

#include <cmath>
#include <cstring>
#include <vector>

#include "gemm.h"
#include "strided_rows.h"

namespace gradlab {
namespace {

using namespace strided;

const FastReduceKernels& fast_kernels() {
#if defined(__x86_64__)
  const char* isa = active_isa();  // gemm.cc's choice (GRADLAB_NATIVE_ISA, set_isa)
  if (std::strcmp(isa, "avx512") == 0) return reduce_fast_avx512();
  if (std::strcmp(isa, "avx2") == 0) return reduce_fast_avx2();
#endif
  return reduce_fast_generic();
}

/** Input elements per chunk of threaded work. */
constexpr int64_t kReduceGrain = 32768;

inline double serial_sum(const FastReduceKernels& k, const float* x, int64_t n) { return k.serial_sum_f32(x, n); }
inline void sum_cols(const FastReduceKernels& k, const float* x, int64_t ld, int64_t r, int64_t c, double* a) { k.sum_cols_f32(x, ld, r, c, a); }
inline void sum_cols(const FastReduceKernels& k, const double* x, int64_t ld, int64_t r, int64_t c, double* a) { k.sum_cols_f64(x, ld, r, c, a); }
inline float extremum(const FastReduceKernels& k, int op, const float* x, int64_t n) { return k.extremum_f32(op, x, n); }
inline double extremum(const FastReduceKernels& k, int op, const double* x, int64_t n) { return k.extremum_f64(op, x, n); }
inline int64_t arg_extremum(const FastReduceKernels& k, int op, const float* x, int64_t n) { return k.arg_extremum_f32(op, x, n); }
inline int64_t arg_extremum(const FastReduceKernels& k, int op, const double* x, int64_t n) { return k.arg_extremum_f64(op, x, n); }
inline void extremum_cols(const FastReduceKernels& k, int op, const float* x, int64_t ld, int64_t r, int64_t c, float* o) {
  k.extremum_cols_f32(op, x, ld, r, c, o);
}
inline void extremum_cols(const FastReduceKernels& k, int op, const double* x, int64_t ld, int64_t r, int64_t c, double* o) {
  k.extremum_cols_f64(op, x, ld, r, c, o);
}

/** The TypeScript max/min over one strided slice: NaN returns NaN, a strict compare keeps the first of equals. */
template <class T>
T extremum_strided(int op, const T* x, const Rows& red) {
  const bool mx = op == kFastMax;
  T m = mx ? T(-INFINITY) : T(INFINITY);
  bool nan = false;
  for_rows(red, 0, red.numel, [&](int64_t off, int64_t len, int64_t) {
    const int64_t s = red.nd ? red.strides[red.nd - 1] : 1;
    for (int64_t i = 0; i < len; i++) {
      const T v = x[off + i * s];
      nan |= v != v;
      m = mx ? (v > m ? v : m) : (v < m ? v : m);
    }
  });
  return nan ? T(NAN) : m;
}

/** The TypeScript argmax/argmin over one strided slice: the first NaN's index, else the first extreme's. */
template <class T>
int64_t arg_extremum_strided(int op, const T* x, const Rows& red) {
  const bool mx = op == kFastArgmax;
  T m = mx ? T(-INFINITY) : T(INFINITY);
  int64_t at = 0, pos = 0, nan_at = -1;
  for_rows(red, 0, red.numel, [&](int64_t off, int64_t len, int64_t) {
    const int64_t s = red.nd ? red.strides[red.nd - 1] : 1;
    for (int64_t i = 0; i < len; i++, pos++) {
      const T v = x[off + i * s];
      if (v != v && nan_at < 0) nan_at = pos;
      if (mx ? v > m : v < m) m = v, at = pos;
    }
  });
  return nan_at >= 0 ? nan_at : at;
}

/** out[j] = argmax/argmin over i < rows of x[i * ld + j]: one serial loop per column, the columns side by side. */
template <class T, class O>
void arg_extremum_cols(int op, const T* x, int64_t ld, int64_t rows, int64_t cols, O* out) {
  const bool mx = op == kFastArgmax;
  std::vector<T> m(size_t(cols), mx ? T(-INFINITY) : T(INFINITY));
  std::vector<int64_t> at(size_t(cols), 0), nan_at(size_t(cols), -1);
  for (int64_t i = 0; i < rows; i++) {
    const T* r = x + i * ld;
    for (int64_t j = 0; j < cols; j++) {
      const T v = r[j];
      if (v != v && nan_at[size_t(j)] < 0) nan_at[size_t(j)] = i;
      if (mx ? v > m[size_t(j)] : v < m[size_t(j)]) m[size_t(j)] = v, at[size_t(j)] = i;
    }
  }
  for (int64_t j = 0; j < cols; j++) out[j] = O(nan_at[size_t(j)] >= 0 ? nan_at[size_t(j)] : at[size_t(j)]);
}

}  // namespace

template <class T, class O>
void reduce_fast(int op, Operand<const T> x, O* out, int nd, const int64_t* shape, const bool* reduced) {
  int64_t kshape[kMaxDims], kstr[kMaxDims], rshape[kMaxDims], rstr[kMaxDims];
  int nk = 0, nr = 0;
  for (int d = 0; d < nd; d++) {
    if (reduced[d]) rshape[nr] = shape[d], rstr[nr++] = x.strides[d];
    else kshape[nk] = shape[d], kstr[nk++] = x.strides[d];
  }
  const Rows kept = coalesce(nk, kshape, kstr), red = coalesce(nr, rshape, rstr);
  const int64_t n_out = kept.numel, n_red = red.numel;
  if (n_out == 0) return;
  const FastReduceKernels& k = fast_kernels();
  const bool sum = op == kFastSum || op == kFastMean, arg = op == kFastArgmax || op == kFastArgmin;
  const double scale = double(n_red);
  auto finish = [&](double acc) { return O(op == kFastMean ? acc / scale : acc); };
  const int64_t kin = kept.nd ? kept.strides[kept.nd - 1] : 1;
  const int64_t per_chunk = std::max<int64_t>(1, kReduceGrain / std::max<int64_t>(n_red, 1));

  // Contiguous slices per output (sum(-1), sum()): float32 sums and any max/min.
  if (n_red > 0 && red.nd == 1 && red.strides[0] == 1 && (!sum || sizeof(T) == 4)) {
    parallel_chunks(n_out, per_chunk, [&](int64_t begin, int64_t end) {
      for_rows(kept, begin, end, [&](int64_t off, int64_t len, int64_t o) {
        for (int64_t j = 0; j < len; j++) {
          const T* p = x.data + off + j * kin;
          if (sum) {
            if constexpr (sizeof(T) == 4) out[o + j] = finish(serial_sum(k, reinterpret_cast<const float*>(p), n_red));
          } else if (arg) {
            out[o + j] = O(arg_extremum(k, op, p, n_red));
          } else {
            out[o + j] = O(extremum(k, op, p, n_red));
          }
        }
      });
    });
    return;
  }
  // Contiguous outputs over one reduced dim (sum(0)): each output one lane, rows in order.
  if (n_red > 0 && red.nd == 1 && kept.nd >= 1 && kin == 1) {
    const int64_t ld = red.strides[0];
    const int64_t grain = std::max<int64_t>(64, per_chunk);
    parallel_chunks(n_out, grain, [&](int64_t begin, int64_t end) {
      std::vector<double> acc;
      std::vector<T> ext;
      for_rows(kept, begin, end, [&](int64_t off, int64_t len, int64_t o) {
        if (arg) {
          arg_extremum_cols(op, x.data + off, ld, n_red, len, out + o);
        } else if (sum) {
          acc.assign(size_t(len), 0.0);
          sum_cols(k, x.data + off, ld, n_red, len, acc.data());
          for (int64_t j = 0; j < len; j++) out[o + j] = finish(acc[size_t(j)]);
        } else {
          ext.resize(size_t(len));
          extremum_cols(k, op, x.data + off, ld, n_red, len, ext.data());
          for (int64_t j = 0; j < len; j++) out[o + j] = O(ext[size_t(j)]);
        }
      });
    });
    return;
  }
  if (sum) {
    reduce<T, O>(op == kFastMean ? kMean : kSum, x, out, nd, shape, reduced);
    return;
  }
  parallel_chunks(n_out, per_chunk, [&](int64_t begin, int64_t end) {
    for_rows(kept, begin, end, [&](int64_t off, int64_t len, int64_t o) {
      for (int64_t j = 0; j < len; j++)
        out[o + j] = arg ? O(arg_extremum_strided(op, x.data + off + j * kin, red)) : O(extremum_strided(op, x.data + off + j * kin, red));
    });
  });
}

template void reduce_fast<float, float>(int, Operand<const float>, float*, int, const int64_t*, const bool*);
template void reduce_fast<float, double>(int, Operand<const float>, double*, int, const int64_t*, const bool*);
template void reduce_fast<double, double>(int, Operand<const double>, double*, int, const int64_t*, const bool*);

}  // namespace gradlab
