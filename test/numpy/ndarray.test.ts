/**
 * NDArray printing and behaviour against real numpy 1.24 (numpy_goldens.json): repr and str of a
 * few hundred arrays must match character for character.
 */
import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { buildArray, goldens } from "./golden.js";
import * as np from "../../engine/numpy/np.js";
import type { NDArray } from "../../engine/numpy/ndarray.js";

describe("repr/str match numpy 1.24", () => {
  for (const c of goldens.arrays) {
    it(c.name, () => {
      const a = buildArray(c);
      expect(a.toString()).toBe(c.repr);
      expect(a.str()).toBe(c.str);
    });
  }
  it("inspect and String() give the repr", () => {
    const a = buildArray(goldens.arrays[0]!);
    expect(inspect(a)).toBe(a.toString());
    expect(String(a)).toBe(a.toString());
  });
});

describe("NDArray behaviour", () => {
  const a = () => np.arange(6).reshape(2, 3);

  it("metadata", () => {
    const x = a();
    expect([x.shape, x.ndim, x.size, x.dtype, x.itemsize, x.strides]).toEqual([[2, 3], 2, 6, "int64", 8, [24, 8]]);
    expect(np.zeros(3, np.float32).dtype).toBe(np.float32);
  });

  it("views share memory: T, reshape of contiguous data, get of a row", () => {
    const x = a();
    x.T.set([2, 1], 50);
    (x.get(0) as NDArray).set(0, -1);
    x.reshape(3, 2).set([2, 0], 40);
    expect(x.tolist()).toEqual([
      [-1, 1, 2],
      [3, 40, 50],
    ]);
  });

  it("copies do not: copy, flatten, astype, reshape of a non-contiguous view", () => {
    const x = a();
    for (const c of [x.copy(), x.flatten(), x.astype("float64"), x.T.reshape(6)]) c.fill(9);
    expect(x.tolist()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(x.T.reshape(6).tolist()).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it("get, item, tolist, iteration", () => {
    const x = a();
    expect(x.get(1, -1)).toBe(5);
    expect(x.item(4)).toBe(4);
    expect(np.array([true]).item()).toBe(true);
    expect([...x].map(String)).toEqual(["array([0, 1, 2])", "array([3, 4, 5])"]);
    expect([...(x.get(1) as NDArray)]).toEqual([3, 4, 5]);
    expect(np.array(2.5).tolist()).toBe(2.5);
    expect(Number(np.array([[7.5]]))).toBe(7.5);
  });

  it("astype casts as numpy: truncation toward zero, bool of nonzero", () => {
    expect(np.array([1.7, -1.7, 0]).astype("int32").tolist()).toEqual([1, -1, 0]);
    expect(np.array([1.7, -1.7, 0]).astype(np.bool_).tolist()).toEqual([true, true, false]);
    expect(np.array([0.1]).astype("f4").get(0)).toBe(Math.fround(0.1));
  });

  it("numpy's error messages", () => {
    const x = a();
    expect(() => x.reshape(4, 2)).toThrow("cannot reshape array of size 6 into shape (4,2)");
    expect(() => x.reshape(4)).toThrow("cannot reshape array of size 6 into shape (4,)");
    expect(() => x.reshape(-1, -1)).toThrow("can only specify one unknown dimension");
    expect(() => x.get(0, 0, 0)).toThrow("too many indices for array: array is 2-dimensional, but 3 were indexed");
    expect(() => x.get(2)).toThrow("index 2 is out of bounds for axis 0 with size 2");
    expect(() => x.item()).toThrow("can only convert an array of size 1 to a Python scalar");
    expect(() => [...np.array(1)]).toThrow("iteration over a 0-d array");
    expect(() => np.sum(np.arange(3), 2)).toThrow("axis 2 is out of bounds for array of dimension 1");
    expect(() => x.astype("complex128")).toThrow("data type 'complex128' not understood");
  });
});
