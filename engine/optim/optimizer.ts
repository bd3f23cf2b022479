/**
 * torch.optim.Optimizer (torch/optim/optimizer.py): param_groups as plain objects, per-parameter
 * state, zero_grad, state_dict / load_state_dict, add_param_group, and PyTorch's repr. Each
 * subclass's `step()` calls a pure update function per parameter group.
 */
import { TypeError as PyTypeError, ValueError, warnOnce } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { enable_grad } from "../autograd/grad_mode.js";
import { pyFloatRepr } from "../format/py_format.js";
import { zeroGrad } from "../nn/module.js";

/** One parameter group: `params` plus the optimizer's hyper-parameters (lr, momentum, ...). */
export interface ParamGroup {
  params: Tensor[];
  [option: string]: unknown;
}
export type ParamsArg = Iterable<Tensor> | Iterable<Partial<ParamGroup> & { params: Iterable<Tensor> | Tensor }>;
export type OptimizerState = Record<string, unknown>;

/** The value as Python's str() shows it in reprs and messages (`0.01`, `1e-08`, `0`, `(0.9, 0.999)`, `False`, `None`). */
export function pyValue(v: unknown, float = false): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isInteger(v) && !float ? String(v) : pyFloatRepr(v);
  if (Array.isArray(v)) return `(${v.map((x) => pyValue(x, float)).join(", ")}${v.length === 1 ? "," : ""})`;
  return String(v);
}
/** Hyper-parameters Python users write as floats (so 1 prints as 1.0 there). */
const FLOAT_KEYS = new Set(["lr", "initial_lr", "eps", "alpha", "betas"]);

export abstract class Optimizer {
  defaults: Record<string, unknown>;
  /** Per-parameter state (e.g. `momentum_buffer`), keyed by the parameter tensor. */
  state = new Map<Tensor, OptimizerState>();
  param_groups: ParamGroup[] = [];
  /** @internal counted for lr_scheduler's "step order" warning */ _step_count = 0;

  constructor(params: ParamsArg, defaults: Record<string, unknown>) {
    this.defaults = defaults;
    if (params instanceof Tensor)
      throw new PyTypeError(
        `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${params.dtype.legacyName}`,
      );
    const groups = [...(params as Iterable<unknown>)];
    if (groups.length === 0) throw new ValueError("optimizer got an empty parameter list");
    const list = groups[0] instanceof Tensor ? [{ params: groups as Tensor[] }] : (groups as ParamGroup[]);
    for (const g of list) this.add_param_group(g);
    // Count steps whatever the subclass's step does (PyTorch wraps step the same way).
    const step = this.step;
    this.step = ((closure?: () => unknown) => {
      this._step_count++;
      return step.call(this, closure);
    }) as this["step"];
  }

  /** Add a group (e.g. when unfreezing layers): missing options take the optimizer's defaults. */
  add_param_group(group: Partial<ParamGroup> & { params: Iterable<Tensor> | Tensor }): void {
    if (typeof group !== "object" || group === null) throw new PyTypeError("param group must be a dict");
    const raw = group.params;
    if (raw instanceof Set)
      throw new PyTypeError(
        "optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.",
      );
    const params = raw instanceof Tensor ? [raw] : [...raw];
    for (const p of params) {
      if (!(p instanceof Tensor))
        throw new PyTypeError(`optimizer can only optimize Tensors, but one of the params is ${typeof p}`);
      if (!this.defaults.differentiable && !(p.is_leaf || p.retains_grad))
        throw new ValueError("can't optimize a non-leaf Tensor");
    }
    const g: ParamGroup = { ...group, params };
    for (const [k, v] of Object.entries(this.defaults)) if (!(k in g)) g[k] = v;
    if (new Set(params).size !== params.length)
      warnOnce(
        "optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information",
      );
    const existing = new Set(this.param_groups.flatMap((x) => x.params));
    if (params.some((p) => existing.has(p)))
      throw new ValueError("some parameters appear in more than one parameter group");
    this.param_groups.push(g);
  }

  /** The state object of a parameter, created empty on first use (Python's defaultdict(dict)). */
  protected stateOf(p: Tensor): OptimizerState {
    let s = this.state.get(p);
    if (!s) {
      s = {};
      this.state.set(p, s);
    }
    return s;
  }

  /**
   * Reset gradients of all optimized parameters: to null by default (PyTorch 2.x; 1.13 zeroed
   * them), or to zero tensors with `{set_to_none: false}`.
   */
  zero_grad(opts: boolean | { set_to_none?: boolean } = {}): void {
    const setToNone = typeof opts === "boolean" ? opts : (opts.set_to_none ?? true);
    for (const g of this.param_groups) for (const p of g.params) zeroGrad(p, setToNone);
  }

  /** Perform one update; `closure` re-evaluates the model and returns the loss. */
  abstract step(closure?: () => unknown): unknown;

  /** @internal run the closure with grad enabled, as Optimizer.step does */
  protected runClosure(closure?: () => unknown): unknown {
    return closure ? enable_grad(() => closure()) : null;
  }

  /** `{state: Map(index -> state), param_groups: [{...options, params: [indices]}]}` as PyTorch's. */
  state_dict(): { state: Map<number, OptimizerState>; param_groups: Record<string, unknown>[] } {
    const index = new Map<Tensor, number>();
    let next = 0;
    const groups = this.param_groups.map((g) => {
      const packed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(g)) if (k !== "params") packed[k] = v;
      for (const p of g.params) if (!index.has(p)) index.set(p, next++);
      packed.params = g.params.map((p) => index.get(p)!);
      return packed;
    });
    const state = new Map<number, OptimizerState>();
    for (const [p, s] of this.state) state.set(index.get(p)!, s);
    return { state, param_groups: groups };
  }

  /** Restore options and state saved by state_dict() (tensors are copied and cast to each parameter's dtype). */
  load_state_dict(sd: {
    state: Map<number, OptimizerState> | Record<string, OptimizerState>;
    param_groups: Record<string, unknown>[];
  }): void {
    const saved = sd.param_groups;
    if (saved.length !== this.param_groups.length)
      throw new ValueError("loaded state dict has a different number of parameter groups");
    this.param_groups.forEach((g, i) => {
      if ((saved[i].params as unknown[]).length !== g.params.length)
        throw new ValueError(
          "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
        );
    });
    const byIndex = new Map<number, Tensor>();
    saved.forEach((sg, i) =>
      (sg.params as number[]).forEach((id, j) => byIndex.set(id, this.param_groups[i].params[j])),
    );
    const entries =
      sd.state instanceof Map
        ? [...sd.state]
        : Object.entries(sd.state).map(([k, v]) => [Number(k), v] as [number, OptimizerState]);
    this.state = new Map();
    for (const [id, s] of entries) {
      const p = byIndex.get(id);
      if (!p) continue;
      const copy: OptimizerState = {};
      // Floating state follows the parameter's dtype, except `step` (as Optimizer.load_state_dict's cast).
      for (const [k, v] of Object.entries(s))
        copy[k] = v instanceof Tensor ? (k !== "step" && v.is_floating_point() ? v.to(p.dtype).clone() : v.clone()) : v;
      this.state.set(p, copy);
    }
    this.param_groups = this.param_groups.map((g, i) => ({ ...saved[i], params: g.params }));
  }

  /** PyTorch's `repr(optimizer)`: each group's options, keys sorted. */
  toString(): string {
    let s = this.constructor.name + " (";
    this.param_groups.forEach((g, i) => {
      s += `\nParameter Group ${i}\n`;
      for (const k of Object.keys(g).sort()) if (k !== "params") s += `    ${k}: ${pyValue(g[k], FLOAT_KEYS.has(k))}\n`;
    });
    return s + ")";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** Python's `str(x)` of a hyper-parameter inside an error message. */
export const argStr = (v: number) => pyValue(v, !Number.isInteger(v));
/** The same for options Python users write as floats (lr, eps, betas, alpha): `-1.0`, not `-1`. */
export const floatStr = (v: number) => pyValue(v, true);
