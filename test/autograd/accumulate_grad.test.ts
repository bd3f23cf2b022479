/**
 * AccumulateGrad takes a gradient only the engine holds instead of copying it (PyTorch steals a
 * gradient whose use count allows it): a Linear weight's gradient, the transpose of a fresh
 * product, lands in .grad without a copy. Gradients user code held are copied: golden cases
 * accumulate_grad_* in test/golden/cases.py check those against PyTorch.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import * as torch from "../../engine/index.js";
import { backend } from "../../engine/backend/index.js";

describe("AccumulateGrad takes engine-held gradients", () => {
  afterEach(() => vi.restoreAllMocks());

  it("a Linear weight's gradient (a transposed product) is taken, not copied", () => {
    const lin = new torch.nn.Linear(30, 20);
    const copies: number[][] = [];
    const copy = backend().copy.bind(backend());
    vi.spyOn(backend(), "copy").mockImplementation((src, dst) => {
      copies.push([...dst.shape]);
      copy(src, dst);
    });
    const x = torch.rand(8, 30);
    lin(x).sum().backward();
    const g = lin.weight.grad!;
    expect(copies.filter((s) => s.join() === "20,30")).toEqual([]);
    expect(g._base).toBeNull();
    expect(g.is_contiguous()).toBe(true);
    // The value: every row is the input's column sums.
    expect(torch.allclose(g, x.sum(0).expand(20, 30))).toBe(true);
  });

  it("a second backward accumulates into the taken gradient in place", () => {
    const lin = new torch.nn.Linear(3, 2);
    const x = torch.rand(4, 3);
    lin(x).sum().backward();
    const first = lin.weight.grad!.clone(),
      stored = lin.weight.grad!;
    lin(x).sum().backward();
    expect(lin.weight.grad).toBe(stored);
    expect(torch.allclose(stored, first.mul(2))).toBe(true);
  });
});
