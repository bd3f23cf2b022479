/**
 * A null (or undefined) trailing options object means "no keyword arguments", as the common JS
 * idiom `f(x, null)` intends: the result equals the call without it (engine/tensor/arg_parser.ts
 * `kwargs`/`isOptions`, used wherever options are read).
 */
import { describe, expect, it } from "vitest";
import * as torch from "../../engine/index.js";

const F = torch.nn.functional;
const same = (a: unknown, b: unknown) => expect(String(a)).toBe(String(b));

describe("a null options object is the same as none", () => {
  const x = torch.tensor(
    [
      [1, -2, 3],
      [4, 5, -6],
    ],
    { dtype: torch.float32 },
  );
  const y = torch.tensor([0.5, 1, 2], { dtype: torch.float32 });

  it("binary ops: add, sub, div, isclose, allclose, add_", () => {
    same(x.add(y, null as never), x.add(y));
    same(torch.sub(x, y, null as never), torch.sub(x, y));
    same(x.div(y, null as never), x.div(y));
    same(x.isclose(x, null as never), x.isclose(x));
    expect(x.allclose(x, null as never)).toBe(true);
    same(x.clone().add_(y, null as never), x.add(y));
  });

  it("reductions, sorting and rounding", () => {
    same(x.sum(0, null as never), x.sum(0));
    same(x.mean(1, null as never), x.mean(1));
    same(x.cumsum(1), torch.cumsum(x, 1));
    same(x.sort(-1, false, null as never).values, x.sort().values);
    same(torch.unique(x, null as never), torch.unique(x));
    same(x.round(null as never), x.round());
    same(x.nonzero(null as never), x.nonzero());
  });

  it("factories: ones, zeros_like, tensor, arange, full, randint, eye", () => {
    same(torch.ones(2, 3, null as never), torch.ones(2, 3));
    same(torch.zeros_like(x, null as never), torch.zeros_like(x));
    same(torch.tensor([1, 2], null as never), torch.tensor([1, 2]));
    same(torch.arange(3, null as never), torch.arange(3));
    same(torch.full([2], 7, null as never), torch.full([2], 7));
    same(torch.eye(2, null as never), torch.eye(2));
    torch.manual_seed(0);
    const a = torch.randint(0, 5, [4], null as never);
    torch.manual_seed(0);
    same(a, torch.randint(0, 5, [4]));
    same(x.new_zeros([2], null as never), x.new_zeros([2]));
  });

  it("indexing and nn.functional", () => {
    const idx = torch.tensor([0, 2]);
    same(x.index_add(1, idx, torch.ones(2, 2), null as never), x.index_add(1, idx, torch.ones(2, 2)));
    same(x.scatter(1, torch.tensor([[0], [1]]), 9, null as never), x.scatter(1, torch.tensor([[0], [1]]), 9));
    same(F.gelu(x, null as never), F.gelu(x));
    same(F.mse_loss(x, x.mul(2), null as never), F.mse_loss(x, x.mul(2)));
    same(F.max_pool2d(torch.ones(1, 1, 4, 4), 2, null as never), F.max_pool2d(torch.ones(1, 1, 4, 4), 2));
  });
});
