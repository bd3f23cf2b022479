import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatExp, formatFixed, pyFloatRepr, pyIntStr } from "../../engine/format/py_format.js";

/** Python's `format()` / `repr()` of awkward doubles, from generate_repr_cases.py. */
interface NumberCase {
  x: string;
  f0: string;
  f2: string;
  f4: string;
  f8: string;
  e0: string;
  e4: string;
  e10: string;
}
const numbers = (
  JSON.parse(readFileSync(new URL("./repr_fuzz_cases.json", import.meta.url), "utf8")) as {
    numbers: NumberCase[];
  }
).numbers;

/** Python float literal text (repr) to a JS number. */
function pyFloat(text: string): number {
  if (text === "nan") return NaN;
  if (text === "inf") return Infinity;
  if (text === "-inf") return -Infinity;
  return Number(text);
}

describe("formatFixed", () => {
  it("rounds exact binary ties half to even, where JS toFixed rounds away from zero", () => {
    expect(formatFixed(0.03125, 4)).toBe("0.0312");
    expect((0.03125).toFixed(4)).toBe("0.0313"); // the JS behaviour being repaired
    expect(formatFixed(0.09375, 4)).toBe("0.0938");
    expect(formatFixed(-0.03125, 4)).toBe("-0.0312");
    expect(formatFixed(0.5, 0)).toBe("0");
    expect(formatFixed(1.5, 0)).toBe("2");
    expect(formatFixed(2.5, 0)).toBe("2");
    expect(formatFixed(123456.78125, 4)).toBe("123456.7812");
  });

  it("rounds non-ties by the exact binary value", () => {
    expect(formatFixed(2.675, 2)).toBe("2.67"); // 2.675 is stored as 2.67499999...
    expect(formatFixed(1.12345, 4)).toBe("1.1235");
    expect(formatFixed(Math.fround(0.1), 4)).toBe("0.1000");
    expect(formatFixed(9.99995, 4)).toBe("10.0000"); // 9.99995 is stored just above the tie
  });

  it("keeps the sign of -0 and of negatives that round to zero", () => {
    expect(formatFixed(-0, 4)).toBe("-0.0000");
    expect(formatFixed(-0, 0)).toBe("-0");
    expect(formatFixed(-1e-5, 4)).toBe("-0.0000");
    expect(formatFixed(-0.4, 0)).toBe("-0");
    expect(formatFixed(0, 4)).toBe("0.0000");
  });

  it("writes nan and inf in lower case", () => {
    expect(formatFixed(NaN, 4)).toBe("nan");
    expect(formatFixed(Infinity, 4)).toBe("inf");
    expect(formatFixed(-Infinity, 0)).toBe("-inf");
  });

  it("prints every digit beyond 1e21, where toFixed switches to exponent notation", () => {
    expect(formatFixed(1e21, 1)).toBe("1000000000000000000000.0");
    expect(formatFixed(1e23, 0)).toBe("99999999999999991611392");
  });
});

describe("formatExp", () => {
  it("writes a signed exponent with at least two digits", () => {
    expect(formatExp(1e-5, 4)).toBe("1.0000e-05");
    expect(formatExp(123456.7, 4)).toBe("1.2346e+05");
    expect(formatExp(1e100, 4)).toBe("1.0000e+100");
    expect(formatExp(-123456.7, 4)).toBe("-1.2346e+05");
    expect(formatExp(5, 0)).toBe("5e+00");
  });

  it("carries a rounded-up mantissa into the exponent", () => {
    expect(formatExp(9.99995e3, 4)).toBe("1.0000e+04");
    expect(formatExp(99999.99995, 4)).toBe("1.0000e+05");
    expect(formatExp(9.6, 0)).toBe("1e+01");
  });

  it("rounds mantissa ties half to even", () => {
    expect(formatExp(0.03125, 2)).toBe("3.12e-02");
    expect(formatExp(0.09375, 2)).toBe("9.38e-02");
    expect(formatExp(2.5, 0)).toBe("2e+00");
    expect(formatExp(1.5, 0)).toBe("2e+00");
  });

  it("handles zero, -0, subnormals and non-finite values", () => {
    expect(formatExp(0, 4)).toBe("0.0000e+00");
    expect(formatExp(-0, 4)).toBe("-0.0000e+00");
    expect(formatExp(5e-324, 4)).toBe("4.9407e-324");
    expect(formatExp(NaN, 4)).toBe("nan");
    expect(formatExp(-Infinity, 4)).toBe("-inf");
  });

  it("finds the exact decimal exponent of values just below a power of ten", () => {
    // The double nearest 1e23 is 9.99...e22: JS prints it as 1e+23, Python's .4e rounds up too.
    expect(formatExp(1e23, 10)).toBe("1.0000000000e+23");
    expect(formatExp(1e23, 20)).toBe("9.99999999999999916114e+22");
  });
});

describe("pyFloatRepr", () => {
  it("uses Python's switch points between fixed and exponent notation", () => {
    expect(pyFloatRepr(1e-5)).toBe("1e-05");
    expect(pyFloatRepr(0.0001)).toBe("0.0001");
    expect(pyFloatRepr(0.00025)).toBe("0.00025");
    expect(pyFloatRepr(1e16)).toBe("1e+16");
    expect(pyFloatRepr(1e15)).toBe("1000000000000000.0");
    expect(pyFloatRepr(1.5e300)).toBe("1.5e+300");
    expect(pyFloatRepr(-2.5e-7)).toBe("-2.5e-07");
  });

  it("always shows a decimal point for integral values", () => {
    expect(pyFloatRepr(1)).toBe("1.0");
    expect(pyFloatRepr(-28)).toBe("-28.0");
    expect(pyFloatRepr(0)).toBe("0.0");
    expect(pyFloatRepr(-0)).toBe("-0.0");
  });

  it("prints float32 values as their widened doubles", () => {
    expect(pyFloatRepr(Math.fround(0.1))).toBe("0.10000000149011612");
    expect(pyFloatRepr(0.1)).toBe("0.1");
    expect(pyFloatRepr(28.117212295532227)).toBe("28.117212295532227");
  });

  it("writes nan and inf as Python does", () => {
    expect(pyFloatRepr(NaN)).toBe("nan");
    expect(pyFloatRepr(Infinity)).toBe("inf");
    expect(pyFloatRepr(-Infinity)).toBe("-inf");
  });
});

describe("pyIntStr", () => {
  it("prints integers in full, also beyond 2^53 and for bigint", () => {
    expect(pyIntStr(5)).toBe("5");
    expect(pyIntStr(-7)).toBe("-7");
    expect(pyIntStr(-0)).toBe("0");
    expect(pyIntStr(2 ** 40)).toBe("1099511627776");
    expect(pyIntStr(2 ** 70)).toBe("1180591620717411303424");
    expect(pyIntStr(2n ** 64n + 1n)).toBe("18446744073709551617");
  });
});

describe("agreement with CPython on generated values", () => {
  it(`matches format() and repr() for all ${numbers.length} values`, () => {
    expect(numbers.length).toBeGreaterThan(200);
    for (const c of numbers) {
      const x = pyFloat(c.x);
      const got = {
        x: pyFloatRepr(x),
        f0: formatFixed(x, 0),
        f2: formatFixed(x, 2),
        f4: formatFixed(x, 4),
        f8: formatFixed(x, 8),
        e0: formatExp(x, 0),
        e4: formatExp(x, 4),
        e10: formatExp(x, 10),
      };
      expect(got, `value ${c.x}`).toEqual(c);
    }
  });
});
