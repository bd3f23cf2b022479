// softmax.h: one lane at a time, the TypeScript kernel's steps in its order; lanes split over the
// thread pool (each lane is computed alone, so threads change no bits). Compiled with
// -ffp-contract=off (the gradlab_fast_math library).
#include "softmax.h"

#include <cmath>

#include "strided_rows.h"
#include "unary_math_scalar.h"

namespace gradlab {

template <class T>
void softmax(const T* x, T* out, int64_t outer, int64_t size, int64_t inner, bool log) {
  using math::fdlibm_exp;
  using math::fdlibm_log;
  const int64_t lanes = outer * inner;
  const int64_t grain = std::max<int64_t>(1, 8192 / std::max<int64_t>(size, 1));
  parallel_chunks(lanes, grain, [&](int64_t begin, int64_t end) {
    for (int64_t l = begin; l < end; l++) {
      const int64_t b = l / inner, j = l % inner;
      const T* p = x + b * size * inner + j;
      T* o = out + b * size * inner + j;
      T max = T(-INFINITY);
      for (int64_t i = 0; i < size; i++) {
        const T v = p[i * inner];
        if (v > max || v != v) max = v;
      }
      double sum = 0;
      for (int64_t i = 0; i < size; i++) {
        // One rounding of x - max and of exp, as Math.fround does (float arithmetic rounds alike).
        const T e = T(fdlibm_exp(double(T(p[i * inner] - max))));
        sum += double(e);
        if (!log) o[i * inner] = e;
      }
      if (log) {
        const T ls = T(fdlibm_log(double(T(sum))));
        for (int64_t i = 0; i < size; i++) o[i * inner] = T(T(p[i * inner] - max) - ls);
      } else {
        const T inv = T(1.0 / double(T(sum)));
        for (int64_t i = 0; i < size; i++) o[i * inner] = T(double(o[i * inner]) * double(inv));
      }
    }
  });
}

template void softmax<float>(const float*, float*, int64_t, int64_t, int64_t, bool);
template void softmax<double>(const double*, double*, int64_t, int64_t, int64_t, bool);

}  // namespace gradlab
