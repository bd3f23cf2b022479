/**
 * The rounding helpers under float16 storage and ATen-exact formulas: half precision rounding
 * (c10::Half), the fused multiply-add emulation (linspace), and int64 store rules.
 */
import { describe, expect, test } from "vitest";
import { roundHalf, roundHalfArray } from "../../engine/tensor/half.js";
import { fma32, fma64 } from "../../engine/tensor/fma.js";
import { toInt64, wrapInt64Overflow } from "../../engine/tensor/store.js";

// ---- exact arithmetic on doubles, as BigInt multiples of 2^-SCALE ---------------------------------
const SCALE = 2300n;
const view = new DataView(new ArrayBuffer(8));
/** x * 2^SCALE as an exact BigInt (x finite). */
function scaled(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const m = exp === 0 ? frac : frac | (1n << 52n);
  const e = BigInt((exp === 0 ? 1 : exp) - 1075);
  const v = m << (e + SCALE);
  return bits >> 63n ? -v : v;
}
/** Is `r` the correctly rounded (ties to even) value of `exact` (scaled by 2^(2 SCALE)) in a format with `p` bits? */
function isCorrectlyRounded(r: number, exact: bigint, p: number): boolean {
  const R = scaled(r) << SCALE;
  const ulpExp = Math.floor(Math.log2(Math.abs(r))) - (p - 1);
  const halfUlp = 1n << (BigInt(ulpExp - 1) + 2n * SCALE);
  const d = exact - R < 0n ? R - exact : exact - R;
  if (d < halfUlp) return true;
  if (d > halfUlp) return false;
  // A tie: the result must have an even last bit.
  return ((scaled(r) >> (BigInt(ulpExp) + SCALE)) & 1n) === 0n;
}

let seed = 12345;
function rnd(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}
function randomDouble(): number {
  return (rnd() - 0.5) * 2 ** Math.floor(rnd() * 40 - 20) * (1 + rnd());
}

describe("fma", () => {
  test("fma64 rounds a * b + c once, also when the sum cancels", () => {
    for (let i = 0; i < 2000; i++) {
      const a = randomDouble(),
        b = randomDouble();
      // Every third case makes c nearly -a*b, where a double rounding shows.
      const c = i % 3 === 0 ? -(a * b) * (1 + (rnd() - 0.5) * 2 ** -30) : randomDouble();
      const r = fma64(a, b, c);
      const exact = scaled(a) * scaled(b) + (scaled(c) << SCALE);
      expect(isCorrectlyRounded(r, exact, 53), `fma64(${a}, ${b}, ${c}) = ${r}`).toBe(true);
    }
  });
  test("fma32 rounds float32 a * b + c once to float32", () => {
    for (let i = 0; i < 2000; i++) {
      const a = Math.fround(randomDouble()),
        b = Math.fround(randomDouble());
      const c = Math.fround(i % 3 === 0 ? -(a * b) * (1 + (rnd() - 0.5) * 2 ** -20) : randomDouble());
      const r = fma32(a, b, c);
      const exact = scaled(a) * scaled(b) + (scaled(c) << SCALE);
      expect(isCorrectlyRounded(r, exact, 24), `fma32(${a}, ${b}, ${c}) = ${r}`).toBe(true);
    }
  });
  test("fma32 avoids the double rounding of 'double sum, then float32': 97 * 257 * 673 = 2^24 + 1 is a float32 tie", () => {
    expect(fma32(97 * 257, 673, 2 ** -30)).toBe(2 ** 24 + 2);
    expect(Math.fround(97 * 257 * 673 + 2 ** -30)).toBe(2 ** 24); // what the naive formula gives
  });
  test("linspace's middle element shows the fused rounding: 1 - (1/3 in float32) * 3", () => {
    const step = Math.fround(2 / 6);
    expect(fma32(-step, 3, 1)).toBe(-2.9802322387695312e-8);
    expect(Math.fround(1 - Math.fround(step * 3))).toBe(0);
  });
});

describe("roundHalf", () => {
  test("rounds to half precision, ties to even, with overflow to inf and gradual underflow", () => {
    expect(roundHalf(0.1)).toBe(0.0999755859375);
    expect(roundHalf(65504)).toBe(65504);
    expect(roundHalf(65519)).toBe(65504);
    expect(roundHalf(65520)).toBe(Infinity);
    expect(roundHalf(-70000)).toBe(-Infinity);
    expect(roundHalf(2 ** -24)).toBe(2 ** -24); // smallest subnormal
    expect(roundHalf(2 ** -25)).toBe(0); // a tie between 0 and 2^-24 goes to 0 (even)
    expect(roundHalf(3 * 2 ** -25)).toBe(2 ** -23); // a tie between 1 and 2 quanta goes to 2
    expect(Object.is(roundHalf(-1e-8), -0)).toBe(true);
    expect(roundHalf(1 + 2 ** -11)).toBe(1); // tie between 1 and 1 + 2^-10: even
    expect(roundHalf(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9);
    expect(roundHalf(NaN)).toBeNaN();
  });
  test("the in-place array pass agrees with the scalar one and is idempotent", () => {
    const a = new Float32Array(5000);
    for (let i = 0; i < a.length; i++) a[i] = (rnd() - 0.5) * 2 ** Math.floor(rnd() * 50 - 30);
    const expected = Array.from(a, roundHalf);
    roundHalfArray(a);
    expect(Array.from(a)).toEqual(expected);
    roundHalfArray(a);
    expect(Array.from(a)).toEqual(expected);
  });
});

describe("int64 stores", () => {
  test("casts truncate toward zero without -0, and give INT64_MIN where x86 does", () => {
    expect(Object.is(toInt64(-0.5), 0)).toBe(true);
    expect(toInt64(-1.9)).toBe(-1);
    for (const v of [NaN, Infinity, -Infinity, 1e30, 2 ** 63]) expect(toInt64(v)).toBe(-(2 ** 63));
    expect(toInt64(-(2 ** 63))).toBe(-(2 ** 63));
  });
  test("op results wrap into [-2^63, 2^63)", () => {
    const a = new Float64Array([2 ** 63, 2 ** 64, 3 * 2 ** 62, -(2 ** 63) - 2 ** 12, 5]);
    wrapInt64Overflow(a);
    expect(Array.from(a)).toEqual([-(2 ** 63), 0, -(2 ** 62), 2 ** 63 - 2 ** 12, 5]);
  });
});
