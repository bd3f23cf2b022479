// Strided copy between float32/float64 arrays (with conversion): dst[i] = src[i] over an N-d
// shape, each side with its own strides (contiguous() of a transposed or permuted view).
#pragma once
#include <cstdint>

namespace gradlab {

constexpr int kMaxCopyDims = 16;

template <class S, class D>
void strided_copy(const S* src, D* dst, int ndim, const int64_t* shape, const int64_t* src_strides, const int64_t* dst_strides);

}  // namespace gradlab
