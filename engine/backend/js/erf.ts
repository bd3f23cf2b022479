/**
 * erf and erfc in float64, accurate to < 1 ulp, following the algorithm of Sun's fdlibm s_erf.c
 * (the one glibc 2.36, and so PyTorch's CPU kernels, use): a rational approximation of erf(x)/x - 1
 * near 0, of erf(x) - c around 1, and of log(x * erfc(x)) + x^2 for larger |x|, where erfc is
 * assembled as exp(-z^2 - 0.5625) * exp((z - x)(z + x) + R/S) with z = x cut to 21 bits so that
 * z^2 is exact.
 */

const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: word 1 is the high word
const LO = 1 - HI;

/** The sign-and-exponent word of a double (fdlibm's GET_HIGH_WORD). */
function highWord(x: number): number {
  f64[0] = x;
  return i32[HI];
}
/** x with its low 32 bits cleared (fdlibm's SET_LOW_WORD(z, 0)). */
function truncLow(x: number): number {
  f64[0] = x;
  i32[LO] = 0;
  return f64[0];
}

const ERX = 8.45062911510467529297e-1; // (float)0.84506291151
const EFX = 1.28379167095512586316e-1; // 2/sqrt(pi) - 1
const EFX8 = 1.02703333676410069053;
const TINY = 1e-300;

// erf(x) = x + x * P(x^2)/Q(x^2) on [0, 0.84375]
const PP0 = 1.28379167095512558561e-1,
  PP1 = -3.2504210724700149937e-1,
  PP2 = -2.84817495755985104766e-2,
  PP3 = -5.77027029648944159157e-3,
  PP4 = -2.37630166566501626084e-5;
const QQ1 = 3.97917223959155352819e-1,
  QQ2 = 6.50222499887672944485e-2,
  QQ3 = 5.08130628187576562776e-3,
  QQ4 = 1.32494738004321644526e-4,
  QQ5 = -3.9602282787753681232e-6;
// erf(1 + s) = ERX + P(s)/Q(s) on [0.84375, 1.25]
const PA0 = -2.36211856075265944077e-3,
  PA1 = 4.14856118683748331666e-1,
  PA2 = -3.72207876035701323847e-1,
  PA3 = 3.18346619901161753674e-1,
  PA4 = -1.10894694282396677476e-1,
  PA5 = 3.54783043256182359371e-2,
  PA6 = -2.166375594868790843e-3;
const QA1 = 1.06420880400844228286e-1,
  QA2 = 5.40397917702171048937e-1,
  QA3 = 7.18286544141962662868e-2,
  QA4 = 1.26171219808761642112e-1,
  QA5 = 1.36370839120290507362e-2,
  QA6 = 1.1984499846799107417e-2;
// erfc(x) = exp(-x^2 - 0.5625 + R(1/x^2)/S(1/x^2)) / x on [1.25, 1/0.35]
const RA0 = -9.86494403484714822705e-3,
  RA1 = -6.93858572707181764372e-1,
  RA2 = -1.05586262253232909814e1,
  RA3 = -6.23753324503260060396e1,
  RA4 = -1.62396669462573470355e2,
  RA5 = -1.84605092906711035994e2,
  RA6 = -8.12874355063065934246e1,
  RA7 = -9.81432934416914548592;
const SA1 = 1.96512716674392571292e1,
  SA2 = 1.376577541435190426e2,
  SA3 = 4.34565877475229228821e2,
  SA4 = 6.45387271733267880336e2,
  SA5 = 4.29008140027567833386e2,
  SA6 = 1.08635005541779435134e2,
  SA7 = 6.57024977031928170135,
  SA8 = -6.04244152148580987438e-2;
// ... and on [1/0.35, 28]
const RB0 = -9.86494292470009928597e-3,
  RB1 = -7.99283237680523006574e-1,
  RB2 = -1.77579549177547519889e1,
  RB3 = -1.60636384855821916062e2,
  RB4 = -6.37566443368389627722e2,
  RB5 = -1.02509513161107724954e3,
  RB6 = -4.83519191608651397019e2;
const SB1 = 3.03380607434824582924e1,
  SB2 = 3.25792512996573918826e2,
  SB3 = 1.53672958608443695994e3,
  SB4 = 3.19985821950859553908e3,
  SB5 = 2.55305040643316442583e3,
  SB6 = 4.74528541206955367215e2,
  SB7 = -2.24409524465858183362e1;

/** x * P(x^2)/Q(x^2) for |x| < 0.84375: erf(x) = x + this. */
function smallTerm(x: number): number {
  const z = x * x;
  const r = PP0 + z * (PP1 + z * (PP2 + z * (PP3 + z * PP4)));
  const s = 1 + z * (QQ1 + z * (QQ2 + z * (QQ3 + z * (QQ4 + z * QQ5))));
  return x * (r / s);
}

/** P(s)/Q(s) with s = |x| - 1, for 0.84375 <= |x| < 1.25. */
function nearOne(ax: number): number {
  const s = ax - 1;
  const p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
  const q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
  return p / q;
}

/** erfc(ax) * ax for 1.25 <= ax < 28 (the caller divides by ax). */
function tailTimesX(ax: number): number {
  const s = 1 / (ax * ax);
  let r: number, q: number;
  if (ax < 1 / 0.35) {
    r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
    q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
  } else {
    r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
    q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
  }
  const z = truncLow(ax);
  return Math.exp(-z * z - 0.5625) * Math.exp((z - ax) * (z + ax) + r / q);
}

/** The error function, erf(-0) = -0, erf(+-inf) = +-1. */
export function erf(x: number): number {
  if (x !== x) return x;
  if (x === Infinity) return 1;
  if (x === -Infinity) return -1;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -28) return ax < 2 ** -1015 ? 0.125 * (8 * x + EFX8 * x) : x + EFX * x;
    return x + smallTerm(x);
  }
  if (ax < 1.25) return x >= 0 ? ERX + nearOne(ax) : -ERX - nearOne(ax);
  if (ax >= 6) return x >= 0 ? 1 - TINY : TINY - 1;
  const r = tailTimesX(ax);
  return x >= 0 ? 1 - r / ax : r / ax - 1;
}

/** The complementary error function 1 - erf(x), accurate also where erf(x) is close to 1. */
export function erfc(x: number): number {
  if (x !== x) return x;
  if (x === Infinity) return 0;
  if (x === -Infinity) return 2;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const y = smallTerm(x);
    // NOTE: fdlibm compares the signed high word, so every x < 1/4 (negatives too) takes this branch.
    if (highWord(x) < 0x3fd00000) return 1 - (x + y);
    return 0.5 - (y + (x - 0.5));
  }
  if (ax < 1.25) return x >= 0 ? 1 - ERX - nearOne(ax) : 1 + (ERX + nearOne(ax));
  if (ax < 28) {
    if (x <= -6) return 2 - TINY;
    const r = tailTimesX(ax);
    return x > 0 ? r / ax : 2 - r / ax;
  }
  return x > 0 ? TINY * TINY : 2 - TINY;
}
