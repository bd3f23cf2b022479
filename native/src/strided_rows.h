// One strided operand walked in rows, for unary_math.cc and reduce_fast.cc (elementwise.cc keeps
// its own two-operand version): coalesce() merges dims, for_rows() visits the rows covering a range
// of output elements in row-major order.
#pragma once
#include <algorithm>
#include <atomic>
#include <cstdint>

#include "elementwise.h"
#include "thread_pool.h"

namespace gradlab {
namespace strided {

/** An operand's dims with size-1 dims dropped and dims contiguous in it merged (the output is contiguous throughout). */
struct Rows {
  int nd = 0;
  int64_t shape[kMaxDims], strides[kMaxDims];
  int64_t numel = 1;
};

inline Rows coalesce(int nd, const int64_t* shape, const int64_t* strides) {
  Rows r;
  for (int d = 0; d < nd; d++) r.numel *= shape[d];
  for (int d = 0; d < nd; d++) {
    if (shape[d] == 1) continue;
    if (r.nd > 0 && r.strides[r.nd - 1] == strides[d] * shape[d]) {
      r.shape[r.nd - 1] *= shape[d];
      r.strides[r.nd - 1] = strides[d];
      continue;
    }
    r.shape[r.nd] = shape[d], r.strides[r.nd] = strides[d];
    r.nd++;
  }
  return r;
}

/** f(x offset, length, output index) for the rows covering output elements [begin, end). */
template <class F>
void for_rows(const Rows& r, int64_t begin, int64_t end, const F& f) {
  if (begin >= end) return;
  if (r.nd == 0) {
    f(int64_t(0), int64_t(1), int64_t(0));
    return;
  }
  const int in = r.nd - 1;
  int64_t idx[kMaxDims], off = 0, rem = begin;
  for (int d = in; d >= 0; d--) {
    idx[d] = rem % r.shape[d];
    rem /= r.shape[d];
    off += idx[d] * r.strides[d];
  }
  for (int64_t pos = begin; pos < end;) {
    const int64_t len = std::min(r.shape[in] - idx[in], end - pos);
    f(off, len, pos);
    pos += len;
    idx[in] += len;
    off += len * r.strides[in];
    for (int d = in; d > 0 && idx[d] == r.shape[d]; d--) {
      off += r.strides[d - 1] - r.shape[d] * r.strides[d];
      idx[d] = 0;
      idx[d - 1]++;
    }
  }
}


}  // namespace strided
}  // namespace gradlab
