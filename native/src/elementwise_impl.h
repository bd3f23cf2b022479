// The row kernels of elementwise.h, shared by every instruction set: each of
// elementwise_{generic,avx2,avx512}.cc includes this inside its own anonymous namespace and with
// its own flags, so the same loops become AVX-512, AVX2 or portable code (the compiler vectorizes
// the contiguous and broadcast cases) and the copies never meet at link time.
//
// Formulas are the TypeScript backend's (engine/backend/js/scalar_ops.ts, optim_kernels.ts), with
// JavaScript's semantics: arithmetic in double, a float32 result rounded once when stored.
#include <cmath>
#include <cstdint>

#include "elementwise.h"

namespace gradlab {
namespace {

/** out = f(x) over a row; a broadcast (stride 0) input computes once. */
template <class T, class F>
inline void unary_loop(const T* x, int64_t sx, T* out, int64_t n, F f) {
  if (sx == 1) {
    for (int64_t i = 0; i < n; i++) out[i] = f(x[i]);
  } else if (sx == 0) {
    const T v = f(x[0]);
    for (int64_t i = 0; i < n; i++) out[i] = v;
  } else {
    for (int64_t i = 0; i < n; i++) out[i] = f(x[i * sx]);
  }
}

template <class T>
void unary_row(int op, const T* x, int64_t sx, T* out, int64_t n, const double* p) {
  switch (op) {
    case kIdentity: unary_loop(x, sx, out, n, [](T v) { return v; }); break;
    case kNeg: unary_loop(x, sx, out, n, [](T v) { return -v; }); break;
    case kAbs: unary_loop(x, sx, out, n, [](T v) { return std::fabs(v); }); break;
    // clamp_min(x, 0): -0 and NaN pass through (x < 0 is false for both).
    case kRelu: unary_loop(x, sx, out, n, [](T v) { return v < T(0) ? T(0) : v; }); break;
    // One float32 product rounds as the double product rounded to float32 (24 + 24 bits fit in 53).
    case kSquare: unary_loop(x, sx, out, n, [](T v) { return v * v; }); break;
    case kSqrt: unary_loop(x, sx, out, n, [](T v) { return std::sqrt(v); }); break;
    // float32: 1 / sqrt(x) with two roundings (ATen's scalar and vector kernels alike); float64 likewise.
    case kRsqrt: unary_loop(x, sx, out, n, [](T v) { return T(1) / std::sqrt(v); }); break;
    case kReciprocal: unary_loop(x, sx, out, n, [](T v) { return T(1) / v; }); break;
    case kAffine: {
      const double s = p[0], o = p[1];
      unary_loop(x, sx, out, n, [s, o](T v) { return T(double(v) * s + o); });
      break;
    }
    case kClamp: {
      // NaN bounds mean "no bound"; a NaN input stays NaN (both comparisons are false).
      const double lo = p[0], hi = p[1];
      const bool has_lo = lo == lo, has_hi = hi == hi;
      unary_loop(x, sx, out, n, [=](T v) {
        double y = v;
        if (has_lo && y < lo) y = lo;
        if (has_hi && y > hi) y = hi;
        return T(y);
      });
      break;
    }
  }
}

/** out = f(a, b) over a row, with the contiguous and broadcast cases as their own loops. */
template <class T, class R, class F>
inline void binary_loop(const T* a, int64_t sa, const T* b, int64_t sb, R* out, int64_t n, F f) {
  if (sa == 1 && sb == 1) {
    for (int64_t i = 0; i < n; i++) out[i] = f(a[i], b[i]);
  } else if (sa == 1 && sb == 0) {
    const T y = *b;
    for (int64_t i = 0; i < n; i++) out[i] = f(a[i], y);
  } else if (sa == 0 && sb == 1) {
    const T y = *a;
    for (int64_t i = 0; i < n; i++) out[i] = f(y, b[i]);
  } else {
    for (int64_t i = 0; i < n; i++) out[i] = f(a[i * sa], b[i * sb]);
  }
}

template <class T>
void binary_row(int op, const T* a, int64_t sa, const T* b, int64_t sb, T* out, int64_t n, const double* p) {
  switch (op) {
    // One +, -, *, / of two float32 values rounds the same through double (53 >= 2 * 24 + 2).
    case kAdd: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return x + y; }); break;
    case kSub: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return x - y; }); break;
    case kMul: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return x * y; }); break;
    case kDiv: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return x / y; }); break;
    case kAddAlpha: {
      const double al = p[0];
      binary_loop(a, sa, b, sb, out, n, [al](T x, T y) { return T(double(x) + al * double(y)); });
      break;
    }
    case kSubAlpha: {
      const double al = p[0];
      binary_loop(a, sa, b, sb, out, n, [al](T x, T y) { return T(double(x) - al * double(y)); });
      break;
    }
    case kThresholdBackward: {
      const double th = p[0];
      binary_loop(a, sa, b, sb, out, n, [th](T g, T x) { return double(x) <= th ? T(0) : g; });
      break;
    }
    case kAxpby: {
      // (beta == 0 ? 0 : beta * a) + alpha * b: beta 0 ignores a (NaN and inf in it too).
      const double beta = p[0], alpha = p[1];
      if (beta == 0) binary_loop(a, sa, b, sb, out, n, [alpha](T, T y) { return T(0.0 + alpha * double(y)); });
      else binary_loop(a, sa, b, sb, out, n, [beta, alpha](T x, T y) { return T(beta * double(x) + alpha * double(y)); });
      break;
    }
  }
}

template <class T>
void compare_row(int op, const T* a, int64_t sa, const T* b, int64_t sb, uint8_t* out, int64_t n) {
  switch (op) {
    case kEq: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return uint8_t(x == y); }); break;
    case kNe: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return uint8_t(x != y); }); break;
    case kLt: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return uint8_t(x < y); }); break;
    case kLe: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return uint8_t(x <= y); }); break;
    case kGt: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return uint8_t(x > y); }); break;
    case kGe: binary_loop(a, sa, b, sb, out, n, [](T x, T y) { return uint8_t(x >= y); }); break;
  }
}

/**
 * torch/optim/sgd.py's _single_tensor_sgd, as engine/backend/js/optim_kernels.ts computes it:
 * every step in double, rounded to T where the TypeScript kernel rounds (Math.fround or a store).
 * The flags are template parameters so each combination is a branch-free, vectorizable loop.
 */
template <class T, bool WD, bool BUF, bool INIT, bool NESTEROV>
void sgd_loop(T* p, const T* g, T* buf, int64_t begin, int64_t end, double sign, double wd, double m, double damp, double lr) {
  for (int64_t i = begin; i < end; i++) {
    double d = sign * double(g[i]);
    if (WD) d = double(T(d + wd * double(p[i])));
    if (BUF) {
      const double b = INIT ? d : double(T(double(T(double(buf[i]) * m)) + damp * d));
      buf[i] = T(b);
      d = NESTEROV ? double(T(d + m * b)) : b;
    }
    p[i] = T(double(p[i]) + lr * d);
  }
}

template <class T>
void sgd_range(T* p, const T* g, T* buf, int64_t begin, int64_t end, const SgdArgs& s) {
  // float32 casts the scalars to float first, as the tensor ops the kernel replaces do.
  auto cast = [](double v) { return double(T(v)); };
  const double wd = cast(s.weight_decay), m = cast(s.momentum), damp = cast(1 - s.dampening), lr = cast(-s.lr);
  const double sign = s.maximize ? -1 : 1;
  const bool has_wd = wd != 0, has_buf = buf != nullptr;
#define GRADLAB_SGD(W, B, I, N) sgd_loop<T, W, B, I, N>(p, g, buf, begin, end, sign, wd, m, damp, lr)
  if (!has_buf) {
    if (has_wd) GRADLAB_SGD(true, false, false, false); else GRADLAB_SGD(false, false, false, false);
  } else if (s.init_buffer) {
    if (has_wd) { if (s.nesterov) GRADLAB_SGD(true, true, true, true); else GRADLAB_SGD(true, true, true, false); }
    else { if (s.nesterov) GRADLAB_SGD(false, true, true, true); else GRADLAB_SGD(false, true, true, false); }
  } else {
    if (has_wd) { if (s.nesterov) GRADLAB_SGD(true, true, false, true); else GRADLAB_SGD(true, true, false, false); }
    else { if (s.nesterov) GRADLAB_SGD(false, true, false, true); else GRADLAB_SGD(false, true, false, false); }
  }
#undef GRADLAB_SGD
}

/**
 * torch/optim/adam.py's _single_tensor_adam as engine/optim/adam.ts composes it from tensor ops,
 * rounding where each op rounds: scalars multiplied in are cast to T first, `alpha` scalars stay
 * double (a + alpha * b in double, rounded once), every op's result is rounded to T.
 */
template <class T, bool AMSGRAD>
void adam_loop(T* p, const T* g, T* m, T* v, T* vmax, int64_t begin, int64_t end, const AdamArgs& a) {
  auto r = [](double x) { return double(T(x)); };
  const double sign = a.maximize ? -1 : 1, decay = r(1 - a.lr * a.weight_decay), b1 = r(a.beta1), b2 = r(a.beta2);
  const double one_b1 = 1 - a.beta1, one_b2 = 1 - a.beta2, bc2 = r(a.bc2_sqrt), eps = r(a.eps), step = -a.step_size, wd = a.weight_decay;
  const bool decoupled = a.decoupled, coupled = !a.decoupled && a.weight_decay != 0;
  for (int64_t i = begin; i < end; i++) {
    double pi = p[i], gi = sign * double(g[i]);
    if (decoupled) pi = r(pi * decay);
    else if (coupled) gi = r(gi + wd * pi);
    const double mi = r(r(double(m[i]) * b1) + one_b1 * gi);
    const double vi = r(r(double(v[i]) * b2) + one_b2 * r(gi * gi));
    m[i] = T(mi);
    v[i] = T(vi);
    double s = vi;
    if (AMSGRAD) {
      const double x = vmax[i];
      s = x != x || vi != vi ? NAN : (x > vi ? x : vi);
      vmax[i] = T(s);
    }
    const double denom = r(r(r(std::sqrt(s)) / bc2) + eps);
    p[i] = T(pi + step * r(mi / denom));
  }
}

template <class T>
void adam_range(T* p, const T* g, T* m, T* v, T* vmax, int64_t begin, int64_t end, const AdamArgs& a) {
  if (a.amsgrad) adam_loop<T, true>(p, g, m, v, vmax, begin, end, a);
  else adam_loop<T, false>(p, g, m, v, vmax, begin, end, a);
}

const ElementwiseKernels kTable{unary_row<float>, unary_row<double>, binary_row<float>, binary_row<double>,
                                compare_row<float>, compare_row<double>, sgd_range<float>, sgd_range<double>,
                                adam_range<float>, adam_range<double>};

}  // namespace
}  // namespace gradlab
