#include "im2col.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <vector>

#include "thread_pool.h"

namespace gradlab {

/** Runs body(p) for every plane, on the pool when the planes hold enough work. */
template <class F>
static void for_planes(int64_t planes, double work_per_plane, const F& body) {
  ThreadPool& pool = global_pool();
  if (pool.size() == 1 || planes < 2 || work_per_plane * planes < 1048576) {
    for (int64_t p = 0; p < planes; p++) body(p);
    return;
  }
  std::atomic<int64_t> next{0};
  pool.run(pool.size(), [&](int) {
    for (int64_t p = next++; p < planes; p = next++) body(p);
  });
}

/** The first and one-past-last output positions o whose input index o*s - pad + tap*d lies in [0, size). */
static void valid_range(int64_t out, int64_t size, int64_t s, int64_t pad, int64_t off, int64_t* lo, int64_t* hi) {
  // o*s + off - pad >= 0  and  o*s + off - pad < size
  int64_t a = pad - off;
  *lo = a <= 0 ? 0 : (a + s - 1) / s;
  int64_t b = size + pad - off;  // o*s < b
  *hi = b <= 0 ? 0 : std::min(out, (b + s - 1) / s);
  if (*lo > *hi) *lo = *hi;
}

/** One plane's taps: tap t's oh x ow window positions into dst + t * ld. */
template <class T>
static void plane_to_cols(const T* src, T* dst, int64_t ld, const Window2d& g) {
    for (int64_t i = 0; i < g.kh; i++)
      for (int64_t j = 0; j < g.kw; j++, dst += ld) {
        int64_t ylo, yhi, xlo, xhi;
        valid_range(g.oh, g.H, g.sh, g.ph, i * g.dh, &ylo, &yhi);
        valid_range(g.ow, g.W, g.sw, g.pw, j * g.dw, &xlo, &xhi);
        std::memset(dst, 0, sizeof(T) * ylo * g.ow);
        for (int64_t y = ylo; y < yhi; y++) {
          T* row = dst + y * g.ow;
          const T* in = src + (y * g.sh - g.ph + i * g.dh) * g.W + (j * g.dw - g.pw);
          for (int64_t xo = 0; xo < xlo; xo++) row[xo] = 0;
          if (g.sw == 1) std::memcpy(row + xlo, in + xlo, sizeof(T) * (xhi - xlo));
          else for (int64_t xo = xlo; xo < xhi; xo++) row[xo] = in[xo * g.sw];
          for (int64_t xo = xhi; xo < g.ow; xo++) row[xo] = 0;
        }
        std::memset(dst + yhi * g.ow, 0, sizeof(T) * (g.oh - yhi) * g.ow);
      }
}

template <class T>
void im2col(const T* x, T* cols, int64_t planes, const Window2d& g) {
  const int64_t L = g.oh * g.ow, taps = g.kh * g.kw, plane = g.H * g.W;
  for_planes(planes, double(taps) * L, [&](int64_t p) { plane_to_cols(x + p * plane, cols + p * taps * L, L, g); });
}

template <class T>
void im2col_folded(const T* x, T* cols, int64_t N, int64_t C, const Window2d& g) {
  const int64_t L = g.oh * g.ow, taps = g.kh * g.kw, plane = g.H * g.W;
  for_planes(N * C, double(taps) * L, [&](int64_t p) {
    const int64_t n = p / C, c = p % C;
    plane_to_cols(x + p * plane, cols + c * taps * N * L + n * L, N * L, g);
  });
}

/** One plane's col2im: tap t's window positions read from src + t * ld, summed into the plane in double, rounded once. */
template <class T>
static void cols_to_plane(const T* src, int64_t ld, T* img, const Window2d& g) {
  // Sums in double, rounded once per element (as the TypeScript backend's col2im).
  static thread_local std::vector<double> acc;
  const int64_t plane = g.H * g.W;
  acc.assign(plane, 0.0);
  double* dst = acc.data();
  for (int64_t i = 0; i < g.kh; i++)
    for (int64_t j = 0; j < g.kw; j++, src += ld) {
      int64_t ylo, yhi, xlo, xhi;
      valid_range(g.oh, g.H, g.sh, g.ph, i * g.dh, &ylo, &yhi);
      valid_range(g.ow, g.W, g.sw, g.pw, j * g.dw, &xlo, &xhi);
      for (int64_t y = ylo; y < yhi; y++) {
        const T* row = src + y * g.ow;
        double* out = dst + (y * g.sh - g.ph + i * g.dh) * g.W + (j * g.dw - g.pw);
        for (int64_t xo = xlo; xo < xhi; xo++) out[xo * g.sw] += row[xo];
      }
    }
  for (int64_t i = 0; i < plane; i++) img[i] = T(dst[i]);
}

template <class T>
void col2im(const T* cols, T* x, int64_t planes, const Window2d& g) {
  const int64_t L = g.oh * g.ow, taps = g.kh * g.kw, plane = g.H * g.W;
  for_planes(planes, double(taps) * L, [&](int64_t p) { cols_to_plane(cols + p * taps * L, L, x + p * plane, g); });
}

template <class T>
void col2im_folded(const T* cols, T* x, int64_t N, int64_t C, const Window2d& g) {
  const int64_t L = g.oh * g.ow, taps = g.kh * g.kw, plane = g.H * g.W;
  for_planes(N * C, double(taps) * L, [&](int64_t p) {
    const int64_t n = p / C, c = p % C;
    cols_to_plane(cols + c * taps * N * L + n * L, N * L, x + p * plane, g);
  });
}

template void im2col<float>(const float*, float*, int64_t, const Window2d&);
template void im2col<double>(const double*, double*, int64_t, const Window2d&);
template void im2col_folded<float>(const float*, float*, int64_t, int64_t, const Window2d&);
template void im2col_folded<double>(const double*, double*, int64_t, int64_t, const Window2d&);
template void col2im<float>(const float*, float*, int64_t, const Window2d&);
template void col2im<double>(const double*, double*, int64_t, const Window2d&);
template void col2im_folded<float>(const float*, float*, int64_t, int64_t, const Window2d&);
template void col2im_folded<double>(const double*, double*, int64_t, int64_t, const Window2d&);

}  // namespace gradlab
