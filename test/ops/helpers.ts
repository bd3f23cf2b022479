/**
 * Shared helpers for the op tests: graph inspection and deterministic float64 inputs. Gradients are
 * checked with the engine's own torch.autograd.gradcheck / gradgradcheck (engine/autograd/gradcheck.ts).
 */
import * as torch from "../../engine/index.js";
import type { Tensor } from "../../engine/tensor/tensor.js";

export { torch };
export type { Tensor };

/** `[(type(fn).__name__, input_nr) for fn, input_nr in t.grad_fn.next_functions]`, AccumulateGrad by class name. */
export function nextFns(t: Tensor): [string | null, number][] {
  return t.grad_fn!.next_functions.map(([n, i]) => [n ? (n as { _className: string })._className : null, i]);
}

/** The grad_fn names along next_functions[0] down to the leaf (as `chain` in the probes). */
export function chain(t: Tensor): string[] {
  const out: string[] = [];
  for (let n = t.grad_fn; n && n.name() !== "torch::autograd::AccumulateGrad"; n = n.next_functions[0]?.[0] ?? null)
    out.push(n.name());
  return out;
}

/** A float64 leaf with deterministic pseudo-random values (no dependence on the RNG under test). */
export function rnd(shape: number[], seed = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  let s = seed * 9301 + 49297;
  const vals = Array.from({ length: n }, () => {
    s = (s * 9301 + 49297) % 233280;
    return (s / 233280) * 4 - 2;
  });
  return torch.tensor(vals, { dtype: torch.float64 }).reshape(shape).requires_grad_();
}

/** Values of t as nested arrays. */
export const L = (t: Tensor): unknown => t.tolist();
