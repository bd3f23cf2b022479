// Elementwise kernels (unary, binary, comparisons), reductions over dims and the fused optimizer
// updates, for float32 and float64. Every kernel computes what the TypeScript backend computes,
// bit for bit: JavaScript does its arithmetic in double and rounds once when it stores into a
// Float32Array, so a float32 kernel here does the same (double arithmetic, one cast), except
// where float32 arithmetic is provably the same (a single +, -, *, / or sqrt of two float32
// values rounds identically through double). These files compile with -ffp-contract=off: a
// fused multiply-add would skip a rounding the TypeScript backend does.
#pragma once
#include <cstdint>

namespace gradlab {

/** Unary kernels; the codes are engine/backend/native/elementwise.ts's UNARY_CODES. */
enum UnaryOp : int { kIdentity, kNeg, kAbs, kRelu, kSquare, kSqrt, kRsqrt, kReciprocal, kAffine, kClamp, kUnaryOps };
/** Binary kernels; codes from kEq on are comparisons with a bool (uint8) result. */
enum BinaryOp : int {
  kAdd, kSub, kMul, kDiv, kAddAlpha, kSubAlpha, kThresholdBackward, kAxpby,
  kEq, kNe, kLt, kLe, kGt, kGe, kBinaryOps
};
enum ReduceOp : int { kSum, kMean, kReduceOps };

constexpr int kMaxDims = 16;

/** A row of n elements: inputs read with strides (elements), the output contiguous; p are the op's scalars. */
template <class T>
using UnaryRowFn = void (*)(int op, const T* x, int64_t sx, T* out, int64_t n, const double* p);
template <class T>
using BinaryRowFn = void (*)(int op, const T* a, int64_t sa, const T* b, int64_t sb, T* out, int64_t n, const double* p);
template <class T>
using CompareRowFn = void (*)(int op, const T* a, int64_t sa, const T* b, int64_t sb, uint8_t* out, int64_t n);

/** SGD's scalars, as engine/backend/backend.ts's SgdScalars. */
struct SgdArgs {
  double lr, momentum, dampening, weight_decay;
  bool nesterov, maximize, init_buffer;
};
/** Elements [begin, end) of one SGD update in place. */
template <class T>
using SgdFn = void (*)(T* p, const T* g, T* buf, int64_t begin, int64_t end, const SgdArgs& s);

/**
 * Adam's (and AdamW's) scalars, as engine/backend/backend.ts's AdamScalars: step_size = lr / (1 -
 * beta1^step) and bc2_sqrt = sqrt(1 - beta2^step) come computed (JavaScript's pow, not libm's).
 */
struct AdamArgs {
  double lr, beta1, beta2, eps, weight_decay, step_size, bc2_sqrt;
  bool decoupled, amsgrad, maximize;
};
template <class T>
using AdamFn = void (*)(T* p, const T* g, T* m, T* v, T* vmax, int64_t begin, int64_t end, const AdamArgs& a);

/** One instruction set's row kernels (elementwise_{generic,avx2,avx512}.cc, each with its own flags). */
struct ElementwiseKernels {
  UnaryRowFn<float> unary_f32;
  UnaryRowFn<double> unary_f64;
  BinaryRowFn<float> binary_f32;
  BinaryRowFn<double> binary_f64;
  CompareRowFn<float> compare_f32;
  CompareRowFn<double> compare_f64;
  SgdFn<float> sgd_f32;
  SgdFn<double> sgd_f64;
  AdamFn<float> adam_f32;
  AdamFn<double> adam_f64;
};
const ElementwiseKernels& elementwise_generic();
#if defined(__x86_64__)
const ElementwiseKernels& elementwise_avx2();
const ElementwiseKernels& elementwise_avx512();
#endif

/** A strided operand: element (i0, i1, ...) is data[offset + sum(i_d * strides[d])]. */
template <class T>
struct Operand {
  T* data;
  const int64_t* strides;
};

/** out[i] = op(x[i]) over `shape` in row-major order; out is contiguous. */
template <class T>
void unary(int op, Operand<const T> x, T* out, int nd, const int64_t* shape, const double* p);
/** out[i] = op(a[i], b[i]); broadcast operands have stride 0. Comparisons write O = uint8_t. */
template <class T, class O>
void binary(int op, Operand<const T> a, Operand<const T> b, O* out, int nd, const int64_t* shape, const double* p);
/**
 * Reduces the dims flagged in `reduced` (sum or mean, accumulated in double in row-major order of
 * the reduced dims, one output at a time as the TypeScript backend does); out is contiguous over
 * the kept dims.
 */
template <class T, class O>
void reduce(int op, Operand<const T> x, O* out, int nd, const int64_t* shape, const bool* reduced);
/** One SGD update of p in place (buf may be null), split over the thread pool when large. */
template <class T>
void sgd(T* p, const T* g, T* buf, int64_t n, const SgdArgs& s);

/** One Adam update of p, m, v (and vmax with amsgrad) in place. */
template <class T>
void adam(T* p, const T* g, T* m, T* v, T* vmax, int64_t n, const AdamArgs& a);

}  // namespace gradlab
