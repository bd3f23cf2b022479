// Batch norm's passes over a dense [N, C, HW] input, per channel, float32 or float64. Every step
// rounds to T as the TypeScript backend's tensor ops do (batch_norm in engine/ops/normalization.ts:
// sums in double in (n, hw) order, a mean rounded once, each elementwise step rounded), so the
// fused passes give the unfused ops' bits.
#pragma once
#include <cstdint>

namespace gradlab {

/** mean[c] = sum(x)/n, var[c] = sum((x - mean)^2)/n over the N*HW elements of channel c (biased variance). */
template <class T>
void bn_stats(const T* x, int64_t N, int64_t C, int64_t HW, T* mean, T* var);

/** out = (x - mean[c]) * scale[c] (+ bias[c] when bias is not null). */
template <class T>
void bn_affine(const T* x, const T* mean, const T* scale, const T* bias, int64_t N, int64_t C, int64_t HW, T* out);

/** sum_g[c] = sum(g), sum_gxhat[c] = sum(g * xhat) with xhat = (x - mean[c]) * invstd[c], in double. */
template <class T>
void bn_grad_sums(const T* g, const T* x, const T* mean, const T* invstd, int64_t N, int64_t C, int64_t HW, double* sum_g,
                  double* sum_gxhat);

/** out = (g - g_mean[c] - xhat * gx_mean[c]) * invstd[c] (* w[c] when w is not null), xhat as above. */
template <class T>
void bn_grad_input(const T* g, const T* x, const T* mean, const T* invstd, const T* g_mean, const T* gx_mean, const T* w,
                   int64_t N, int64_t C, int64_t HW, T* out);

}  // namespace gradlab
