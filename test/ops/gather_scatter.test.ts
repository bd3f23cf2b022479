// Expected values come from torch 1.13 (/usr/bin/python3); each block names the call that produced them.
import { expect, it } from "vitest";
import { L, nextFns, rnd, torch, type Tensor } from "./helpers.js";
import { gradcheck, gradgradcheck } from "../../engine/autograd/gradcheck.js";
import { describeBackends } from "../support/backends.js";

const f32 = { dtype: torch.float32 };
const x23 = () => torch.arange(6, f32).reshape(2, 3).requires_grad_();
const w23 = () => torch.arange(1, 7, f32).reshape(2, 3);
const w22 = () =>
  torch.tensor(
    [
      [1, 2],
      [3, 4],
    ],
    f32,
  );
const idx = (v: number[] | number[][]) => torch.tensor(v);
const grads = (...ts: Tensor[]) => ts.map((t) => L(t.grad!));

describeBackends("gather and scatter", () => {
  it("gather picks along dim; its gradient scatter-adds back (GatherBackward0)", () => {
    // x = arange(6.).reshape(2,3); y = x.gather(1, [[0, 0], [1, 2]]); (y * [[1, 2], [3, 4]]).sum().backward()
    const x = x23(),
      y = x.gather(
        1,
        idx([
          [0, 0],
          [1, 2],
        ]),
      );
    expect(y.grad_fn!.name()).toBe("GatherBackward0");
    expect(nextFns(y)).toEqual([["AccumulateGrad", 0]]);
    y.mul(w22()).sum().backward();
    expect([L(y), L(x.grad!)]).toEqual([
      [
        [0, 0],
        [4, 5],
      ],
      [
        [3, 0, 0],
        [0, 3, 4],
      ],
    ]);
    expect(L(torch.gather(torch.arange(6, f32).reshape(2, 3), 0, idx([[1, 0, 1]])))).toEqual([[3, 1, 5]]);
  });

  it("gather raises PyTorch's errors", () => {
    const x = torch.ones(2, 3);
    expect(() => x.gather(1, idx([[0, 5]]))).toThrow("index 5 is out of bounds for dimension 1 with size 3");
    expect(() => x.gather(1, idx([[-1]]))).toThrow("index -1 is out of bounds for dimension 1 with size 3");
    expect(() => x.gather(1, idx([0, 1]))).toThrow(
      "Index tensor must have the same number of dimensions as input tensor",
    );
    expect(() => x.gather(1, torch.tensor([[0]], { dtype: torch.int32 }))).toThrow(
      "gather(): Expected dtype int64 for index",
    );
    expect(() => x.gather(1, idx([[0], [0], [0]]))).toThrow(
      "Size does not match at dimension 0 expected index [3, 1] to be smaller than self [2, 3] apart from dimension 1",
    );
  });

  it("scatter with a src tensor (ScatterBackward0) and with a value (ScatterBackward1)", () => {
    // z = zeros(2,3); s = arange(1., 5.).reshape(2,2); y = z.scatter(1, [[2, 2], [0, 1]], s); (y * arange(1., 7.).reshape(2,3)).sum().backward()
    const z = torch.zeros(2, 3, { requires_grad: true }),
      s = torch.arange(1, 5, f32).reshape(2, 2).requires_grad_();
    const y = z.scatter(
      1,
      idx([
        [2, 2],
        [0, 1],
      ]),
      s,
    );
    expect([y.grad_fn!.name(), nextFns(y).length]).toEqual(["ScatterBackward0", 2]);
    y.mul(w23()).sum().backward();
    expect([L(y), ...grads(z, s)]).toEqual([
      [
        [0, 0, 2],
        [3, 4, 0],
      ],
      [
        [1, 2, 0],
        [0, 0, 6],
      ],
      [
        [3, 3],
        [4, 5],
      ],
    ]);
    // z.scatter(1, [[2], [0]], 7.)
    const z2 = torch.zeros(2, 3, { requires_grad: true }),
      y2 = z2.scatter(1, idx([[2], [0]]), 7);
    expect(y2.grad_fn!.name()).toBe("ScatterBackward1");
    y2.mul(w23()).sum().backward();
    expect([L(y2), L(z2.grad!)]).toEqual([
      [
        [0, 0, 7],
        [7, 0, 0],
      ],
      [
        [1, 2, 0],
        [0, 5, 6],
      ],
    ]);
    // zeros(2,3, int64).scatter(1, [[1]], 2.5) -> the value is cast: 2
    expect(L(torch.zeros(2, 3, { dtype: torch.int64 }).scatter(1, idx([[1]]), 2.5))).toEqual([
      [0, 2, 0],
      [0, 0, 0],
    ]);
  });

  it("scatter_add accumulates duplicates (ScatterAddBackward0)", () => {
    // y = z.scatter_add(1, [[2, 2], [0, 0]], s)
    const z = torch.zeros(2, 3, { requires_grad: true }),
      s = torch.arange(1, 5, f32).reshape(2, 2).requires_grad_();
    const y = z.scatter_add(
      1,
      idx([
        [2, 2],
        [0, 0],
      ]),
      s,
    );
    expect(y.grad_fn!.name()).toBe("ScatterAddBackward0");
    y.mul(w23()).sum().backward();
    expect([L(y), ...grads(z, s)]).toEqual([
      [
        [0, 0, 3],
        [7, 0, 0],
      ],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [3, 3],
        [4, 4],
      ],
    ]);
  });

  it("scatter_ works in place and raises PyTorch's errors", () => {
    const a = torch.zeros(2, 3);
    expect(a.scatter_(1, idx([[0], [2]]), 1)).toBe(a);
    expect(L(a)).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(L(torch.zeros(3).scatter_(0, idx([1, 1]), torch.tensor([2, 3], f32), { reduce: "add" }))).toEqual([0, 5, 0]);
    expect(() => a.scatter(1, idx([[3]]), torch.ones(2, 3))).toThrow(
      "index 3 is out of bounds for dimension 1 with size 3",
    );
    expect(() => a.scatter(1, idx([[0, 1]]), torch.ones(1, 1))).toThrow(
      "Expected index [1, 2] to be smaller than self [2, 3] apart from dimension 1 and to be smaller size than src [1, 1]",
    );
    expect(() => a.scatter(1, idx([[1]]), torch.ones(1, 1, { dtype: torch.float64 }))).toThrow(
      "scatter(): Expected self.dtype to be equal to src.dtype",
    );
    expect(() => a.scatter(1, idx([0, 1]), 1)).toThrow(
      "Index tensor must have the same number of dimensions as self tensor",
    );
  });

  it("a src larger than index gets PyTorch's invalid-gradient error in backward", () => {
    const z = torch.zeros(2, 3, { requires_grad: true }),
      s = torch.ones(2, 3, { requires_grad: true });
    expect(() =>
      z
        .scatter(1, idx([[2], [0]]), s)
        .sum()
        .backward(),
    ).toThrow(
      "Function ScatterBackward0 returned an invalid gradient at index 1 - got [2, 1] but expected shape compatible with [2, 3]",
    );
  });

  it("have correct first and second derivatives", () => {
    const i = idx([
      [0, 2],
      [1, 1],
      [2, 0],
    ]);
    gradcheck((a) => a.gather(1, i), [rnd([3, 3])]);
    gradgradcheck((a) => a.gather(0, idx([[2, 0, 1]])), [rnd([3, 3])]);
    gradcheck(
      (a, b) =>
        a.scatter(
          1,
          idx([
            [0, 2],
            [1, 0],
            [2, 1],
          ]),
          b,
        ),
      [rnd([3, 3]), rnd([3, 2], 2)],
    );
    gradgradcheck((a, b) => a.scatter_add(1, i, b), [rnd([3, 3]), rnd([3, 2], 2)]);
  });
});

describeBackends("index_select, index_fill, index_add, index_copy", () => {
  it("index_select repeats and reorders slices (IndexSelectBackward0)", () => {
    // y = x.index_select(1, [2, 0, 2]); (y * arange(1., 7.).reshape(2,3)).sum().backward()
    const x = x23(),
      y = x.index_select(1, idx([2, 0, 2]));
    expect(nextFns(y)).toEqual([["AccumulateGrad", 0]]);
    y.mul(w23()).sum().backward();
    expect([L(y), L(x.grad!), y.grad_fn!.name()]).toEqual([
      [
        [2, 0, 2],
        [5, 3, 5],
      ],
      [
        [2, 0, 4],
        [5, 0, 10],
      ],
      "IndexSelectBackward0",
    ]);
    expect([...torch.ones(2, 3).index_select(0, torch.tensor([], { dtype: torch.int64 })).shape]).toEqual([0, 3]);
    // 1.13 raises a different error for dim 1: x.index_select(1, tensor([3])) vs arange(12).reshape(3, 4).index_select(0, tensor([3]))
    expect(() => torch.ones(2, 3).index_select(1, idx([3]))).toThrow(
      "INDICES element is out of DATA bounds, id=3 axis_dim=3",
    );
    expect(() =>
      torch
        .arange(12)
        .reshape(3, 4)
        .index_select(0, idx([3])),
    ).toThrow("index out of range in self");
    expect(() => torch.ones(2, 3, 4).index_select(2, idx([-1]))).toThrow("index out of range in self");
    expect(() => torch.ones(2, 3).index_select(1, idx([[0]]))).toThrow(
      "index_select(): Index is supposed to be a vector",
    );
    expect(() => torch.ones(2, 3).index_select(1, torch.tensor([1.5]))).toThrow(
      "index_select(): Expected dtype int32 or int64 for index",
    );
  });

  it("index_fill with a number (IndexFillBackward0) and with a 0-dim tensor (IndexFillBackward1)", () => {
    // x.index_fill(1, [0, -1], -1.); x.index_fill(1, [0, 2], v) with v = tensor(5.)
    const x = x23(),
      y = x.index_fill(1, idx([0, -1]), -1);
    y.mul(w23()).sum().backward();
    expect([L(y), L(x.grad!), y.grad_fn!.name()]).toEqual([
      [
        [-1, 1, -1],
        [-1, 4, -1],
      ],
      [
        [0, 2, 0],
        [0, 5, 0],
      ],
      "IndexFillBackward0",
    ]);
    const x2 = x23(),
      v = torch.tensor(5, { dtype: torch.float32, requires_grad: true });
    const y2 = x2.index_fill(1, idx([0, 2]), v);
    expect([y2.grad_fn!.name(), nextFns(y2)]).toEqual([
      "IndexFillBackward1",
      [
        ["AccumulateGrad", 0],
        ["AccumulateGrad", 0],
      ],
    ]);
    y2.mul(w23()).sum().backward();
    expect([L(y2), ...grads(x2, v)]).toEqual([
      [
        [5, 1, 5],
        [5, 4, 5],
      ],
      [
        [0, 2, 0],
        [0, 5, 0],
      ],
      14,
    ]);
    expect(() => torch.ones(2, 3).index_fill(1, idx([5]), 9)).toThrow(
      "index 5 is out of bounds for dimension 1 with size 3",
    );
    expect(() => torch.ones(2, 3).index_fill(1, idx([0]), torch.tensor([1]))).toThrow(
      "index_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).",
    );
  });

  it("index_add accumulates alpha * source (IndexAddBackward0)", () => {
    // x.index_add(1, [0, 0], ones(2,2), alpha=2)
    const x = x23(),
      src = torch.ones(2, 2, { requires_grad: true });
    const y = x.index_add(1, idx([0, 0]), src, { alpha: 2 });
    y.mul(w23()).sum().backward();
    expect([L(y), ...grads(x, src), y.grad_fn!.name()]).toEqual([
      [
        [4, 1, 2],
        [7, 4, 5],
      ],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [2, 2],
        [8, 8],
      ],
      "IndexAddBackward0",
    ]);
    expect(() => torch.ones(2, 3).index_add(1, idx([0]), torch.ones(2, 2))).toThrow(
      "index_add_(): Number of indices (1) should be equal to source.size(dim): (2), for dim: 1",
    );
    expect(() => torch.ones(2, 3).index_add(1, idx([0]), torch.ones(2, 1, { dtype: torch.float64 }))).toThrow(
      "index_add_(): self (Float) and source (Double) must have the same scalar type",
    );
  });

  it("index_copy overwrites slices (IndexCopyBackward0)", () => {
    // x.index_copy(1, [2, 0], ones(2,2))
    const x = x23(),
      src = torch.ones(2, 2, { requires_grad: true });
    const y = x.index_copy(1, idx([2, 0]), src);
    y.mul(w23()).sum().backward();
    expect([L(y), ...grads(x, src), y.grad_fn!.name()]).toEqual([
      [
        [1, 1, 1],
        [1, 4, 1],
      ],
      [
        [0, 2, 0],
        [0, 5, 0],
      ],
      [
        [3, 1],
        [6, 4],
      ],
      "IndexCopyBackward0",
    ]);
    expect(() => torch.ones(2, 3).index_copy(1, idx([-1]), torch.ones(2, 1))).toThrow(
      "index_copy_(): index -1 is out of bounds for dimension 1 with size 3",
    );
  });

  it("in-place forms write into self", () => {
    const a = torch.zeros(2, 3);
    a.index_fill_(1, idx([1]), 2)
      .index_add_(0, idx([1]), torch.ones(1, 3))
      .index_copy_(1, idx([0]), torch.full([2, 1], 9, f32));
    expect(L(a)).toEqual([
      [9, 2, 0],
      [9, 3, 1],
    ]);
    expect(() => torch.ones(2, { requires_grad: true }).index_fill_(0, idx([0]), 1)).toThrow(
      "a leaf Variable that requires grad is being used in an in-place operation.",
    );
  });

  it("have correct first and second derivatives", () => {
    const i = idx([2, 0, 2]);
    gradcheck((a) => a.index_select(1, i), [rnd([2, 3])]);
    gradgradcheck((a) => a.index_select(0, i), [rnd([3, 2])]);
    gradcheck((a, b) => a.index_add(1, i, b, { alpha: 3 }), [rnd([2, 3]), rnd([2, 3], 2)]);
    gradgradcheck((a, b) => a.index_copy(0, idx([1, 0]), b), [rnd([3, 2]), rnd([2, 2], 2)]);
    gradgradcheck((a, v) => a.index_fill(0, idx([1]), v), [rnd([3, 2]), rnd([], 2)]);
  });
});

describeBackends("masked_select, masked_scatter, take, nonzero", () => {
  it("masked_select broadcasts the mask (MaskedSelectBackward0)", () => {
    // y = x.masked_select(tensor([True, False, True])); (y * arange(1., 5.)).sum().backward()
    const x = x23(),
      y = x.masked_select(torch.tensor([true, false, true]));
    y.mul(torch.arange(1, 5, f32))
      .sum()
      .backward();
    expect([L(y), L(x.grad!), y.grad_fn!.name()]).toEqual([
      [0, 2, 3, 5],
      [
        [1, 0, 2],
        [3, 0, 4],
      ],
      "MaskedSelectBackward0",
    ]);
    expect(() => torch.ones(3).masked_select(torch.ones(3))).toThrow(
      "masked_select: expected BoolTensor or ByteTensor for mask",
    );
  });

  it("masked_scatter fills the masked places with source's leading elements", () => {
    // y = x.masked_scatter(x > 2, arange(10., 16.)); (y * arange(1., 7.).reshape(2,3)).sum().backward()
    const x = x23(),
      src = torch.arange(10, 16, f32).requires_grad_();
    const y = x.masked_scatter(x.gt(2), src);
    y.mul(w23()).sum().backward();
    expect([L(y), ...grads(x, src), y.grad_fn!.name()]).toEqual([
      [
        [0, 1, 2],
        [10, 11, 12],
      ],
      [
        [1, 2, 3],
        [0, 0, 0],
      ],
      [4, 5, 6, 0, 0, 0],
      "MaskedScatterBackward0",
    ]);
    expect(() => torch.ones(3).masked_scatter(torch.tensor([true, true, true]), torch.ones(2))).toThrow(
      "Number of elements of source < number of ones in mask",
    );
    expect(() =>
      torch.ones(3).masked_scatter(torch.tensor([true, true, true]), torch.ones(3, { dtype: torch.float64 })),
    ).toThrow("masked_scatter: expected self and source to have same dtypes but gotFloat and Double");
  });

  it("take reads the flattened tensor, negative indices from the end (TakeBackward0)", () => {
    // y = x.take([[0, 5], [-1, 2]]); (y * [[1, 2], [3, 4]]).sum().backward()
    const x = x23(),
      y = x.take(
        idx([
          [0, 5],
          [-1, 2],
        ]),
      );
    y.mul(w22()).sum().backward();
    expect([L(y), L(x.grad!), y.grad_fn!.name()]).toEqual([
      [
        [0, 5],
        [5, 2],
      ],
      [
        [1, 0, 4],
        [0, 0, 5],
      ],
      "TakeBackward0",
    ]);
    expect(() => torch.ones(2, 3).take(idx([6]))).toThrow(
      "out of range: tried to access index 6 on a tensor of 6 elements.",
    );
  });

  it("nonzero and argwhere give int64 coordinates", () => {
    // tensor([[1, 0], [0, 3]]).nonzero(), nonzero(as_tuple=True); tensor(5).nonzero().shape -> [1, 0]
    const a = torch.tensor([
      [1, 0],
      [0, 3],
    ]);
    const nz = torch.nonzero(a) as Tensor;
    expect([L(nz), nz.dtype]).toEqual([
      [
        [0, 0],
        [1, 1],
      ],
      torch.int64,
    ]);
    expect((a.nonzero({ as_tuple: true }) as Tensor[]).map(L)).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect([...(torch.tensor(5).nonzero() as Tensor).shape]).toEqual([1, 0]);
    expect([...(torch.tensor(0).nonzero() as Tensor).shape]).toEqual([0, 0]);
    expect(L(torch.argwhere(torch.tensor([0, 1, 1])))).toEqual([[1], [2]]);
  });

  it("have correct first and second derivatives", () => {
    const m = torch.tensor([
      [true, false, true],
      [false, true, true],
    ]);
    gradcheck((a) => a.masked_select(m), [rnd([2, 3])]);
    gradgradcheck((a) => a.masked_select(torch.tensor([true, false, true])), [rnd([2, 3])]);
    gradgradcheck((a, s) => a.masked_scatter(m, s), [rnd([2, 3]), rnd([5], 2)]);
    gradgradcheck(
      (a) =>
        a.take(
          idx([
            [1, -1],
            [1, 0],
          ]),
        ),
      [rnd([2, 3])],
    );
  });
});
