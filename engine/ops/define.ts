/**
 * Op entries. Each differentiable op is one `defineOp` entry: its forward (through the
 * backend), its backward formula per input, what it saves, and the grad_fn name users see.
 * `call` runs an entry and records it for autograd; `callInplace` does the same for `x.op_()`.
 */
import { RuntimeError } from "../errors.js";
import { argError } from "../tensor/arg_parser.js";
import type { DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { sameShape, formatShape } from "../tensor/shape.js";
import { _swapGradEnabled, is_grad_enabled, is_inference_mode_enabled, no_grad } from "../autograd/grad_mode.js";
import { SavedTensor, gradientEdge, type Edge } from "../autograd/node.js";
import { OpNode, opPlan } from "../autograd/op_node.js";
import { rebaseHistory } from "../autograd/inplace_views.js";
import { writeInto } from "./write_into.js";

export type {
  InputNames,
  InputTensors,
  OpDef,
  OpMeta,
  OpOf,
  Saved,
  Formula,
  JointFormula,
} from "../autograd/op_def.js";
import type { InputNames, OpDef, OpMeta } from "../autograd/op_def.js";

/**
 * An op entry, typed by its inputs (see OpDef). The family exports it; ops/table.ts collects the
 * exports into the op table.
 */
export function defineOp<
  const I extends InputNames,
  A extends object = {},
  const S extends string = never,
  const O extends string = never,
>(def: OpDef<A, I, S, O>): OpDef<A, I, S, O> {
  return def;
}

function shouldRecord(def: OpDef<any>, inputs: (Tensor | null)[]): boolean {
  if (!def.backward || !is_grad_enabled()) return false;
  for (let i = 0; i < inputs.length; i++) if (inputs[i]?._requiresGrad) return true;
  return false;
}

const NO_SAVED: (SavedTensor | null)[] = [];

// NOTE: shapes are shared, not copied: a tensor's _shape array is never modified in place (ops
// that change a tensor's shape assign a new array).
function makeNode<A extends object>(
  def: OpDef<A, any, any, any>,
  inputs: (Tensor | null)[],
  outputs: Tensor[],
  attrs: A,
  edges?: Edge[],
): OpNode<A> {
  const plan = opPlan(def);
  const nSaved = plan.names.length;
  // Ops that save nothing share one empty list (it is never written: nothing to replace or release).
  const saved = nSaved === 0 ? NO_SAVED : new Array<SavedTensor | null>(nSaved);
  for (let k = 0; k < nSaved; k++) {
    const o = plan.output[k];
    if (o >= 0) {
      saved[k] = new SavedTensor(outputs[o], true);
      continue;
    }
    const t = inputs[plan.input[k]];
    if (t) {
      if (t._isInference && !is_inference_mode_enabled())
        throw new RuntimeError(
          "Inference tensors cannot be saved for backward. To work around you can make a clone to get a normal tensor and use it in autograd.",
        );
      saved[k] = new SavedTensor(t, false);
    } else saved[k] = null;
  }
  // Input shapes and dtypes, unless every input has output 0's (elementwise ops on equal shapes,
  // most small ops): then the node keeps none and reads the output's.
  const n = inputs.length,
    out = outputs[0];
  let same = true;
  for (let i = 0; i < n && same; i++) {
    const t = inputs[i];
    same = t !== null && t.dtype === out.dtype && sameShape(t._shape, out._shape);
  }
  let shapes: (number[] | null)[] | null = null,
    dtypes: (DType | null)[] | null = null;
  if (!same) {
    shapes = new Array<number[] | null>(n);
    dtypes = new Array<DType | null>(n);
    for (let i = 0; i < n; i++) {
      const t = inputs[i];
      shapes[i] = t ? t._shape : null;
      dtypes[i] = t ? t.dtype : null;
    }
  }
  const name = typeof def.gradFn === "string" ? def.gradFn : def.gradFn(attrs);
  if (!edges) {
    edges = new Array<Edge>(n);
    for (let i = 0; i < n; i++) edges[i] = gradientEdge(inputs[i]);
  }
  return new OpNode(def, edges, plan, saved, attrs, shapes, dtypes, outputs, name);
}

/**
 * Every input is a Tensor (or null for an absent optional one): a string, null or object that
 * reached the table raises PyTorch's TypeError here, once per call, instead of a JS error in a kernel.
 */
function checkInputs(def: OpDef<any>, inputs: readonly unknown[]): void {
  for (let i = 0; i < inputs.length; i++) {
    const t = inputs[i];
    if (!(t instanceof Tensor)) {
      // A list input (cat's tensors) names all its elements.
      const name = def.inputs[Math.min(i, def.inputs.length - 1)];
      if (t === null && def.optional?.includes(name)) continue;
      throw argError(def.name, name === "self" ? "input" : name, i + 1, "Tensor", t);
    }
  }
}

/** Run a table op on tensors and record it for autograd when an input requires grad. */
export function call<A extends object>(
  def: OpDef<A, any, any, any>,
  inputs: (Tensor | null)[],
  attrs: NoInfer<A>,
): Tensor;
export function call<A extends object>(
  def: OpDef<A, any, any, any>,
  inputs: (Tensor | null)[],
  attrs: NoInfer<A>,
  multi: true,
): Tensor[];
export function call<A extends object>(
  def: OpDef<A, any, any, any>,
  inputs: (Tensor | null)[],
  attrs: NoInfer<A>,
  multi?: true,
): Tensor | Tensor[] {
  checkInputs(def, inputs);
  const record = shouldRecord(def, inputs);
  // Forward runs with recording off (no closure per call: this is the hot path of small ops).
  const gradWas = _swapGradEnabled(false);
  let result: Tensor | Tensor[];
  try {
    result = def.forward(inputs, attrs);
  } finally {
    _swapGradEnabled(gradWas);
  }
  if (!multi && !Array.isArray(result) && !record && !is_inference_mode_enabled() && !def.isView) return result;
  const outputs = Array.isArray(result) ? result : [result];
  if (is_inference_mode_enabled()) for (const o of outputs) o._isInference = true;
  if (def.isView && !is_grad_enabled() && inputs[0]?.requires_grad)
    for (const o of outputs) o._viewCreatedInNoGrad = true;
  if (record) {
    const nDiff = def.differentiableOutputs ?? outputs.length;
    const node = makeNode(def, inputs, outputs, attrs);
    for (let i = 0; i < outputs.length; i++) {
      const o = outputs[i];
      if (i < nDiff && o.dtype.is_floating_point) {
        o.grad_fn = node;
        o.output_nr = i;
        o._requiresGrad = true;
      }
    }
  }
  return multi ? outputs : outputs[0];
}

/** PyTorch's checks before writing into `self` in place. */
export function checkInplace(self: Tensor, others: (Tensor | null)[]): void {
  if (!is_grad_enabled()) return;
  if (self.requires_grad && self.is_leaf)
    throw new RuntimeError("a leaf Variable that requires grad is being used in an in-place operation.");
  const base = self._base;
  if (base && base.requires_grad && base.is_leaf)
    throw new RuntimeError("a view of a leaf Variable that requires grad is being used in an in-place operation.");
  if (self._viewCreatedInNoGrad && (self.requires_grad || others.some((o) => o?.requires_grad)))
    throw new RuntimeError(
      "A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).",
    );
}

/**
 * `self.op_(...others)`: compute op(self, ...others) out of place, check it fits `self`, write it
 * into self's storage, bump the version, and make the op's node self's new grad_fn.
 */
export function callInplace<A extends object>(
  def: OpDef<A, any, any, any>,
  self: Tensor,
  others: (Tensor | null)[],
  attrs: NoInfer<A>,
): Tensor {
  const inputs = [self, ...others];
  checkInputs(def, inputs);
  checkInplace(self, others);
  if (self._isInference && !is_inference_mode_enabled())
    throw new RuntimeError(
      "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.",
    );
  const record = shouldRecord(def, inputs);
  // Saved inputs that are `self` must keep the value before the write: snapshot it.
  const selfSaved = record && (def.save ?? []).includes(def.inputs[0]);
  const selfForGraph = selfSaved ? snapshot(self) : self;
  const result = no_grad(() => def.forward(inputs, attrs)) as Tensor;
  if (!sameShape(result._shape, self._shape))
    throw new RuntimeError(
      `output with shape ${formatShape(self._shape)} doesn't match the broadcast shape ${formatShape(result._shape)}`,
    );
  if (result.dtype.kind > self.dtype.kind)
    throw new RuntimeError(
      `result type ${result.dtype.scalarName} can't be cast to the desired output type ${self.dtype.scalarName}`,
    );
  const edges = record ? inputs.map(gradientEdge) : undefined;
  // Inputs are saved at their version before the write (so `y.mul_(y)` fails at backward, as in
  // PyTorch); the output is saved after it.
  const node = record ? makeNode(def, [selfForGraph, ...others], [self], attrs, edges) : null;
  writeInto(self, result);
  if (node) {
    const saved = node._saved ?? [];
    for (let k = 0; k < saved.length; k++) if (saved[k]?.isOutput) saved[k] = new SavedTensor(self, true);
    rebaseHistory(self, node);
  }
  return self;
}

function snapshot(t: Tensor): Tensor {
  const c = Tensor._fromData(new t.dtype.ArrayType(t._values()), t._shape, t.dtype);
  c.grad_fn = t.grad_fn;
  c.output_nr = t.output_nr;
  c._requiresGrad = t._requiresGrad;
  return c;
}
