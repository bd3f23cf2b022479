// The scalar transcendental functions of the TypeScript backend, with its bits:
//
// - sleef_expf: SLEEF's float32 expf_u10 (src/libm/sleefsimdsp.c, xexpf), which PyTorch runs for
//   float32 exp; engine/backend/js/sleef_float.ts emulates its float32 fma steps, here they are
//   real fmas (std::fma on floats rounds once, as fma32 does).
// - fdlibm_exp: V8's Math.exp (src/base/ieee754.cc, after fdlibm's e_exp.c), which the TypeScript
//   backend calls for float64 exp and for the float32 kernels that compute in double. Every step
//   is one double operation (this code compiles with -ffp-contract=off), as in the C original.
//
// - fdlibm_log, fdlibm_expm1, fdlibm_tanh: V8's Math.log, Math.expm1 and Math.tanh (fdlibm's
//   e_log.c, s_expm1.c, s_tanh.c), likewise.
//
// test/backend/native/fast_math.test.ts compares them against the TypeScript kernels bit for bit.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>

namespace gradlab {
namespace math {

inline uint64_t bits_of(double x) {
  uint64_t b;
  std::memcpy(&b, &x, 8);
  return b;
}
inline double double_of(uint64_t b) {
  double x;
  std::memcpy(&x, &b, 8);
  return x;
}
/** 2^k as a float for k in [-126, 127]. */
inline float pow2f(int k) {
  const uint32_t b = uint32_t(k + 127) << 23;
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}

// SLEEF's constants (sleefsimdsp.c: R_LN2f, L2Uf, L2Lf and xexpf's polynomial).
constexpr float kRLn2f = 1.442695040888963407359924681001892137426645954152985934135449406931f;
constexpr float kL2Uf = 0.693145751953125f, kL2Lf = 1.428606765330187045e-6f;
constexpr float kExpC0 = 0.000198527617612853646278381f, kExpC1 = 0.00139304355252534151077271f,
                kExpC2 = 0.00833336077630519866943359f, kExpC3 = 0.0416664853692054748535156f,
                kExpC4 = 0.166666671633720397949219f;

/** Sleef_expf_u10 for one float: q = rint(d / ln2), d - q ln2 in two fmas, a degree-6 polynomial, 2^q in two exact scalings. */
inline float sleef_expf(float d) {
  if (!(d >= -104.f)) return d != d ? d : 0.f;
  if (d > 100.f) return INFINITY;
  // Adding and subtracting 1.5 * 2^23 rounds |t| < 2^22 to an integer, ties to even (as _mm256_cvtps_epi32).
  const float t = d * kRLn2f;
  const float q = (t + 12582912.f) - 12582912.f;
  float s = std::fma(q, -kL2Uf, d);
  s = std::fma(q, -kL2Lf, s);
  float u = std::fma(kExpC0, s, kExpC1);
  u = std::fma(u, s, kExpC2);
  u = std::fma(u, s, kExpC3);
  u = std::fma(u, s, kExpC4);
  u = std::fma(u, s, 0.5f);
  u = 1.f + std::fma(s * s, u, s);
  const int qi = int(q), h = qi >> 1;
  return (u * pow2f(h)) * pow2f(qi - h);
}

/** fdlibm's exp as V8 compiles it (Math.exp): x = k ln2 + r, a rational approximation of e^r, then 2^k. */
inline double fdlibm_exp(double x) {
  constexpr double kOThreshold = 7.09782712893383973096e+02, kUThreshold = -7.45133219101941108420e+02;
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kInvLn2 = 1.44269504088896338700e+00;
  constexpr double P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
                   P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
  constexpr double kTwoM1000 = 9.33263618503218878990e-302, kTwo1023 = 8.988465674311579539e307;
  const uint64_t b = bits_of(x);
  uint32_t hx = uint32_t(b >> 32);
  const int neg = int(hx >> 31);
  hx &= 0x7fffffff;
  if (hx >= 0x40862E42) {  // |x| >= 709.78: overflow, underflow, inf or NaN
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | uint32_t(b)) != 0) return x + x;
      return neg ? 0.0 : x;
    }
    if (x > kOThreshold) return INFINITY;
    if (x < kUThreshold) return 0.0;
  }
  double hi = 0, lo = 0;
  int k = 0;
  if (hx > 0x3FD62E42) {    // |x| > ln2 / 2
    if (hx < 0x3FF0A2B2) {  // and < 3 ln2 / 2
      // NOTE: V8 returns e itself for exp(1): the steps below would be 1 ulp off.
      if (x == 1.0) return 2.718281828459045;
      hi = neg ? x + kLn2Hi : x - kLn2Hi;
      lo = neg ? -kLn2Lo : kLn2Lo;
      k = neg ? -1 : 1;
    } else {
      k = int(kInvLn2 * x + (neg ? -0.5 : 0.5));
      const double t = k;
      hi = x - t * kLn2Hi;  // exact
      lo = t * kLn2Lo;
    }
    x = hi - lo;
  } else if (hx < 0x3E300000) {  // |x| < 2^-28
    return 1.0 + x;
  }
  const double t = x * x;
  const double twopk = k >= -1021 ? double_of(uint64_t(uint32_t(0x3ff00000 + (uint32_t(k) << 20))) << 32)
                                  : double_of(uint64_t(uint32_t(0x3ff00000 + (uint32_t(k + 1000) << 20))) << 32);
  const double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) return k == 1024 ? y * 2.0 * kTwo1023 : y * twopk;
  return y * twopk * kTwoM1000;
}

/**
 * fdlibm's log as V8 compiles it (Math.log): x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)),
 * log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)) with s = f / (2 + f), R a degree-14 polynomial.
 */
inline double fdlibm_log(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10, kTwo54 = 1.80143985094819840000e+16;
  constexpr double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01, Lg3 = 2.857142874366239149e-01,
                   Lg4 = 2.222219843214978396e-01, Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
                   Lg7 = 1.479819860511658591e-01;
  uint64_t b = bits_of(x);
  int32_t hx = int32_t(uint32_t(b >> 32));
  const uint32_t lx = uint32_t(b);
  int k = 0;
  if (hx < 0x00100000) {  // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | lx) == 0) return -INFINITY;
    if (hx < 0) return NAN;
    k -= 54;
    x *= kTwo54;
    b = bits_of(x);
    hx = int32_t(uint32_t(b >> 32));
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const int32_t i = (hx + 0x95f64) & 0x100000;
  // Normalize x or x / 2 into [sqrt(2)/2, sqrt(2)).
  x = double_of((uint64_t(uint32_t(hx | (i ^ 0x3ff00000))) << 32) | (bits_of(x) & 0xffffffffu));
  k += i >> 20;
  const double f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {  // |f| < 2^-20
    if (f == 0) {
      if (k == 0) return 0.0;
      const double dk = k;
      return dk * kLn2Hi + dk * kLn2Lo;
    }
    const double R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - R;
    const double dk = k;
    return dk * kLn2Hi - ((R - dk * kLn2Lo) - f);
  }
  const double s = f / (2.0 + f), dk = k, z = s * s, w = z * z;
  const int32_t j = (hx - 0x6147a) | (0x6b851 - hx);
  const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6)), t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const double R = t2 + t1;
  if (j > 0) {
    const double hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + R));
    return dk * kLn2Hi - ((hfsq - (s * (hfsq + R) + dk * kLn2Lo)) - f);
  }
  if (k == 0) return f - s * (f - R);
  return dk * kLn2Hi - ((s * (f - R) - dk * kLn2Lo) - f);
}

/**
 * fdlibm's expm1 as V8 compiles it (Math.expm1): x = k ln2 + r (+ a correction c for the rounding
 * of r), a rational approximation of expm1(r), then 2^k (1 + expm1(r)) - 1 arranged per k to keep
 * the last bits.
 */
inline double fdlibm_expm1(double x) {
  constexpr double kOThreshold = 7.09782712893383973096e+02, kLn2Hi = 6.93147180369123816490e-01,
                   kLn2Lo = 1.90821492927058770002e-10, kInvLn2 = 1.44269504088896338700e+00;
  // The polynomial in x^2 / 2 (fdlibm's Q1..Q5 scaled by 2^n).
  constexpr double Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03, Q3 = -7.93650757867487942473e-05,
                   Q4 = 4.00821782732936239552e-06, Q5 = -2.01099218183624371326e-07;
  const uint64_t b = bits_of(x);
  uint32_t hx = uint32_t(b >> 32);
  const bool neg = (hx & 0x80000000u) != 0;
  hx &= 0x7fffffff;
  if (hx >= 0x4043687A) {    // |x| >= 56 ln2
    if (hx >= 0x40862E42) {  // |x| >= 709.78
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | uint32_t(b)) != 0) return x + x;
        return neg ? -1.0 : x;
      }
      if (x > kOThreshold) return INFINITY;
    }
    if (neg) return -1.0;
  }
  double hi, lo, c = 0;
  int k;
  if (hx > 0x3FD62E42) {    // |x| > ln2 / 2
    if (hx < 0x3FF0A2B2) {  // and < 3 ln2 / 2
      hi = neg ? x + kLn2Hi : x - kLn2Hi;
      lo = neg ? -kLn2Lo : kLn2Lo;
      k = neg ? -1 : 1;
    } else {
      k = int(kInvLn2 * x + (neg ? -0.5 : 0.5));
      const double t = k;
      hi = x - t * kLn2Hi;  // exact
      lo = t * kLn2Lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3C900000) {  // |x| < 2^-54
    return x;
  } else {
    k = 0;
  }
  const double hfx = 0.5 * x, hxs = x * hfx;
  const double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  double t = 3.0 - r1 * hfx;
  double e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  const double twopk = double_of(uint64_t(uint32_t(0x3ff00000 + (uint32_t(k) << 20))) << 32);
  e = (x * (e - c) - c);
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
  if (k <= -2 || k > 56) {
    double y = 1.0 - (e - x);
    y = k == 1024 ? y * 2.0 * 8.98846567431158e+307 : y * twopk;
    return y - 1.0;
  }
  if (k < 20) {
    t = double_of(uint64_t(uint32_t(0x3ff00000 - (0x200000 >> k))) << 32);  // 1 - 2^-k
    return (t - (e - x)) * twopk;
  }
  t = double_of(uint64_t(uint32_t((0x3ff - k) << 20)) << 32);  // 2^-k
  return ((x - (e + t)) + 1.0) * twopk;
}

/** fdlibm's tanh as V8 compiles it (Math.tanh): through expm1(2|x|) below 22, +-1 beyond. */
inline double fdlibm_tanh(double x) {
  const uint32_t jx = uint32_t(bits_of(x) >> 32), ix = jx & 0x7fffffff;
  const bool neg = (jx & 0x80000000u) != 0;
  if (ix >= 0x7ff00000) return neg ? 1.0 / x - 1.0 : 1.0 / x + 1.0;  // +-1, NaN stays NaN
  double z;
  if (ix < 0x40360000) {                 // |x| < 22
    if (ix < 0x3E300000) return x;       // |x| < 2^-28
    if (ix >= 0x3ff00000) {              // |x| >= 1
      const double t = fdlibm_expm1(2.0 * std::fabs(x));
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      const double t = fdlibm_expm1(-2.0 * std::fabs(x));
      z = -t / (t + 2.0);
    }
  } else {
    z = 1.0;  // 1 - 1e-300 rounds to 1
  }
  return neg ? -z : z;
}

}  // namespace math
}  // namespace gradlab
