/**
 * glibc 2.36's float32 hyperbolic functions (sysdeps/ieee754/flt-32: e_coshf.c, e_sinhf.c,
 * s_expm1f.c, all from Sun's fdlibm), written out in float arithmetic: every step is rounded to
 * float32 as the C code does. PyTorch's float32 cosh/sinh call them for the elements its vectorized
 * loop leaves to the scalar lambda (every element of a tensor shorter than 16), and their float
 * steps are not correctly rounded: cosh(5) is 74.20995331 (1 ulp up), which prints 74.2100.
 * NOTE: expf is taken as the correctly rounded value; glibc's (0.502 ulp) rarely differs.
 */

const fr = Math.fround;

// s_expm1f.c's constants (hex float bit patterns in the C source).
const LN2_HI = fr(6.9313812256e-1),
  LN2_LO = fr(9.0580006145e-6),
  INVLN2 = fr(1.4426950216);
const Q1 = fr(-3.3333335072e-2),
  Q2 = fr(1.5873016091e-3),
  Q3 = fr(-7.936507609e-5),
  Q4 = fr(4.0082177293e-6),
  Q5 = fr(-2.0109921195e-7);
const LN2_27 = 18.71497344970703; // 27 ln2 (0x4195b844)
const EXP_OVERFLOW = 88.72283935546875; // 0x42b17218
const O_THRESHOLD = fr(8.8721679688e1);
const HALF_LN2 = 0.3465735912322998; // 0x3eb17218
const THREE_HALVES_LN2 = 1.0397207736968994; // 0x3f851592
const LOG_FLT_MAX = 88.7216796875; // 0x42b17180
const OVERFLOW_THRESHOLD = 89.41598510742188; // 0x42b2d4fc

/** expm1 for a float32 argument: fdlibm's reduction x = k ln2 + r and rational approximation of r. */
export function expm1f(input: number): number {
  let x = fr(input);
  const neg = x < 0;
  const a = Math.abs(x);
  if (a >= LN2_27) {
    if (a >= EXP_OVERFLOW) {
      if (a !== a) return x;
      if (a === Infinity) return neg ? -1 : x;
      if (x > O_THRESHOLD) return Infinity;
    }
    if (neg) return -1;
  }
  let k = 0,
    c = 0;
  if (a > HALF_LN2) {
    let hi: number, lo: number;
    if (a < THREE_HALVES_LN2) {
      if (!neg) {
        hi = fr(x - LN2_HI);
        lo = LN2_LO;
        k = 1;
      } else {
        hi = fr(x + LN2_HI);
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = Math.trunc(fr(fr(INVLN2 * x) + (neg ? -0.5 : 0.5))); // C's float -> int32 conversion
      hi = fr(x - fr(k * LN2_HI)); // exact here
      lo = fr(k * LN2_LO);
    }
    x = fr(hi - lo);
    c = fr(fr(hi - x) - lo);
  } else if (a < 2 ** -25) {
    return x;
  }
  const hfx = fr(0.5 * x),
    hxs = fr(x * hfx);
  const r1 = fr(1 + fr(hxs * fr(Q1 + fr(hxs * fr(Q2 + fr(hxs * fr(Q3 + fr(hxs * fr(Q4 + fr(hxs * Q5))))))))));
  const t = fr(3 - fr(r1 * hfx));
  let e = fr(hxs * fr(fr(r1 - t) / fr(6 - fr(x * t))));
  if (k === 0) return fr(x - fr(fr(x * e) - hxs));
  e = fr(fr(x * fr(e - c)) - c);
  e = fr(e - hxs);
  if (k === -1) return fr(fr(0.5 * fr(x - e)) - 0.5);
  if (k === 1) return x < -0.25 ? fr(-2 * fr(e - fr(x + 0.5))) : fr(1 + fr(2 * fr(x - e)));
  // Adding k to the exponent (SET_FLOAT_WORD) is an exact multiplication by 2^k.
  if (k <= -2 || k > 56) return fr(fr(fr(1 - fr(e - x)) * 2 ** k) - 1);
  if (k < 23) return fr(fr(fr(1 - 2 ** -k) - fr(e - x)) * 2 ** k);
  return fr(fr(fr(x - fr(e + 2 ** -k)) + 1) * 2 ** k);
}

/** e_coshf.c: 1 + expm1^2 / (2 exp) near 0, (exp + 1/exp) / 2 up to 22, exp / 2 beyond. */
export function coshf(x: number): number {
  const a = Math.abs(fr(x));
  if (!(a < Infinity)) return a; // NaN stays NaN, +-inf gives inf
  if (a < HALF_LN2) {
    const t = expm1f(a),
      w = fr(1 + t);
    if (a < 2 ** -55) return w;
    return fr(1 + fr(fr(t * t) / fr(w + w)));
  }
  if (a < 22) {
    const t = fr(Math.exp(a));
    return fr(fr(0.5 * t) + fr(0.5 / t));
  }
  if (a < LOG_FLT_MAX) return fr(0.5 * fr(Math.exp(a)));
  if (a <= OVERFLOW_THRESHOLD) {
    const w = fr(Math.exp(fr(0.5 * a)));
    return fr(fr(0.5 * w) * w);
  }
  return Infinity;
}

/** e_sinhf.c: sign(x) (E + E / (E + 1)) / 2 with E = expm1(|x|) up to 22, exp / 2 beyond. */
export function sinhf(x: number): number {
  x = fr(x);
  const a = Math.abs(x);
  if (!(a < Infinity)) return x + x;
  const h = x < 0 ? -0.5 : 0.5;
  if (a < 22) {
    if (a < 2 ** -28) return x;
    const t = expm1f(a);
    if (a < 1) return fr(h * fr(fr(2 * t) - fr(fr(t * t) / fr(t + 1))));
    return fr(h * fr(t + fr(t / fr(t + 1))));
  }
  if (a < LOG_FLT_MAX) return fr(h * fr(Math.exp(a)));
  if (a <= OVERFLOW_THRESHOLD) {
    const w = fr(Math.exp(fr(0.5 * a)));
    return fr(fr(h * w) * w);
  }
  return x * Infinity;
}
