/** Shared helpers for the op tests: graph inspection, and numeric gradient checks in float64. */
import { expect } from "vitest";
import * as base from "../../engine/index.js";
import * as extra from "../../engine/ops/index_exports.js";
import type { Tensor } from "../../engine/tensor/tensor.js";

// NOTE: until engine/torch.ts re-exports ops/index_exports.ts, the tests merge the two namespaces.
export const torch = { ...base, ...extra };
export type { Tensor };

/** `[(type(fn).__name__, input_nr) for fn, input_nr in t.grad_fn.next_functions]`, AccumulateGrad by class name. */
export function nextFns(t: Tensor): [string | null, number][] {
  return t.grad_fn!.next_functions.map(([n, i]) => [n ? (n as { _className: string })._className : null, i]);
}

/** The grad_fn names along next_functions[0] down to the leaf (as `chain` in the probes). */
export function chain(t: Tensor): string[] {
  const out: string[] = [];
  for (let n = t.grad_fn; n && n.name() !== "torch::autograd::AccumulateGrad"; n = n.next_functions[0]?.[0] ?? null) out.push(n.name());
  return out;
}

/** A float64 leaf with deterministic pseudo-random values (no dependence on the RNG under test). */
export function rnd(shape: number[], seed = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed * 9301 + 49297;
  const vals = Array.from({ length: n }, () => { s = (s * 9301 + 49297) % 233280; return s / 233280 * 4 - 2; });
  return torch.tensor(vals, { dtype: torch.float64 }).reshape(shape).requires_grad_();
}

function numericGrad(f: () => number, x: Tensor, eps = 1e-6): number[] {
  const d = x._data, out: number[] = [];
  const idx = (flat: number) => {
    let off = x._offset;
    for (let k = x._shape.length - 1, r = flat; k >= 0; k--) { off += (r % x._shape[k]) * x._strides[k]; r = Math.floor(r / x._shape[k]); }
    return off;
  };
  for (let i = 0; i < x.numel(); i++) {
    const o = idx(i), v = d[o];
    d[o] = v + eps; const hi = f();
    d[o] = v - eps; const lo = f();
    d[o] = v;
    out.push((hi - lo) / (2 * eps));
  }
  return out;
}

/** Check d(sum(f(xs) * w))/dx against central differences, for every input x. */
export function gradcheck(f: (...xs: Tensor[]) => Tensor, xs: Tensor[]): void {
  const y0 = torch.no_grad(() => f(...xs));
  const w = rnd([...y0._shape], 7).detach();
  const scalar = () => torch.no_grad(() => f(...xs).mul(w).sum().item());
  const grads = torch.autograd.grad(f(...xs).mul(w).sum(), xs, { allow_unused: true });
  xs.forEach((x, i) => {
    const num = numericGrad(scalar, x);
    const ana = grads[i] ? (grads[i] as Tensor)._values() : num.map(() => 0);
    ana.forEach((a, k) => expect(a).toBeCloseTo(num[k], 5));
  });
}

/** Check that the backward of f is itself differentiable w.r.t. the incoming gradient (PyTorch's gradgradcheck). */
export function gradgradcheck(f: (...xs: Tensor[]) => Tensor, xs: Tensor[]): void {
  const y0 = torch.no_grad(() => f(...xs));
  const go = rnd([...y0._shape], 3);
  const r = xs.map((x, i) => rnd([...x._shape], 11 + i).detach());
  const gx = (create: boolean) => torch.autograd.grad(f(...xs), xs, { grad_outputs: go, create_graph: create, allow_unused: true });
  const total = (gs: (Tensor | null)[]) => gs.reduce((acc: Tensor, g, i) => (g ? acc.add(g.mul(r[i]).sum()) : acc), torch.tensor(0, { dtype: torch.float64 }));
  const [ana] = torch.autograd.grad(total(gx(true)), [go]);
  const num = numericGrad(() => total(gx(false)).item(), go);
  (ana as Tensor)._values().forEach((a, k) => expect(a).toBeCloseTo(num[k], 5));
}

/** Values of t as nested arrays. */
export const L = (t: Tensor): unknown => t.tolist();
