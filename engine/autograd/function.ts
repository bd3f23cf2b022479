/**
 * Custom autograd functions (torch.autograd.Function):
 *
 *   class MyExp extends torch.autograd.Function {
 *     static forward(ctx, i) { const r = i.exp(); ctx.save_for_backward(r); return r; }
 *     static backward(ctx, g) { const [r] = ctx.saved_tensors; return g.mul(r); }
 *   }
 *   MyExp.apply(x)   // tensor([...], grad_fn=<MyExpBackward>)
 */
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { Node, RELEASED_MESSAGE, SavedTensor, gradientEdge, type Edge } from "./node.js";
import { is_grad_enabled, no_grad } from "./grad_mode.js";

/** The `ctx` passed to forward and backward. */
export class FunctionCtx {
  /** One boolean per forward argument: does that argument need a gradient? */
  needs_input_grad: boolean[] = [];
  /** @internal */ _saved: SavedTensor[] | null = [];
  /** @internal */ _dirty = new Set<Tensor>();
  /** @internal */ _nonDifferentiable = new Set<Tensor>();
  /** @internal */ _node: Node | null = null;
  /** Extra attributes users set on ctx (ctx.constant = 5). */
  [key: string]: unknown;

  /** Save tensors for backward; read them back with `ctx.saved_tensors`. */
  save_for_backward(...tensors: (Tensor | null)[]): void {
    this._saved = tensors.map((t) => (t ? new SavedTensor(t, false) : (null as unknown as SavedTensor)));
  }
  /** The tensors passed to save_for_backward (checked against in-place modification). */
  get saved_tensors(): (Tensor | null)[] {
    if (this._saved === null) throw new RuntimeError(RELEASED_MESSAGE);
    return this._saved.map((s) => (s ? s.unpack(this._node!) : null));
  }
  /** Declare inputs that forward modified in place. */
  mark_dirty(...tensors: Tensor[]): void {
    for (const t of tensors) this._dirty.add(t);
  }
  /** Declare outputs that have no gradient (e.g. indices). */
  mark_non_differentiable(...tensors: Tensor[]): void {
    for (const t of tensors) this._nonDifferentiable.add(t);
  }
  set_materialize_grads(_value: boolean): void {}
}

type FunctionClass = {
  name: string;
  forward(ctx: FunctionCtx, ...args: any[]): Tensor | Tensor[];
  backward(ctx: FunctionCtx, ...grads: Tensor[]): Tensor | null | (Tensor | null)[];
};

class CustomFunctionNode extends Node {
  constructor(
    private readonly cls: FunctionClass,
    readonly ctx: FunctionCtx,
    next: Edge[],
    private readonly tensorArgIndex: number[],
    private readonly nArgs: number,
    private readonly nOut: number,
    private readonly outMeta: { shape: number[]; dtype: Tensor["dtype"] }[],
  ) {
    super(next);
  }
  name(): string {
    return `${this.cls.name}Backward`;
  }
  override get _reprName(): string {
    return `torch.autograd.function.${this.cls.name}Backward`;
  }
  override get _numOutputs(): number {
    return this.nOut;
  }
  override _release(): void {
    this.ctx._saved = null;
  }
  override get _savedTensors(): Tensor[] {
    return this.ctx.saved_tensors.filter((t): t is Tensor => t !== null);
  }
  override get _runsUserCode(): boolean {
    return true;
  }
  _apply(gradOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const grads = gradOutputs.map(
      (g, i) =>
        g ??
        Tensor._fromData(
          new this.outMeta[i].dtype.ArrayType(this.outMeta[i].shape.reduce((a, b) => a * b, 1)),
          this.outMeta[i].shape,
          this.outMeta[i].dtype,
        ),
    );
    const r = this.cls.backward(this.ctx, ...grads);
    const list = Array.isArray(r) ? r : [r];
    if (list.length !== this.nArgs)
      throw new RuntimeError(
        `function ${this.name()} returned an incorrect number of gradients (expected ${this.nArgs}, got ${list.length})`,
      );
    return this.tensorArgIndex.map((i) => list[i] ?? null);
  }
}

/** Base class of custom autograd functions; subclasses define static forward and backward. */
export class Function {
  /** Run forward and record a `<Name>Backward` node when an input requires grad. */
  static apply<T extends FunctionClass>(this: T, ...args: unknown[]): any {
    if (this.forward === (Function as unknown as FunctionClass).forward)
      throw new RuntimeError(
        "Legacy autograd function with non-static forward method is deprecated. Please use new-style autograd function with static forward method. (Example: https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)",
      );
    const ctx = new FunctionCtx();
    const grad = is_grad_enabled();
    ctx.needs_input_grad = args.map((a) => grad && a instanceof Tensor && a.requires_grad);
    const tensorArgIndex = args.map((a, i) => (a instanceof Tensor ? i : -1)).filter((i) => i >= 0);
    const raw = no_grad(() => this.forward(ctx, ...args));
    const outs = Array.isArray(raw) ? [...raw] : [raw];
    const record = ctx.needs_input_grad.some(Boolean);
    if (record) {
      const edges = tensorArgIndex.map((i) => gradientEdge(args[i] as Tensor));
      const node = new CustomFunctionNode(
        this,
        ctx,
        edges,
        tensorArgIndex,
        args.length,
        outs.length,
        outs.map((o) => ({ shape: [...o._shape], dtype: o.dtype })),
      );
      ctx._node = node;
      outs.forEach((o, i) => {
        if (ctx._nonDifferentiable.has(o) || !o.dtype.is_floating_point) return;
        // An input returned as is (and not marked dirty) comes back as a new alias, as PyTorch does.
        const isInput = args.includes(o);
        const out = isInput && !ctx._dirty.has(o) ? o.detach() : o;
        if (ctx._dirty.has(o)) {
          out._versionCounter.value++;
        }
        out.grad_fn = node;
        out.output_nr = i;
        out._requiresGrad = true;
        outs[i] = out;
      });
    }
    return Array.isArray(raw) ? outs : outs[0];
  }
  static forward(_ctx: FunctionCtx, ..._args: unknown[]): Tensor | Tensor[] {
    throw new RuntimeError("You must implement the forward function for custom autograd.Function.");
  }
  static backward(_ctx: FunctionCtx, ..._grads: Tensor[]): Tensor | null | (Tensor | null)[] {
    throw new RuntimeError(
      "You must implement either the backward or vjp method for your custom autograd.Function to use it with backward mode AD.",
    );
  }
}

/** Decorator-compatible marker (torch.autograd.function.once_differentiable); the backward still runs normally. */
export function once_differentiable<F>(fn: F): F {
  return fn;
}
