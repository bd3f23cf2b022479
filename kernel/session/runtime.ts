/**
 * `__gl`: the run-time helpers compiled cells call (kernel/compiler/transform_tensor.ts and
 * transform_scope.ts). The operator helpers serve operands whose static type is any/unknown:
 * they do the tensor operation when a value is a Tensor (Python's rules, reflected operators
 * included), numpy's rules when it is an np array (compiled cells send every array operator
 * here), and plain JavaScript otherwise. The import helpers read the modules the session
 * loaded before the cell ran.
 */
import * as torch from "../../engine/index.js";
import { NotImplementedError, ValueError } from "../../engine/errors.js";
import { Tensor } from "../../engine/tensor/tensor.js";
import type { LoadedModule, ModuleLoader } from "./module_loader.js";

type AnyFn = (...a: unknown[]) => unknown;
type Obj = Record<string, unknown>;

const METHOD: Record<string, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "remainder",
  "**": "pow",
};
const REFLECTED: Record<string, string> = {
  "+": "add",
  "*": "mul",
  "-": "__rsub__",
  "/": "__rtruediv__",
  "**": "__rpow__",
};
const COMPARE: Record<string, string> = { "==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge" };
const SWAPPED: Record<string, string> = { "==": "eq", "!=": "ne", "<": "gt", "<=": "ge", ">": "lt", ">=": "le" };

const JS: Record<string, (a: never, b: never) => unknown> = {
  "+": (a, b) => (a as number) + (b as number),
  "-": (a, b) => (a as number) - (b as number),
  "*": (a, b) => (a as number) * (b as number),
  "/": (a, b) => (a as number) / (b as number),
  "%": (a, b) => (a as number) % (b as number),
  "**": (a, b) => (a as number) ** (b as number),
  // biome-ignore lint/suspicious/noDoubleEquals: the cell's own operator, kept as written
  "==": (a, b) => a == b,
  // biome-ignore lint/suspicious/noDoubleEquals: the cell's own operator, kept as written
  "!=": (a, b) => a != b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

const call = (o: unknown, name: string, ...args: unknown[]) => ((o as Obj)[name] as AnyFn).apply(o, args);
const hasMethod = (o: unknown, name: string) =>
  typeof o === "object" && o !== null && typeof (o as Obj)[name] === "function";

/** An np array (engine/numpy/ndarray.ts), recognised by its tag: numpy may be absent from a build. */
const isNDArray = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && Object.prototype.toString.call(v) === "[object ndarray]";
const NP_METHOD: Record<string, string> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "**": "pow",
  "%": "remainder",
};
const NP_REFLECTED: Record<string, string> = {
  "+": "add",
  "*": "mul",
  "-": "rsub",
  "/": "rdiv",
  "**": "rpow",
  "%": "rremainder",
};
/** Python's in-place operator methods, as NDArray (and any object) may define them. */
const INPLACE: Record<string, string> = {
  "+": "__iadd__",
  "-": "__isub__",
  "*": "__imul__",
  "/": "__itruediv__",
  "**": "__ipow__",
  "%": "__imod__",
};

function npMethod(table: Record<string, string>, op: string): string {
  const m = table[op];
  if (!m) throw new NotImplementedError(`the '${op}' operator is not supported on numpy arrays`);
  return m;
}

/** A tensor with an np array: the array becomes a tensor, as PyTorch's `t + ndarray` (and numpy's deferring to it) do. */
function mixed(a: unknown, b: unknown): [unknown, unknown] {
  if (a instanceof Tensor && isNDArray(b)) return [a, torch.from_numpy(b as never)];
  if (b instanceof Tensor && isNDArray(a)) return [torch.from_numpy(a as never), b];
  return [a, b];
}

/** `a op b` for + - * / % ** with run-time types. */
export function binop(op: string, a: unknown, b: unknown): unknown {
  [a, b] = mixed(a, b);
  if (a instanceof Tensor)
    return op === "+" && typeof b === "string" ? JS[op](a as never, b as never) : call(a, METHOD[op], b);
  if (b instanceof Tensor) {
    if (typeof a === "string") return JS[op](a as never, b as never);
    return op === "%" ? torch.remainder(a as number, b) : call(b, REFLECTED[op], a);
  }
  if (isNDArray(a))
    return op === "+" && typeof b === "string" ? JS[op](a as never, b as never) : call(a, npMethod(NP_METHOD, op), b);
  if (isNDArray(b))
    return typeof a === "string" ? JS[op](a as never, b as never) : call(b, npMethod(NP_REFLECTED, op), a);
  return JS[op](a as never, b as never);
}

/** `a op b` for == != < <= > >=: element-wise on tensors; JavaScript for everything else (null included). */
export function cmp(op: string, a: unknown, b: unknown): unknown {
  if (a === null || a === undefined || b === null || b === undefined) return JS[op](a as never, b as never);
  [a, b] = mixed(a, b);
  if (a instanceof Tensor || isNDArray(a)) return call(a, COMPARE[op], b);
  if (b instanceof Tensor || isNDArray(b)) return call(b, SWAPPED[op], a);
  return JS[op](a as never, b as never);
}

export const neg = (a: unknown): unknown => (a instanceof Tensor || isNDArray(a) ? call(a, "neg") : -(a as number));

/** Python's bool(v) for objects with `__bool__` (tensors) and np arrays, JavaScript truthiness otherwise. */
export function truth(v: unknown): boolean {
  if (hasMethod(v, "__bool__")) return Boolean(call(v, "__bool__"));
  if (isNDArray(v)) {
    const size = v.size as number;
    if (size > 1)
      throw new ValueError(
        "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
      );
    return size === 1 && Boolean(call(v, "item"));
  }
  return Boolean(v);
}

/** `o[k]` through `index`/`__getitem__` for tensors and objects that define it. */
export function getitem(o: unknown, k: unknown): unknown {
  if (o instanceof Tensor) return o.index(k as never);
  if (hasMethod(o, "__getitem__") && !Array.isArray(o)) return call(o, "__getitem__", k);
  return (o as Obj)[k as string];
}

export function setitem(o: unknown, k: unknown, v: unknown): unknown {
  // Tensors and np arrays (engine/numpy/indexing.ts) define __setitem__.
  if (o instanceof Tensor || (hasMethod(o, "__setitem__") && !Array.isArray(o))) call(o, "__setitem__", k, v);
  else (o as Obj)[k as string] = v;
  return v;
}

/** `a op= b` with run-time types: in place on a tensor (returns it), `a op b` otherwise. */
export function iop(op: string, a: unknown, b: unknown): unknown {
  const base = op.slice(0, -1);
  if (a instanceof Tensor) return call(a, METHOD[base] + "_", b);
  if (INPLACE[base] && hasMethod(a, INPLACE[base])) return call(a, INPLACE[base], b);
  return binop(base, a, b);
}

/** `o[k] op= v`, as Python: `o.__setitem__(k, o.__getitem__(k).__iop__(v))`. */
export function isetitem(o: unknown, k: unknown, opOrMethod: string, v: unknown): unknown {
  const method = opOrMethod.endsWith("_") ? opOrMethod : METHOD[opOrMethod.slice(0, -1)] + "_";
  if (o instanceof Tensor) {
    const item = o.index(k as never);
    call(item, method, v);
    o.__setitem__(k as never, item);
    return item;
  }
  const base = opOrMethod.endsWith("_")
    ? Object.keys(METHOD).find((s) => METHOD[s] + "_" === opOrMethod)!
    : opOrMethod.slice(0, -1);
  if (isNDArray(o)) {
    // In place on the selection, then set back: a slice is a view (setting it back is harmless),
    // a mask or an index list is a copy (Python's a[m] += 1 is a.__setitem__(m, a[m].__iadd__(1))).
    const item = getitem(o, k);
    if (isNDArray(item)) return setitem(o, k, iop(base + "=", item, v));
  }
  return setitem(o, k, binop(base, getitem(o, k), v));
}

/** A reflected call that keeps the left-to-right evaluation order: `f() * t` -> `t.mul(f())`. */
export const rcall = (method: string, a: unknown, t: unknown): unknown => call(t, method, a);
export const rmod = (a: unknown, t: Tensor): Tensor => torch.remainder(a as number, t);

/** Options with the default float dtype added (the float-literal rule, kernel/compiler/float_hints.ts). */
export function floatOpts(o?: Record<string, unknown> | null): Record<string, unknown> {
  if (o && o.dtype !== undefined && o.dtype !== null) return o;
  return { ...(o ?? {}), dtype: torch.get_default_dtype() };
}

/** The per-session helper object, with the modules of the cell being run. */
export function createRuntime(loader: ModuleLoader) {
  let modules: LoadedModule[] = [];
  return {
    binop,
    cmp,
    neg,
    truth,
    getitem,
    setitem,
    iop,
    isetitem,
    rcall,
    rmod,
    floatOpts,
    /** @internal The session sets the loaded imports of the cell it is about to run. */
    _setModules(m: LoadedModule[]) {
      modules = m;
    },
    importDefault: (k: number) => modules[k].importDefault(),
    importStar: (k: number) => modules[k].importStar(),
    importNamed: (k: number, name: string) => modules[k].importNamed(name),
    importRequire: (k: number) => modules[k].importRequire(),
    dynamicImport: async (spec: string) => (await loader.load(String(spec), loader.cwd)).importStar(),
  };
}
export type CellRuntime = ReturnType<typeof createRuntime>;
