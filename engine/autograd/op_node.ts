/**
 * The node recorded for a call of a table op (ops/define.ts): it holds the op's definition,
 * its saved tensors and attributes, and applies the op's backward formulas. Reducing gradients
 * of broadcast inputs back to their shapes, and casting them to the input dtype, happens here
 * once for every op.
 */
import { RuntimeError } from "../errors.js";
import type { DType } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import { numel } from "../tensor/shape.js";
import { backend } from "../backend/index.js";
import { Node, RELEASED_MESSAGE, type SavedTensor, type Edge } from "./node.js";
import type { OpDef, OpMeta } from "./op_def.js";
import { sumToShape } from "./sum_to_shape.js";
import { attributeNames } from "../format/py_dir.js";

/**
 * The formulas' view of an op call: its attributes (copied in) plus input shapes and dtypes. Made
 * on first use by a formula that reads it: most formulas (mul's, add's self) never do, and
 * recording an op is the hot path of small tensors.
 */
class CallMeta {
  shapes!: (number[] | null)[];
  dtypes!: (DType | null)[];
  _node!: OpNode;
  _zerosLikeOutput(i: number): Tensor {
    return this._node._zerosLikeOutput(i);
  }
}

/** Saved tensors by name, for the formulas (`s.other`): one small object per backward, getters per op. */
type SavedView = { readonly _s: readonly (SavedTensor | null)[] };
type SavedViewClass = new (s: readonly (SavedTensor | null)[]) => SavedView;

/**
 * What every node of one op shares, worked out once per op definition (not per call): where each
 * saved name comes from (input index, or output number for "result", "result1"...), the class of
 * the formulas' saved-tensor argument, and the per-input formulas and which take the metadata
 * argument. Making it also defines the op's `_saved_<name>` getters (defineSavedAccessor).
 */
export interface OpPlan {
  names: readonly string[];
  /** Per saved name: the input it comes from, or -1 */
  input: readonly number[];
  /** Per saved name: the output it is, or -1 */
  output: readonly number[];
  View: SavedViewClass;
  /** Per input (per-input formulas): its formula, if it has one. */
  formulas: readonly (PerInputFormula | undefined)[];
  /** Per input: whether its formula declares the metadata parameter. */
  takesMeta: readonly boolean[];
}
type PerInputFormula = (g: Tensor, s: Record<string, Tensor>, m: OpMeta) => Tensor | null;
const PLANS = new Map<OpDef<any>, OpPlan>();
/** The plan of `def`'s nodes (made on its first recorded call). */
export function opPlan(def: OpDef<any>): OpPlan {
  let plan = PLANS.get(def);
  if (plan) return plan;
  const names = [...(def.save ?? [])];
  const output = names.map((n) => {
    const m = /^result(\d*)$/.exec(n);
    return m ? (m[1] ? +m[1] : 0) : -1;
  });
  const input = names.map((n, i) => (output[i] >= 0 ? -1 : def.inputs.indexOf(n)));
  // (One class per op from one class expression: its field is assigned, not a class field, as
  // Node's are; see the note there.)
  const View = class {
    declare readonly _s: readonly (SavedTensor | null)[];
    constructor(s: readonly (SavedTensor | null)[]) {
      this._s = s;
    }
  };
  names.forEach((name, k) =>
    Object.defineProperty(View.prototype, name, {
      // Checked against in-place modification by unpackAll before any formula runs.
      get(this: SavedView) {
        return this._s[k]?.tensor ?? null;
      },
    }),
  );
  const bw = def.backward;
  const formulas = def.inputs.map((name) =>
    bw && typeof bw !== "function" ? (bw as Record<string, PerInputFormula | undefined>)[name] : undefined,
  );
  const takesMeta = formulas.map((f) => !!f && f.length > 2);
  for (const name of names) defineSavedAccessor(name);
  plan = { names, input, output, View, formulas, takesMeta };
  PLANS.set(def, plan);
  return plan;
}

/**
 * `grad_fn._saved_<name>`, as PyTorch exposes each saved value (grad_fn._saved_self,
 * ._saved_result): one getter per name on OpNode's prototype, shared by every op that saves that
 * name (undefined on nodes of ops that do not). All table ops' nodes are OpNodes, one class: a class
 * per op would make every node access in the engine megamorphic (a notebook that had run other ops
 * recorded the autograd chain at twice the time per op). dir() lists a node's own names only (__dir__).
 */
function defineSavedAccessor(name: string): void {
  const key = `${SAVED_PREFIX}${name}`;
  if (Object.hasOwn(OpNode.prototype, key)) return;
  Object.defineProperty(OpNode.prototype, key, {
    get(this: OpNode) {
      const k = this._plan.names.indexOf(name);
      if (k < 0) return undefined;
      if (!this._saved) throw new RuntimeError(RELEASED_MESSAGE);
      // An absent optional input (conv's bias) was not saved: None, as in PyTorch.
      const s = this._saved[k];
      return s ? s.unpack(this) : null;
    },
    configurable: true,
  });
}
const SAVED_PREFIX = "_saved_";

/** The formulas' saved-tensor argument for ops that save nothing. */
const NOTHING_SAVED = Object.freeze({}) as Record<string, Tensor>;

// Fields declared and assigned in the constructor, not class fields: see the note on Node.
export class OpNode<A extends object = object> extends Node {
  /** @internal the saved tensors, one per name of the op's save list (null: an absent optional input); null once released */
  declare _saved: (SavedTensor | null)[] | null;
  /** @internal what all nodes of the op share: the names of `_saved`, and how to call the formulas */
  declare readonly _plan: OpPlan;
  declare readonly def: OpDef<A>;
  declare private readonly gradFnName: string;
  /** @internal the call's attributes as the op received them (ops pass fresh objects, never modified later) */
  declare readonly _attrs: A;
  /**
   * @internal input shapes and dtypes (null: an absent optional input); the inputs themselves are
   * not kept. Both null when every input has output 0's shape and dtype.
   */
  declare readonly _inShapes: (number[] | null)[] | null;
  /** @internal */ declare readonly _inDtypes: (DType | null)[] | null;
  // The outputs' shapes and dtypes for zeros in place of a missing gradient (not the outputs: their
  // data must not stay alive with the node). `_outs` only for ops with several outputs.
  /** @internal */ declare readonly _outShape: readonly number[];
  /** @internal */ declare readonly _outDtype: DType;
  /** @internal */ declare readonly _outs: { shapes: readonly (readonly number[])[]; dtypes: readonly DType[] } | null;
  declare private _metaCache: (A & OpMeta) | null;
  constructor(
    def: OpDef<A>,
    next: Edge[],
    plan: OpPlan,
    saved: (SavedTensor | null)[],
    attrs: A,
    inShapes: (number[] | null)[] | null,
    inDtypes: (DType | null)[] | null,
    outputs: readonly Tensor[],
    gradFnName: string,
  ) {
    super(next);
    this.def = def;
    this.gradFnName = gradFnName;
    this._plan = plan;
    this._saved = saved;
    this._attrs = attrs;
    this._inShapes = inShapes;
    this._inDtypes = inDtypes;
    this._outShape = outputs[0]._shape;
    this._outDtype = outputs[0].dtype;
    this._outs =
      outputs.length > 1 ? { shapes: outputs.map((o) => o._shape), dtypes: outputs.map((o) => o.dtype) } : null;
    this._metaCache = null;
  }

  name(): string {
    return this.gradFnName;
  }
  /** Python's `__dir__`: the node's attributes for dir(), with only its own op's `_saved_<name>` (see defineSavedAccessor). */
  __dir__(): string[] {
    const own = this._plan.names;
    return attributeNames(this).filter(
      (k) => !k.startsWith(SAVED_PREFIX) || own.includes(k.slice(SAVED_PREFIX.length)),
    );
  }
  // A few C++-defined nodes report a namespaced name() (torch::autograd::CopyBackwards) but print by class name.
  override get _className(): string {
    return this.gradFnName.replace(/^torch::autograd::/, "");
  }
  override get _numOutputs(): number {
    return this._outs ? this._outs.shapes.length : 1;
  }
  /** @internal Zeros shaped like output i, for an output that got no gradient. */
  _zerosLikeOutput(i: number): Tensor {
    const shape = this._outs ? this._outs.shapes[i] : this._outShape,
      dtype = this._outs ? this._outs.dtypes[i] : this._outDtype;
    return Tensor._fromData(backend().alloc(dtype, numel(shape)), shape, dtype);
  }
  /** @internal The formulas' metadata argument: the attributes plus input shapes and dtypes. */
  get _meta(): A & OpMeta {
    if (this._metaCache) return this._metaCache;
    // Attributes first: a formula may pass its own meta on as the attributes of another op (max
    // pooling's double backward), and this call's metadata must win over the copied one.
    const meta = Object.assign(new CallMeta(), this._attrs);
    // (No shapes kept: every input, one per edge, has output 0's.)
    meta.shapes = this._inShapes ?? new Array<number[]>(this._next.length).fill(this._outShape as number[]);
    meta.dtypes = this._inDtypes ?? new Array<DType>(this._next.length).fill(this._outDtype);
    meta._node = this as unknown as OpNode;
    return (this._metaCache = meta as unknown as A & OpMeta);
  }
  // A node that saved nothing stays usable after backward (its saved_tensors is just empty).
  override _release(): void {
    if (this._saved && this._saved.some((s) => s !== null)) this._saved = null;
  }
  override get _savedTensors(): Tensor[] {
    if (!this._saved) throw new RuntimeError(RELEASED_MESSAGE);
    return this._saved.filter((s) => s !== null).map((s) => s!.unpack(this));
  }
  /**
   * Saved tensors by name, each checked against in-place modification first (all of them, before
   * any formula runs, as PyTorch's generated apply() unpacks its saved variables).
   */
  private unpackAll(): Record<string, Tensor> {
    const saved = this._saved;
    if (!saved) throw new RuntimeError(RELEASED_MESSAGE);
    if (saved.length === 0) return NOTHING_SAVED;
    for (let k = 0; k < saved.length; k++) saved[k]?.unpack(this);
    return new this._plan.View(saved) as unknown as Record<string, Tensor>;
  }

  _apply(gradOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const s = this.unpackAll();
    const bw = this.def.backward!;
    const next = this._next;
    let grads: (Tensor | null)[];
    if (typeof bw === "function") {
      const m = this._meta;
      grads = bw(
        gradOutputs.map((g, i) => g ?? this._zerosLikeOutput(i)),
        s,
        m,
      );
      for (let i = 0; i < grads.length; i++) grads[i] = next[i]?.[0] ? this.fitInput(grads[i], i) : null;
    } else {
      const g = gradOutputs[0] ?? this._zerosLikeOutput(0);
      const { formulas, takesMeta } = this._plan;
      const n = formulas.length;
      grads = new Array<Tensor | null>(n);
      for (let i = 0; i < n; i++) {
        const f = formulas[i];
        // A formula that declares no metadata parameter gets none made for it.
        grads[i] =
          f && next[i][0] ? this.fitInput(f(g, s, takesMeta[i] ? this._meta : (NO_META as A & OpMeta)), i) : null;
      }
    }
    return grads;
  }

  /** Reduces a broadcast gradient to input i's shape and casts it to its dtype, once, here. */
  private fitInput(g: Tensor | null, i: number): Tensor | null {
    if (!g) return null;
    const shape = this._inShapes ? this._inShapes[i] : this._outShape,
      dtype = this._inDtypes ? this._inDtypes[i] : this._outDtype;
    if (shape) g = sumToShape(g, shape as number[]);
    if (dtype && g.dtype !== dtype) g = g.to(dtype);
    return g;
  }
}

/** What a formula without a metadata parameter is passed (it never reads it). */
const NO_META = Object.freeze({}) as OpMeta;
