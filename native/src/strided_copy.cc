#include "strided_copy.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace gradlab {

template <class S, class D>
void strided_copy(const S* src, D* dst, int ndim, const int64_t* shape, const int64_t* ss, const int64_t* ds) {
  for (int d = 0; d < ndim; d++)
    if (shape[d] == 0) return;
  if (ndim == 0) {
    *dst = D(*src);
    return;
  }
  // The innermost dimension runs as a loop; the outer ones as an odometer.
  const int inner = ndim - 1;
  const int64_t n = shape[inner], si = ss[inner], di = ds[inner];
  int64_t idx[kMaxCopyDims] = {0};
  int64_t so = 0, dof = 0;
  for (;;) {
    const S* s = src + so;
    D* t = dst + dof;
    if (std::is_same<S, D>::value && si == 1 && di == 1) std::memcpy(t, s, sizeof(D) * n);
    else if (si == 1 && di == 1) for (int64_t i = 0; i < n; i++) t[i] = D(s[i]);
    else for (int64_t i = 0; i < n; i++) t[i * di] = D(s[i * si]);
    int d = inner - 1;
    for (; d >= 0; d--) {
      so += ss[d], dof += ds[d];
      if (++idx[d] < shape[d]) break;
      so -= ss[d] * shape[d], dof -= ds[d] * shape[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

template void strided_copy<float, float>(const float*, float*, int, const int64_t*, const int64_t*, const int64_t*);
template void strided_copy<float, double>(const float*, double*, int, const int64_t*, const int64_t*, const int64_t*);
template void strided_copy<double, float>(const double*, float*, int, const int64_t*, const int64_t*, const int64_t*);
template void strided_copy<double, double>(const double*, double*, int, const int64_t*, const int64_t*, const int64_t*);

}  // namespace gradlab
