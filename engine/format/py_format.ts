/**
 * Python's number formatting, reproduced for JS numbers: `'{:.Nf}'`, `'{:.Ne}'`, `repr(float)` and
 * `str(int)`. Tensor printing (torch/_tensor_str.py) formats every element through Python's
 * `format()`, so these must agree with CPython character for character.
 *
 * NOTE: JS `toFixed`/`toExponential` round the exact binary value like Python but break exact ties
 * away from zero, drop the sign of -0 and write `e-5` instead of `e-05`. Exact ties are common for
 * float32 data (0.03125 has a finite binary expansion), so the fixed and exponential formats use
 * toFixed/toExponential only when the value cannot be an exact tie, and otherwise round the exact
 * value half to even with BigInt arithmetic, as CPython does.
 */

const bitsView = new DataView(new ArrayBuffer(8));

/** |x| = m * 2^e exactly, for finite x. */
function decompose(x: number): { m: bigint; e: number } {
  bitsView.setFloat64(0, x);
  const bits = bitsView.getBigUint64(0);
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  if (biasedExp === 0) return { m: fraction, e: -1074 }; // zero and subnormals
  return { m: fraction | (1n << 52n), e: biasedExp - 1075 };
}

const pow10Cache: bigint[] = [1n];
function pow10(k: number): bigint {
  for (let i = pow10Cache.length; i <= k; i++) pow10Cache.push(pow10Cache[i - 1]! * 10n);
  return pow10Cache[k]!;
}

/** num / den rounded to the nearest integer, exact ties to even (num, den >= 0). */
function divRoundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twiceRem = (num - q * den) * 2n;
  if (twiceRem > den || (twiceRem === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** round(|x| * 10^k), half to even, for finite x. */
function scaledRound(x: number, k: number): bigint {
  const { m, e } = decompose(x);
  let num = m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (k >= 0) num *= pow10(k);
  else den *= pow10(-k);
  return divRoundHalfEven(num, den);
}

/** Sign of |x| - 10^p, exactly, for finite nonzero x. */
function comparePow10(x: number, p: number): number {
  const { m, e } = decompose(x);
  let lhs = m;
  let rhs = 1n;
  if (e >= 0) lhs <<= BigInt(e);
  else rhs <<= BigInt(-e);
  if (p >= 0) rhs *= pow10(p);
  else lhs *= pow10(-p);
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

/** floor(log10(|x|)) exactly, for finite nonzero x (Math.log10 can be off by one near powers of 10). */
function decimalExponent(x: number): number {
  let p = Math.floor(Math.log10(Math.abs(x)));
  while (comparePow10(x, p) < 0) p--;
  while (comparePow10(x, p + 1) >= 0) p++;
  return p;
}

/**
 * Number of digits after the decimal point in the exact decimal expansion of finite x: a binary
 * fraction m / 2^d has exactly d of them, the last one a 5.
 */
function fractionDigits(x: number): number {
  bitsView.setFloat64(0, x);
  const hi = bitsView.getUint32(0);
  const lo = bitsView.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  const e = biasedExp === 0 ? -1074 : biasedExp - 1075;
  const mantHi = biasedExp === 0 ? hi & 0xfffff : (hi & 0xfffff) | 0x100000;
  const ctz = (v: number): number => 31 - Math.clz32(v & -v);
  const zeros = lo !== 0 ? ctz(lo) : mantHi !== 0 ? 32 + ctz(mantHi) : 0;
  return Math.max(0, -(e + zeros));
}

function nonFinite(x: number): string {
  return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
}

/** True for negative numbers and -0: Python prints the sign of both. */
function signBit(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

function exponentSuffix(exp: number): string {
  return "e" + (exp < 0 ? "-" : "+") + String(Math.abs(exp)).padStart(2, "0");
}

/**
 * Python `'{:.Nf}'.format(x)`: the exact binary value rounded half to even, sign of -0 kept.
 * @example formatFixed(0.03125, 4) // "0.0312"   (JS toFixed gives "0.0313")
 * @example formatFixed(-0, 4)      // "-0.0000"
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const sign = signBit(x) ? "-" : "";
  // Fast path: toFixed rounds the exact value correctly except on exact ties, and an exact tie at
  // `digits` decimals means the expansion ends with a 5 at decimal digits + 1.
  if (Math.abs(x) < 1e21 && digits <= 100 && fractionDigits(x) !== digits + 1) {
    return sign + Math.abs(x).toFixed(digits);
  }
  let s = scaledRound(x, digits).toString();
  if (digits > 0) {
    s = s.padStart(digits + 1, "0");
    s = s.slice(0, -digits) + "." + s.slice(-digits);
  }
  return sign + s;
}

/**
 * Python `'{:.Ne}'.format(x)`: N decimals in the mantissa, exponent with sign and at least two
 * digits, rounding half to even and carrying into the exponent.
 * @example formatExp(123456.7, 4) // "1.2346e+05"
 * @example formatExp(9.99995e3, 4) // "1.0000e+04"
 */
export function formatExp(x: number, digits: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const sign = signBit(x) ? "-" : "";
  if (x !== 0 && digits <= 100 && !Number.isInteger(x)) {
    // Fast path as in formatFixed. The expansion's last digit (a 5) sits at 10^-d; a tie needs it at
    // 10^(exp - digits - 1), where the true exp may be one less than JS reports after a carry.
    const [mant, expText] = Math.abs(x).toExponential(digits).split("e") as [string, string];
    const jsExp = Number(expText);
    const d = fractionDigits(x);
    if (d !== digits + 1 - jsExp && d !== digits + 2 - jsExp) return sign + mant + exponentSuffix(jsExp);
  }
  let mantissa: string;
  let exp = 0;
  if (x === 0) {
    mantissa = "0".repeat(digits + 1);
  } else {
    exp = decimalExponent(x);
    let q = scaledRound(x, digits - exp);
    if (q === pow10(digits + 1)) {
      // 9.99995 rounds up to 10.0000: renormalize to 1.0000 and bump the exponent.
      exp += 1;
      q = pow10(digits);
    }
    mantissa = q.toString();
  }
  if (digits > 0) mantissa = mantissa[0] + "." + mantissa.slice(1);
  return sign + mantissa + exponentSuffix(exp);
}

/**
 * Python `repr(float)`: the shortest round-trip digits (as JS), but `1.0` not `1`, and exponent
 * notation exactly when the decimal exponent is < -4 or >= 16, written `1e-05` / `1e+16`.
 * @example pyFloatRepr(Math.fround(0.1)) // "0.10000000149011612"
 * @example pyFloatRepr(1e15)             // "1000000000000000.0"
 */
export function pyFloatRepr(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // toExponential() with no argument yields the shortest digits that round-trip, like CPython's repr.
  const [mant, expText] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mant.replace(".", "");
  const exp = Number(expText);
  let body: string;
  if (exp < -4 || exp >= 16) {
    body = (digits.length > 1 ? digits[0] + "." + digits.slice(1) : digits) + exponentSuffix(exp);
  } else if (exp < 0) {
    body = "0." + "0".repeat(-exp - 1) + digits;
  } else if (digits.length <= exp + 1) {
    body = digits + "0".repeat(exp + 1 - digits.length) + ".0";
  } else {
    body = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  }
  return (x < 0 ? "-" : "") + body;
}

/**
 * Python `str(int)` of an integer-valued number or a bigint, in full digits (no `1e+21`).
 * @example pyIntStr(2 ** 70) // "1180591620717411303424"
 */
export function pyIntStr(x: number | bigint): string {
  if (typeof x === "bigint") return x.toString();
  if (Number.isSafeInteger(x)) return String(x); // String(-0) is "0", like str(0)
  if (Number.isInteger(x)) return BigInt(x).toString();
  // Not an integer: a caller bug, but printing must not throw; show it as Python would a float.
  return pyFloatRepr(x);
}
