/**
 * Fused multiply-add, a * b + c rounded once, for float32 and float64. JS has no Math.fma, and
 * PyTorch's AVX2 kernels are compiled with -mfma: GCC contracts `start + step * i` (linspace),
 * `x * (to - from) + from` (uniform_) and `v * std + mean` (normal_) into one FMA, and SLEEF's
 * polynomials are written with fma, so formulas copied from ATen need it to give the same bits
 * (a separately rounded emulation misses ~30% of values; torch-spec.md §4.3, §4.5).
 *
 * No BigInt on the hot paths: `fma32` uses doubles only and `fma64` uses error-free
 * transformations (Dekker's product, Knuth's sum) with rounding to odd, which makes the final
 * rounding correct (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums", 2008);
 * `fmaExact` (BigInt) is the exact fallback and the tests' oracle.
 */

const fround = Math.fround;

// Scratch views for reading/writing IEEE bit patterns (little-endian, as on every Node platform).
const F64 = new Float64Array(1);
const F64_WORDS = new Uint32Array(F64.buffer); // [0] = low word, [1] = high word

/**
 * float32 fused multiply-add, one rounding: C's `fmaf(a, b, c)` for float32 inputs a, b, c.
 * a*b is exact in a double (24 + 24 bits) and s = a*b + c is rounded once to double. Rounding s to
 * float32 is then correct unless s sits exactly on a float32 midpoint (the double rounding may have
 * created that tie); only then does the TwoSum error of s decide (torch-spec.md §4.5).
 * NOTE: kept tiny so V8 inlines it: the Box-Muller fill calls it ~20 times per value, and a
 * non-inlined call would box every double result on the heap.
 */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = fround(s);
  if (r === s) return r;
  // s is a midpoint iff the float32 on the other side of it, 2s - r (exact: Sterbenz), exists.
  const o = 2 * s - r;
  return fround(o) === o ? fma32Tie(p, c, s, r, o) : r;
}

function fma32Tie(p: number, c: number, s: number, r: number, o: number): number {
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
 * with that format's subnormals). BigInt arithmetic; the reference for `fma64` and `fma32`.
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
