/**
 * The node recorded for a call of a table op (ops/define.ts): it holds the op's definition,
 * its saved tensors and attributes, and applies the op's backward formulas. Reducing gradients
 * of broadcast inputs back to their shapes, and casting them to the input dtype, happens here
 * once for every op.
 */
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { Node, RELEASED_MESSAGE, type SavedTensor, type Edge } from "./node.js";
import type { OpDef, OpMeta } from "./op_def.js";
import { sumToShape } from "./sum_to_shape.js";

export class OpNode<A extends object = object> extends Node {
  /** @internal the saved tensors, one per name of the op's save list (null: an absent optional input); null once released */
  _saved: (SavedTensor | null)[] | null;
  /** @internal the names of `_saved`, shared by all nodes of the op */
  readonly _savedNames: readonly string[];
  constructor(
    readonly def: OpDef<A>,
    next: Edge[],
    savedNames: readonly string[],
    saved: (SavedTensor | null)[],
    /** @internal attributes plus input metadata, passed to the formulas */ readonly _meta: A & OpMeta,
    private readonly gradFnName: string,
    private readonly numOutputs: number,
  ) {
    super(next);
    this._savedNames = savedNames;
    this._saved = saved;
  }

  /**
   * A node class for an op that saves `names`: PyTorch exposes each saved value as
   * `_saved_<name>` (grad_fn._saved_self, ._saved_result). The accessors live on the class's
   * prototype, made once per op definition, so recording a node defines no properties.
   */
  static withSavedNames(names: readonly string[]): typeof OpNode {
    if (names.length === 0) return OpNode;
    class SavingOpNode<A extends object = object> extends OpNode<A> {}
    names.forEach((name, k) =>
      Object.defineProperty(SavingOpNode.prototype, `_saved_${name}`, {
        get(this: OpNode) {
          if (!this._saved) throw new RuntimeError(RELEASED_MESSAGE);
          // An absent optional input (conv's bias) was not saved: None, as in PyTorch.
          const s = this._saved[k];
          return s ? s.unpack(this) : null;
        },
      }),
    );
    return SavingOpNode;
  }
  name(): string {
    return this.gradFnName;
  }
  // A few C++-defined nodes report a namespaced name() (torch::autograd::CopyBackwards) but print by class name.
  override get _className(): string {
    return this.gradFnName.replace(/^torch::autograd::/, "");
  }
  override get _numOutputs(): number {
    return this.numOutputs;
  }
  // A node that saved nothing stays usable after backward (its saved_tensors is just empty).
  override _release(): void {
    if (this._saved && this._saved.some((s) => s !== null)) this._saved = null;
  }
  override get _savedTensors(): Tensor[] {
    if (!this._saved) throw new RuntimeError(RELEASED_MESSAGE);
    return this._saved.filter((s) => s !== null).map((s) => s!.unpack(this));
  }
  /** Saved tensors by name, checked against in-place modification. */
  private unpackAll(): Record<string, Tensor> {
    const saved = this._saved;
    if (!saved) throw new RuntimeError(RELEASED_MESSAGE);
    const out: Record<string, Tensor> = {};
    for (let k = 0; k < saved.length; k++) {
      const s = saved[k];
      if (s) out[this._savedNames[k]] = s.unpack(this);
    }
    return out;
  }

  _apply(gradOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const s = this.unpackAll();
    const m = this._meta;
    const bw = this.def.backward!;
    const next = this._next;
    let grads: (Tensor | null)[];
    if (typeof bw === "function") {
      grads = bw(
        gradOutputs.map((g, i) => g ?? m._zerosLikeOutput(i)),
        s,
        m,
      );
      for (let i = 0; i < grads.length; i++) grads[i] = next[i]?.[0] ? this.fitInput(grads[i], i) : null;
    } else {
      const g = gradOutputs[0] ?? m._zerosLikeOutput(0);
      const inputs = this.def.inputs;
      grads = new Array<Tensor | null>(inputs.length);
      for (let i = 0; i < inputs.length; i++) {
        const f = (
          bw as Record<string, ((g: Tensor, s: Record<string, Tensor>, m: A & OpMeta) => Tensor | null) | undefined>
        )[inputs[i]];
        grads[i] = f && next[i][0] ? this.fitInput(f(g, s, m), i) : null;
      }
    }
    return grads;
  }

  /** Reduces a broadcast gradient to input i's shape and casts it to its dtype, once, here. */
  private fitInput(g: Tensor | null, i: number): Tensor | null {
    if (!g) return null;
    const m = this._meta,
      shape = m.shapes[i],
      dtype = m.dtypes[i];
    if (shape) g = sumToShape(g, shape);
    if (dtype && g.dtype !== dtype) g = g.to(dtype);
    return g;
  }
}
