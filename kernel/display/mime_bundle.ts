/**
 * Values as Jupyter shows them. A cell's result and `display(x)` give a MIME bundle whose
 * `text/plain` is what a PyTorch user expects from IPython: tensors as PyTorch's repr, graph
 * nodes in IPython's pretty form `<AddBackward0 at 0x...>`, tuples and lists holding them as
 * Python would print them. Plain JavaScript values look as Node's REPL shows them. Objects that
 * implement `[Symbol.for("Jupyter.display")]()` give their own bundle.
 */
import { inspect } from "node:util";
import { Node } from "../../engine/autograd/node.js";
import { isTuple, pyRepr } from "../../engine/format/py_repr.js";
import type { MimeBundle } from "../session/types.js";

/** The rich-repr protocol, as Deno's kernel has it: `[Symbol.for("Jupyter.display")]()` returns a MIME bundle. */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");
const CUSTOM_INSPECT = Symbol.for("nodejs.util.inspect.custom");

type Pretty = { _reprPretty(): string };
const hasPretty = (v: unknown): v is Pretty => typeof v === "object" && v !== null && typeof (v as Pretty)._reprPretty === "function";
const hasCustomInspect = (v: unknown): boolean => typeof v === "object" && v !== null && typeof (v as Record<symbol, unknown>)[CUSTOM_INSPECT] === "function";

/**
 * Values that print the Python way: primitives (True, None, 2.5, 'text'), graph nodes, tensors
 * and other objects with a custom repr, and arrays of these (lists, or tuples as `next_functions`).
 * Other objects (plain objects, Maps, class instances) print as Node's REPL prints them.
 */
function pythonic(v: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (v === null || v === undefined || ["number", "boolean", "string", "bigint"].includes(typeof v)) return true;
  if (v instanceof Node || hasPretty(v) || hasCustomInspect(v)) return true;
  return Array.isArray(v) && v.every((x) => pythonic(x, depth + 1));
}

/** IPython's pretty form: nodes as `<AddBackward0 at 0x...>`, containers recursively, the rest as repr(). */
function prettyPython(v: unknown): string {
  if (hasPretty(v)) return v._reprPretty();
  if (Array.isArray(v) && !hasCustomInspect(v)) {
    const items = v.map(prettyPython);
    if (isTuple(v)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    return `[${items.join(", ")}]`;
  }
  return pyRepr(v);
}

/** The text/plain of a value. */
export function plainText(v: unknown): string {
  if (hasPretty(v)) return v._reprPretty();
  if (pythonic(v)) return prettyPython(v);
  return inspect(v, { depth: 4, colors: false, maxArrayLength: 100, breakLength: 100 });
}

/** The MIME bundle of a value, or null for undefined/null (None shows nothing, as in IPython). */
export function mimeBundle(v: unknown): MimeBundle | null {
  if (v === undefined || v === null) return null;
  const custom = typeof v === "object" || typeof v === "function" ? (v as Record<symbol, unknown>)[JUPYTER_DISPLAY] : undefined;
  if (typeof custom === "function") {
    const bundle = custom.call(v) as MimeBundle | null | undefined;
    if (bundle) return "text/plain" in bundle ? bundle : { ...bundle, "text/plain": plainText(v) };
  }
  return { "text/plain": plainText(v) };
}
