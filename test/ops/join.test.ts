// Expected values come from torch 1.13 (/usr/bin/python3); each block names the call that produced them.
import { describe, expect, it } from "vitest";
import { L, nextFns, rnd, torch } from "./helpers.js";
import { gradcheck, gradgradcheck } from "../../engine/autograd/gradcheck.js";

const f32 = { dtype: torch.float32 };

describe("cat", () => {
  it("joins along dim 1 and splits the gradient back to each input", () => {
    // a = arange(6.).reshape(2,3); b = arange(6., 10.).reshape(2,2); y = cat([a, b], 1); (y * arange(10.).reshape(2,5)).sum().backward()
    const a = torch.arange(6, f32).reshape(2, 3).requires_grad_();
    const b = torch.arange(6, 10, f32).reshape(2, 2).requires_grad_();
    const y = torch.cat([a, b], 1);
    expect(L(y)).toEqual([
      [0, 1, 2, 6, 7],
      [3, 4, 5, 8, 9],
    ]);
    expect(y.grad_fn!.name()).toBe("CatBackward0");
    expect(nextFns(y)).toEqual([
      ["AccumulateGrad", 0],
      ["AccumulateGrad", 0],
    ]);
    y.mul(torch.arange(10, f32).reshape(2, 5)).sum().backward();
    expect(L(a.grad!)).toEqual([
      [0, 1, 2],
      [5, 6, 7],
    ]);
    expect(L(b.grad!)).toEqual([
      [3, 4],
      [8, 9],
    ]);
  });

  it("promotes dtypes like PyTorch and skips legacy empty 1-D inputs", () => {
    // torch.cat([ones(2, int32), ones(2, uint8), ones(1, int8)]).dtype -> torch.int32; bool + float64 -> float64
    expect(
      torch.cat([
        torch.ones(2, { dtype: torch.int32 }),
        torch.ones(2, { dtype: torch.uint8 }),
        torch.ones(1, { dtype: torch.int8 }),
      ]).dtype,
    ).toBe(torch.int32);
    expect(torch.cat([torch.ones(2, { dtype: torch.bool }), torch.ones(2, { dtype: torch.float64 })]).dtype).toBe(
      torch.float64,
    );
    expect(L(torch.cat([torch.tensor([true]), torch.tensor([2])]))).toEqual([1, 2]);
    // torch.cat([ones(2,3, dtype=int32), ones(0)]) -> float32 [2, 3]
    const r = torch.cat([torch.ones(2, 3, { dtype: torch.int32 }), torch.ones(0)]);
    expect([r.dtype, [...r.shape]]).toEqual([torch.float32, [2, 3]]);
    // concat and concatenate are cat under other names (each bound to its own keyword entry, as in PyTorch).
    const parts = () => [torch.ones(2, 3, { dtype: torch.int32 }), torch.ones(0)];
    for (const alias of [torch.concat, torch.concatenate]) {
      const a = alias(parts());
      expect([a.dtype, [...a.shape], L(a)]).toEqual([r.dtype, [...r.shape], L(r)]);
    }
  });

  it("records None for inputs that need no gradient", () => {
    const x = torch.ones(2, 3, { requires_grad: true });
    expect(nextFns(torch.cat([x, torch.ones(1, 3, { dtype: torch.int64 })]))).toEqual([
      ["AccumulateGrad", 0],
      [null, 0],
    ]);
  });

  it("raises PyTorch's errors", () => {
    expect(() => torch.cat([torch.ones(2, 3), torch.ones(2, 2)])).toThrow(
      "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list.",
    );
    expect(() => torch.cat([torch.ones(3, 2), torch.ones(2, 3)], 1)).toThrow(
      "Sizes of tensors must match except in dimension 1. Expected size 3 but got size 2 for tensor number 1 in the list.",
    );
    expect(() => torch.cat([torch.ones(2, 3), torch.ones(3)])).toThrow(
      "Tensors must have same number of dimensions: got 2 and 1",
    );
    expect(() => torch.cat([])).toThrow("torch.cat(): expected a non-empty list of Tensors");
    expect(() => torch.cat([torch.tensor(1), torch.tensor(2)])).toThrow(
      "zero-dimensional tensor (at position 0) cannot be concatenated",
    );
    expect(() => torch.cat([torch.ones(2, 3), torch.ones(2, 3)], 2)).toThrow(
      "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
  });

  it("has correct first and second derivatives", () => {
    gradcheck((a, b) => torch.cat([a, b], 1), [rnd([2, 3]), rnd([2, 2], 2)]);
    gradgradcheck((a, b) => torch.cat([a, b], 0), [rnd([2, 3]), rnd([1, 3], 2)]);
  });
});

describe("stack", () => {
  it("adds a new dim and unbinds the gradient", () => {
    // torch.stack([tensor([1., 2.]), tensor([3., 4.])], 1) -> [[1, 3], [2, 4]]
    expect(L(torch.stack([torch.tensor([1.5, 2]), torch.tensor([3, 4.5])], 1))).toEqual([
      [1.5, 3],
      [2, 4.5],
    ]);
    expect([...torch.stack([torch.ones(3), torch.ones(3)], -1).shape]).toEqual([3, 2]);
    const x = torch.tensor([1, 2, 3], { dtype: torch.float32, requires_grad: true });
    const y = torch.tensor([4, 5, 6], { dtype: torch.float32, requires_grad: true });
    const s = torch.stack([x, y]);
    expect(s.grad_fn!.name()).toBe("StackBackward0");
    s.mul(
      torch.tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        f32,
      ),
    )
      .sum()
      .backward();
    expect([L(x.grad!), L(y.grad!)]).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("raises PyTorch's errors", () => {
    expect(() => torch.stack([torch.ones(3), torch.ones(2)])).toThrow(
      "stack expects each tensor to be equal size, but got [3] at entry 0 and [2] at entry 1",
    );
    expect(() => torch.stack([])).toThrow("stack expects a non-empty TensorList");
    expect(() => torch.stack([torch.ones(3), torch.ones(3)], 2)).toThrow(
      "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    );
  });

  it("has correct first and second derivatives", () => {
    gradcheck((a, b) => torch.stack([a, b], 1), [rnd([2, 3]), rnd([2, 3], 2)]);
    gradgradcheck((a, b) => torch.stack([a, b]), [rnd([3]), rnd([3], 2)]);
  });
});

describe("split, chunk, unbind", () => {
  it("split returns views from one SplitBackward0 node; input_nr is the piece index", () => {
    // a = arange(10.).reshape(2,5); p = a.split(2, 1); (p[1] * 2).sum().backward()
    const a = torch.arange(10, f32).reshape(2, 5).requires_grad_();
    const p = a.split(2, 1);
    expect(p.map(L)).toEqual([
      [
        [0, 1],
        [5, 6],
      ],
      [
        [2, 3],
        [7, 8],
      ],
      [[4], [9]],
    ]);
    expect(p.map((t) => t.grad_fn!.name())).toEqual(["SplitBackward0", "SplitBackward0", "SplitBackward0"]);
    expect(p[2].grad_fn).toBe(p[0].grad_fn);
    expect(nextFns(p[2].mul(1))).toEqual([
      ["SplitBackward0", 2],
      [null, 0],
    ]);
    p[1].mul(2).sum().backward();
    expect(L(a.grad!)).toEqual([
      [0, 0, 2, 2, 0],
      [0, 0, 2, 2, 0],
    ]);
  });

  it("pieces share storage with the input", () => {
    const a = torch.tensor(
      [
        [0, 1, 2],
        [3, 4, 5],
      ],
      f32,
    );
    const [, second] = a.split(1);
    expect(second._base).toBe(a);
    a.add_(10);
    expect(L(second)).toEqual([[13, 14, 15]]);
  });

  it("split with sizes is SplitWithSizesBackward0", () => {
    const a = torch.arange(10, f32).reshape(2, 5).requires_grad_();
    const q = a.split([1, 4], 1);
    expect(q.map((t) => [...t.shape])).toEqual([
      [2, 1],
      [2, 4],
    ]);
    expect(q[0].grad_fn!.name()).toBe("SplitWithSizesBackward0");
    q[1].sum().backward();
    expect(L(a.grad!)).toEqual([
      [0, 1, 1, 1, 1],
      [0, 1, 1, 1, 1],
    ]);
  });

  it("chunk gives ceil-sized pieces, possibly fewer than asked", () => {
    // torch.arange(5).chunk(3) -> [0,1] [2,3] [4]; torch.arange(6).chunk(4) -> three pieces
    expect(torch.arange(5).chunk(3).map(L)).toEqual([[0, 1], [2, 3], [4]]);
    expect(torch.arange(6).chunk(4).map(L)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(torch.chunk(torch.arange(0), 2).length).toBe(2);
    expect(() => torch.arange(5).chunk(0)).toThrow("chunk expects `chunks` to be greater than 0, got: 0");
  });

  it("split raises PyTorch's errors", () => {
    const x = torch.ones(2, 3);
    expect(() => x.split([1, 1], 1)).toThrow(
      "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 1), but got split_sizes=[1, 1]",
    );
    expect(() => x.split(0, 1)).toThrow("split_size can only be 0 if dimension size is 0, but got dimension size of 3");
    expect(() => x.split(-1, 1)).toThrow("split expects split_size be non-negative, but got split_size=-1");
  });

  it("unbind gives UnbindBackward0 views and stacks gradients back", () => {
    // u = a.unbind(1); (u[3] * u[0]).sum().backward()
    const a = torch.arange(10, f32).reshape(2, 5).requires_grad_();
    const u = a.unbind(1);
    expect(u.map(L)).toEqual([
      [0, 5],
      [1, 6],
      [2, 7],
      [3, 8],
      [4, 9],
    ]);
    expect(u[3].grad_fn!.name()).toBe("UnbindBackward0");
    u[3].mul(u[0]).sum().backward();
    expect(L(a.grad!)).toEqual([
      [3, 0, 0, 0, 0],
      [8, 0, 0, 5, 0],
    ]);
    expect(() => torch.tensor(1).unbind()).toThrow("Dimension specified as 0 but tensor has no dimensions");
  });

  it("have correct first and second derivatives", () => {
    gradcheck((a) => torch.cat(a.split(2, 1).reverse(), 1), [rnd([2, 5])]);
    gradgradcheck((a) => a.chunk(2, 0)[1], [rnd([3, 2])]);
    gradgradcheck((a) => a.unbind(1)[1], [rnd([2, 3])]);
  });
});

describe("hstack, vstack, dstack", () => {
  it("match PyTorch's values and graph", () => {
    // torch.hstack([tensor([1, 2]), tensor([3])]); hstack of (2,1) and (2,2); vstack; dstack
    expect(L(torch.hstack([torch.tensor([1, 2]), torch.tensor([3])]))).toEqual([1, 2, 3]);
    expect(L(torch.hstack([torch.ones(2, 1), torch.zeros(2, 2)]))).toEqual([
      [1, 0, 0],
      [1, 0, 0],
    ]);
    expect(
      L(
        torch.vstack([
          torch.tensor([1, 2]),
          torch.tensor([
            [3, 4],
            [5, 6],
          ]),
        ]),
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(L(torch.dstack([torch.tensor([1, 2]), torch.tensor([3, 4])]))).toEqual([
      [
        [1, 3],
        [2, 4],
      ],
    ]);
    const v = torch.ones(2, { requires_grad: true });
    const vs = torch.vstack([v, v]);
    expect(vs.grad_fn!.name()).toBe("CatBackward0");
    expect(nextFns(vs)).toEqual([
      ["UnsqueezeBackward0", 0],
      ["UnsqueezeBackward0", 0],
    ]);
  });
});
