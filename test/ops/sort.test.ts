// Expected values come from torch 1.13 (/usr/bin/python3); each block names the call that produced them.
import { describe, expect, it } from "vitest";
import { L, rnd, torch, type Tensor } from "./helpers.js";
import { gradcheck, gradgradcheck } from "../../engine/autograd/gradcheck.js";

const f32 = { dtype: torch.float32 };
const NAN = Number.NaN;

// Tie-heavy inputs: the order of equal keys is what libstdc++'s std::sort / ATen's quickselect give.
// b = tensor([1, 0] * 17)
const B = Array.from({ length: 34 }, (_, i) => (i % 2 === 0 ? 1 : 0));
// r = torch.randint(0, 4, (40,), generator=torch.Generator().manual_seed(0))
const R = [
  0, 3, 1, 0, 3, 3, 3, 3, 1, 3, 1, 2, 0, 3, 2, 0, 0, 0, 2, 1, 2, 3, 3, 2, 0, 1, 1, 1, 1, 0, 1, 0, 3, 0, 3, 1, 2, 3, 3,
  0,
];
// r2 = torch.randint(0, 3, (30,), generator=g) (same generator, next draw)
const R2 = [2, 0, 1, 1, 1, 2, 1, 1, 2, 1, 1, 2, 2, 1, 2, 2, 2, 1, 2, 2, 1, 1, 0, 0, 1, 2, 1, 1, 2, 1];

describe("sort", () => {
  it("sorts with NaN largest and returns torch.return_types.sort", () => {
    // a = tensor([3., 1., 2., 1., nan, 3., 0.]); a.sort(); a.sort(descending=True)
    const a = torch.tensor([3, 1, 2, 1, NAN, 3, 0], f32);
    const [v, i] = a.sort();
    expect([L(v), L(i)]).toEqual([
      [0, 1, 1, 2, 3, 3, NAN],
      [6, 1, 3, 2, 0, 5, 4],
    ]);
    const d = a.sort({ descending: true });
    expect([L(d.values), L(d.indices)]).toEqual([
      [NAN, 3, 3, 2, 1, 1, 0],
      [4, 0, 5, 2, 1, 3, 6],
    ]);
    expect(String(torch.tensor([2, 1]).sort())).toBe(
      "torch.return_types.sort(\nvalues=tensor([1, 2]),\nindices=tensor([1, 0]))",
    );
  });

  it("orders equal keys as PyTorch's std::sort does (unstable) and keeps them in order when stable", () => {
    // b.sort().indices, b.sort(descending=True).indices
    expect(L(torch.tensor(B).sort().indices)).toEqual([
      17, 33, 31, 29, 27, 25, 23, 21, 19, 15, 13, 1, 9, 3, 7, 11, 5, 22, 32, 2, 30, 28, 4, 26, 24, 6, 20, 8, 18, 0, 16,
      14, 10, 12,
    ]);
    expect(L(torch.tensor(B).sort(-1, true).indices)).toEqual([
      28, 22, 24, 20, 18, 0, 16, 26, 14, 12, 10, 8, 30, 6, 4, 32, 2, 17, 29, 27, 31, 25, 33, 23, 21, 19, 15, 13, 11, 9,
      7, 5, 3, 1,
    ]);
    // r.sort().indices, r.sort(descending=True).indices, r.sort(descending=True, stable=True).indices
    const r = torch.tensor(R);
    expect(L(r.argsort())).toEqual([
      29, 24, 0, 17, 16, 15, 12, 31, 33, 3, 39, 8, 30, 10, 28, 27, 35, 26, 19, 2, 25, 20, 36, 18, 14, 11, 23, 7, 1, 38,
      37, 4, 5, 34, 6, 32, 9, 13, 21, 22,
    ]);
    expect(L(r.argsort({ descending: true }))).toEqual([
      1, 38, 37, 4, 5, 6, 7, 9, 34, 32, 21, 13, 22, 18, 20, 23, 36, 14, 11, 19, 2, 8, 35, 25, 26, 27, 28, 10, 30, 39,
      17, 3, 33, 31, 29, 24, 12, 15, 0, 16,
    ]);
    expect(L(r.sort({ descending: true, stable: true }).indices)).toEqual([
      1, 4, 5, 6, 7, 9, 13, 21, 22, 32, 34, 37, 38, 11, 14, 18, 20, 23, 36, 2, 8, 10, 19, 25, 26, 27, 28, 30, 35, 0, 3,
      12, 15, 16, 17, 24, 29, 31, 33, 39,
    ]);
  });

  it("scatters the gradient back through the indices (SortBackward0; SortBackward1 with stable)", () => {
    // x = [[3., 1, 2], [0, 5, 4]]; v, i = x.sort(0, descending=True); (v * arange(1., 7.).reshape(2,3)).sum().backward()
    const x = torch.tensor(
      [
        [3, 1, 2],
        [0, 5, 4],
      ],
      { dtype: torch.float32, requires_grad: true },
    );
    const [v, i] = x.sort(0, true);
    expect([v.grad_fn!.name(), i.requires_grad]).toEqual(["SortBackward0", false]);
    v.mul(torch.arange(1, 7, f32).reshape(2, 3))
      .sum()
      .backward();
    expect([L(v), L(i), L(x.grad!)]).toEqual([
      [
        [3, 5, 4],
        [0, 1, 2],
      ],
      [
        [0, 1, 1],
        [1, 0, 0],
      ],
      [
        [1, 5, 6],
        [4, 2, 3],
      ],
    ]);
    expect(x.sort({ stable: true }).values.grad_fn!.name()).toBe("SortBackward1");
    expect(torch.msort(x).grad_fn!.name()).toBe("SortBackward0");
    expect(L(torch.msort(x))).toEqual([
      [0, 1, 2],
      [3, 5, 4],
    ]);
  });

  it("sorts 0-dim tensors and checks dims", () => {
    const [v, i] = torch.tensor(3, f32).sort();
    expect([String(v), String(i)]).toEqual(["tensor(3.)", "tensor(0)"]);
    expect(() => torch.tensor([1, 2]).sort(5)).toThrow(
      "Dimension out of range (expected to be in range of [-1, 0], but got 5)",
    );
  });

  it("has correct first and second derivatives", () => {
    gradcheck((a) => a.sort(1).values, [rnd([3, 4])]);
    gradgradcheck((a) => a.sort(0, true).values, [rnd([3, 2])]);
  });
});

describe("topk, kthvalue, median, mode", () => {
  it("topk matches PyTorch, ties included (TopkBackward0)", () => {
    // a.topk(3); a.topk(3, largest=False); tensor([1., 2, 2, 2, 1, 0]).topk(4, sorted=False); r.topk(5).indices
    const a = torch.tensor([3, 1, 2, 1, NAN, 3, 0], f32);
    expect(L(a.topk(3).indices)).toEqual([4, 0, 5]);
    expect(L(a.topk(3, -1, false).indices)).toEqual([6, 3, 1]);
    const t = torch.tensor([1, 2, 2, 2, 1, 0], f32);
    expect(L(t.topk(4, { sorted: false }).indices)).toEqual([1, 3, 2, 0]);
    expect(L(torch.tensor(R).topk(5).indices)).toEqual([21, 9, 34, 32, 7]);
    expect(() => t.topk(7)).toThrow("selected index k out of range");
    // x.topk(2, 1) with weights [1, 2] -> grad [[1, 0, 2], [0, 1, 2]]
    const x = torch.tensor(
      [
        [3, 1, 2],
        [0, 5, 4],
      ],
      { dtype: torch.float32, requires_grad: true },
    );
    const top = torch.topk(x, 2, 1);
    expect(String(top).startsWith("torch.return_types.topk(")).toBe(true);
    top.values
      .mul(torch.tensor([1, 2], f32))
      .sum()
      .backward();
    expect([top.values.grad_fn!.name(), L(x.grad!)]).toEqual([
      "TopkBackward0",
      [
        [1, 0, 2],
        [0, 1, 2],
      ],
    ]);
  });

  it("kthvalue uses ATen's quickselect for the returned index", () => {
    // r.float().kthvalue(k) for k in (1, 7, 20, 33, 40); r2.float().kthvalue(k) for k in (3, 11, 15, 28)
    const r = torch.tensor(R, f32),
      r2 = torch.tensor(R2, f32);
    const kth = (t: Tensor, k: number) => {
      const [v, i] = t.kthvalue(k);
      return [v.item(), i.item()];
    };
    expect([1, 7, 20, 33, 40].map((k) => kth(r, k))).toEqual([
      [0, 29],
      [0, 39],
      [1, 10],
      [3, 4],
      [3, 5],
    ]);
    expect([3, 11, 15, 28].map((k) => kth(r2, k))).toEqual([
      [0, 22],
      [1, 6],
      [1, 29],
      [2, 18],
    ]);
    // tensor([[1., 2, 5], [2, 1, 0]]).kthvalue(2, 0, True)
    const kv = torch
      .tensor(
        [
          [1, 2, 5],
          [2, 1, 0],
        ],
        f32,
      )
      .kthvalue(2, 0, true);
    expect([L(kv.values), L(kv.indices)]).toEqual([[[2, 2, 5]], [[1, 0, 0]]]);
    expect(() => torch.tensor([1, 2, 2, 2, 1, 0], f32).kthvalue(7)).toThrow(
      "kthvalue(): selected number k out of range for dimension 0",
    );
  });

  it("median is the lower middle; without dim the gradient is shared among ties (MedianBackward0)", () => {
    // x = tensor([1., 2, 2, 3]); x.median().backward() -> [0, .5, .5, 0]; r.median(0) -> (1, 30)
    const x = torch.tensor([1, 2, 2, 3], { dtype: torch.float32, requires_grad: true });
    const m = x.median();
    expect([m.item(), m.grad_fn!.name()]).toEqual([2, "MedianBackward0"]);
    m.backward();
    expect(L(x.grad!)).toEqual([0, 0.5, 0.5, 0]);
    const [v, i] = torch.tensor(R).median(0);
    expect([v.item(), i.item()]).toEqual([1, 30]);
    expect(L(torch.tensor([4, 2, 1, 2], f32).median(0).indices)).toEqual(1);
    // x = tensor([1., nan, 2, 3]): median() nan, nanmedian() 2, median(0) (nan, 1), nanmedian(0) (2, 2)
    const n = torch.tensor([1, NAN, 2, 3], f32);
    expect([n.median().item(), n.nanmedian().item()]).toEqual([NAN, 2]);
    expect([n.median(0).indices.item(), n.nanmedian(0).indices.item()]).toEqual([1, 2]);
    expect(torch.ones(2, 3, { requires_grad: true }).median(1).values.grad_fn!.name()).toBe("MedianBackward1");
  });

  it("mode picks the smallest most frequent value and PyTorch's index for it (ModeBackward0)", () => {
    // tensor([[2., 2, 1, 1, 3], [0, 1, 1, 0, 5]]).mode(1, keepdim=True); r.mode(); r2.mode()
    const md = torch
      .tensor(
        [
          [2, 2, 1, 1, 3],
          [0, 1, 1, 0, 5],
        ],
        f32,
      )
      .mode(1, true);
    expect([L(md.values), L(md.indices)]).toEqual([
      [[1], [0]],
      [[3], [3]],
    ]);
    expect(torch.tensor(R).mode().values.item()).toBe(3);
    expect(torch.tensor(R).mode().indices.item()).toBe(22);
    expect([torch.tensor(R2).mode().values.item(), torch.tensor(R2).mode().indices.item()]).toEqual([1, 6]);
    // t = [[3., 1, 3], [0, 0, 4]]; v, i = t.mode(1); (v * [1., 2.]).sum().backward()
    const t = torch.tensor(
      [
        [3, 1, 3],
        [0, 0, 4],
      ],
      { dtype: torch.float32, requires_grad: true },
    );
    const [v, i] = t.mode(1);
    v.mul(torch.tensor([1, 2], f32))
      .sum()
      .backward();
    expect([L(v), L(i), L(t.grad!), v.grad_fn!.name()]).toEqual([
      [3, 0],
      [2, 1],
      [
        [0, 0, 1],
        [0, 2, 0],
      ],
      "ModeBackward0",
    ]);
  });

  it("have correct first and second derivatives", () => {
    gradcheck((a) => a.topk(2, 0).values, [rnd([3, 3])]);
    gradgradcheck((a) => a.kthvalue(2, 1, true).values, [rnd([2, 4])]);
    gradgradcheck((a) => a.median(0).values, [rnd([3, 2])]);
    gradcheck((a) => a.median(), [rnd([5])]);
  });
});

describe("unique, searchsorted", () => {
  it("unique sorts and can return inverse indices and counts", () => {
    // torch.unique(tensor([3, 1, 2, 1, 3, 3]), return_inverse=True, return_counts=True)
    const [u, inv, cnt] = torch.unique(torch.tensor([3, 1, 2, 1, 3, 3]), {
      return_inverse: true,
      return_counts: true,
    }) as Tensor[];
    expect([L(u), L(inv), L(cnt)]).toEqual([
      [1, 2, 3],
      [2, 0, 1, 0, 2, 2],
      [2, 1, 3],
    ]);
    // torch.unique(tensor([[3, 1], [2, 1], [3, 1]]), return_inverse=True): inverse keeps the input's shape
    const [, inv2] = torch
      .tensor([
        [3, 1],
        [2, 1],
        [3, 1],
      ])
      .unique({ return_inverse: true }) as Tensor[];
    expect(L(inv2)).toEqual([
      [2, 0],
      [1, 0],
      [2, 0],
    ]);
    // torch.unique(..., dim=0, return_inverse=True, return_counts=True)
    const [rows, inv3, cnt3] = torch.unique(
      torch.tensor([
        [3, 1],
        [2, 1],
        [3, 1],
      ]),
      { dim: 0, return_inverse: true, return_counts: true },
    ) as Tensor[];
    expect([L(rows), L(inv3), L(cnt3)]).toEqual([
      [
        [2, 1],
        [3, 1],
      ],
      [1, 0, 1],
      [1, 2],
    ]);
  });

  it("unique records Unique2Backward0, whose backward is not implemented", () => {
    const x = torch.tensor(
      [
        [1, 2, 3],
        [4, 5, 7],
      ],
      { dtype: torch.float32, requires_grad: true },
    );
    const u = torch.unique(x) as Tensor;
    expect(u.grad_fn!.name()).toBe("Unique2Backward0");
    expect(() => u.sum().backward()).toThrow("the derivative for '_unique2' is not implemented.");
    expect((torch.unique(x, { dim: 0 }) as Tensor).grad_fn!.name()).toBe("UniqueDimBackward0");
  });

  it("searchsorted finds insertion points (left, right, batched, sorter)", () => {
    // searchsorted([1, 3, 5, 7, 9], [3, 6, 9]) and right=True; the batched form; scalar; side='right'; sorter; out_int32
    const s = torch.tensor([1, 3, 5, 7, 9]),
      v = torch.tensor([3, 6, 9]);
    expect(L(torch.searchsorted(s, v))).toEqual([1, 3, 4]);
    expect(L(torch.searchsorted(s, v, { right: true }))).toEqual([2, 3, 5]);
    expect(
      L(
        torch.searchsorted(
          torch.tensor([
            [1, 3, 5, 7, 9],
            [2, 4, 6, 8, 10],
          ]),
          torch.tensor([
            [3, 6, 9],
            [3, 6, 9],
          ]),
        ),
      ),
    ).toEqual([
      [1, 3, 4],
      [1, 2, 4],
    ]);
    expect(String(torch.searchsorted(s, 5))).toBe("tensor(2)");
    expect(
      L(
        torch.searchsorted(
          torch.tensor([1, 3, 5], f32),
          torch.tensor(
            [
              [0, 3],
              [6, 5],
            ],
            f32,
          ),
          { side: "right" },
        ),
      ),
    ).toEqual([
      [0, 2],
      [3, 3],
    ]);
    expect(
      L(torch.searchsorted(torch.tensor([5, 1, 3]), torch.tensor([3]), { sorter: torch.tensor([1, 2, 0]) })),
    ).toEqual([1]);
    expect(torch.searchsorted(s, v, { out_int32: true }).dtype).toBe(torch.int32);
    expect(() => torch.searchsorted(torch.tensor([[1, 3, 5]]), torch.tensor([3]))).toThrow(
      "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor [1, 3] and input value tensor [1]",
    );
  });
});
