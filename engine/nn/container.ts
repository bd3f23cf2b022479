/**
 * Containers (torch/nn/modules/container.py): Sequential, ModuleList, ModuleDict. Children are
 * attributes named "0", "1", ... (or by key), so `seq[0]` and `dict.conv` work as in Python.
 */
import { IndexError, TypeError as PyTypeError } from "../errors.js";
import { Module, addIndent } from "./module.js";
import { KeyError } from "../errors.js";

function wrapIndex(i: number, n: number): number {
  const j = i < 0 ? i + n : i;
  if (!Number.isInteger(i) || j < 0 || j >= n) throw new IndexError(`index ${i} is out of range`);
  return j;
}

/** Own child modules in attribute order, as an array. */
function members(m: Module): Module[] {
  return m._own().modules.map(([, c]) => c);
}

/** Unregister a child (deleting the attribute is how a module forgets it, as Python's `del`). */
function removeChild(m: Module, key: string): void {
  delete (m as unknown as Record<string, unknown>)[key];
}

/** Remove all children and re-register `mods` as "0", "1", ... */
function renumber(m: Module, mods: Module[]): void {
  for (const [k] of m._own().modules) removeChild(m, k);
  mods.forEach((c, i) => m.add_module(String(i), c));
}

/**
 * What Sequential and ModuleList share: children "0", "1", ... with Python's list operations.
 * Internal (not a PyTorch class): a Sequential is still not a ModuleList.
 */
abstract class NumberedChildren extends Module {
  [index: number]: Module;
  /** Python's `seq[i]` with negative indices. */
  at(i: number): Module {
    const ms = members(this);
    return ms[wrapIndex(i, ms.length)];
  }
  append(module: Module): this {
    this.add_module(String(members(this).length), module);
    return this;
  }
  extend(modules: Iterable<Module>): this {
    for (const m of modules) this.append(m);
    return this;
  }
  insert(index: number, module: Module): this {
    const ms = members(this);
    const j = index < 0 ? Math.max(0, index + ms.length) : Math.min(index, ms.length);
    ms.splice(j, 0, module);
    renumber(this, ms);
    return this;
  }
  __len__(): number {
    return members(this).length;
  }
  [Symbol.iterator](): Iterator<Module> {
    return members(this)[Symbol.iterator]();
  }
}

/**
 * Modules applied one after another.
 * @example const model = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 1))
 * @example new nn.Sequential(new Map([["fc", new nn.Linear(3, 4)], ["act", new nn.ReLU()]]))
 */
export class Sequential extends NumberedChildren {
  constructor(...args: (Module | Map<string, Module>)[]) {
    super();
    if (args.length === 1 && args[0] instanceof Map) for (const [k, m] of args[0]) this.add_module(k, m);
    else
      args.forEach((m, i) => {
        if (!(m instanceof Module)) throw new PyTypeError(`${typeof m} is not a Module subclass`);
        this.add_module(String(i), m);
      });
  }
  override forward(input: any): any {
    for (const m of members(this)) input = m(input);
    return input;
  }
  /** Python's `seq[a:b]`: a new Sequential of the same children (keys kept). */
  slice(start?: number, end?: number): Sequential {
    const own = this._own().modules.slice(start, end);
    return new Sequential(new Map(own));
  }
}

/**
 * A list of submodules (registered, unlike a plain array).
 * @example this.layers = new nn.ModuleList([new nn.Linear(3, 3), new nn.Linear(3, 3)])
 */
export class ModuleList extends NumberedChildren {
  constructor(modules: Iterable<Module> = []) {
    super();
    for (const m of modules) this.append(m);
  }
  pop(index = -1): Module {
    const ms = members(this),
      j = wrapIndex(index, ms.length);
    const [m] = ms.splice(j, 1);
    renumber(this, ms);
    return m;
  }
  /**
   * NOTE: PyTorch 2.x's ModuleList repr, which folds runs of identical children into
   * `(0-2): 3 x Linear(...)`; 1.13 printed every child (identical when no two neighbours repeat).
   */
  override toString(): string {
    const reprs = members(this).map((m) => String(m));
    if (!reprs.length) return this._get_name() + "()";
    const blocks: [number, number, string][] = [];
    reprs.forEach((r, i) => {
      const last = blocks[blocks.length - 1];
      if (last && last[2] === r) last[1] = i;
      else blocks.push([i, i, r]);
    });
    const lines = blocks.map(([a, b, r]) =>
      addIndent(a === b ? `(${a}): ${r}` : `(${a}-${b}): ${b - a + 1} x ${r}`, 2),
    );
    return `${this._get_name()}(\n  ${lines.join("\n  ")}\n)`;
  }
}

/**
 * An ordered dict of submodules.
 * @example const heads = new nn.ModuleDict({cls: new nn.Linear(8, 3), box: new nn.Linear(8, 4)}); heads.get("cls")
 */
export class ModuleDict extends Module {
  constructor(modules: Map<string, Module> | Record<string, Module> = {}) {
    super();
    this.update(modules);
  }
  get(key: string): Module {
    const m = this._own().modules.find(([k]) => k === key);
    if (!m) throw new KeyError(key);
    return m[1];
  }
  set(key: string, module: Module): this {
    this.add_module(key, module);
    return this;
  }
  has(key: string): boolean {
    return this._own().modules.some(([k]) => k === key);
  }
  pop(key: string): Module {
    const m = this.get(key);
    removeChild(this, key);
    return m;
  }
  clear(): void {
    for (const [k] of this._own().modules) removeChild(this, k);
  }
  keys(): string[] {
    return this._own().modules.map(([k]) => k);
  }
  values(): Module[] {
    return members(this);
  }
  items(): [string, Module][] {
    return this._own().modules;
  }
  update(modules: Map<string, Module> | Record<string, Module>): void {
    for (const [k, m] of modules instanceof Map ? modules : Object.entries(modules)) this.add_module(k, m);
  }
  __len__(): number {
    return members(this).length;
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
}
