// The row kernels of unary_math.h, included by unary_math_{generic,avx2,avx512}.cc inside an
// anonymous namespace, each with its own flags (the avx2 and avx512 builds get hardware fma for
// std::fma). Compiled with -ffp-contract=off: only the fmas written out are fused.
#include "unary_math.h"
#include "unary_math_scalar.h"

namespace gradlab {
namespace {

template <class T, class F>
inline void math_loop(const T* x, int64_t sx, T* out, int64_t n, F f) {
  if (sx == 1) {
    for (int64_t i = 0; i < n; i++) out[i] = f(x[i]);
  } else {
    for (int64_t i = 0; i < n; i++) out[i] = f(x[i * sx]);
  }
}

/** float32: exp and sigmoid's vectorized body use SLEEF's expf; the rest compute in double and round once, as JavaScript. */
void math_row_f32(int op, const float* x, int64_t sx, float* out, int64_t n) {
  using namespace math;
  switch (op) {
    case kMathExp: math_loop(x, sx, out, n, [](float v) { return sleef_expf(v); }); break;
    // (1 + exp(-x)).reciprocal(), every step rounded to float.
    case kMathSigmoid: math_loop(x, sx, out, n, [](float v) { return 1.f / (1.f + sleef_expf(-v)); }); break;
    // The scalar lambda: std::exp's float rounded, then the same float steps.
    case kMathSigmoidTail:
      math_loop(x, sx, out, n, [](float v) { return 1.f / (1.f + float(fdlibm_exp(-double(v)))); });
      break;
    case kMathSilu: math_loop(x, sx, out, n, [](float v) { return float(double(v) / (1.0 + fdlibm_exp(-double(v)))); }); break;
    case kMathLog: math_loop(x, sx, out, n, [](float v) { return float(fdlibm_log(double(v))); }); break;
    case kMathTanh: math_loop(x, sx, out, n, [](float v) { return float(fdlibm_tanh(double(v))); }); break;
    case kMathExpm1: math_loop(x, sx, out, n, [](float v) { return float(fdlibm_expm1(double(v))); }); break;
  }
}

void math_row_f64(int op, const double* x, int64_t sx, double* out, int64_t n) {
  using namespace math;
  switch (op) {
    case kMathExp: math_loop(x, sx, out, n, [](double v) { return fdlibm_exp(v); }); break;
    case kMathSigmoid:
    case kMathSigmoidTail: math_loop(x, sx, out, n, [](double v) { return 1.0 / (1.0 + fdlibm_exp(-v)); }); break;
    case kMathSilu: math_loop(x, sx, out, n, [](double v) { return v / (1.0 + fdlibm_exp(-v)); }); break;
    case kMathLog: math_loop(x, sx, out, n, [](double v) { return fdlibm_log(v); }); break;
    case kMathTanh: math_loop(x, sx, out, n, [](double v) { return fdlibm_tanh(v); }); break;
    case kMathExpm1: math_loop(x, sx, out, n, [](double v) { return fdlibm_expm1(v); }); break;
  }
}

}  // namespace
}  // namespace gradlab
