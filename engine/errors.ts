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
export class RuntimeError extends PyError { static override pyName = "RuntimeError"; }
export class ValueError extends PyError { static override pyName = "ValueError"; }
export class IndexError extends PyError { static override pyName = "IndexError"; }
// NOTE: JavaScript has a global TypeError; ours is exported under Python's name for PyTorch parity.
export class TypeError extends PyError { static override pyName = "TypeError"; }
export class NotImplementedError extends PyError { static override pyName = "NotImplementedError"; }
export class KeyboardInterrupt extends PyError { static override pyName = "KeyboardInterrupt"; }
export class AssertionError extends PyError { static override pyName = "AssertionError"; }
export class AttributeError extends PyError { static override pyName = "AttributeError"; }
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
    case "string": return "str";
    case "number": return Number.isInteger(v) ? "int" : "float";
    case "bigint": return "int";
    case "boolean": return "bool";
    case "function": return "function";
    case "symbol": return "symbol";
  }
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return "list";
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return "dict";
  return (proto.constructor as { pyName?: string; name?: string }).name ?? "object";
}

/**
 * The position PyTorch reports for argument `pos` of `fn` (counted as in the function form,
 * `torch.add(input, other)`: other is 2). Called as a method (`x.add("a")`) PyTorch counts from
 * after `self`, so other is 1. Only error paths call this: the JS stack tells whether the public
 * name was entered as a method of a Tensor (`at Tensor.add (...)`) or as a function.
 */
export function argPosition(fn: string, pos: number): number {
  if (pos <= 1) return pos;
  const frames = (new Error().stack ?? "").split("\n").slice(1, 12);
  for (const f of frames) {
    const m = /^\s+at (?:new )?(\w+)\.(\w+) /.exec(f);
    if (m && m[2] === fn) return m[1] === "Module" || m[1] === "Object" ? pos : pos - 1;
  }
  return pos;
}
