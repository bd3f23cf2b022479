/**
 * nn.Module, shaped like torch/nn/modules/module.py. Instances are callable (`model(x)` runs
 * the forward pre-hooks, `forward`, then the forward hooks): the constructor returns a function
 * object whose prototype is the subclass's prototype, so `instanceof`, methods and fields all
 * work, and TypeScript types the call from `forward` through the merged call signature.
 *
 * Registration is by assignment, as in Python: an attribute holding an `nn.Parameter` is a
 * parameter, one holding a Module is a submodule, and tensors registered with `register_buffer`
 * are buffers. Attribute order is registration order (JavaScript keeps insertion order).
 */
import {
  AttributeError,
  KeyError,
  NotImplementedError,
  RuntimeError,
  TypeError as PyTypeError,
  ValueError,
  pyTypeName,
} from "../errors.js";
import { DType, float16, float32, float64 } from "../tensor/dtype.js";
import { Device, Tensor, gradHandedOut } from "../tensor/tensor.js";
import { backend } from "../backend/index.js";
import { checkDevice, noCuda, type DeviceLike } from "../tensor/device.js";
import { RemovableHandle } from "../autograd/node.js";
import { no_grad } from "../autograd/grad_mode.js";
import { tuple } from "../format/py_repr.js";
import { pyFloatRepr } from "../format/py_format.js";
import { Parameter } from "./parameter.js";
import { IncompatibleKeys, StateDict, asEntries } from "./state_dict.js";

type ForwardHook = (module: Module, input: unknown[], output: unknown) => unknown;
type ForwardPreHook = (module: Module, input: unknown[]) => unknown;

/** Internal per-module state, kept off the enumerable attributes. */
interface ModuleState {
  buffers: Set<string>;
  nonPersistent: Set<string>;
  forwardHooks: Map<number, ForwardHook>;
  preHooks: Map<number, ForwardPreHook>;
}
let nextHookId = 0;

const hidden = (o: object, key: string, value: unknown) =>
  Object.defineProperty(o, key, { value, writable: true, configurable: true, enumerable: false });

/** Python's torch.nn.modules.module._addindent: indent every line but the first. */
export function addIndent(s: string, n: number): string {
  const lines = s.split("\n");
  if (lines.length === 1) return s;
  return (
    lines[0] +
    "\n" +
    lines
      .slice(1)
      .map((l) => " ".repeat(n) + l)
      .join("\n")
  );
}

/** How a Python value prints inside an extra_repr: ints, floats (`1e-05`), tuples `(3, 3)`, True/None. */
export function pyArg(v: unknown, float = false): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return float || !Number.isInteger(v) ? pyFloatRepr(v) : String(v);
  if (Array.isArray(v))
    return v.length === 1 ? `(${pyArg(v[0], float)},)` : `(${v.map((x) => pyArg(x, float)).join(", ")})`;
  return String(v);
}

export interface Module {
  /** Calling a module runs its forward (with hooks): `model(x)`. */
  (...args: Parameters<this["forward"]>): ReturnType<this["forward"]>;
}

/**
 * Base class for all neural network modules.
 * @example
 * class Net extends nn.Module {
 *   fc = new nn.Linear(3, 1);
 *   forward(x: torch.Tensor) { return this.fc(x).relu(); }
 * }
 * const y = new Net()(torch.randn(2, 3));
 */
/** `named_parameters`/`named_buffers` by name (PyTorch's keyword arguments). */
type NamedOptions = { prefix?: string; recurse?: boolean; remove_duplicate?: boolean };

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface adds the call signature that the constructor's proxy provides
export class Module {
  /** True in training mode (dropout active, batch norm uses batch statistics). */
  declare training: boolean;
  /** @internal */ declare _m: ModuleState;

  constructor() {
    const self = ((...args: unknown[]) => (self as unknown as Module)._call_impl(...args)) as unknown as Record<
      string,
      unknown
    >;
    // A function's own `name`/`length` would shadow module attributes of the same names.
    delete self.name;
    delete self.length;
    Object.setPrototypeOf(self, new.target.prototype);
    hidden(self, "training", true);
    hidden(self, "_m", {
      buffers: new Set(),
      nonPersistent: new Set(),
      forwardHooks: new Map(),
      preHooks: new Map(),
    } satisfies ModuleState);
    // biome-ignore lint/correctness/noConstructorReturn: a module is callable (`model(x)`), so the constructor returns the callable proxy
    return self as unknown as Module;
  }

  /** Defines the computation; every subclass overrides it. */
  forward(..._args: any[]): any {
    throw new NotImplementedError(`Module [${this._get_name()}] is missing the required "forward" function`);
  }

  /** @internal `module(...)`: pre-hooks, forward, hooks (torch's Module._call_impl). */
  _call_impl(...args: unknown[]): unknown {
    let input = args;
    for (const hook of this._m.preHooks.values()) {
      const r = hook(this, tuple([...input]));
      if (r !== undefined && r !== null) input = Array.isArray(r) ? r : [r];
    }
    let out = this.forward(...input);
    for (const hook of this._m.forwardHooks.values()) {
      const r = hook(this, tuple([...input]), out);
      if (r !== undefined && r !== null) out = r;
    }
    return out;
  }

  // ---- registration --------------------------------------------------------------------------------------

  // NOTE: the options-object forms below reach the implementations as PyTorch's positional arguments:
  // engine/index.ts binds nn.Module's methods (api/keywords.ts). The overloads only type them.
  /** Register (or clear, with null) a parameter under `name`. */
  register_parameter(options: { name: string; param: Parameter | null }): void;
  register_parameter(name: string, options: { param: Parameter | null }): void;
  register_parameter(name: string, param: Parameter | null): void;
  register_parameter(name: string | object, param?: Parameter | null | object): void {
    if (param !== null && !(param instanceof Parameter))
      throw new PyTypeError(
        `cannot assign '${param === undefined ? "undefined" : ((param as Tensor).dtype?.legacyName ?? typeof param)}' object to parameter '${String(name)}' (torch.nn.Parameter or None required)`,
      );
    this.checkName("parameter", name as string);
    (this as unknown as Record<string, unknown>)[name as string] = param;
  }
  /** Register a tensor that is state but not a parameter (e.g. BatchNorm's running_mean). */
  register_buffer(options: { name: string; tensor: Tensor | null; persistent?: boolean }): void;
  register_buffer(name: string, options: { tensor: Tensor | null; persistent?: boolean }): void;
  register_buffer(name: string, tensor: Tensor | null, options: { persistent?: boolean }): void;
  register_buffer(name: string, tensor: Tensor | null, persistent?: boolean): void;
  register_buffer(name: string | object, tensor?: Tensor | null | object, persistent: boolean | object = true): void {
    this.checkName("buffer", name as string);
    if (tensor !== null && !(tensor instanceof Tensor))
      throw new PyTypeError(
        `cannot assign '${typeof tensor}' object to buffer '${name}' (torch Tensor or None required)`,
      );
    const key = name as string;
    this._m.buffers.add(key);
    if (persistent) this._m.nonPersistent.delete(key);
    else this._m.nonPersistent.add(key);
    (this as unknown as Record<string, unknown>)[key] = tensor;
  }
  /** Register a child module under `name` (the same as assigning it). */
  add_module(options: { name: string; module: Module | null }): void;
  add_module(name: string, options: { module: Module | null }): void;
  add_module(name: string, module: Module | null): void;
  add_module(name: string | object, module?: Module | null | object): void {
    if (module !== null && !(module instanceof Module))
      throw new PyTypeError(`${typeof module} is not a Module subclass`);
    this.checkName("module", name as string);
    (this as unknown as Record<string, unknown>)[name as string] = module;
  }
  register_module(options: { name: string; module: Module | null }): void;
  register_module(name: string, options: { module: Module | null }): void;
  register_module(name: string, module: Module | null): void;
  register_module(name: string | object, module?: Module | null | object): void {
    this.add_module(name as string, module as Module | null);
  }
  /** PyTorch's checks of a parameter's, buffer's or module's name, in its words for each. */
  private checkName(kind: "parameter" | "buffer" | "module", name: string): void {
    if (typeof name !== "string") throw new PyTypeError(`${kind} name should be a string. Got ${pyTypeName(name)}`);
    if (name.includes("."))
      throw new KeyError(`${kind} name can't contain "."${kind === "module" ? `, got: ${name}` : ""}`);
    if (name === "") throw new KeyError(`${kind} name can't be empty string ""`);
  }

  /** @internal own parameters, buffers and children in attribute order */
  _own(): { params: [string, Parameter | null][]; buffers: [string, Tensor | null][]; modules: [string, Module][] } {
    const params: [string, Parameter | null][] = [],
      buffers: [string, Tensor | null][] = [],
      modules: [string, Module][] = [];
    const rec = this as unknown as Record<string, unknown>;
    for (const key of Object.keys(this)) {
      const v = rec[key];
      if (v instanceof Parameter) params.push([key, v]);
      else if (this._m.buffers.has(key)) buffers.push([key, (v as Tensor | null) ?? null]);
      else if (v instanceof Module) modules.push([key, v]);
    }
    return { params, buffers, modules };
  }

  // ---- traversal ------------------------------------------------------------------------------------------

  named_children(): [string, Module][] {
    const seen = new Set<Module>();
    return this._own().modules.filter(([, m]) => (seen.has(m) ? false : (seen.add(m), true)));
  }
  children(): Module[] {
    return this.named_children().map(([, m]) => m);
  }

  /** All modules of the tree (this one first) with dotted names, each once. */
  named_modules(options: { memo?: Set<Module>; prefix?: string; remove_duplicate?: boolean }): [string, Module][];
  named_modules(memo: Set<Module>, options: { prefix?: string; remove_duplicate?: boolean }): [string, Module][];
  named_modules(memo: Set<Module>, prefix: string, options: { remove_duplicate?: boolean }): [string, Module][];
  named_modules(memo?: Set<Module>, prefix?: string, remove_duplicate?: boolean): [string, Module][];
  named_modules(
    memoArg?: Set<Module> | object,
    prefixArg?: string | object,
    dedupArg?: boolean | object,
  ): [string, Module][] {
    const memo = memoArg instanceof Set ? (memoArg as Set<Module>) : new Set<Module>(),
      prefix = (prefixArg as string | undefined) ?? "",
      remove_duplicate = (dedupArg as boolean | undefined) ?? true;
    const out: [string, Module][] = [];
    if (remove_duplicate && memo.has(this)) return out;
    if (remove_duplicate) memo.add(this);
    out.push([prefix, this]);
    for (const [name, m] of this._own().modules)
      out.push(...m.named_modules(memo, prefix ? `${prefix}.${name}` : name, remove_duplicate));
    return out;
  }
  modules(): Module[] {
    return this.named_modules().map(([, m]) => m);
  }

  private namedMembers<T>(
    get: (m: Module) => [string, T | null][],
    prefix: string,
    recurse: boolean,
    removeDuplicate = true,
  ): [string, T][] {
    const seen = new Set<T>(),
      out: [string, T][] = [];
    const mods = recurse
      ? this.named_modules(new Set(), prefix, removeDuplicate)
      : [[prefix, this] as [string, Module]];
    for (const [mp, m] of mods)
      for (const [k, v] of get(m)) {
        if (v === null || (removeDuplicate && seen.has(v))) continue;
        seen.add(v);
        out.push([mp ? `${mp}.${k}` : k, v]);
      }
    return out;
  }
  // NOTE: the options-object forms (`named_parameters({prefix: "net"})`) reach these methods as PyTorch's
  // positional arguments: engine/index.ts binds nn.Module's methods (api/keywords.ts). The overloads type them.
  /** `[name, parameter]` pairs, e.g. `["fc.weight", Parameter]`, each parameter once. */
  named_parameters(options: NamedOptions): [string, Parameter][];
  named_parameters(prefix: string, options: { recurse?: boolean; remove_duplicate?: boolean }): [string, Parameter][];
  named_parameters(prefix: string, recurse: boolean, options: { remove_duplicate?: boolean }): [string, Parameter][];
  named_parameters(prefix?: string, recurse?: boolean, remove_duplicate?: boolean): [string, Parameter][];
  named_parameters(
    prefix: string | NamedOptions = "",
    recurse: boolean | object = true,
    remove_duplicate: boolean | object = true,
  ): [string, Parameter][] {
    return this.namedMembers((m) => m._own().params, prefix as string, recurse as boolean, remove_duplicate as boolean);
  }
  /** The parameters of this module and its submodules (what an optimizer takes). */
  parameters(options: { recurse?: boolean }): Parameter[];
  parameters(recurse?: boolean): Parameter[];
  parameters(recurse: boolean | { recurse?: boolean } = true): Parameter[] {
    return this.named_parameters("", recurse as boolean).map(([, p]) => p);
  }
  named_buffers(options: NamedOptions): [string, Tensor][];
  named_buffers(prefix: string, options: { recurse?: boolean; remove_duplicate?: boolean }): [string, Tensor][];
  named_buffers(prefix: string, recurse: boolean, options: { remove_duplicate?: boolean }): [string, Tensor][];
  named_buffers(prefix?: string, recurse?: boolean, remove_duplicate?: boolean): [string, Tensor][];
  named_buffers(
    prefix: string | NamedOptions = "",
    recurse: boolean | object = true,
    remove_duplicate: boolean | object = true,
  ): [string, Tensor][] {
    return this.namedMembers(
      (m) => m._own().buffers,
      prefix as string,
      recurse as boolean,
      remove_duplicate as boolean,
    );
  }
  buffers(options: { recurse?: boolean }): Tensor[];
  buffers(recurse?: boolean): Tensor[];
  buffers(recurse: boolean | { recurse?: boolean } = true): Tensor[] {
    return this.named_buffers("", recurse as boolean).map(([, b]) => b);
  }
  /** Python's getattr(model, "layer1.0.conv1") for modules. */
  get_submodule(options: { target: string }): Module;
  get_submodule(target: string): Module;
  get_submodule(target: string | { target: string }): Module {
    if (typeof target !== "string") target = target.target;
    if (target === "") return this;
    let mod: Module = this;
    for (const item of target.split(".")) {
      const next = (mod as unknown as Record<string, unknown>)[item];
      if (next === undefined) throw new AttributeError(`${mod._get_name()} has no attribute \`${item}\``);
      if (!(next instanceof Module)) throw new AttributeError(`\`${item}\` is not an nn.Module`);
      mod = next;
    }
    return mod;
  }

  // ---- modes and bulk updates ------------------------------------------------------------------------------

  /** Set training mode on this module and all submodules; returns this. */
  train(options: { mode?: boolean }): this;
  train(mode?: boolean): this;
  train(mode: boolean | { mode?: boolean } = true): this {
    if (typeof mode !== "boolean") throw new ValueError("training mode is expected to be boolean");
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }
  /** Evaluation mode (`train(false)`); returns this. */
  eval(): this {
    return this.train(false);
  }
  /** Set requires_grad on every parameter; returns this. */
  requires_grad_(options: { requires_grad?: boolean }): this;
  requires_grad_(requires_grad?: boolean): this;
  requires_grad_(requires_grad: boolean | { requires_grad?: boolean } = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad as boolean);
    return this;
  }
  /**
   * Reset the gradients of all parameters: to null by default (PyTorch 2.x; 1.13 zeroed them),
   * or to zeros with `{set_to_none: false}`.
   */
  zero_grad(opts: boolean | { set_to_none?: boolean } = {}): void {
    const setToNone = typeof opts === "boolean" ? opts : (opts.set_to_none ?? true);
    for (const p of this.parameters()) zeroGrad(p, setToNone);
  }
  /** Call fn on every submodule (children first) and then on this module; returns this. */
  apply(options: { fn: (m: Module) => void }): this;
  apply(fn: (m: Module) => void): this;
  apply(fn: ((m: Module) => void) | { fn: (m: Module) => void }): this {
    if (typeof fn !== "function") fn = fn.fn;
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }
  /** @internal apply fn to every parameter (in place, keeping the Parameter), grad and buffer. */
  _apply(fn: (t: Tensor) => Tensor): this {
    for (const m of this.children()) m._apply(fn);
    no_grad(() => {
      for (const [, p] of this._own().params) {
        if (!p) continue;
        (p as unknown as { data: Tensor }).data = fn(p);
        if (p._grad) p._grad = fn(p._grad);
      }
      const rec = this as unknown as Record<string, unknown>;
      for (const [k, b] of this._own().buffers) if (b) rec[k] = fn(b);
    });
    return this;
  }
  /**
   * `model.to(device)`, `model.to(torch.float64)`, `model.to(device, dtype)`, `model.to({device, dtype})`: moves
   * parameters and buffers (the CPU is the only device: "cuda" fails as a CPU-only PyTorch does) and casts the
   * floating-point ones in place.
   */
  to(options: { device?: DeviceLike | null; dtype?: DType | null; tensor?: Tensor; non_blocking?: boolean }): this;
  to(dtypeOrTensor: DType | Tensor, options: { non_blocking?: boolean }): this;
  to(dtypeOrTensor: DType | Tensor, non_blocking?: boolean): this;
  to(device: DeviceLike | null, dtype: DType | null, options: { non_blocking?: boolean }): this;
  to(device: DeviceLike | null, dtype?: DType | null, non_blocking?: boolean): this;
  to(
    arg: DType | DeviceLike | Tensor | { dtype?: DType | null; device?: DeviceLike | null } | null,
    dtype?: DType | boolean | null | object,
    _non_blocking?: boolean | object,
  ): this {
    // `to(torch.float64, non_blocking)`: the second argument is non_blocking, which the CPU ignores.
    let d: DType | undefined | null = dtype instanceof DType ? dtype : null;
    // `to({dtype})` arrives as `to(undefined, dtype)` (PyTorch's `to(device=None, dtype=None)`, api/keywords.ts).
    if (arg == null) {
      /* no device */
    } else if (arg instanceof DType) d = arg;
    else if (arg instanceof Tensor) d = arg.dtype;
    else if (typeof arg === "string" || arg instanceof Device || typeof (arg as { type?: unknown }).type === "string")
      checkDevice(arg as DeviceLike);
    else {
      const o = arg as { dtype?: DType | null; device?: DeviceLike | null };
      checkDevice(o.device);
      d = o.dtype ?? d;
    }
    if (!d) return this;
    if (!d.is_floating_point)
      throw new PyTypeError(
        `nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.${d.name}`,
      );
    return this._apply((t) => (t.dtype.is_floating_point ? t.to(d!) : t));
  }
  double(): this {
    return this.to(float64);
  }
  float(): this {
    return this.to(float32);
  }
  half(): this {
    return this.to(float16);
  }
  cpu(): this {
    return this;
  }
  cuda(): this {
    return noCuda();
  }

  // ---- state dict ------------------------------------------------------------------------------------------

  /** Parameters and persistent buffers by dotted name (detached unless keep_vars), as an OrderedDict. */
  state_dict(opts: { prefix?: string; keep_vars?: boolean; destination?: StateDict } = {}): StateDict {
    const dest = opts.destination ?? new StateDict();
    const prefix = opts.prefix ?? "";
    const own = this._own();
    for (const [k, p] of own.params) if (p) dest.set(prefix + k, opts.keep_vars ? p : p.detach());
    for (const [k, b] of own.buffers)
      if (b && !this._m.nonPersistent.has(k)) dest.set(prefix + k, opts.keep_vars ? b : b.detach());
    for (const [k, m] of own.modules)
      m.state_dict({ prefix: `${prefix}${k}.`, keep_vars: opts.keep_vars, destination: dest });
    return dest;
  }

  /** Copy parameters and buffers from a state dict; with strict (default) every key must match. `strict` or `{strict}`. */
  load_state_dict(options: {
    state_dict: Map<string, Tensor> | Record<string, Tensor>;
    strict?: boolean;
  }): IncompatibleKeys;
  load_state_dict(
    state_dict: Map<string, Tensor> | Record<string, Tensor>,
    strictOrOptions?: boolean | { strict?: boolean },
  ): IncompatibleKeys;
  load_state_dict(
    state_dict: Map<string, Tensor> | Record<string, Tensor> | object,
    strictOrOptions: boolean | { strict?: boolean } = true,
  ): IncompatibleKeys {
    const strict = typeof strictOrOptions === "boolean" ? strictOrOptions : (strictOrOptions.strict ?? true);
    const sd = asEntries(state_dict as Map<string, Tensor> | Record<string, Tensor>);
    const missing: string[] = [],
      unexpected: string[] = [],
      errors: string[] = [];
    const load = (m: Module, prefix: string) => {
      const own = m._own();
      const local = new Map<string, Tensor>();
      for (const [k, p] of own.params) if (p) local.set(k, p);
      for (const [k, b] of own.buffers) if (b && !m._m.nonPersistent.has(k)) local.set(k, b);
      for (const [name, param] of local) {
        const key = prefix + name;
        if (!sd.has(key)) {
          missing.push(key);
          continue;
        }
        let input = sd.get(key)!;
        if (!(input instanceof Tensor)) {
          errors.push(
            `While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${typeof input}`,
          );
          continue;
        }
        if (param._shape.length === 0 && input._shape.length === 1) input = input.select(0, 0);
        if (input._shape.join() !== param._shape.join()) {
          errors.push(
            `size mismatch for ${key}: copying a param with shape ${input.shape} from checkpoint, the shape in current model is ${param.shape}.`,
          );
          continue;
        }
        no_grad(() => param.copy_(input));
      }
      const children = new Set(own.modules.map(([k]) => k));
      for (const key of sd.keys()) {
        if (!key.startsWith(prefix)) continue;
        const first = key.slice(prefix.length).split(".")[0];
        if (!children.has(first) && !local.has(first)) unexpected.push(key);
      }
      for (const [k, child] of own.modules) load(child, `${prefix}${k}.`);
    };
    load(this, "");
    if (strict) {
      if (unexpected.length)
        errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(", ")}. `);
      if (missing.length) errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(", ")}. `);
    }
    if (errors.length)
      throw new RuntimeError(`Error(s) in loading state_dict for ${this._get_name()}:\n\t${errors.join("\n\t")}`);
    return new IncompatibleKeys(missing, unexpected);
  }

  // ---- hooks -----------------------------------------------------------------------------------------------

  /** hook(module, input, output) after every forward; a non-null return value replaces the output. */
  register_forward_hook(hook: ForwardHook): RemovableHandle {
    const id = nextHookId++;
    this._m.forwardHooks.set(id, hook);
    return new RemovableHandle(() => {
      this._m.forwardHooks.delete(id);
    });
  }
  /** hook(module, input) before every forward; a non-null return value replaces the input (an array for several). */
  register_forward_pre_hook(hook: ForwardPreHook): RemovableHandle {
    const id = nextHookId++;
    this._m.preHooks.set(id, hook);
    return new RemovableHandle(() => {
      this._m.preHooks.delete(id);
    });
  }

  // ---- printing --------------------------------------------------------------------------------------------

  _get_name(): string {
    return this.constructor.name;
  }
  /** The text inside the parentheses of this module's repr, e.g. `in_features=3, out_features=4, bias=True`. */
  extra_repr(): string {
    return "";
  }
  /** PyTorch's module tree repr (torch's Module.__repr__). */
  toString(): string {
    const extra = this.extra_repr();
    const extraLines = extra ? extra.split("\n") : [];
    const childLines = this._own().modules.map(([k, m]) => `(${k}): ${addIndent(String(m), 2)}`);
    const lines = [...extraLines, ...childLines];
    let main = this._get_name() + "(";
    if (lines.length) {
      if (extraLines.length === 1 && !childLines.length) main += extraLines[0];
      else main += "\n  " + lines.join("\n  ") + "\n";
    }
    return main + ")";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
  /** Python's str(): what print(model) shows (modules are functions, so py_repr's object path misses them). */
  __str__(): string {
    return this.toString();
  }
}

/** Optimizer.zero_grad / Module.zero_grad on one parameter. */
export function zeroGrad(p: Tensor, setToNone: boolean): void {
  const g = p._grad;
  if (!g) return;
  if (setToNone) {
    p._grad = null;
    // A gradient nobody was handed is held by nothing else now (AccumulateGrad took it only when
    // the engine alone held it): its storage serves the next step's gradient instead of waiting
    // for the garbage collector (ResNet-18's 46 MB of weight gradients every step).
    if (!gradHandedOut(g) && g._base === null && g.numel() === g._storage.data.length && !g.requires_grad)
      backend().release(g._storage.data);
    return;
  }
  if (g.grad_fn) p._grad = g.detach();
  else g.requires_grad_(false);
  no_grad(() => p._grad!.zero_());
}
