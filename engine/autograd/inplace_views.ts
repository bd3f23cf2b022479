/**
 * In-place ops on views of tensors that are part of a graph. As in PyTorch, `a = x.clone();
 * a[0:2].mul_(2)` rewrites the base's history: `a.grad_fn` becomes a CopySlices node (the old
 * base gradient path, with the view's region routed through the in-place op's backward) and the
 * view's grad_fn becomes AsStridedBackward0 of the base.
 */
import type { Tensor } from "../tensor/tensor.js";
import { Node, gradientEdge, type Edge } from "./node.js";
import type { OpNode } from "./op_node.js";
import { numel } from "../tensor/shape.js";
import { Tensor as TensorClass } from "../tensor/tensor.js";
import { backend } from "../backend/index.js";
import { sv } from "../tensor/strided_view.js";

interface Geometry {
  shape: number[];
  strides: number[];
  offset: number;
}

function zerosOf(shape: number[], like: Tensor): Tensor {
  return TensorClass._fromData(new like.dtype.ArrayType(numel(shape)), shape, like.dtype);
}
/** A strided window on a contiguous tensor of the base's shape. */
function region(t: Tensor, g: Geometry): Tensor {
  return new TensorClass(t._storage, g.shape, t.dtype, g.strides, t._offset + g.offset, t._versionCounter);
}

class CopySlices extends Node {
  constructor(
    next: Edge[],
    private readonly fn: OpNode<any>,
    private readonly view: Geometry,
    private readonly baseShape: number[],
  ) {
    super(next);
  }
  name(): string {
    return "torch::autograd::CopySlices";
  }
  override get _className(): string {
    return "CopySlices";
  }
  override _release(): void {
    this.fn._release();
  }
  _apply(gradOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const g = gradOutputs[0];
    if (!g) return this._next.map(() => null);
    const result = g.contiguous().clone();
    const slice = region(result, this.view).clone();
    const res = this.fn._apply([slice]);
    // Inside the view's region, the gradient w.r.t. the old values is what the op's backward says.
    const r0 = res[0];
    const dst = region(result, this.view);
    const src = r0 ?? zerosOf(this.view.shape, result);
    backend().copy(sv(src.expand(this.view.shape)), sv(dst));
    return [result, ...res.slice(1)];
  }
}

/** The view's new grad_fn: scatter its gradient into a zero gradient of the base. */
class AsStridedBackward extends Node {
  constructor(
    next: Edge[],
    private readonly view: Geometry,
    private readonly baseShape: number[],
  ) {
    super(next);
  }
  name(): string {
    return "AsStridedBackward0";
  }
  _apply(gradOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const g = gradOutputs[0];
    if (!g) return [null];
    const out = zerosOf(this.baseShape, g);
    region(out, this.view).copy_(g);
    return [out];
  }
}

/**
 * Make `node` (an in-place op's) the new history of `t`. A view of a tensor in a graph rewrites its
 * base's history too (CopySlices), so forgetting this would record the wrong graph silently.
 */
export function rebaseHistory(t: Tensor, node: OpNode<any>): void {
  const base = t._base;
  if (!base) {
    t.grad_fn = node;
    t.output_nr = 0;
    t._requiresGrad = true;
    return;
  }
  const view: Geometry = { shape: [...t._shape], strides: [...t._strides], offset: t._offset - base._offset };
  const baseShape = [...base._shape];
  const copySlices = new CopySlices([gradientEdge(base), ...node._next.slice(1)], node, view, baseShape);
  base.grad_fn = copySlices;
  base.output_nr = 0;
  base._requiresGrad = true;
  t.grad_fn = new AsStridedBackward([[copySlices, 0]], view, baseShape);
  t.output_nr = 0;
  t._requiresGrad = true;
}
