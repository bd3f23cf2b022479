// Expected values come from torch 1.13 (/usr/bin/python3); each block names the call that produced them.
import { describe, expect, it } from "vitest";
import { L, chain, nextFns, rnd, torch, type Tensor } from "./helpers.js";
import { gradcheck, gradgradcheck } from "../../engine/autograd/gradcheck.js";
import type { IndexSpec } from "../../engine/ops/indexing.js";

const f32 = { dtype: torch.float32 };
const x3 = () => torch.arange(24, f32).reshape(2, 3, 4);
const g3 = () => x3().requires_grad_();

describe("basic indexing returns views with PyTorch's graph", () => {
  // x = arange(24.).reshape(2,3,4).requires_grad_(); the grad_fn chain down next_functions[0] and the shape
  const cases: [IndexSpec, string[], number[]][] = [
    [0, ["SelectBackward0"], [3, 4]],
    ["0, :", ["SliceBackward0", "SelectBackward0"], [3, 4]],
    [":, :", ["SliceBackward0", "SliceBackward0"], [2, 3, 4]],
    [":", ["SliceBackward0"], [2, 3, 4]],
    ["1:, None, 0", ["SelectBackward0", "UnsqueezeBackward0", "SliceBackward0"], [1, 1, 4]],
    ["..., None", ["UnsqueezeBackward0"], [2, 3, 4, 1]],
    ["None, ..., 0", ["SelectBackward0", "UnsqueezeBackward0"], [1, 2, 3]],
    [":, :, 1", ["SelectBackward0", "SliceBackward0", "SliceBackward0"], [2, 3]],
    [":, 1, :", ["SliceBackward0", "SelectBackward0", "SliceBackward0"], [2, 4]],
    ["..., 1:3", ["SliceBackward0"], [2, 3, 2]],
    ["0, ..., 1", ["SelectBackward0", "SelectBackward0"], [3]],
    ["::2", ["SliceBackward0"], [1, 3, 4]],
    ["-1", ["SelectBackward0"], [3, 4]],
    [null, ["UnsqueezeBackward0"], [1, 2, 3, 4]],
    [
      [null, null],
      ["UnsqueezeBackward0", "UnsqueezeBackward0"],
      [1, 1, 2, 3, 4],
    ],
    ["0, None", ["UnsqueezeBackward0", "SelectBackward0"], [1, 3, 4]],
    ["5:10", ["SliceBackward0"], [0, 3, 4]],
    ["-10:1", ["SliceBackward0"], [1, 3, 4]],
    ["0, 0, 0", ["SelectBackward0", "SelectBackward0", "SelectBackward0"], []],
    ["..., 0, None", ["UnsqueezeBackward0", "SelectBackward0"], [2, 3, 1]],
    [
      [0, "1:"],
      ["SliceBackward0", "SelectBackward0"],
      [2, 4],
    ],
    ["...", ["AliasBackward0"], [2, 3, 4]],
  ];
  for (const [spec, names, shape] of cases) {
    it(`x[${JSON.stringify(spec)}]`, () => {
      const y = g3().index(spec);
      expect([chain(y), [...y.shape]]).toEqual([names, shape]);
    });
  }

  it("views share storage and values match PyTorch", () => {
    // x[1:, None, 0]; x[..., 1:3]; x[0, ..., ::2]; x[-1, -1]
    const x = x3();
    expect(L(x.index("1:, None, 0"))).toEqual([[[12, 13, 14, 15]]]);
    expect(L(x.index("..., 1:3"))).toEqual([
      [
        [1, 2],
        [5, 6],
        [9, 10],
      ],
      [
        [13, 14],
        [17, 18],
        [21, 22],
      ],
    ]);
    expect(L(x.index("0, ..., ::2"))).toEqual([
      [0, 2],
      [4, 6],
      [8, 10],
    ]);
    const v = x.index("-1, -1");
    expect(L(v)).toEqual([20, 21, 22, 23]);
    x.mul_(2);
    expect(L(v)).toEqual([40, 42, 44, 46]);
    expect(x.index(0).index(1).storage_offset()).toBe(4);
  });

  it("the gradient of a view lands in place", () => {
    // x = arange(6.).reshape(2,3); x[:, 1].backward(tensor([1., 2.]))
    const x = torch.arange(6, f32).reshape(2, 3).requires_grad_();
    x.__getitem__(":, 1").backward(torch.tensor([1, 2], f32));
    expect(L(x.grad!)).toEqual([
      [0, 1, 0],
      [0, 2, 0],
    ]);
  });
});

describe("advanced indexing", () => {
  it("lists and index tensors follow numpy's layout rules (IndexBackward0)", () => {
    // the values torch 1.13 gives for each expression on x = arange(24.).reshape(2,3,4)
    const x = x3();
    expect(L(x.index([":", [0, 2], 1]))).toEqual([
      [1, 9],
      [13, 21],
    ]);
    expect(L(x.index([[0, 1], ":", [0, 2]]))).toEqual([
      [0, 4, 8],
      [14, 18, 22],
    ]);
    expect(
      L(
        x.index([
          [1, 0],
          [0, 2],
        ]),
      ),
    ).toEqual([
      [12, 13, 14, 15],
      [8, 9, 10, 11],
    ]);
    expect(L(x.index(":, [[0], [2]], [1, 3]"))).toEqual([
      [
        [1, 3],
        [9, 11],
      ],
      [
        [13, 15],
        [21, 23],
      ],
    ]);
    expect(L(x.index([1, [true, false, true]]))).toEqual([
      [12, 13, 14, 15],
      [20, 21, 22, 23],
    ]);
    expect(L(x.index([torch.tensor([0, 1]), 1, torch.tensor([[0], [2]])]))).toEqual([
      [4, 16],
      [6, 18],
    ]);
    expect([...x.index(":, None, [0, 2]").shape]).toEqual([2, 1, 2, 4]);
    expect([...x.index([":", [0, 1], null, [0, 1]]).shape]).toEqual([2, 2, 1]);
    expect([...x.index([[]]).shape]).toEqual([0, 3, 4]);
    expect([...x.index(true).shape]).toEqual([1, 2, 3, 4]);
    expect([...x.index(torch.tensor(1)).shape]).toEqual([3, 4]);
  });

  it("masks select the true positions", () => {
    // x[x[:, :, 0] > 5]
    const x = x3();
    expect(L(x.index(x.index("..., 0").gt(5)))).toEqual([
      [8, 9, 10, 11],
      [12, 13, 14, 15],
      [16, 17, 18, 19],
      [20, 21, 22, 23],
    ]);
    const y = g3().index(torch.tensor([true, false]));
    expect([chain(y), [...y.shape]]).toEqual([["IndexBackward0"], [1, 3, 4]]);
  });

  it("records IndexBackward0 after the basic part, with one next function", () => {
    // chains from torch: x[:, [0,2]] -> Index, Slice; x[:, [0,2], 1] -> Index, Select, Slice; x[[1,0], :, None] -> Index, Unsqueeze, Slice
    expect(chain(g3().index(":, [0, 2]"))).toEqual(["IndexBackward0", "SliceBackward0"]);
    expect(chain(g3().index(":, [0, 2], 1"))).toEqual(["IndexBackward0", "SelectBackward0", "SliceBackward0"]);
    expect(chain(g3().index("[1, 0], :, None"))).toEqual(["IndexBackward0", "UnsqueezeBackward0", "SliceBackward0"]);
    expect(
      chain(
        g3().index([
          [0, 1],
          [0, 2],
        ]),
      ),
    ).toEqual(["IndexBackward0"]);
    expect(chain(g3().index(true))).toEqual(["IndexBackward0", "UnsqueezeBackward0"]);
    expect(nextFns(g3().index([[0, 1]]))).toEqual([["AccumulateGrad", 0]]);
  });

  it("gradients accumulate over repeated indices", () => {
    // x = arange(6.).reshape(2,3); x[[1, 1, 0], 1:].backward(arange(6.).reshape(3,2)); x[x > 1]: (y*y).sum().backward()
    const x = torch.arange(6, f32).reshape(2, 3).requires_grad_();
    x.index([[1, 1, 0], "1:"]).backward(torch.arange(6, f32).reshape(3, 2));
    expect(L(x.grad!)).toEqual([
      [0, 4, 5],
      [0, 2, 4],
    ]);
    const x2 = torch.arange(6, f32).reshape(2, 3).requires_grad_();
    const y = x2.index(x2.gt(1));
    y.mul(y).sum().backward();
    expect(L(x2.grad!)).toEqual([
      [0, 0, 4],
      [6, 8, 10],
    ]);
  });

  it("has correct first and second derivatives", () => {
    gradcheck((a) => a.index([[0, 2, 2], ":", 1]), [rnd([3, 2, 2])]);
    gradgradcheck((a) => a.index(":, [[1], [0]], [0, 1]"), [rnd([2, 2, 3])]);
    gradgradcheck((a) => a.index(a.detach().gt(0)), [rnd([3, 3])]);
  });
});

describe("indexing errors", () => {
  const v = () => torch.arange(3, f32);
  it("raises PyTorch's messages", () => {
    expect(() => v().index(5)).toThrow("index 5 is out of bounds for dimension 0 with size 3");
    expect(() => v().index(-4)).toThrow("index -4 is out of bounds for dimension 0 with size 3");
    expect(() => v().index("0, 0")).toThrow("too many indices for tensor of dimension 1");
    expect(() => v().index("::-1")).toThrow("step must be greater than zero");
    expect(() => v().index("::0")).toThrow("slice step cannot be zero");
    expect(() => v().index([[5]])).toThrow("index 5 is out of bounds for dimension 0 with size 3");
    expect(() => v().index(torch.tensor([true, false]))).toThrow(
      "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3] at index 0",
    );
    expect(() => v().index(torch.tensor([1.5]))).toThrow("tensors used as indices must be long, byte or bool tensors");
    expect(() => v().index(0.5)).toThrow(
      "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got float)",
    );
    expect(() => x3().index("0, 5")).toThrow("index 5 is out of bounds for dimension 1 with size 3");
    expect(() => x3().index("..., 7")).toThrow("index 7 is out of bounds for dimension 1 with size 4");
    expect(() => x3().index(":, [0, 3]")).toThrow("index 3 is out of bounds for dimension 0 with size 3");
    expect(() =>
      x3().index([
        [0, 1],
        [0, 5],
      ]),
    ).toThrow("index 5 is out of bounds for dimension 1 with size 3");
    expect(() => x3().index("None, 5")).toThrow("index 5 is out of bounds for dimension 1 with size 2");
    expect(() => x3().index("..., None, 7")).toThrow("index 7 is out of bounds for dimension 2 with size 4");
    expect(() => x3().index(0).index(5)).toThrow("index 5 is out of bounds for dimension 0 with size 3");
    expect(() => x3().index("None, 0, 0, 0, 0")).toThrow("too many indices for tensor of dimension 3");
    expect(() =>
      x3().index([
        [0, 1],
        [0, 1, 2],
      ]),
    ).toThrow("shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]");
    const s = torch.tensor(3, f32);
    expect(() => s.index(0)).toThrow(
      "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number",
    );
    expect(() => s.index(":")).toThrow("slice() cannot be applied to a 0-dim tensor.");
    expect(String(s.index(null))).toBe("tensor([3.])");
    try {
      v().index(7);
    } catch (e) {
      expect((e as Error).name).toBe("IndexError");
    }
  });
});

describe("__setitem__", () => {
  it("writes through views and index_put, as the torch sequence does", () => {
    // a = arange(12.).reshape(3,4); a[0] = 5; a[:, 1] = tensor([7., 8., 9.]); a[a > 10] = -1; a[[0, 2], [1, 3]] = 100
    const a = torch.arange(12, f32).reshape(3, 4);
    a.__setitem__(0, 5);
    a.__setitem__(":, 1", torch.tensor([7, 8, 9], f32));
    a.__setitem__(a.gt(10), -1);
    a.__setitem__(
      [
        [0, 2],
        [1, 3],
      ],
      100,
    );
    expect(L(a)).toEqual([
      [5, 100, 5, 5],
      [4, 8, 6, 7],
      [8, 9, 10, 100],
    ]);
    // a[tensor([True, False, True])] = tensor([1., 2., 3., 4.]); a[1:, None, 2] = 0.5; a[[0, 0], [0, 0]] = tensor([1., 2.])
    a.__setitem__(torch.tensor([true, false, true]), torch.tensor([1, 2, 3, 4], f32));
    a.__setitem__("1:, None, 2", 0.5);
    a.__setitem__(
      [
        [0, 0],
        [0, 0],
      ],
      torch.tensor([1, 2], f32),
    );
    expect(L(a)).toEqual([
      [2, 2, 3, 4],
      [4, 8, 0.5, 7],
      [1, 2, 0.5, 4],
    ]);
  });

  it("casts the value to the tensor's dtype and drops leading size-1 dims", () => {
    // b = zeros(2, dtype=int64); b[0] = 2.7 -> [2, 0]; z = zeros(2,3); z[0] = ones(1,3)
    const b = torch.zeros(2, { dtype: torch.int64 });
    b.__setitem__(0, 2.7);
    expect(L(b)).toEqual([2, 0]);
    const z = torch.zeros(2, 3);
    z.__setitem__(0, torch.ones(1, 3));
    expect(L(z)).toEqual([
      [1, 1, 1],
      [0, 0, 0],
    ]);
    expect(() => z.__setitem__(0, torch.ones(2, 3))).toThrow(
      "expand(torch.FloatTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)",
    );
    expect(() => z.__setitem__([[0]], torch.ones(2, 3))).toThrow(
      "shape mismatch: value tensor of shape [2, 3] cannot be broadcast to indexing result of shape [1, 3]",
    );
  });

  it("refuses leaves that require grad, as PyTorch", () => {
    const z = torch.zeros(3, { requires_grad: true });
    expect(() => z.__setitem__(0, 1)).toThrow(
      "a view of a leaf Variable that requires grad is being used in an in-place operation.",
    );
    expect(() => z.__setitem__(":", 1)).toThrow(
      "a view of a leaf Variable that requires grad is being used in an in-place operation.",
    );
    expect(() => z.__setitem__([0], 1)).toThrow(
      "a leaf Variable that requires grad is being used in an in-place operation.",
    );
    expect(() => z.__setitem__(z.gt(0), 1)).toThrow(
      "a leaf Variable that requires grad is being used in an in-place operation.",
    );
    expect(() => z.__setitem__("...", 1)).toThrow(
      "a leaf Variable that requires grad is being used in an in-place operation.",
    );
  });

  it("advanced assignment records IndexPutBackward0 with self and values", () => {
    // w = zeros(3); c = w * 1; c[[0, 1]] = w[1:] * 2 -> IndexPutBackward0 [Mul, Mul]; c.sum().backward() -> w.grad [0, 2, 3]
    const w = torch.zeros(3, { requires_grad: true });
    const c = w.mul(1);
    c.__setitem__([[0, 1]], w.index("1:").mul(2));
    expect([c.grad_fn!.name(), nextFns(c)]).toEqual([
      "IndexPutBackward0",
      [
        ["MulBackward0", 0],
        ["MulBackward0", 0],
      ],
    ]);
    c.sum().backward();
    expect(L(w.grad!)).toEqual([0, 2, 3]);
  });

  it("index_put accumulates on request and checks dtypes", () => {
    // zeros(3).index_put((tensor([0, 0, 2]),), tensor([1., 2., 3.]), accumulate=True) -> [3, 0, 3]
    expect(L(torch.index_put(torch.zeros(3), [torch.tensor([0, 0, 2])], torch.tensor([1, 2, 3], f32), true))).toEqual([
      3, 0, 3,
    ]);
    expect(L(torch.zeros(3).index_put_([torch.tensor([0, 1])], torch.tensor(1, f32)))).toEqual([1, 1, 0]);
    expect(() =>
      torch.zeros(3).index_put([torch.tensor([0, 1])], torch.tensor([1, 2], { dtype: torch.float64 })),
    ).toThrow(
      "Index put requires the source and destination dtypes match, got Float for the destination and Double for the source.",
    );
  });

  it("index_put has correct first and second derivatives", () => {
    const i = [torch.tensor([0, 2, 0])];
    gradcheck((a, v) => torch.index_put(a, i, v, true), [rnd([3, 2]), rnd([3, 2], 2)]);
    gradgradcheck((a, v) => torch.index_put(a, i, v), [rnd([3, 2]), rnd([2], 2)]);
  });
});

describe("Tensor.index accepts every spec form", () => {
  it("numbers, strings, lists and tuples", () => {
    const x = x3();
    const same = (a: Tensor, b: Tensor) => expect([L(a), [...a.shape]]).toEqual([L(b), [...b.shape]]);
    same(x.index("1"), x.index(1));
    same(x.index("1,"), x.index(1));
    same(x.index([1, ":", "2"]), x.index("1, :, 2"));
    same(x.index(["...", null]), x.index("..., None"));
    same(
      x.index("[0, 1], [True, False, True]"),
      x.index([
        [0, 1],
        [true, false, true],
      ]),
    );
    same(x.index(""), x);
    expect(x.index(" : , 1 : 3 : 1 ").shape[1]).toBe(2);
  });
});
