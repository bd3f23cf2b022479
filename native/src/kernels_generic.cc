// Portable micro-kernels: GCC/Clang generic 16-byte vectors, which become SSE2 on x86-64 and NEON
// on ARM. Multiply and add stay separate operations (no fused multiply-add is assumed).
#include <cstring>

#include "gemm.h"
#include "microkernel.h"
#include "skinny.h"

namespace gradlab {
namespace {
template <class E, int N>
struct Generic {
  using T = E;
  typedef E R __attribute__((vector_size(N * sizeof(E))));
  static constexpr int W = N;
  static R zero() { return R{}; }
  static R load(const T* p) { R v; std::memcpy(&v, p, sizeof v); return v; }
  static void store(T* p, R v) { std::memcpy(p, &v, sizeof v); }
  static R set1(T x) { return R{} + x; }
  static R fma(R a, R b, R c) { return a * b + c; }
  static R add(R a, R b) { return a + b; }
};
}  // namespace

const MicroKernel<float>& kernel_f32_generic() {
  static const MicroKernel<float> k{"generic", 4, 8, 256, 128, 4096, micro_kernel<Generic<float, 4>, 4, 2>, micro_kernel_widen<Generic<float, 4>, 4, 2>, &skinny_kernels<Generic<float, 4>>()};
  return k;
}
const MicroKernel<double>& kernel_f64_generic() {
  static const MicroKernel<double> k{"generic", 4, 4, 256, 128, 4096, micro_kernel<Generic<double, 2>, 4, 2>, nullptr, &skinny_kernels<Generic<double, 2>>()};
  return k;
}
}  // namespace gradlab
