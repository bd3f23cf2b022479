// unary_math's row kernels in portable code (std::fma may be a library call here).
#include "unary_math_rows.h"

namespace gradlab {
const MathKernels& unary_math_generic() {
  static const MathKernels k{math_row_f32, math_row_f64};
  return k;
}
}  // namespace gradlab
