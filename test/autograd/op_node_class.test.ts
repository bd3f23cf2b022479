/**
 * Every table op's node is one class (OpNode): a class per op made each node access in the engine
 * megamorphic once a notebook had used a few ops (the autograd chain ran 2x slower per op after a
 * Linear layer, 5x with Node's fields as class fields). The `_saved_<name>` getters are shared,
 * so dir() must still list only the node's own saved values, as PyTorch's dir(grad_fn) does.
 */
import { describe, expect, it } from "vitest";
import * as torch from "../../engine/index.js";
import { dir } from "../../kernel/session/builtins.js";
import { make_dot } from "../../kernel/display/torchviz/make_dot.js";

describe("autograd nodes of table ops", () => {
  const x = torch.tensor([1.5, 2.5], { requires_grad: true }),
    w = torch.tensor([3.5, 4.5]);
  const m = x.mul(w),
    e = x.exp(),
    a = x.add(w);

  it("share one class, whatever they save", () => {
    const proto = Object.getPrototypeOf(m.grad_fn);
    expect(Object.getPrototypeOf(e.grad_fn)).toBe(proto);
    expect(Object.getPrototypeOf(a.grad_fn)).toBe(proto);
    expect(Object.getPrototypeOf(x.sum().grad_fn)).toBe(proto);
  });

  it("expose their own saved values, and no other op's", () => {
    const mg = m.grad_fn as unknown as Record<string, unknown>,
      eg = e.grad_fn as unknown as Record<string, unknown>;
    expect(mg._saved_self).toBe(x);
    expect(mg._saved_other).toBe(w);
    expect(mg._saved_result).toBeUndefined();
    expect(eg._saved_result).toBe(e);
    expect(eg._saved_self).toBeUndefined();
  });

  it("dir() lists only the node's own _saved_ names", () => {
    const saved = (f: unknown) => dir(f).filter((k) => k.startsWith("_saved_"));
    expect(saved(m.grad_fn)).toEqual(["_saved_other", "_saved_self"]);
    expect(saved(e.grad_fn)).toEqual(["_saved_result"]);
    expect(saved(a.grad_fn)).toEqual([]);
    expect(dir(m.grad_fn)).toContain("next_functions");
  });

  it("make_dot(show_attrs) shows only the node's own saved values", () => {
    const src = make_dot(e, { show_attrs: true, show_saved: true }).source;
    expect(src).toContain("result");
    expect(src).not.toContain("other");
  });
});
