/** Reducing a broadcast gradient back to an input's shape (used once, by the autograd node, op_node.ts). */
import type { Tensor } from "../tensor/tensor.js";
import { sameShape } from "../tensor/shape.js";

/** Sum `g` over the dims that broadcasting added or expanded, so it has `shape` (at::sum_to). */
export function sumToShape(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g._shape, shape)) return g;
  const lead = g._shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g._shape.length; i++) {
    if (i < lead) dims.push(i);
    else if (shape[i - lead] === 1 && g._shape[i] !== 1) dims.push(i);
  }
  let r = dims.length ? g.sum(dims, true) : g;
  if (lead > 0 || !sameShape(r._shape, shape)) r = r.view([...shape]);
  return r;
}
