#include "batchnorm.h"

#include <atomic>

#include "thread_pool.h"

// Every step rounds separately, as the TypeScript kernels: no contraction into fused multiply-adds.
#pragma GCC optimize("fp-contract=off")

namespace gradlab {

/** body(c) for every channel, on the pool when the input is large. */
template <class F>
static void for_channels(int64_t C, int64_t total, const F& body) {
  ThreadPool& pool = global_pool();
  if (pool.size() == 1 || C < 2 || total < 262144) {
    for (int64_t c = 0; c < C; c++) body(c);
    return;
  }
  std::atomic<int64_t> next{0};
  pool.run(pool.size(), [&](int) {
    for (int64_t c = next++; c < C; c = next++) body(c);
  });
}

template <class T>
void bn_stats(const T* x, int64_t N, int64_t C, int64_t HW, T* mean, T* var) {
  const double n = double(N * HW);
  for_channels(C, N * C * HW, [&](int64_t c) {
    double s = 0;
    for (int64_t i = 0; i < N; i++) {
      const T* p = x + (i * C + c) * HW;
      for (int64_t j = 0; j < HW; j++) s += double(p[j]);
    }
    const T m = T(s / n);
    double q = 0;
    for (int64_t i = 0; i < N; i++) {
      const T* p = x + (i * C + c) * HW;
      for (int64_t j = 0; j < HW; j++) {
        const T d = T(p[j] - m);
        q += double(T(d * d));
      }
    }
    mean[c] = m;
    var[c] = T(q / n);
  });
}

template <class T>
void bn_affine(const T* x, const T* mean, const T* scale, const T* bias, int64_t N, int64_t C, int64_t HW, T* out) {
  for_channels(C, N * C * HW, [&](int64_t c) {
    const T m = mean[c], s = scale[c];
    for (int64_t i = 0; i < N; i++) {
      const T* p = x + (i * C + c) * HW;
      T* o = out + (i * C + c) * HW;
      if (bias) {
        const T b = bias[c];
        for (int64_t j = 0; j < HW; j++) o[j] = T(T(T(p[j] - m) * s) + b);
      } else {
        for (int64_t j = 0; j < HW; j++) o[j] = T(T(p[j] - m) * s);
      }
    }
  });
}

template <class T>
void bn_grad_sums(const T* g, const T* x, const T* mean, const T* invstd, int64_t N, int64_t C, int64_t HW, double* sum_g,
                  double* sum_gxhat) {
  for_channels(C, N * C * HW, [&](int64_t c) {
    const T m = mean[c], r = invstd[c];
    double sg = 0, sgx = 0;
    for (int64_t i = 0; i < N; i++) {
      const T* gp = g + (i * C + c) * HW;
      const T* xp = x + (i * C + c) * HW;
      for (int64_t j = 0; j < HW; j++) {
        sg += double(gp[j]);
        sgx += double(T(gp[j] * T(T(xp[j] - m) * r)));
      }
    }
    sum_g[c] = sg;
    sum_gxhat[c] = sgx;
  });
}

template <class T>
void bn_grad_input(const T* g, const T* x, const T* mean, const T* invstd, const T* g_mean, const T* gx_mean, const T* w,
                   int64_t N, int64_t C, int64_t HW, T* out) {
  for_channels(C, N * C * HW, [&](int64_t c) {
    const T m = mean[c], r = invstd[c], gm = g_mean[c], gxm = gx_mean[c];
    for (int64_t i = 0; i < N; i++) {
      const T* gp = g + (i * C + c) * HW;
      const T* xp = x + (i * C + c) * HW;
      T* o = out + (i * C + c) * HW;
      if (w) {
        const T wc = w[c];
        for (int64_t j = 0; j < HW; j++) {
          const T xhat = T(T(xp[j] - m) * r);
          o[j] = T(T(T(T(gp[j] - gm) - T(xhat * gxm)) * r) * wc);
        }
      } else {
        for (int64_t j = 0; j < HW; j++) {
          const T xhat = T(T(xp[j] - m) * r);
          o[j] = T(T(T(gp[j] - gm) - T(xhat * gxm)) * r);
        }
      }
    }
  });
}

#define GRADLAB_BN(T)                                                                                                    \
  template void bn_stats<T>(const T*, int64_t, int64_t, int64_t, T*, T*);                                              \
  template void bn_affine<T>(const T*, const T*, const T*, const T*, int64_t, int64_t, int64_t, T*);                  \
  template void bn_grad_sums<T>(const T*, const T*, const T*, const T*, int64_t, int64_t, int64_t, double*, double*); \
  template void bn_grad_input<T>(const T*, const T*, const T*, const T*, const T*, const T*, const T*, int64_t, int64_t, \
                                 int64_t, T*);
GRADLAB_BN(float)
GRADLAB_BN(double)
#undef GRADLAB_BN

}  // namespace gradlab
