// The kernels of reduce_fast.h, included by reduce_fast_{generic,avx2,avx512}.cc inside an
// anonymous namespace with each instruction set's flags: the lane loops below are written so the
// compiler vectorizes them without reordering any sum (each lane is its own chain).
#include <cmath>
#include <cstring>

#include "reduce_fast.h"

namespace gradlab {
namespace {

constexpr int kBlock = 64, kLanes = 16;

/** The exponent of the lowest set bit of a nonzero finite double. */
inline int low_bit(double s) {
  uint64_t b;
  std::memcpy(&b, &s, 8);
  const int e = int((b >> 52) & 0x7ff);
  uint64_t m = b & ((uint64_t(1) << 52) - 1);
  if (e != 0) m |= uint64_t(1) << 52;
  return (e == 0 ? -1074 : e - 1075) + __builtin_ctzll(m);
}

/** 2^k as a double, k in [-1022, 1023]; beyond 1023 infinity. */
inline double pow2(int k) {
  if (k > 1023) return INFINITY;
  const uint64_t b = uint64_t(k + 1023) << 52;
  double d;
  std::memcpy(&d, &b, 8);
  return d;
}

/**
 * s + the block's sum when every step of adding it one by one is exact (then any order gives the
 * same): every value, s included, is a multiple of 2^e (e: the smallest nonzero magnitude's ulp,
 * s's lowest set bit) and |s| + the magnitudes stay below 2^(53 + e). `low` is the smallest nonzero
 * magnitude's bits minus 1 (all ones when every value is zero), `mag` the magnitudes' sum rounded
 * (64 terms, relative error below 2^-46; the margin covers it). NaN and infinities fail the test.
 */
inline bool exact_block(double& s, double bsum, double bmag, uint32_t low) {
  int e = 2000;
  if (low != ~0u) {
    const int be = int((low + 1) >> 23);
    e = be == 0 ? -149 : be - 150;
  }
  if (s != 0) {
    const int se = low_bit(s);
    e = se < e ? se : e;
  }
  if (!(std::fabs(s) + bmag * (1 + 0x1p-30) < pow2(53 + e))) return false;
  s += bsum;
  return true;
}

/** The block statistics of exact_block for x[0..kBlock), in lanes (portable; the compiler may vectorize). */
inline void block_stats(const float* p, double& bsum, double& bmag, uint32_t& bl) {
  double sum[kLanes], mag[kLanes];
  uint32_t low[kLanes];
  for (int k = 0; k < kLanes; k++) sum[k] = 0, mag[k] = 0, low[k] = ~0u;
  for (int j = 0; j < kBlock; j += kLanes) {
    for (int k = 0; k < kLanes; k++) {
      const float v = p[j + k];
      uint32_t b;
      std::memcpy(&b, &v, 4);
      b &= 0x7fffffffu;
      sum[k] += double(v);
      mag[k] += double(std::fabs(v));
      const uint32_t c = b - 1;  // zeros wrap to the largest value: they never win
      low[k] = c < low[k] ? c : low[k];
    }
  }
  bsum = 0, bmag = 0, bl = ~0u;
  for (int k = 0; k < kLanes; k++) {
    bsum += sum[k];
    bmag += mag[k];
    bl = low[k] < bl ? low[k] : bl;
  }
}

/** The TypeScript kernel's serial double sum, blocks of it added at once where exact_block allows. */
template <class Stats>
double serial_sum(const float* x, int64_t n, Stats stats) {
  double s = 0;
  int64_t i = 0;
  while (i + kBlock <= n) {
    double bsum, bmag;
    uint32_t bl;
    stats(x + i, bsum, bmag, bl);
    if (exact_block(s, bsum, bmag, bl)) {
      i += kBlock;
    } else {
      // Past the troublesome step (a power of two crossed, say) one by one, then try again.
      for (const int64_t end = i + kLanes; i < end; i++) s += double(x[i]);
    }
  }
  for (; i < n; i++) s += double(x[i]);
  return s;
}

template <class T>
void sum_cols(const T* x, int64_t ld, int64_t rows, int64_t cols, double* acc) {
  constexpr int kW = 32;
  int64_t j = 0;
  for (; j + kW <= cols; j += kW) {
    double a[kW];
    for (int k = 0; k < kW; k++) a[k] = acc[j + k];
    for (int64_t i = 0; i < rows; i++) {
      const T* r = x + i * ld + j;
      for (int k = 0; k < kW; k++) a[k] += double(r[k]);
    }
    for (int k = 0; k < kW; k++) acc[j + k] = a[k];
  }
  for (; j < cols; j++) {
    double a = acc[j];
    for (int64_t i = 0; i < rows; i++) a += double(x[i * ld + j]);
    acc[j] = a;
  }
}
void sum_cols_f32(const float* x, int64_t ld, int64_t rows, int64_t cols, double* acc) { sum_cols(x, ld, rows, cols, acc); }
void sum_cols_f64(const double* x, int64_t ld, int64_t rows, int64_t cols, double* acc) { sum_cols(x, ld, rows, cols, acc); }

/** The first zero of x (n values, stride ld): which of -0 and 0 the strict compare kept. */
template <class T>
T first_zero(const T* x, int64_t n, int64_t ld) {
  for (int64_t i = 0; i < n; i++)
    if (x[i * ld] == T(0)) return x[i * ld];
  return T(0);
}

template <class T>
T extremum(int op, const T* x, int64_t n) {
  const bool mx = op == kFastMax;
  T m[kLanes];
  bool nan[kLanes];
  for (int k = 0; k < kLanes; k++) m[k] = mx ? T(-INFINITY) : T(INFINITY), nan[k] = false;
  int64_t i = 0;
  if (mx) {
    for (; i + kLanes <= n; i += kLanes)
      for (int k = 0; k < kLanes; k++) {
        const T v = x[i + k];
        nan[k] |= v != v;
        m[k] = v > m[k] ? v : m[k];
      }
  } else {
    for (; i + kLanes <= n; i += kLanes)
      for (int k = 0; k < kLanes; k++) {
        const T v = x[i + k];
        nan[k] |= v != v;
        m[k] = v < m[k] ? v : m[k];
      }
  }
  T r = mx ? T(-INFINITY) : T(INFINITY);
  bool any_nan = false;
  for (int k = 0; k < kLanes; k++) {
    any_nan |= nan[k];
    r = mx ? (m[k] > r ? m[k] : r) : (m[k] < r ? m[k] : r);
  }
  for (; i < n; i++) {
    const T v = x[i];
    any_nan |= v != v;
    r = mx ? (v > r ? v : r) : (v < r ? v : r);
  }
  if (any_nan) return T(NAN);
  return r == T(0) ? first_zero(x, n, 1) : r;
}
#ifndef GRADLAB_OWN_EXTREMUM_F32
float extremum_f32(int op, const float* x, int64_t n) { return extremum(op, x, n); }
#endif
double extremum_f64(int op, const double* x, int64_t n) { return extremum(op, x, n); }

template <class T>
void extremum_cols(int op, const T* x, int64_t ld, int64_t rows, int64_t cols, T* out) {
  const bool mx = op == kFastMax;
  constexpr int kW = 32;
  for (int64_t j = 0; j < cols; j += kW) {
    const int w = int(cols - j < kW ? cols - j : kW);
    T m[kW];
    bool nan[kW];
    for (int k = 0; k < kW; k++) m[k] = mx ? T(-INFINITY) : T(INFINITY), nan[k] = false;
    for (int64_t i = 0; i < rows; i++) {
      const T* r = x + i * ld + j;
      if (w == kW) {
        if (mx)
          for (int k = 0; k < kW; k++) nan[k] |= r[k] != r[k], m[k] = r[k] > m[k] ? r[k] : m[k];
        else
          for (int k = 0; k < kW; k++) nan[k] |= r[k] != r[k], m[k] = r[k] < m[k] ? r[k] : m[k];
      } else {
        for (int k = 0; k < w; k++) nan[k] |= r[k] != r[k], m[k] = mx ? (r[k] > m[k] ? r[k] : m[k]) : (r[k] < m[k] ? r[k] : m[k]);
      }
    }
    // Lane k kept its column's first extreme already (strict compare in row order).
    for (int k = 0; k < w; k++) out[j + k] = nan[k] ? T(NAN) : m[k];
  }
}
void extremum_cols_f32(int op, const float* x, int64_t ld, int64_t rows, int64_t cols, float* out) {
  extremum_cols(op, x, ld, rows, cols, out);
}
void extremum_cols_f64(int op, const double* x, int64_t ld, int64_t rows, int64_t cols, double* out) {
  extremum_cols(op, x, ld, rows, cols, out);
}

#ifndef GRADLAB_OWN_SERIAL_SUM
double serial_sum_f32(const float* x, int64_t n) { return serial_sum(x, n, block_stats); }
#endif

/**
 * The TypeScript argmax/argmin: the first index whose value beats every earlier one (strict
 * compare), or the first NaN's. Lanes keep their own first best; across lanes the best value wins
 * and, among equal ones (-0 == 0 included), the smallest index: the serial loop's first.
 */
template <class T>
int64_t arg_extremum(int op, const T* x, int64_t n) {
  const bool mx = op == kFastArgmax;
  constexpr int64_t kNone = INT64_MAX;
  T m[kLanes];
  int64_t at[kLanes], nan_at[kLanes];
  for (int k = 0; k < kLanes; k++) m[k] = mx ? T(-INFINITY) : T(INFINITY), at[k] = kNone, nan_at[k] = kNone;
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int k = 0; k < kLanes; k++) {
      const T v = x[i + k];
      if (v != v && nan_at[k] == kNone) nan_at[k] = i + k;
      if (mx ? v > m[k] : v < m[k]) m[k] = v, at[k] = i + k;
    }
  T best = mx ? T(-INFINITY) : T(INFINITY);
  int64_t best_at = kNone, first_nan = kNone;
  for (int k = 0; k < kLanes; k++) {
    first_nan = nan_at[k] < first_nan ? nan_at[k] : first_nan;
    if (at[k] == kNone) continue;
    if ((mx ? m[k] > best : m[k] < best) || (m[k] == best && at[k] < best_at)) best = m[k], best_at = at[k];
  }
  for (; i < n; i++) {
    const T v = x[i];
    if (v != v && first_nan == kNone) first_nan = i;
    if (mx ? v > best : v < best) best = v, best_at = i;
  }
  if (first_nan != kNone) return first_nan;
  return best_at == kNone ? 0 : best_at;
}
int64_t arg_extremum_f32(int op, const float* x, int64_t n) { return arg_extremum(op, x, n); }
int64_t arg_extremum_f64(int op, const double* x, int64_t n) { return arg_extremum(op, x, n); }

const FastReduceKernels kFastReduce{serial_sum_f32, sum_cols_f32, sum_cols_f64, extremum_f32, extremum_f64,
                                    extremum_cols_f32, extremum_cols_f64, arg_extremum_f32, arg_extremum_f64};

}  // namespace
}  // namespace gradlab
