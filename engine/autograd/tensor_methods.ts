/** The autograd methods of Tensor: backward, retain_grad, register_hook. */
import { RuntimeError } from "../errors.js";
import { type Tensor, installMethods } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { backward, type BackwardOptions } from "./engine.js";
import { RemovableHandle } from "./node.js";

type Hook = (grad: Tensor) => Tensor | void | undefined;

/** Keep `.grad` for this non-leaf tensor after backward: `y.retain_grad()`. */
export function retain_grad(self: Tensor): void {
  if (!self.requires_grad) throw new RuntimeError("can't retain_grad on Tensor that has requires_grad=False");
  if (self.is_leaf || self._retainsGrad) return;
  self._retainsGrad = true;
  (self.grad_fn!._retainedOutputs ??= new Map()).set(self.output_nr, self);
}

/** Call `hook(grad)` when this tensor's gradient is computed; returning a tensor replaces it. */
export function register_hook(self: Tensor, hook: Hook): RemovableHandle {
  if (!self.requires_grad) throw new RuntimeError("cannot register a hook on a tensor that doesn't require gradient");
  if (self.is_leaf) {
    (self._hooks ??= []).push(hook);
    return new RemovableHandle(() => {
      self._hooks = self._hooks!.filter((h) => h !== hook);
    });
  }
  const node = self.grad_fn!,
    nr = self.output_nr;
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
}

/** retain_grad and register_hook are methods: the function with the tensor as `this` (tensor/expose.ts). */
const AUTOGRAD_METHODS = { retain_grad, register_hook };
type AutogradMethods = MethodsOf<typeof import("./tensor_methods.js"), keyof typeof AUTOGRAD_METHODS>;

declare module "../tensor/tensor.js" {
  // backward is overloaded (options object, positional, or both): declared here.
  interface Tensor extends AutogradMethods {
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
});

exposeMethods(AUTOGRAD_METHODS);
