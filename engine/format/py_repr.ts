/**
 * Python's print/repr/str for the values a course prints: tensors (PyTorch's repr), graph
 * nodes, null (None), booleans (True/False), numbers (Python float/int repr), strings, and
 * arrays as lists or tuples (`next_functions` is a tuple of tuples, as in PyTorch).
 */
import { TypeError as PyTypeError, pyTypeName } from "../errors.js";
import { pyFloatRepr } from "./py_format.js";
import { strRepr } from "./str_repr.js";

const TUPLE = Symbol.for("gradlab.tuple");

/** Mark an array as a Python tuple (prints with parentheses). */
export function tuple<T extends unknown[]>(items: T): T {
  if (!Array.isArray(items)) throw new PyTypeError(`'${pyTypeName(items)}' object is not iterable`);
  Object.defineProperty(items, TUPLE, { value: true, enumerable: false });
  return items;
}
export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && (v as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

function numberRepr(v: number): string {
  // JS has one number type: integral values print as Python ints, others as Python floats.
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return Object.is(v, -0) ? "-0.0" : String(v);
  return pyFloatRepr(v);
}

/** Python's repr(v). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return numberRepr(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return strRepr(v);
  // Modules are callable (functions), so look for a custom repr on functions too.
  const custom =
    typeof v === "object" || typeof v === "function"
      ? (v as Record<symbol, unknown>)[Symbol.for("nodejs.util.inspect.custom")]
      : undefined;
  if (typeof custom === "function") return String(custom.call(v)); // torch.Size, tensors, nodes
  if (Array.isArray(v)) {
    const items = v.map(pyRepr);
    if (isTuple(v)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    return `[${items.join(", ")}]`;
  }
  if (typeof v === "function") return `<function ${v.name || "<lambda>"}>`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(", ")}}`;
  if (typeof v === "object") {
    if (Object.getPrototypeOf(v) === Object.prototype)
      return `{${Object.entries(v)
        .map(([k, x]) => `'${k}': ${pyRepr(x)}`)
        .join(", ")}}`;
    return String(v);
  }
  return String(v);
}

/** Python's str(v): strings unquoted, everything else as repr. */
export function pyStr(v: unknown): string {
  if (typeof v === "string") return v;
  // Objects with a distinct str form (numpy arrays print `[1. 2.]`) provide __str__.
  if (v && typeof (v as { __str__?: unknown }).__str__ === "function")
    return String((v as { __str__(): string }).__str__());
  return pyRepr(v);
}

export interface PrintOptions {
  sep?: string;
  end?: string;
  file?: { write(s: string): unknown };
}

/** Python's print(*args, sep=" ", end="\n"): writes to stdout. */
export function print(...args: unknown[]): void {
  let opts: PrintOptions = {};
  const last = args[args.length - 1];
  if (
    last &&
    typeof last === "object" &&
    !Array.isArray(last) &&
    Object.getPrototypeOf(last) === Object.prototype &&
    Object.keys(last).length > 0 &&
    Object.keys(last).every((k) => k === "sep" || k === "end" || k === "file")
  ) {
    opts = last as PrintOptions;
    args = args.slice(0, -1);
  }
  const text = args.map(pyStr).join(opts.sep ?? " ") + (opts.end ?? "\n");
  (opts.file ?? process.stdout).write(text);
}
