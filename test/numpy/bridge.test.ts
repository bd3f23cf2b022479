/**
 * Tensor.numpy() / torch.from_numpy(): memory sharing both ways, PyTorch's error for tensors that
 * require grad, dtype mapping, and the first steps of seed 002 (a linear regression on np.random
 * data) against real numpy / PyTorch output.
 */
import { describe, expect, it } from "vitest";
import * as torch from "../../engine/index.js";
import { RuntimeError, TypeError as PyTypeError } from "../../engine/errors.js";
import { from_numpy } from "../../engine/numpy/bridge.js";
import * as np from "../../engine/numpy/np.js";
import type { NDArray } from "../../engine/numpy/ndarray.js";
import { goldens } from "./golden.js";

const nd = (v: unknown): NDArray => v as NDArray;

describe("Tensor.numpy()", () => {
  it("shares memory with the tensor", () => {
    const t = torch.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: torch.float32 },
    );
    const a = t.numpy();
    expect(a.toString()).toBe(goldens.np["tensor_numpy"]);
    a.set([0, 1], 20);
    expect(t.tolist()).toEqual([
      [1, 20],
      [3, 4],
    ]);
    t.mul_(2);
    expect(a.tolist()).toEqual([
      [2, 40],
      [6, 8],
    ]);
  });

  it("keeps the strides of a non-contiguous tensor (still shared, no copy)", () => {
    const t = torch.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: torch.float32 },
    );
    const a = t.t().numpy();
    expect(a.toString()).toBe(goldens.np["tensor_numpy_T"]);
    a.set([1, 0], -1); // element (0, 1) of t
    expect(t.tolist()).toEqual([
      [1, -1],
      [3, 4],
    ]);
  });

  it("maps dtypes to numpy's names", () => {
    expect(torch.arange(5).numpy().toString()).toBe(goldens.np["tensor_numpy_int"]);
    expect(torch.arange(4).gt(1).numpy().toString()).toBe(goldens.np["tensor_numpy_bool"]);
    expect(torch.tensor([0.1, 0.2], { dtype: torch.float64 }).numpy().toString()).toBe(goldens.np["tensor_numpy_f64"]);
    expect(torch.zeros(2, { dtype: torch.int32 }).numpy().dtype).toBe(np.int32);
  });

  it("raises PyTorch's error on a tensor that requires grad; detach() works", () => {
    const w = torch.ones(2, { requires_grad: true });
    expect(() => w.numpy()).toThrow(RuntimeError);
    expect(() => w.numpy()).toThrow(
      "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
    );
    expect(w.detach().numpy().toString()).toBe("array([1., 1.], dtype=float32)");
  });
});

describe("torch.from_numpy", () => {
  it("shares memory with the array", () => {
    const a = np.zeros(3);
    const t = from_numpy(a);
    t.add_(1);
    expect(a.toString()).toBe("array([1., 1., 1.])");
    a.set(0, 5);
    expect(t.tolist()).toEqual([5, 1, 1]);
  });

  it("keeps float64 and int64, and views keep their strides", () => {
    expect(from_numpy(np.zeros(2)).dtype).toBe(torch.float64);
    expect(from_numpy(np.arange(3)).dtype).toBe(torch.int64);
    expect(from_numpy(np.array([true])).dtype).toBe(torch.bool);
    const m = np.arange(6).reshape(2, 3);
    expect(from_numpy(m.T).tolist()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
  });

  it("rejects non-arrays with PyTorch's TypeError", () => {
    expect(() => from_numpy([1, 2] as unknown as NDArray)).toThrow(PyTypeError);
    expect(() => from_numpy([1, 2] as unknown as NDArray)).toThrow("expected np.ndarray (got list)");
  });

  it("round-trips: from_numpy(t.numpy()) is the same memory", () => {
    const t = torch.zeros(2, 2);
    const u = from_numpy(t.numpy());
    u.fill_(7);
    expect(t.tolist()).toEqual([
      [7, 7],
      [7, 7],
    ]);
  });
});

describe("seed 002: linear regression data from np.random", () => {
  it("np.random.seed(0); x_train = np.random.rand(100, 1) prints as numpy", () => {
    np.random.seed(0);
    const x = nd(np.random.rand(100, 1));
    const want = goldens.np["seed0_rand_100x1"]!;
    expect(want.startsWith("array([[0.5488135 ],\n       [0.71518937],\n       [0.60276338],")).toBe(true);
    expect(x.toString()).toBe(want);
    expect(String(x.get(0))).toBe("array([0.5488135])");
    const y = nd(np.add(np.add(2, np.multiply(3, x)), np.multiply(0.1, np.random.randn(100, 1))));
    expect(y.reshape(-1).get(0)).toBeCloseTo(3.5299255, 6);
    expect(nd(y.reshape(100, 1)).str().split("\n").slice(0, 5).join("\n") + "]").toBe(
      goldens.np["seed0_linreg_y_str_head"],
    );
  });

  it("torch.from_numpy(x).float() gives PyTorch's tensor; model output .detach().numpy() is float32", () => {
    np.random.seed(0);
    const x = nd(np.random.rand(100, 1));
    const X = from_numpy(x).float();
    expect(X.dtype).toBe(torch.float32);
    expect(X.narrow(0, 0, 4).toString()).toBe(goldens.np["seed0_from_numpy_float"]);
    const w = torch.tensor([2.5], { requires_grad: true });
    const pred = X.mul(w).detach().numpy();
    expect(pred.dtype).toBe("float32");
    expect(pred.shape).toEqual([100, 1]);
    expect(String(pred).endsWith("dtype=float32)")).toBe(true);
  });
});

describe("torch.tensor / torch.as_tensor of an np.ndarray", () => {
  it("copies with numpy's dtype, or the dtype asked for", () => {
    expect(String(torch.tensor(np.linspace(0, 1, 3)))).toBe(goldens.np["tensor_of_linspace"]);
    expect(String(torch.tensor(np.arange(3)))).toBe(goldens.np["tensor_of_arange"]);
    expect(String(torch.tensor(nd(np.arange(6).reshape(2, 3)).T, { dtype: torch.float32 }))).toBe(
      goldens.np["tensor_of_transpose_f32"],
    );
    expect(String(torch.tensor(np.array([true, false])))).toBe(goldens.np["tensor_of_bool"]);
    expect(String(torch.tensor(np.linspace(0, 1, 3), { requires_grad: true }))).toBe(
      goldens.np["tensor_of_linspace_grad"],
    );
    const a = np.zeros(2);
    torch.tensor(a).fill_(5);
    expect(nd(a).tolist()).toEqual([0, 0]);
  });

  it("as_tensor shares the array's memory when the dtype matches", () => {
    const a = np.zeros(2);
    torch.as_tensor(a).__setitem__(0, 5);
    expect(nd(a).tolist()).toEqual([5, 0]);
    torch.as_tensor(a, { dtype: torch.float32 }).fill_(7);
    expect(nd(a).tolist()).toEqual([5, 0]);
  });
});
