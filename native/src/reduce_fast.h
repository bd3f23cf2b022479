// Reductions with the TypeScript backend's bits (engine/backend/js/reduce.ts), faster than
// elementwise.cc's general loop for the common layouts:
//
// - sum/mean of float32 whose reduced elements are contiguous per output (sum(-1), sum()): the
//   TypeScript kernel adds them one by one into a double, rounding at every step. Those steps are
//   exact, so order-free, whenever every value (the running sum included) is a multiple of some
//   2^e and the magnitudes stay below 2^(53 + e): serial_sum checks that per block of 64 from the
//   block's smallest nonzero magnitude, the running sum's lowest set bit and the block's sum of
//   magnitudes, and then adds the block in vector lanes; a block that fails the test (the running
//   sum crossing a power of two, NaN, infinities) is added one by one, as the TypeScript kernel.
// - sum/mean over outer dims with the kept elements contiguous (sum(0)): each output's sum is one
//   vector lane, in the TypeScript order.
// - max/min (amax/amin): NaN wins, and of equal zeros the first in order (a strict > keeps it).
// - argmax/argmin: the first index of the extreme (a strict compare), the first NaN's if any; the
//   indices are written as doubles (int64's number storage).
// Other layouts go to elementwise.cc's reduce (sum/mean) or a plain loop (max/min).
#pragma once
#include <cstdint>

#include "elementwise.h"

namespace gradlab {

/** The codes are engine/backend/native/unary_math.ts's FAST_REDUCE_CODES. */
enum FastReduceOp : int { kFastSum, kFastMean, kFastMax, kFastMin, kFastArgmax, kFastArgmin, kFastReduceOps };

/** One instruction set's kernels (reduce_fast_{generic,avx2,avx512}.cc). */
struct FastReduceKernels {
  /** The TypeScript kernel's serial double sum of x[0..n), exactly. */
  double (*serial_sum_f32)(const float* x, int64_t n);
  /** acc[j] += x[i * ld + j] for i < rows, j < cols, i ascending (acc[j]'s order as the serial sum). */
  void (*sum_cols_f32)(const float* x, int64_t ld, int64_t rows, int64_t cols, double* acc);
  void (*sum_cols_f64)(const double* x, int64_t ld, int64_t rows, int64_t cols, double* acc);
  /** max (op kFastMax) or min of x[0..n) with the TypeScript kernel's NaN and zero-sign rules. */
  float (*extremum_f32)(int op, const float* x, int64_t n);
  double (*extremum_f64)(int op, const double* x, int64_t n);
  /** out[j] = max/min over i < rows of x[i * ld + j] (same rules), for j < cols. */
  void (*extremum_cols_f32)(int op, const float* x, int64_t ld, int64_t rows, int64_t cols, float* out);
  void (*extremum_cols_f64)(int op, const double* x, int64_t ld, int64_t rows, int64_t cols, double* out);
  /** The argmax (op kFastArgmax) or argmin of x[0..n). */
  int64_t (*arg_extremum_f32)(int op, const float* x, int64_t n);
  int64_t (*arg_extremum_f64)(int op, const double* x, int64_t n);
};
const FastReduceKernels& reduce_fast_generic();
#if defined(__x86_64__)
const FastReduceKernels& reduce_fast_avx2();
const FastReduceKernels& reduce_fast_avx512();
#endif

/** Reduces the dims flagged in `reduced` into out (contiguous over the kept dims). max/min need O = T, argmax/argmin O = double. */
template <class T, class O>
void reduce_fast(int op, Operand<const T> x, O* out, int nd, const int64_t* shape, const bool* reduced);

}  // namespace gradlab
