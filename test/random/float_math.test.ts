/**
 * The exact-arithmetic helpers behind the random streams, checked against BigInt exact rounding
 * (fmaExact) on random inputs and on constructed near-ties, where a naive emulation goes wrong.
 */
import { describe, expect, it } from "vitest";
import { f32Bits, logPs, sincosPs } from "../../engine/random/float_math.js";
import { fma32, fma64, fmaExact } from "../../engine/tensor/fma.js";
import { MT19937 } from "../../engine/random/mt19937.js";

const fround = Math.fround;
const mt = new MT19937(20240611);
const rnd = (): number => mt.nextU32() / 4294967296;
const uniform = (a: number, b: number): number => a + (b - a) * rnd();
const randint = (a: number, b: number): number => a + Math.floor(rnd() * (b - a + 1));
/** A random double with a full 53-bit significand. */
const rnd53 = (): number => (mt.nextU32() * 2097152 + (mt.nextU32() >>> 11)) / 2 ** 53;

function ulp32(x: number): number {
  const e = Math.floor(Math.log2(Math.abs(x)));
  return 2 ** (Math.max(e, -126) - 23);
}

describe("fma32 (float32 fused multiply-add from doubles)", () => {
  it("rounds random float32 a*b + c exactly once", () => {
    let bad = 0;
    for (let i = 0; i < 30000; i++) {
      const a = fround(uniform(-2, 2) * 2 ** randint(-20, 20));
      const b = fround(uniform(-2, 2) * 2 ** randint(-20, 20));
      const c = i % 2 ? fround(-a * b * (1 + uniform(-1e-6, 1e-6))) : fround(uniform(-4, 4) * 2 ** randint(-30, 30));
      if (!Object.is(fma32(a, b, c), fmaExact(a, b, c, 24))) bad++;
    }
    expect(bad).toBe(0);
  });

  it("breaks exact float32 ties by the bits that double rounding lost", () => {
    let bad = 0,
      separated = 0;
    for (let i = 0; i < 20000; i++) {
      // c + u/2 * (1 - 2^-2k): just below a float32 midpoint, and the double sum lands on it.
      const c = fround((i % 2 ? -1 : 1) * uniform(1, 2) * 2 ** randint(-10, 10));
      const u = ulp32(c),
        k = randint(13, 23);
      const a = fround(1 + 2 ** -k);
      const b = fround((i % 4 < 2 ? 1 : -1) * (u / 2) * (1 - 2 ** -k));
      const got = fma32(a, b, c),
        want = fmaExact(a, b, c, 24);
      if (fround(a * b + c) !== want) separated++;
      if (!Object.is(got, want)) bad++;
    }
    expect(bad).toBe(0);
    expect(separated).toBeGreaterThan(1000); // the cases really need the fused rounding
  });

  it("handles float32 subnormal results and signed zeros", () => {
    const tiny = 2 ** -149;
    expect(fma32(tiny, 0.5, tiny)).toBe(fmaExact(tiny, 0.5, tiny, 24));
    expect(fma32(3 * tiny, 0.5, 0)).toBe(fmaExact(3 * tiny, 0.5, 0, 24));
    expect(Object.is(fma32(-0, 1, 0), 0)).toBe(true);
    expect(Object.is(fma32(-0, 1, -0), -0)).toBe(true);
  });
});

describe("fma64 (round-to-odd emulation) against BigInt exact arithmetic", () => {
  it("matches fmaExact on random doubles, cancellations and scaled ranges", () => {
    let bad = 0;
    for (let i = 0; i < 30000; i++) {
      const a = (rnd53() * 6 - 3) * 2 ** randint(-60, 60);
      const b = (rnd53() * 6 - 3) * 2 ** randint(-60, 60);
      const c = i % 3 === 0 ? -a * b * (1 + (rnd() - 0.5) * 2 ** -40) : (rnd53() * 6 - 3) * 2 ** randint(-130, 130);
      if (!Object.is(fma64(a, b, c), fmaExact(a, b, c, 53))) bad++;
    }
    expect(bad).toBe(0);
  });

  it("matches fmaExact on constructed double near-ties", () => {
    let bad = 0,
      separated = 0;
    for (let i = 0; i < 20000; i++) {
      const c = (i % 2 ? -1 : 1) * (1 + rnd53()) * 2 ** randint(-20, 20);
      const u = 2 ** (Math.floor(Math.log2(Math.abs(c))) - 52),
        k = randint(27, 52);
      const a = 1 + 2 ** -k;
      const b = (i % 4 < 2 ? 1 : -1) * (u / 2) * (1 - 2 ** -k);
      const want = fmaExact(a, b, c, 53);
      if (a * b + c !== want) separated++;
      if (!Object.is(fma64(a, b, c), want)) bad++;
    }
    expect(bad).toBe(0);
    expect(separated).toBeGreaterThan(1000);
  });

  it("falls back to exact arithmetic outside the safe exponent range", () => {
    expect(fma64(0.1, 10, -1)).toBe(5.551115123125783e-17); // the classic fused result
    expect(fma64(2 ** 600, 2 ** 500, -Infinity)).toBe(-Infinity);
    expect(fma64(2 ** -600, 2 ** -500, 2 ** -1074)).toBe(fmaExact(2 ** -600, 2 ** -500, 2 ** -1074));
    expect(fma64(2 ** 512, 2 ** 512, -Number.MAX_VALUE)).toBe(2 ** 971); // the product alone overflows
    expect(fma64(1e300, 1e10, -1e308)).toBe(Infinity);
    expect(fma64(0, 5, -3)).toBe(-3);
    expect(Number.isNaN(fma64(NaN, 1, 1))).toBe(true);
  });
});

describe("float32 Cephes log_ps / sincos_ps emulation", () => {
  it("is a float32-accurate log on (0, 1]", () => {
    for (let i = 1; i <= 5000; i++) {
      const x = fround(i / 5000);
      expect(Math.abs(logPs(x) - Math.log(x))).toBeLessThanOrEqual(2 * ulp32(Math.log(x) || 1));
    }
    expect(logPs(1)).toBe(0);
    expect(Number.isNaN(logPs(0))).toBe(true);
  });

  it("is a float32-accurate sin/cos on [0, 2*pi)", () => {
    const out = new Float64Array(2);
    for (let i = 0; i < 5000; i++) {
      const x = fround((2 * Math.PI * i) / 5000);
      sincosPs(x, out);
      expect(out[0]).toBe(fround(out[0]!));
      expect(Math.abs(out[0]! - Math.sin(x))).toBeLessThan(3e-7);
      expect(Math.abs(out[1]! - Math.cos(x))).toBeLessThan(3e-7);
    }
  });

  it("reads float32 bit patterns", () => {
    expect(f32Bits(1)).toBe(0x3f800000);
    expect(f32Bits(-2)).toBe(0xc0000000);
  });
});
