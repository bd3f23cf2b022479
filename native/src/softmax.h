// softmax and log_softmax along one dim with engine/backend/js/softmax_kernel.ts's bits: the lane
// maximum (NaN wins), exp(x - max) through V8's exp (fdlibm) rounded to the element type and
// summed in double, then one reciprocal (or log) of the rounded sum.
#pragma once
#include <cstdint>

namespace gradlab {

/** x and out are [outer, size, inner] row-major; each of the outer * inner lanes is reduced over `size`. */
template <class T>
void softmax(const T* x, T* out, int64_t outer, int64_t size, int64_t inner, bool log);

}  // namespace gradlab
