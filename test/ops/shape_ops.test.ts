// Expected values come from torch 1.13 (/usr/bin/python3); each block names the call that produced them.
import { describe, expect, it } from "vitest";
import { L, rnd, torch, type Tensor } from "./helpers.js";
import { gradcheck, gradgradcheck } from "../../engine/autograd/gradcheck.js";

const f32 = { dtype: torch.float32 };
const x23 = () => torch.arange(6, f32).reshape(2, 3).requires_grad_();
const w23 = () => torch.arange(1, 7, f32).reshape(2, 3);
/** y's values and x's gradient after (y * w).sum().backward() */
function run(x: Tensor, y: Tensor, w: Tensor): [unknown, unknown] {
  y.mul(w).sum().backward();
  return [L(y), L(x.grad!)];
}

describe("flip and roll", () => {
  it("flip reverses the listed dims (FlipBackward0)", () => {
    // x = arange(6.).reshape(2,3); y = x.flip(0, 1); (y * arange(1., 7.).reshape(2,3)).sum().backward()
    const x = x23(),
      y = x.flip(0, 1);
    expect(y.grad_fn!.name()).toBe("FlipBackward0");
    expect(run(x, y, w23())).toEqual([
      [
        [5, 4, 3],
        [2, 1, 0],
      ],
      [
        [6, 5, 4],
        [3, 2, 1],
      ],
    ]);
    expect(L(torch.arange(6).reshape(2, 3).flip([1]))).toEqual([
      [2, 1, 0],
      [5, 4, 3],
    ]);
    expect(() => torch.ones(2, 3).flip(0, 0)).toThrow("dim 0 appears multiple times in the list of dims");
    expect(L(torch.fliplr(torch.arange(4).reshape(2, 2)))).toEqual([
      [1, 0],
      [3, 2],
    ]);
  });

  it("flip copies: the result does not share storage", () => {
    const x = torch.arange(3, f32),
      y = x.flip(0);
    x.add_(1);
    expect(L(y)).toEqual([2, 1, 0]);
    expect(y._base).toBe(null);
  });

  it("roll without dims rolls the flattened tensor", () => {
    // x.roll(1) -> [[5, 0, 1], [2, 3, 4]], grad [[2, 3, 4], [5, 6, 1]]
    const x = x23(),
      y = x.roll(1);
    expect(y.grad_fn!.name()).toBe("RollBackward0");
    expect(run(x, y, w23())).toEqual([
      [
        [5, 0, 1],
        [2, 3, 4],
      ],
      [
        [2, 3, 4],
        [5, 6, 1],
      ],
    ]);
  });

  it("roll along several dims, with negative and large shifts", () => {
    // x.roll((1, 2), (0, 1)); arange(6).reshape(2,3).roll(-1, 1); .roll(7, 1)
    const x = x23(),
      y = x.roll([1, 2], [0, 1]);
    expect(run(x, y, w23())).toEqual([
      [
        [4, 5, 3],
        [1, 2, 0],
      ],
      [
        [6, 4, 5],
        [3, 1, 2],
      ],
    ]);
    expect(L(torch.arange(6).reshape(2, 3).roll(-1, 1))).toEqual([
      [1, 2, 0],
      [4, 5, 3],
    ]);
    expect(L(torch.arange(6).reshape(2, 3).roll(7, 1))).toEqual([
      [2, 0, 1],
      [5, 3, 4],
    ]);
    expect(() => torch.ones(2, 3).roll([1, 2], [0])).toThrow("shifts and dimensions must align. shifts: 2, dims:1");
  });

  it("have correct first and second derivatives", () => {
    gradcheck((a) => a.flip(1), [rnd([2, 3])]);
    gradgradcheck((a) => a.roll([1, -1], [0, 1]), [rnd([3, 2])]);
  });
});

describe("repeat and tile", () => {
  it("repeat tiles and sums the gradient over the copies (RepeatBackward0)", () => {
    // y = x.repeat(2, 1, 2); (y * arange(24.).reshape(2,2,6)).sum().backward()
    const x = x23(),
      y = x.repeat(2, 1, 2);
    expect([...y.shape]).toEqual([2, 2, 6]);
    expect(y.grad_fn!.name()).toBe("RepeatBackward0");
    const [vals, g] = run(x, y, torch.arange(24, f32).reshape(2, 2, 6));
    expect(vals).toEqual([
      [
        [0, 1, 2, 0, 1, 2],
        [3, 4, 5, 3, 4, 5],
      ],
      [
        [0, 1, 2, 0, 1, 2],
        [3, 4, 5, 3, 4, 5],
      ],
    ]);
    expect(g).toEqual([
      [30, 34, 38],
      [54, 58, 62],
    ]);
    expect(() => torch.ones(2, 3).repeat(2)).toThrow(
      "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
    );
  });

  it("tile pads the repeats with leading ones", () => {
    // arange(3).tile((2,)); arange(6).reshape(2,3).tile((2,)); arange(3).tile((2, 1))
    expect(L(torch.arange(3).tile([2]))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(L(torch.arange(6).reshape(2, 3).tile(2))).toEqual([
      [0, 1, 2, 0, 1, 2],
      [3, 4, 5, 3, 4, 5],
    ]);
    expect(L(torch.arange(3).tile(2, 1))).toEqual([
      [0, 1, 2],
      [0, 1, 2],
    ]);
    expect(torch.ones(2, { requires_grad: true }).tile(2).grad_fn!.name()).toBe("RepeatBackward0");
  });

  it("has correct first and second derivatives", () => {
    gradcheck((a) => a.repeat(3, 1, 2), [rnd([2, 2])]);
    gradgradcheck((a) => a.repeat(2, 2), [rnd([3])]);
  });
});

describe("diagonal_scatter, select_scatter, slice_scatter", () => {
  it("diagonal_scatter writes src on a diagonal; gradients split between self and src", () => {
    // z = zeros(3,3); s = tensor([1., 2.]); y = z.diagonal_scatter(s, 1); (y * arange(9.).reshape(3,3)).sum().backward()
    const z = torch.zeros(3, 3, { requires_grad: true }),
      s = torch.tensor([1, 2], { dtype: torch.float32, requires_grad: true });
    const y = z.diagonal_scatter(s, 1);
    expect(y.grad_fn!.name()).toBe("DiagonalScatterBackward0");
    y.mul(torch.arange(9, f32).reshape(3, 3)).sum().backward();
    expect([L(y), L(z.grad!), L(s.grad!)]).toEqual([
      [
        [0, 1, 0],
        [0, 0, 2],
        [0, 0, 0],
      ],
      [
        [0, 0, 2],
        [3, 4, 0],
        [6, 7, 8],
      ],
      [1, 5],
    ]);
    expect(() => torch.zeros(3, 3).diagonal_scatter(torch.ones(3), 1)).toThrow(
      "expected src to have a size equal to the slice of self. src size = [3], slice size = [2]",
    );
  });

  it("select_scatter replaces one slice", () => {
    // y = zeros(2,3).select_scatter(tensor([1., 2., 3.]), 0, -1)
    const z = torch.zeros(2, 3, { requires_grad: true }),
      s = torch.tensor([1, 2, 3], { dtype: torch.float32, requires_grad: true });
    const y = z.select_scatter(s, 0, -1);
    expect(y.grad_fn!.name()).toBe("SelectScatterBackward0");
    y.mul(w23()).sum().backward();
    expect([L(y), L(z.grad!), L(s.grad!)]).toEqual([
      [
        [0, 0, 0],
        [1, 2, 3],
      ],
      [
        [1, 2, 3],
        [0, 0, 0],
      ],
      [4, 5, 6],
    ]);
    expect(() => torch.zeros(2, 3).select_scatter(torch.ones(3), 0, 5)).toThrow(
      "select(): index 5 out of range for tensor of size [2, 3] at dimension 0",
    );
  });

  it("slice_scatter replaces a strided slice", () => {
    // y = zeros(4,3).slice_scatter(ones(2,3), 0, 0, 4, 2); (y * arange(12.).reshape(4,3)).sum().backward()
    const z = torch.zeros(4, 3, { requires_grad: true }),
      s = torch.ones(2, 3, { requires_grad: true });
    const y = z.slice_scatter(s, 0, 0, 4, 2);
    expect(y.grad_fn!.name()).toBe("SliceScatterBackward0");
    y.mul(torch.arange(12, f32).reshape(4, 3)).sum().backward();
    expect(L(y)).toEqual([
      [1, 1, 1],
      [0, 0, 0],
      [1, 1, 1],
      [0, 0, 0],
    ]);
    expect(L(z.grad!)).toEqual([
      [0, 0, 0],
      [3, 4, 5],
      [0, 0, 0],
      [9, 10, 11],
    ]);
    expect(L(s.grad!)).toEqual([
      [0, 1, 2],
      [6, 7, 8],
    ]);
    // NOTE: torch 1.13 treats end=None as start + 1 here (a bug: zeros(4,3).slice_scatter(ones(2,3), start=2) raises);
    // we follow 2.x and its documented example `zeros(8, 8).slice_scatter(ones(2, 8), start=6)`: end=None is the end.
    expect(L(torch.zeros(4, 3).slice_scatter(torch.ones(2, 3), { start: 2 }))).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(() => torch.zeros(4, 3).slice_scatter(torch.ones(4, 3), { dim: 1, start: 1 })).toThrow(
      "expected src to have a size equal to the slice of self. src size = [4, 3], slice size = [4, 2]",
    );
  });

  it("have correct first and second derivatives", () => {
    gradcheck((a, b) => a.diagonal_scatter(b, -1), [rnd([3, 3]), rnd([2], 2)]);
    gradgradcheck((a, b) => a.select_scatter(b, 1, 0), [rnd([2, 3]), rnd([2], 2)]);
    gradgradcheck((a, b) => a.slice_scatter(b, 1, 1), [rnd([2, 3]), rnd([2, 2], 2)]);
  });
});

describe("tril, triu, diag, trace", () => {
  const m = () => torch.arange(1, 13).reshape(3, 4);
  it("tril/triu keep one side of a diagonal, batched over leading dims", () => {
    // arange(1, 13).reshape(3,4).tril(), .tril(-1), .triu(1), .triu(-1); arange(1., 9.).reshape(2,2,2).tril()
    expect(L(m().tril())).toEqual([
      [1, 0, 0, 0],
      [5, 6, 0, 0],
      [9, 10, 11, 0],
    ]);
    expect(L(m().tril(-1))).toEqual([
      [0, 0, 0, 0],
      [5, 0, 0, 0],
      [9, 10, 0, 0],
    ]);
    expect(L(m().triu(1))).toEqual([
      [0, 2, 3, 4],
      [0, 0, 7, 8],
      [0, 0, 0, 12],
    ]);
    expect(L(m().triu(-1))).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [0, 10, 11, 12],
    ]);
    expect(L(torch.arange(1, 9, f32).reshape(2, 2, 2).tril())).toEqual([
      [
        [1, 0],
        [3, 4],
      ],
      [
        [5, 0],
        [7, 8],
      ],
    ]);
    expect(() => torch.arange(3).tril()).toThrow(
      "Dimension out of range (expected to be in range of [-1, 0], but got -2)",
    );
  });

  it("tril_ works in place and records TrilBackward0", () => {
    const a = torch.arange(6, f32).reshape(2, 3).requires_grad_();
    const c = a.mul(1);
    expect(c.tril_()).toBe(c);
    expect(c.grad_fn!.name()).toBe("TrilBackward0");
    c.sum().backward();
    expect(L(a.grad!)).toEqual([
      [1, 0, 0],
      [1, 1, 0],
    ]);
  });

  it("diag goes between vectors and matrices", () => {
    // m.diag(), m.diag(1), m.diag(-2), arange(1, 4).diag(-1)
    expect([L(m().diag()), L(m().diag(1)), L(m().diag(-2))]).toEqual([[1, 6, 11], [2, 7, 12], [9]]);
    expect(L(torch.arange(1, 4).diag(-1))).toEqual([
      [0, 0, 0, 0],
      [1, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 3, 0],
    ]);
    // v = tensor([1., 2.]); d = v.diag(1); (d * arange(9.).reshape(3,3)).sum().backward() -> v.grad [1, 5]
    const v = torch.tensor([1, 2], { dtype: torch.float32, requires_grad: true }),
      d = v.diag(1);
    expect(d.grad_fn!.name()).toBe("DiagBackward0");
    d.mul(torch.arange(9, f32).reshape(3, 3)).sum().backward();
    expect(L(v.grad!)).toEqual([1, 5]);
    // A = arange(12.).reshape(3,4); (A.diag(1) * tensor([1., 2., 3.])).sum().backward()
    const A = torch.arange(12, f32).reshape(3, 4).requires_grad_();
    A.diag(1)
      .mul(torch.tensor([1, 2, 3], f32))
      .sum()
      .backward();
    expect(L(A.grad!)).toEqual([
      [0, 1, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 3],
    ]);
    expect(() => torch.ones(2, 2, 2).diag()).toThrow("matrix or a vector expected");
  });

  it("trace sums the diagonal (int64 for integer inputs)", () => {
    // A.trace() -> 15., grad eye-like; arange(1, 13).reshape(3,4).trace() -> tensor(18)
    const A = torch.arange(12, f32).reshape(3, 4).requires_grad_(),
      tr = A.trace();
    expect([tr.item(), tr.grad_fn!.name()]).toEqual([15, "TraceBackward0"]);
    tr.backward();
    expect(L(A.grad!)).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
    ]);
    expect(String(m().trace())).toBe("tensor(18)");
    expect(torch.ones(2, 2, { dtype: torch.int32 }).trace().dtype).toBe(torch.int64);
    expect(() => torch.arange(1, 13).trace()).toThrow("trace: expected a matrix, but got tensor with dim 1");
  });

  it("have correct first and second derivatives", () => {
    gradcheck((a) => a.triu(1), [rnd([3, 4])]);
    gradgradcheck((a) => a.tril(-1), [rnd([2, 3, 3])]);
    gradcheck((a) => a.diag(-1), [rnd([3])]);
    gradgradcheck((a) => a.diag(1), [rnd([3, 4])]);
    gradgradcheck((a) => a.trace(), [rnd([3, 2])]);
  });
});
