/**
 * zero_grad (set_to_none) gives back the storage of a gradient nobody was handed, for the next
 * step's gradient (nn/module.ts zeroGrad): a gradient read through `.grad`, assigned to it, or
 * made by user code (a hook, a custom Function's backward, backward's own argument) keeps its
 * storage, and a training loop computes the same with and without the reuse.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import * as torch from "../../engine/index.js";
import { backend } from "../../engine/backend/index.js";

afterEach(() => vi.restoreAllMocks());

function spyRelease(): Set<unknown> {
  const released = new Set<unknown>();
  const release = backend().release.bind(backend());
  vi.spyOn(backend(), "release").mockImplementation((d) => {
    released.add(d);
    release(d);
  });
  return released;
}

const net = () => {
  torch.manual_seed(0);
  return new torch.nn.Sequential(new torch.nn.Linear(300, 200), new torch.nn.ReLU(), new torch.nn.Linear(200, 10));
};

describe("zero_grad gives back unread gradients", () => {
  it("releases the weight gradients nobody read, and only with set_to_none", () => {
    const model = net();
    const x = torch.rand(16, 300);
    model(x).sum().backward();
    const weight = model.parameters()[0];
    const data = weight._grad!._storage.data;
    const released = spyRelease();
    model.zero_grad({ set_to_none: false });
    expect(released.size).toBe(0);
    model(x).sum().backward();
    model.zero_grad();
    expect(released.has(data)).toBe(true);
    expect(weight._grad).toBeNull();
  });

  it("keeps a gradient user code was handed through .grad, whose values stay as they were", () => {
    const model = net();
    const x = torch.rand(16, 300);
    model(x).sum().backward();
    const weight = model.parameters()[0];
    const held = weight.grad!;
    const copy = held.clone();
    const released = spyRelease();
    model.zero_grad();
    expect(released.has(held._storage.data)).toBe(false);
    model(torch.rand(16, 300)).sum().backward();
    expect(torch.equal(held, copy)).toBe(true);
  });

  it("keeps a gradient a custom Function's backward returned (user code may hold it)", () => {
    const kept: torch.Tensor[] = [];
    class Passthrough extends torch.autograd.Function {
      static override forward(_ctx: torch.autograd.FunctionCtx, x: torch.Tensor) {
        return x.clone();
      }
      static override backward(_ctx: torch.autograd.FunctionCtx, g: torch.Tensor) {
        const mine = torch.ones(200, 200).mul(3);
        kept.push(mine);
        return mine;
      }
    }
    const w = torch.zeros(200, 200, { requires_grad: true });
    Passthrough.apply(w).mul(2).sum().backward();
    const released = spyRelease();
    new torch.optim.SGD([w], { lr: 0.1 }).zero_grad();
    expect(released.has(kept[0]._storage.data)).toBe(false);
    torch.rand(200, 200).mul(5); // would take a released array and overwrite it
    expect(kept[0].eq(3).all().item()).toBe(true);
  });

  it("a training loop computes the same with the reuse as without it", () => {
    const train = (reuse: boolean) => {
      vi.restoreAllMocks();
      if (!reuse) vi.spyOn(backend(), "release").mockImplementation(() => {});
      const model = net();
      const opt = new torch.optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
      torch.manual_seed(1);
      const x = torch.rand(32, 300),
        y = torch.randint(0, 10, [32]);
      for (let i = 0; i < 5; i++) {
        opt.zero_grad();
        torch.nn.functional.cross_entropy(model(x), y).backward();
        opt.step();
      }
      return model.parameters().map((p) => p.detach().clone());
    };
    const a = train(true),
      b = train(false);
    a.forEach((p, i) => expect(torch.equal(p, b[i])).toBe(true));
  });
});
