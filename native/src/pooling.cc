#include "pooling.h"

#include <atomic>
#include <cmath>
#include <vector>

#include "thread_pool.h"

namespace gradlab {

/** body(p) for every plane, on the pool when there is enough work (every plane is computed alone: no bits depend on it). */
template <class F>
static void each_plane(int64_t planes, double work_per_plane, const F& body) {
  ThreadPool& pool = global_pool();
  if (pool.size() == 1 || planes < 2 || work_per_plane * planes < 262144) {
    for (int64_t p = 0; p < planes; p++) body(p);
    return;
  }
  std::atomic<int64_t> next{0};
  pool.run(pool.size(), [&](int) {
    for (int64_t p = next++; p < planes; p = next++) body(p);
  });
}

template <class T>
void max_pool2d(const T* x, T* values, double* indices, int64_t planes, const Window2d& g) {
  const int64_t L = g.oh * g.ow, plane = g.H * g.W;
  each_plane(planes, double(L) * g.kh * g.kw, [&](int64_t p) {
    const T* src = x + p * plane;
    T* val = values + p * L;
    double* idx = indices + p * L;
    for (int64_t y = 0; y < g.oh; y++)
      for (int64_t xo = 0; xo < g.ow; xo++) {
        // As ATen's cpu_max_pool: start at the first in-range tap, take (v > max) || isnan(v).
        double best = -INFINITY;
        int64_t arg = -1;
        for (int64_t i = 0; i < g.kh; i++) {
          const int64_t iy = y * g.sh - g.ph + i * g.dh;
          if (iy < 0 || iy >= g.H) continue;
          for (int64_t j = 0; j < g.kw; j++) {
            const int64_t ix = xo * g.sw - g.pw + j * g.dw;
            if (ix < 0 || ix >= g.W) continue;
            const int64_t o = iy * g.W + ix;
            if (arg < 0) arg = o;
            const double v = src[o];
            // Without branches (selects): which tap wins is data, random to a branch predictor.
            const bool take = v > best || v != v;
            best = take ? v : best;
            arg = take ? o : arg;
          }
        }
        val[y * g.ow + xo] = T(best);
        idx[y * g.ow + xo] = double(arg);
      }
  });
}

template <class T>
void max_pool2d_scatter(const T* grad, const double* indices, T* out, int64_t planes, int64_t in_plane, int64_t out_plane) {
  each_plane(planes, double(in_plane + out_plane), [&](int64_t p) {
    static thread_local std::vector<double> acc;
    acc.assign(in_plane, 0.0);
    const T* gp = grad + p * out_plane;
    const double* ip = indices + p * out_plane;
    for (int64_t k = 0; k < out_plane; k++) {
      const int64_t i = int64_t(ip[k]);
      if (i >= 0 && i < in_plane) acc[i] += double(gp[k]);  // -1: a window with no input (cannot come from a valid geometry)
    }
    T* o = out + p * in_plane;
    for (int64_t i = 0; i < in_plane; i++) o[i] = T(acc[i]);
  });
}

template void max_pool2d<float>(const float*, float*, double*, int64_t, const Window2d&);
template void max_pool2d<double>(const double*, double*, double*, int64_t, const Window2d&);
template void max_pool2d_scatter<float>(const float*, const double*, float*, int64_t, int64_t, int64_t);
template void max_pool2d_scatter<double>(const double*, const double*, double*, int64_t, int64_t, int64_t);

}  // namespace gradlab
