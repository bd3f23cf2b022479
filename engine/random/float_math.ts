/**
 * Exact floating-point steps that PyTorch's random kernels need and JavaScript lacks:
 *
 * - `fmaf` / `fma64`: fused multiply-add. Debian's torch builds its AVX2 kernels with `-mfma`, and GCC
 *   contracts `x * (to - from) + from` (uniform_) and `v * std + mean` (normal_) into one FMA, so a
 *   separately rounded emulation misses ~30% of values (torch-spec.md §4.3, §4.5).
 * - `logPs` / `sincosPs`: the float32 Cephes `log256_ps` / `sincos256_ps` of
 *   aten/src/ATen/native/cpu/avx_mathfun.h, used by the vectorised float32 normal fill, emulated lane by
 *   lane with every `a*b + c` as one fused operation.
 *
 * No BigInt on the hot paths: `fmaf` uses doubles only and `fma64` uses the round-to-odd emulation
 * (Boldo & Melquiond 2008); `fmaExact` (BigInt) is the exact fallback and the tests' oracle.
 */

const fround = Math.fround;

// Scratch views for reading/writing IEEE bit patterns (little-endian, as on every Node platform).
const F32 = new Float32Array(1);
const F32_BITS = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_WORDS = new Uint32Array(F64.buffer); // [0] = low word, [1] = high word

/** IEEE bit pattern of a float32 value (the double is rounded to float32 first). */
export function f32Bits(x: number): number {
  F32[0] = x;
  return F32_BITS[0]!;
}

/** The float32 whose bit pattern is `bits`. */
export function f32FromBits(bits: number): number {
  F32_BITS[0] = bits >>> 0;
  return F32[0]!;
}

/**
 * float32 fused multiply-add, one rounding: `fmaf(a, b, c)` for float32 inputs a, b, c.
 * a*b is exact in a double (24 + 24 bits) and s = a*b + c is rounded once to double. Rounding s to
 * float32 is then correct unless s sits exactly on a float32 midpoint (the double rounding may have
 * created that tie); only then does the TwoSum error of s decide (torch-spec.md §4.5).
 * NOTE: kept tiny so V8 inlines it: the Box-Muller fill calls it ~20 times per value, and a
 * non-inlined call would box every double result on the heap.
 */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = fround(s);
  if (r === s) return r;
  // s is a midpoint iff the float32 on the other side of it, 2s - r (exact: Sterbenz), exists.
  const o = 2 * s - r;
  return fround(o) === o ? fmafTie(p, c, s, r, o) : r;
}

function fmafTie(p: number, c: number, s: number, r: number, o: number): number {
  if (r === Infinity || r === -Infinity) return r;
  const bb = s - p;
  const e = p - (s - bb) + (c - bb); // TwoSum: p + c == s + e exactly
  if (e === 0) return r; // a true tie: ties-to-even, which fround already did
  return e > 0 ? Math.max(r, o) : Math.min(r, o);
}

// ------------------------------------------------------------------------------------------------
// float64 fma
// ------------------------------------------------------------------------------------------------

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp splitting of a double into two 26-bit halves
const SAFE_LO = 2 ** -400;
const SAFE_HI = 2 ** 500;

/**
 * Correctly rounded double `fma(a, b, c)`. Uses the round-to-odd emulation
 * (uh + ul = a*b exactly, th + tl = c + uh exactly, result = RN(th + RO(tl + ul))), which is exact
 * when nothing overflows or underflows; outside that window it falls back to `fmaExact` (BigInt).
 */
export function fma64(a: number, b: number, c: number): number {
  const aa = Math.abs(a),
    ab = Math.abs(b),
    ac = Math.abs(c);
  if (
    !(
      aa >= SAFE_LO &&
      aa <= SAFE_HI &&
      ab >= SAFE_LO &&
      ab <= SAFE_HI &&
      (ac === 0 || (ac >= SAFE_LO * SAFE_LO && ac <= SAFE_HI * SAFE_HI))
    )
  ) {
    if (a === 0 || b === 0 || aa === Infinity || ab === Infinity || a !== a || b !== b) {
      return a * b + c; // the product is an exact zero (or not finite): plain IEEE arithmetic is the fma
    }
    if (!(ac < Infinity)) return c; // a finite exact product cannot change an infinite or NaN c
    return fmaExact(a, b, c, 53);
  }
  const p = a * b;
  if (c === 0) return p; // exact product rounded once (and nonzero, so the sign is right)
  let t = SPLITTER * a;
  const ah = t - (t - a),
    al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b),
    bl = b - bh;
  const ul = ah * bh - p + ah * bl + al * bh + al * bl; // Dekker TwoProduct error
  const th = c + p; // TwoSum(c, p)
  let bb = th - c;
  const tl = c - (th - bb) + (p - bb);
  let v = tl + ul; // RO(tl + ul): if inexact, keep the neighbour whose last bit is odd
  bb = v - tl;
  const ev = tl - (v - bb) + (ul - bb);
  if (ev !== 0) {
    F64[0] = v;
    const lo = F64_WORDS[0]!;
    if ((lo & 1) === 0) {
      if (v > 0 === ev > 0)
        F64_WORDS[0] = lo + 1; // away from zero; lo is even, no carry
      else if (lo !== 0) F64_WORDS[0] = lo - 1;
      else {
        F64_WORDS[0] = 0xffffffff;
        F64_WORDS[1] = F64_WORDS[1]! - 1;
      }
      v = F64[0]!;
    }
  }
  return th + v;
}

/** x (finite, nonzero double) as [integer significand, exponent] with x = m * 2^e. */
function decompose(x: number): [bigint, number] {
  F64[0] = x;
  const hi = F64_WORDS[1]!,
    lo = F64_WORDS[0]!;
  const biased = (hi >>> 20) & 0x7ff;
  let m = BigInt(hi & 0xfffff) * 4294967296n + BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    m += 1n << 52n;
    e = biased - 1075;
  }
  return [x < 0 ? -m : m, e];
}

/** m * 2^e for an integer-valued double m, exact whenever the result is representable. */
function ldexp(m: number, e: number): number {
  while (e > 1000) {
    m *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    m *= 2 ** -1000;
    e += 1000;
  }
  return m * 2 ** e;
}

/**
 * Exact `a*b + c` rounded once to `bits` significant bits (53: double, 24: float32, ties-to-even,
 * with that format's subnormals). BigInt arithmetic; the reference for `fma64` and `fmaf`.
 */
export function fmaExact(a: number, b: number, c: number, bits: 24 | 53 = 53): number {
  const finish = (x: number): number => (bits === 24 ? fround(x) : x);
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === 0 || b === 0) return finish(a * b + c);
  if (!Number.isFinite(c)) return c;
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const mp = ma * mb,
    ep = ea + eb;
  let total: bigint, e: number;
  if (c === 0) {
    total = mp;
    e = ep;
  } else {
    const [mc, ec] = decompose(c);
    e = Math.min(ep, ec);
    total = (mp << BigInt(ep - e)) + (mc << BigInt(ec - e));
  }
  if (total === 0n) return 0; // exact cancellation gives +0 in round-to-nearest
  const neg = total < 0n;
  let t = neg ? -total : total;
  const minExp = bits === 24 ? -149 : -1074;
  let shift = t.toString(2).length - bits;
  if (e + shift < minExp) shift = minExp - e;
  if (shift > 0) {
    const sh = BigInt(shift);
    const rem = t & ((1n << sh) - 1n),
      half = 1n << (sh - 1n);
    t >>= sh;
    if (rem > half || (rem === half && (t & 1n) === 1n)) t += 1n;
    e += shift;
  }
  let v = ldexp(Number(t), e);
  if (bits === 24 && v >= 2 ** 128) v = Infinity;
  return neg ? -v : v;
}

// ------------------------------------------------------------------------------------------------
// avx_mathfun.h log256_ps / sincos256_ps, one float32 lane (torch-spec.md §4.4.3)
// ------------------------------------------------------------------------------------------------

// NOTE: the polynomials run as loops over constant tables so each function has few fmaf call
// sites and V8 inlines all of them (see fmaf).
const SQRTHF = fround(0.707106781186547524);
const LOG_P = Float64Array.from(
  [
    7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
    2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
  ],
  fround,
);
const LOG_Q1 = fround(-2.1219444e-4);
const LOG_Q2 = fround(0.693359375);
const MIN_NORM_POS = 2 ** -126;

/** log256_ps for one lane. Only (0, 1] matters for the normal fill; x <= 0 gives NaN. */
export function logPs(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < MIN_NORM_POS) x = MIN_NORM_POS; // _mm256_max_ps(x, min_norm_pos): denormals are clamped
  F32[0] = x;
  const bits = F32_BITS[0]!;
  let e = fround((bits >>> 23) - 127 + 1); // exponent as float, plus one (mantissa in [0.5, 1))
  F32_BITS[0] = (bits & 0x807fffff) | 0x3f000000;
  let m = F32[0]!;
  if (m < SQRTHF) {
    // fold [0.5, sqrt(1/2)) up: e -= 1; m = m + m - 1, computed as (m - 1) + m
    e = fround(e - 1);
    m = fround(fround(m - 1) + m);
  } else {
    m = fround(m - 1);
  }
  const z = fround(m * m);
  let y = LOG_P[0]!;
  for (let k = 1; k < 9; k++) y = fmaf(y, m, LOG_P[k]!); // Horner, each step fused
  y = fround(y * m);
  y = fmaf(y, z, fround(e * LOG_Q1)); // y*z + e*q1: GCC fused the y*z product
  y = fround(y - fround(z * 0.5));
  m = fround(m + y);
  return fmaf(e, LOG_Q2, m);
}

const FOPI = fround(1.27323954473516); // 4 / pi
// -pi/4 split in three parts for an extended-precision range reduction (DP1..DP3).
const DP = Float64Array.from([-0.78515625, -2.4187564849853515625e-4, -3.77489497744594108e-8], fround);
const SIN_P = Float64Array.from([-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1], fround);
const COS_P = Float64Array.from([2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2], fround);

/** sincos256_ps for one lane: writes sin(x) to out[0] and cos(x) to out[1] (float32 values). */
export function sincosPs(x: number, out: Float64Array): void {
  let signSin = x < 0 || Object.is(x, -0);
  x = Math.abs(x);
  let j = Math.trunc(fround(x * FOPI)); // cvttps2dq: truncate toward zero
  j = (j + 1) & ~1;
  const y = j; // small integer: exact as float32
  const swapSin = (j & 4) !== 0;
  const polyIsCos = (j & 2) !== 0; // lanes where sin uses the cosine polynomial (and vice versa)
  for (let k = 0; k < 3; k++) x = fmaf(y, DP[k]!, x); // x - j*pi/4, one fused step per part
  const signCos = (~(j - 2) & 4) !== 0;
  signSin = signSin !== swapSin;
  const z = fround(x * x);
  let yc = COS_P[0]!,
    ys = SIN_P[0]!;
  for (let k = 1; k < 3; k++) {
    yc = fmaf(yc, z, COS_P[k]!);
    ys = fmaf(ys, z, SIN_P[k]!);
  }
  yc = fround(yc * z);
  yc = fmaf(yc, z, -fround(z * 0.5));
  yc = fround(yc + 1);
  ys = fround(ys * z);
  ys = fmaf(ys, x, x);
  const s = polyIsCos ? yc : ys;
  const c = polyIsCos ? ys : yc;
  // The kernel XORs sign bits; negation flips the sign bit exactly (zeros included).
  out[0] = signSin ? -s : s;
  out[1] = signCos ? -c : c;
}
