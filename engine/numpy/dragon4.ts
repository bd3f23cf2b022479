/**
 * numpy's float printing core: a port of numpy/core/src/multiarray/dragon4.c (Ryan Juckett's
 * Dragon4 as modified by numpy, 1.21+ with `min_digits`), in the "unique" digit mode that
 * arrayprint uses. Exact arithmetic is done with BigInt.
 *
 * Why not JS `toExponential()`/`toPrecision()`: numpy prints float32 data with the shortest digits
 * that identify a *float32* (0.5488135, not 0.548813521862030), cuts them at a number of
 * fractional digits with its own rounding (exact remainder vs 0.5, ties to the even digit, but
 * with the asymmetric margins of powers of two), and pads/forces digits (`min_digits`); all of that
 * has to follow the C code to give the same characters.
 */

const view = new DataView(new ArrayBuffer(8));
const LOG10_2 = 0.30102999566398119521373889472449;

/** A finite float as Dragon4 sees it: value = mantissa * 2^exponent. */
export interface FloatParts {
  neg: boolean;
  mantissa: bigint;
  exponent: number;
  /** Index of the highest set bit of the mantissa. */
  mantissaBit: number;
  /** True when the gap to the next value below is half the gap above (powers of two). */
  unequalMargins: boolean;
}

function highBit(m: number): number {
  return 31 - Math.clz32(m);
}

/** Decompose a finite double (Dragon4_PrintFloat_IEEE_binary64). */
export function parts64(x: number): FloatParts {
  view.setFloat64(0, x);
  const hi = view.getUint32(0),
    lo = view.getUint32(4);
  const neg = hi >>> 31 === 1;
  const fe = (hi >>> 20) & 0x7ff;
  const fm = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (fe !== 0)
    return {
      neg,
      mantissa: fm | (1n << 52n),
      exponent: fe - 1075,
      mantissaBit: 52,
      unequalMargins: fe !== 1 && fm === 0n,
    };
  const bit = (hi & 0xfffff) !== 0 ? 32 + highBit(hi & 0xfffff) : lo !== 0 ? highBit(lo) : 0;
  return { neg, mantissa: fm, exponent: -1074, mantissaBit: bit, unequalMargins: false };
}

/** Decompose a float32 value held in a JS number (Dragon4_PrintFloat_IEEE_binary32). */
export function parts32(x: number): FloatParts {
  view.setFloat32(0, x);
  const b = view.getUint32(0);
  const neg = b >>> 31 === 1;
  const fe = (b >>> 23) & 0xff;
  const fm = b & 0x7fffff;
  if (fe !== 0)
    return {
      neg,
      mantissa: BigInt(fm | 0x800000),
      exponent: fe - 150,
      mantissaBit: 23,
      unequalMargins: fe !== 1 && fm === 0,
    };
  return { neg, mantissa: BigInt(fm), exponent: -149, mantissaBit: fm === 0 ? 0 : highBit(fm), unequalMargins: false };
}

const pow10Cache: bigint[] = [1n];
function pow10(k: number): bigint {
  for (let i = pow10Cache.length; i <= k; i++) pow10Cache.push(pow10Cache[i - 1]! * 10n);
  return pow10Cache[k]!;
}

export type CutoffMode = "total" | "fraction";

/**
 * Dragon4 in unique mode: the shortest digits that round-trip, cut after `cutoffMax` digits
 * (total, or past the decimal point) and continued to at least `cutoffMin` digits; -1 = unset.
 * Returns the digit string and the decimal exponent of its first digit.
 */
export function dragon4(
  p: FloatParts,
  mode: CutoffMode,
  cutoffMax: number,
  cutoffMin: number,
): { digits: string; exp: number } {
  if (p.mantissa === 0n) return { digits: "0", exp: 0 };
  const isEven = (p.mantissa & 1n) === 0n;
  const e = p.exponent;
  let value: bigint, scale: bigint, mLow: bigint;
  // Scaled so that value = mantissa * 2^e exactly and the margins are half the gaps to the
  // neighbouring floats (the extra factor of 2 or 4 keeps the halves integral).
  if (p.unequalMargins) {
    if (e > 0) {
      value = p.mantissa << BigInt(e + 2);
      scale = 4n;
      mLow = 1n << BigInt(e);
    } else {
      value = p.mantissa << 2n;
      scale = 1n << BigInt(-e + 2);
      mLow = 1n;
    }
  } else {
    if (e > 0) {
      value = p.mantissa << BigInt(e + 1);
      scale = 2n;
      mLow = 1n << BigInt(e);
    } else {
      value = p.mantissa << 1n;
      scale = 1n << BigInt(-e + 1);
      mLow = 1n;
    }
  }
  const highOf = (low: bigint): bigint => (p.unequalMargins ? low * 2n : low);
  let mHigh = highOf(mLow);

  // Burger & Dybvig's estimate of floor(log10(v)) + 1 (may be one too low), as numpy computes it.
  let digitExponent = Math.ceil((p.mantissaBit + e) * LOG10_2 - 0.69);
  // A value below the fractional cutoff is generated from the cutoff digit on (and rounds there).
  if (cutoffMax >= 0 && mode === "fraction" && digitExponent <= -cutoffMax) digitExponent = -cutoffMax + 1;
  if (digitExponent > 0) scale *= pow10(digitExponent);
  else if (digitExponent < 0) {
    const f = pow10(-digitExponent);
    value *= f;
    mLow *= f;
    mHigh = highOf(mLow);
  }
  if (value >= scale) digitExponent += 1;
  else {
    value *= 10n;
    mLow *= 10n;
    mHigh = highOf(mLow);
  }

  let cutoffMaxExp = digitExponent - 16384; // numpy's buffer limit; never reached here
  if (cutoffMax >= 0) {
    const want = mode === "total" ? digitExponent - cutoffMax : -cutoffMax;
    if (want > cutoffMaxExp) cutoffMaxExp = want;
  }
  let cutoffMinExp = digitExponent;
  if (cutoffMin >= 0) {
    const want = mode === "total" ? digitExponent - cutoffMin : -cutoffMin;
    if (want < cutoffMinExp) cutoffMinExp = want;
  }
  let outExp = digitExponent - 1;

  const out: number[] = [];
  let low = false,
    high = false,
    digit = 0;
  for (;;) {
    digitExponent -= 1;
    digit = Number(value / scale);
    value %= scale;
    const cmpLow = value === mLow ? 0 : value < mLow ? -1 : 1;
    const vHigh = value + mHigh;
    const cmpHigh = vHigh === scale ? 0 : vHigh < scale ? -1 : 1;
    low = isEven ? cmpLow <= 0 : cmpLow < 0;
    high = isEven ? cmpHigh >= 0 : cmpHigh > 0;
    if (((low || high) && digitExponent <= cutoffMinExp) || digitExponent === cutoffMaxExp) break;
    out.push(digit);
    value *= 10n;
    mLow *= 10n;
    mHigh = highOf(mLow);
  }

  // Round the last digit: down if only rounding down stays unique, else to the closest (ties even).
  let roundDown = low;
  if (low === high) {
    const twice = value * 2n;
    roundDown = twice < scale;
    if (twice === scale) roundDown = (digit & 1) === 0;
  }
  if (roundDown) out.push(digit);
  else if (digit !== 9) out.push(digit + 1);
  else {
    for (;;) {
      if (out.length === 0) {
        out.push(1);
        outExp += 1;
        break;
      }
      const d = out.pop()!;
      if (d !== 9) {
        out.push(d + 1);
        break;
      }
    }
  }
  return { digits: out.join(""), exp: outExp };
}

/** Trim modes of numpy's format_float_*: 'k' keep, '.' trim zeros keep the dot, '0' keep one zero, '-' drop both. */
export type TrimMode = "k" | "." | "0" | "-";

export interface PositionalOptions {
  precision?: number;
  minDigits?: number;
  trim?: TrimMode;
  sign?: boolean;
  padLeft?: number;
  padRight?: number;
}

/** dragon4_positional(x, unique=True, fractional=True, ...) for a finite value (FormatPositional). */
export function formatPositional(p: FloatParts, o: PositionalOptions = {}): string {
  const precision = o.precision ?? -1,
    minDigits = o.minDigits ?? -1,
    trim = o.trim ?? "k";
  const { digits, exp } = dragon4(p, "fraction", precision, minDigits);
  const sign = p.neg ? "-" : o.sign ? "+" : "";
  let whole: string, frac: string;
  if (exp >= 0) {
    const nWhole = exp + 1;
    whole = digits.length <= nWhole ? digits + "0".repeat(nWhole - digits.length) : digits.slice(0, nWhole);
    frac = digits.length <= nWhole ? "" : digits.slice(nWhole);
  } else {
    whole = "0";
    frac = "0".repeat(-exp - 1) + digits;
  }
  frac = finishFraction(frac, trim, precision, minDigits);
  let s = sign + whole + (frac.length > 0 || trim !== "-" ? "." : "") + frac;
  const padRight = o.padRight ?? -1,
    padLeft = o.padLeft ?? -1;
  if (padRight >= frac.length) s += (trim === "-" && frac.length === 0 ? " " : "") + " ".repeat(padRight - frac.length);
  const left = whole.length + sign.length;
  if (padLeft > left) s = " ".repeat(padLeft - left) + s;
  return s;
}

/** The trailing-digit rules shared by both notations. */
function finishFraction(frac: string, trim: TrimMode, precision: number, minDigits: number): string {
  if (trim === "0" && frac.length === 0) frac = "0";
  else if (trim === "k" && minDigits > frac.length) frac += "0".repeat(minDigits - frac.length);
  if (precision >= 0 && trim !== "k" && frac.length > 0) {
    frac = frac.replace(/0+$/, "");
    if (trim === "0" && frac.length === 0) frac = "0";
  }
  return frac;
}

export interface ScientificOptions {
  precision?: number;
  minDigits?: number;
  trim?: TrimMode;
  sign?: boolean;
  padLeft?: number;
  expDigits?: number;
}

/** dragon4_scientific(x, unique=True, ...) for a finite value (FormatScientific). */
export function formatScientific(p: FloatParts, o: ScientificOptions = {}): string {
  const precision = o.precision ?? -1,
    minDigits = o.minDigits ?? -1,
    trim = o.trim ?? "k";
  const { digits, exp } = dragon4(p, "total", precision < 0 ? -1 : precision + 1, minDigits < 0 ? -1 : minDigits + 1);
  const sign = p.neg ? "-" : o.sign ? "+" : "";
  const padLeft = o.padLeft ?? -1;
  let s = padLeft > 1 + sign.length ? " ".repeat(padLeft - 1 - sign.length) : "";
  const frac = finishFraction(digits.slice(1), trim, precision, minDigits);
  s += sign + digits[0] + (frac.length > 0 || trim !== "-" ? "." : "") + frac;
  const expDigits = Math.min(o.expDigits === undefined || o.expDigits < 0 ? 2 : o.expDigits, 5);
  return s + "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(expDigits, "0");
}

/**
 * str()/repr() of a numpy float scalar (np.float64 / np.float32): shortest digits, positional
 * when 1e-4 <= |x| < 1e16 (or 0) with one trailing zero kept (`1.0`), else scientific (`1e-05`).
 */
export function floatScalarStr(x: number, single: boolean): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const p = single ? parts32(x) : parts64(x);
  const a = Math.abs(x);
  if (a === 0 || (a >= 1e-4 && a < 1e16)) return formatPositional(p, { trim: "0" });
  return formatScientific(p, { trim: "-" });
}
