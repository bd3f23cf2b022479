import { strRepr } from "./format/str_repr.js";

/**
 * Python's exception classes, by name. PyTorch raises these (RuntimeError above all), and users
 * see `RuntimeError: <message>` in tracebacks, so `name` is the Python class name.
 */
export class PyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.pyName;
  }
  static pyName = "Exception";
}
export class RuntimeError extends PyError {
  static override pyName = "RuntimeError";
}
export class ValueError extends PyError {
  static override pyName = "ValueError";
}
export class IndexError extends PyError {
  static override pyName = "IndexError";
}
// NOTE: JavaScript has a global TypeError; ours is exported under Python's name for PyTorch parity.
export class TypeError extends PyError {
  static override pyName = "TypeError";
}
export class NotImplementedError extends PyError {
  static override pyName = "NotImplementedError";
}
export class KeyboardInterrupt extends PyError {
  static override pyName = "KeyboardInterrupt";
}
export class AssertionError extends PyError {
  static override pyName = "AssertionError";
}
export class AttributeError extends PyError {
  static override pyName = "AttributeError";
}
/**
 * Python's KeyError(key): its message is the key's repr, so a cell shows `KeyError: 'fc.weight'`
 * (and a message given as the key shows quoted, as Python's does).
 */
export class KeyError extends PyError {
  static override pyName = "KeyError";
  constructor(readonly key: string | number) {
    super(typeof key === "string" ? strRepr(key) : String(key));
  }
}

/** Python's warnings.warn(..., UserWarning): printed to stderr once per distinct message. */
const warned = new Set<string>();
export function warnOnce(message: string, category = "UserWarning"): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.stderr.write(`${category}: ${message}\n`);
}

/**
 * Python's type name for a JS value, as PyTorch's argument errors name it (`not str`):
 * strings are str, null and undefined NoneType, integer-valued numbers int, others float.
 */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return "NoneType";
  switch (typeof v) {
    case "string":
      return "str";
    case "number":
      return Number.isInteger(v) ? "int" : "float";
    case "bigint":
      return "int";
    case "boolean":
      return "bool";
    case "function":
      return "function";
    case "symbol":
      return "symbol";
  }
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return "list";
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return "dict";
  return (proto.constructor as { pyName?: string; name?: string }).name ?? "object";
}

const ARGUMENT = Symbol("gradlab.argument");
type Marked = Error & { [ARGUMENT]?: { fn: string; pos: number } | null };

/**
 * A TypeError about argument `pos` of `fn` (`add(): argument 'other' (position 2) ...`), its
 * position counted as in the function form, `torch.add(input, other)`. Called as a method
 * (`x.add("a")`) PyTorch counts from after `self`: the method wrappers renumber it on the way out
 * (`asMethodError`), so the ops need not know how they were called.
 */
export function argumentError(message: (position: number) => string, fn: string, pos: number): TypeError {
  const e: Marked = new TypeError(message(pos));
  e[ARGUMENT] = { fn, pos };
  return e as TypeError;
}

/** `e` as raised by the method `method` of a Tensor: its argument position counted from after `self`. */
export function asMethodError(e: unknown, method: string): unknown {
  const arg = (e as Marked | null)?.[ARGUMENT];
  if (!arg || arg.fn !== method || arg.pos <= 1) return e;
  const err = e as Marked;
  err[ARGUMENT] = null; // renumbered once, by the outermost method of that name
  const from = `(position ${arg.pos})`,
    to = `(position ${arg.pos - 1})`;
  err.message = err.message.replace(from, to);
  if (typeof err.stack === "string") err.stack = err.stack.replace(from, to);
  return err;
}
