/**
 * Values as Jupyter shows them. A cell's result and `display(x)` give a MIME bundle whose
 * `text/plain` is what a PyTorch user expects from IPython: tensors as PyTorch's repr, graph
 * nodes in IPython's pretty form `<AddBackward0 at 0x...>`, tuples and lists holding them as
 * Python would print them. Plain JavaScript values look as Node's REPL shows them. Objects that
 * implement `[Symbol.for("Jupyter.display")]()` give their own bundle.
 */
import { inspect } from "node:util";
import { Node } from "../../engine/autograd/node.js";
import type { MimeBundle } from "../session/types.js";
import { hasCustomRepr, hasPretty, isPlainObject, pretty } from "./pretty.js";

/** The rich-repr protocol, as Deno's kernel has it: `[Symbol.for("Jupyter.display")]()` returns a MIME bundle. */
export const JUPYTER_DISPLAY = Symbol.for("Jupyter.display");

/**
 * Values that print the Python way: primitives (True, None, 2.5, 'text'), graph nodes, tensors
 * and other objects with a custom repr, lists and tuples of these, and dicts (Maps, plain
 * objects) of these that hold a tensor somewhere (a state_dict). Other objects print as Node's
 * REPL prints them.
 */
function pythonic(v: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (v === null || v === undefined || ["number", "boolean", "string", "bigint"].includes(typeof v)) return true;
  if (v instanceof Node || hasPretty(v) || hasCustomRepr(v as object)) return true;
  if (Array.isArray(v)) return v.every((x) => pythonic(x, depth + 1));
  if (v instanceof Map || isPlainObject(v)) {
    const values = v instanceof Map ? [...v.values()] : Object.values(v);
    return values.every((x) => pythonic(x, depth + 1)) && (depth > 0 || holdsRepr(values));
  }
  return false;
}

/** Some value in a container has a repr of its own (a tensor, a graph node, a torch.Size). */
function holdsRepr(values: unknown[], depth = 0): boolean {
  return (
    depth < 8 &&
    values.some(
      (x) =>
        x instanceof Node ||
        hasPretty(x) ||
        (typeof x === "object" &&
          x !== null &&
          (hasCustomRepr(x) ||
            holdsRepr(
              x instanceof Map ? [...x.values()] : Array.isArray(x) ? x : isPlainObject(x) ? Object.values(x) : [],
              depth + 1,
            ))),
    )
  );
}

/** The text/plain of a value: IPython's pretty form for Python-like values, Node's otherwise. */
export function plainText(v: unknown): string {
  if (pythonic(v)) return pretty(v);
  return inspect(v, { depth: 4, colors: false, maxArrayLength: 100, breakLength: 100 });
}

/** The MIME bundle of a value, or null for undefined/null (None shows nothing, as in IPython). */
export function mimeBundle(v: unknown): MimeBundle | null {
  if (v === undefined || v === null) return null;
  const custom =
    typeof v === "object" || typeof v === "function" ? (v as Record<symbol, unknown>)[JUPYTER_DISPLAY] : undefined;
  if (typeof custom === "function") {
    const bundle = custom.call(v) as MimeBundle | null | undefined;
    if (bundle) return "text/plain" in bundle ? bundle : { ...bundle, "text/plain": plainText(v) };
  }
  return { "text/plain": plainText(v) };
}
