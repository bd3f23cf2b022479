/**
 * numpy indexing on NDArray, as Python writes it: `a[2]`, `a["2:5"]`, `b[":, 1"]`,
 * `b["1:, ::2"] = 0`, `a[a > 5]`, `a[[0, 2]]`. Integer indices are the array's own `get`
 * (a scalar when every axis is indexed, as numpy); everything else goes through the tensor
 * indexing over the same memory (bridge.ts), which has numpy's rules for slices (views),
 * `None`, `...`, boolean masks and integer arrays (copies), and comes back as an NDArray.
 */
import type { Tensor, TensorLike } from "../tensor/tensor.js";
import type { IndexSpec } from "../ops/indexing.js";
import { from_numpy, tensorToNumpy } from "./bridge.js";
import { NDArray } from "./ndarray.js";

/** An index into an NDArray: the tensor index forms, with arrays allowed wherever tensors are. */
export type NDIndex = IndexSpec | NDArray | readonly (IndexSpec | NDArray)[];

declare module "./ndarray.js" {
  interface NDArray {
    /** Python's `a[key]`: `a.index(1)`, `a.index("2:5")`, `a.index(":, 1")`, `a.index(mask)`. */
    index(key: NDIndex): NDArray | number | boolean;
    __getitem__(key: NDIndex): NDArray | number | boolean;
    /** Python's `a[key] = value` (value broadcast to the selection, cast to the array's dtype). */
    __setitem__(key: NDIndex, value: number | boolean | NDArray | Tensor | TensorLike): void;
  }
}

const isIntegerKey = (k: unknown): k is number | number[] =>
  (typeof k === "number" && Number.isInteger(k)) ||
  (Array.isArray(k) && k.length > 0 && k.every((i) => typeof i === "number" && Number.isInteger(i)));

/** Arrays in the key become tensors over the same memory. */
function tensorKey(key: NDIndex): IndexSpec {
  if (key instanceof NDArray) return from_numpy(key);
  if (Array.isArray(key)) return key.map((k) => (k instanceof NDArray ? from_numpy(k) : k)) as IndexSpec;
  return key as IndexSpec;
}

function getitem(this: NDArray, key: NDIndex): NDArray | number | boolean {
  // NOTE: Python's `a[1, 2]` arrives as [1, 2] (a tuple); numpy's `a[[1, 2]]` (a list of rows) is [[1, 2]].
  if (isIntegerKey(key)) return this.get(...(typeof key === "number" ? [key] : key));
  return tensorToNumpy(from_numpy(this).index(tensorKey(key)));
}

Object.assign(NDArray.prototype, {
  index: getitem,
  __getitem__: getitem,
  __setitem__(this: NDArray, key: NDIndex, value: number | boolean | NDArray | Tensor | TensorLike): void {
    if (isIntegerKey(key) && (typeof value === "number" || typeof value === "boolean")) {
      const ks = typeof key === "number" ? [key] : key;
      if (ks.length === this.ndim) return this.set(ks, value);
    }
    from_numpy(this).__setitem__(tensorKey(key), value instanceof NDArray ? from_numpy(value) : (value as TensorLike));
  },
});
