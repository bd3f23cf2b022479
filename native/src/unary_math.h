// float32/float64 transcendental unary kernels (exp, sigmoid, silu, log, tanh, expm1) with the TypeScript backend's
// bits, and PyTorch's "tail rule" for float32: cpu_kernel_vec computes the last elements of a
// contiguous run (the remainder of 16) with its scalar lambda, which for sigmoid rounds
// differently (engine/backend/js/vectorized_loop.ts, UNARY_TAIL).
#pragma once
#include <cstdint>

#include "elementwise.h"

namespace gradlab {

/** The codes are engine/backend/native/unary_math.ts's MATH_CODES; kMathSigmoidTail is internal. */
enum MathOp : int { kMathExp, kMathSigmoid, kMathSilu, kMathLog, kMathTanh, kMathExpm1, kMathOps, kMathSigmoidTail = kMathOps };

/** out[i] = f(x[i]) over a row of n elements, x read with stride sx (elements), out contiguous. */
template <class T>
using MathRowFn = void (*)(int op, const T* x, int64_t sx, T* out, int64_t n);

struct MathKernels {
  MathRowFn<float> f32;
  MathRowFn<double> f64;
};
const MathKernels& unary_math_generic();
#if defined(__x86_64__)
const MathKernels& unary_math_avx2();
const MathKernels& unary_math_avx512();
#endif

/**
 * out = op(x) over `shape` (row-major, out contiguous). `run` places the float32 tail: output
 * element i takes the scalar lambda when i % run >= run - run % 16 (run = numel for a dense x, the
 * innermost size for rows of stride 1); run 0 sends every element through the scalar lambda (rows
 * of another stride, as ATen's scalar loop).
 */
template <class T>
void unary_math(int op, Operand<const T> x, T* out, int nd, const int64_t* shape, int64_t run);

}  // namespace gradlab
