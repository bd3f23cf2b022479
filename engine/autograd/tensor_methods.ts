/** The autograd methods of Tensor: backward, retain_grad, register_hook. */
import { RuntimeError } from "../errors.js";
import { type Tensor, installMethods } from "../tensor/tensor.js";
import { backward, type BackwardOptions } from "./engine.js";
import { RemovableHandle } from "./node.js";

type Hook = (grad: Tensor) => Tensor | void | undefined;

declare module "../tensor/tensor.js" {
  interface Tensor {
    /**
     * Compute the gradient of this tensor w.r.t. graph leaves and accumulate it into their `.grad`.
     * @example y.backward()  // y must hold one element, otherwise pass `gradient`
     */
    backward(options?: BackwardOptions & { gradient?: Tensor | null }): void;
    backward(
      gradient?: Tensor | null,
      retain_graph?: boolean | null,
      create_graph?: boolean,
      inputs?: Tensor | Tensor[] | null,
    ): void;
    backward(gradient: Tensor | null | undefined, options: BackwardOptions): void;
    /** Keep `.grad` for this non-leaf tensor after backward. */
    retain_grad(): void;
    /** Call `hook(grad)` when this tensor's gradient is computed; returning a tensor replaces it. */
    register_hook(hook: Hook): RemovableHandle;
  }
}

installMethods({
  // PyTorch's positional form (gradient, retain_graph, create_graph, inputs); options objects are
  // bound to it by engine/api/keywords.ts, and `(gradient, {retain_graph})` is kept as well.
  backward(
    this: Tensor,
    gradient?: Tensor | null,
    retain_graph?: boolean | null | BackwardOptions,
    create_graph?: boolean,
    inputs?: Tensor | Tensor[] | null,
  ) {
    const opts =
      retain_graph !== null && typeof retain_graph === "object" ? retain_graph : { retain_graph, create_graph, inputs };
    backward(this, gradient ? [gradient] : null, opts);
  },
  retain_grad(this: Tensor) {
    if (!this.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.is_leaf || this._retainsGrad) return;
    this._retainsGrad = true;
    (this.grad_fn!._retainedOutputs ??= new Map()).set(this.output_nr, this);
  },
  register_hook(this: Tensor, hook: Hook) {
    if (!this.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
    if (this.is_leaf) {
      (this._hooks ??= []).push(hook);
      return new RemovableHandle(() => {
        this._hooks = this._hooks!.filter((h) => h !== hook);
      });
    }
    const node = this.grad_fn!,
      nr = this.output_nr;
    const hooks = (node._tensorPreHooks ??= new Map<number, Hook[]>());
    const list = hooks.get(nr) ?? [];
    list.push(hook);
    hooks.set(nr, list);
    return new RemovableHandle(() =>
      hooks.set(
        nr,
        (hooks.get(nr) ?? []).filter((h) => h !== hook),
      ),
    );
  },
});
