/**
 * The np namespace against real numpy 1.24 (numpy_goldens.json "np"): creation, np.random streams
 * after np.random.seed, ufuncs and reductions, replayed by name and compared as numpy prints them.
 */
import { describe, expect, it } from "vitest";
import { ValueError } from "../../engine/errors.js";
import { pyFloatRepr } from "../../engine/format/py_format.js";
import * as np from "../../engine/numpy/np.js";
import type { NDArray } from "../../engine/numpy/ndarray.js";
import { goldens } from "./golden.js";

const want = (name: string): string => {
  const v = goldens.np[name];
  if (v === undefined) throw new Error(`no golden ${name}`);
  return v;
};
const nd = (v: unknown): NDArray => v as NDArray;
const float = (v: unknown): string => pyFloatRepr(v as number);

describe("np.random streams print as numpy's", () => {
  it("seed(0): rand(100, 1) and the linear-regression targets of seed 002", () => {
    np.random.seed(0);
    const x = nd(np.random.rand(100, 1));
    expect(x.toString()).toBe(want("seed0_rand_100x1"));
    // Y = 2 + 3 * X + 0.1 * np.random.randn(100, 1)
    const y = nd(np.add(np.add(2, np.multiply(3, x)), np.multiply(0.1, np.random.randn(100, 1))));
    expect(y.toString()).toBe(want("seed0_linreg_y"));
    expect(typeof y.get(0, 0)).toBe("number"); // a full index gives a scalar
    expect(nd(x.mul(3).add(2)).toString()).toBe(nd(np.add(2, np.multiply(3, x))).toString());
  });

  it("seed(42): randn, normal, uniform, randint, permutation, shuffle, random, scalars", () => {
    np.random.seed(42);
    expect(nd(np.random.randn(3, 4)).toString()).toBe(want("seed42_randn_3x4"));
    expect(nd(np.random.normal(1.0, 2.0, [2, 3])).toString()).toBe(want("seed42_normal"));
    expect(nd(np.random.uniform(-1, 1, 5)).toString()).toBe(want("seed42_uniform"));
    expect(nd(np.random.randint(0, 10, [3, 3])).toString()).toBe(want("seed42_randint"));
    expect(nd(np.random.randint(5, { size: 4 })).toString()).toBe(want("seed42_randint_high_none"));
    expect(np.random.permutation(10).toString()).toBe(want("seed42_permutation"));
    const a = np.arange(10);
    np.random.shuffle(a);
    expect(a.toString()).toBe(want("seed42_shuffle"));
    expect(nd(np.random.random([2, 2])).toString()).toBe(want("seed42_random_2x2"));
    expect(nd(np.random.random_sample(3)).toString()).toBe(want("seed42_random_sample"));
    expect(float(np.random.rand())).toBe(want("seed42_rand_scalar"));
    expect(float(np.random.randn())).toBe(want("seed42_randn_scalar"));
    expect(String(np.random.randint(100))).toBe(want("seed42_randint_scalar"));
  });

  it("shuffle and permutation of a 2-D array move whole rows", () => {
    const m = np.arange(12).reshape(4, 3);
    np.random.seed(3);
    np.random.shuffle(m);
    expect(m.toString()).toBe(want("seed3_shuffle_rows"));
    np.random.seed(3);
    const src = np.arange(12).reshape(4, 3);
    expect(np.random.permutation(src).toString()).toBe(want("seed3_permutation_rows"));
    expect(src.toString()).toBe(np.arange(12).reshape(4, 3).toString()); // permutation copies
  });

  it("seed(1): rand(2, 3, 4) in C order", () => {
    np.random.seed(1);
    expect(nd(np.random.rand(2, 3, 4)).toString()).toBe(want("seed1_rand_2x3x4"));
  });
});

describe("creation", () => {
  const cases: [string, () => NDArray][] = [
    ["arange_10", () => np.arange(10)],
    ["arange_0_1_01", () => np.arange(0, 1, 0.1)],
    ["arange_neg_step", () => np.arange(5, -5, -1.5)],
    ["arange_f32", () => np.arange(0, 2, 0.25, np.float32)],
    ["linspace_0_1_5", () => np.linspace(0, 1, 5)],
    ["linspace_0_1_7", () => np.linspace(0, 1, 7)],
    ["linspace_m1_1_50", () => np.linspace(-1, 1, 50)],
    ["linspace_0_10_noend", () => np.linspace(0, 10, 4, { endpoint: false })],
    ["zeros_2x3", () => np.zeros([2, 3])],
    ["ones_3_f32", () => np.ones(3, { dtype: np.float32 })],
    ["zeros_int", () => np.zeros(4, np.int64)],
    [
      "array_int",
      () =>
        np.array([
          [1, 2],
          [3, 4],
        ]),
    ],
    ["array_float", () => np.array([1.5, 2, 3])],
    ["array_f32", () => np.array([1, 2, 3], np.float32)],
    ["array_bool", () => np.array([true, false])],
    ["transpose", () => np.arange(6).reshape(2, 3).T],
    ["astype_int", () => np.array([1.7, -1.7, 2.5]).astype(np.int64)],
    ["astype_f32", () => np.array([0.1, 0.2]).astype("float32")],
    ["reshape", () => np.arange(0, 6, 1, np.float64).reshape(3, -1)],
    ["mul_f32_scalar", () => nd(np.multiply(np.arange(4, np.float32), 0.1))],
    ["int_div", () => nd(np.divide(np.arange(4), 3))],
    ["int_plus_float", () => nd(np.add(np.arange(3), 0.5))],
  ];
  for (const [name, f] of cases)
    it(name, () => {
      expect(f().toString()).toBe(want(name));
    });

  it("JS numbers cannot say 5.0: np.arange(5.0) is written np.arange(5, np.float64)", () => {
    expect(np.arange(5, np.float64).toString()).toBe(want("arange_float"));
  });
  it("ragged input raises numpy's ValueError", () => {
    expect(() => np.array([[1, 2], [3]])).toThrow(ValueError);
    expect(() => np.array([[1, 2], [3]])).toThrow("inhomogeneous shape after 1 dimensions");
  });
  it("broadcasting errors name both shapes", () => {
    expect(() => np.add(np.zeros([2, 3]), np.zeros(4))).toThrow(
      "operands could not be broadcast together with shapes (2,3) (4,) ",
    );
  });
});

describe("ufuncs and reductions", () => {
  const xs = np.linspace(0, 2 * Math.PI, 9);
  it("sin, cos, exp, sqrt", () => {
    expect(nd(np.sin(xs)).toString()).toBe(want("sin"));
    expect(nd(np.cos(xs)).toString()).toBe(want("cos"));
    expect(nd(np.exp(np.linspace(-3, 3, 7))).toString()).toBe(want("exp"));
    expect(nd(np.sqrt(np.arange(10))).toString()).toBe(want("sqrt"));
    expect(nd(np.sqrt(np.arange(10, np.float32))).toString()).toBe(want("sqrt_f32"));
    expect(float(np.sin(1.0))).toBe(want("sin_scalar"));
  });
  it("sum and mean: numpy's pairwise summation, bit for bit", () => {
    np.random.seed(5);
    const r = nd(np.random.rand(1000));
    expect(float(np.sum(r))).toBe(want("sum_1000"));
    expect(float(np.mean(r))).toBe(want("mean_1000"));
    expect(float(r.sum())).toBe(want("sum_1000"));
    const r2 = nd(np.random.rand(37, 5));
    expect(nd(np.sum(r2, 0)).toString()).toBe(want("sum_axis0"));
    expect(nd(np.sum(r2, { axis: 1 })).toString()).toBe(want("sum_axis1"));
    expect(nd(np.mean(r2, 0)).toString()).toBe(want("mean_axis0"));
    expect(float(np.sum(r2))).toBe(want("sum_2d_all"));
    expect(float(np.sum(r.astype("float32")))).toBe(want("sum_f32"));
    expect(float(np.mean(r.astype("float32")))).toBe(want("mean_f32"));
    expect(String(np.sum(np.arange(101)))).toBe(want("sum_int"));
    expect(float(np.mean(np.arange(101)))).toBe(want("mean_int"));
    expect(String(np.sum(np.array(Array.from(r, (v) => (v as number) > 0.5))))).toBe(want("sum_bool"));
  });
  it("long float32 sums and buffered int means", () => {
    np.random.seed(6);
    expect(float(np.sum(nd(np.random.rand(5000)).astype("float32")))).toBe(want("sum_big_f32"));
    np.random.seed(6);
    expect(float(np.mean(nd(np.random.randint(0, 1000, 20000))))).toBe(want("mean_big_int"));
  });
  it("max and min", () => {
    expect(np.max(np.array([3, -1, 7]))).toBe(7);
    expect(np.min([0.5, NaN])).toBeNaN();
  });
});
