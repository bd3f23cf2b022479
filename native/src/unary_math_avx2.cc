// unary_math's row kernels compiled for AVX2 + FMA (std::fma becomes one instruction).
#include "unary_math_rows.h"

namespace gradlab {
const MathKernels& unary_math_avx2() {
  static const MathKernels k{math_row_f32, math_row_f64};
  return k;
}
}  // namespace gradlab
