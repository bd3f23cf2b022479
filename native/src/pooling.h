// Max pooling over [planes, H, W] with the winning positions, and its adjoint (the gradient added
// into the winners), as the TypeScript backend's jsNnKernels computes them: the same window order,
// the same NaN rule, the scatter's sums in double rounded once per element.
#pragma once
#include <cstdint>

#include "im2col.h"

namespace gradlab {

/** values[p, k] = max over window k of plane p; indices[p, k] its flat position in the plane (first max wins, NaN wins). */
template <class T>
void max_pool2d(const T* x, T* values, double* indices, int64_t planes, const Window2d& g);

/** out[p, indices[p, k]] += grad[p, k] over every window k (sums in double, one rounding), out overwritten. */
template <class T>
void max_pool2d_scatter(const T* grad, const double* indices, T* out, int64_t planes, int64_t in_plane, int64_t out_plane);

}  // namespace gradlab
