/**
 * torchviz's `make_dot`: the autograd graph behind a tensor, as a Digraph. Mirrors torchviz's
 * drawing: grey boxes for backward nodes (`MulBackward0`), light blue for the leaf tensors
 * behind each `AccumulateGrad` (named from `params`, with their shape), green for the output,
 * orange for saved tensors, dotted edges from a view's base.
 *
 *   const y = model.forward(x).mean();
 *   make_dot(y, { params: Object.fromEntries(model.named_parameters()) })   // shows the SVG
 *   make_dot(y, { show_saved: true }).render("graph.svg")
 */
import { TypeError as PyTypeError } from "../../../engine/errors.js";
import { AccumulateGrad, type Node } from "../../../engine/autograd/node.js";
import { pyFloatRepr } from "../../../engine/format/py_format.js";
import { pyStr } from "../../../engine/format/py_repr.js";
import { pyDir } from "../../../engine/format/py_dir.js";
import { Tensor } from "../../../engine/tensor/tensor.js";
import { Digraph } from "./digraph.js";
import { formatShape } from "../../../engine/format/shape_text.js";

export interface MakeDotOptions {
  /** Names for the leaves, as torchviz's `dict(model.named_parameters())`: an object, a Map or `[name, tensor]` pairs. */
  params?: Record<string, Tensor> | Map<string, Tensor> | Iterable<readonly [string, Tensor]> | null;
  /** Show the non-tensor attributes saved by backward nodes in their boxes. */
  show_attrs?: boolean;
  /** Show the tensors saved by backward nodes (orange). */
  show_saved?: boolean;
  /** With show_attrs: the widest attribute value shown. */
  max_attr_chars?: number;
}

const SAVED_PREFIX = "_saved_";

/** torchviz's node style, so the drawing looks the same. */
const NODE_ATTR = {
  style: "filled",
  shape: "box",
  align: "left",
  fontsize: "10",
  ranksep: "0.1",
  height: "0.2",
  fontname: "monospace",
};

function paramNames(params: MakeDotOptions["params"]): Map<Tensor, string> {
  const names = new Map<Tensor, string>();
  if (params == null) return names;
  const entries =
    params instanceof Map || Symbol.iterator in Object(params)
      ? [...(params as Iterable<readonly [string, Tensor]>)]
      : Object.entries(params as Record<string, Tensor>);
  for (const entry of entries) {
    const [name, value] = Array.isArray(entry) ? entry : [undefined, entry];
    if (!(value instanceof Tensor)) {
      throw new PyTypeError(
        `make_dot(): params must map names to tensors (as Object.fromEntries(model.named_parameters())), but ${JSON.stringify(String(name))} is ${value === null ? "null" : typeof value}`,
      );
    }
    names.set(value, String(name));
  }
  return names;
}

/** Python's `'(' + ', '.join('%d' % v for v in size) + ')'`. */
const sizeToStr = (t: Tensor): string => formatShape(t._shape, "parens");

/** The `_saved_*` attributes of a node, in `dir()` order (sorted), without the prefix. */
function savedAttrs(fn: Node): [string, unknown][] {
  return pyDir(fn)
    .filter((k) => k.startsWith(SAVED_PREFIX))
    .map((k) => [k.slice(SAVED_PREFIX.length), (fn as unknown as Record<string, unknown>)[k]]);
}

const isTensorList = (v: unknown): v is unknown[] => Array.isArray(v) && v.some((t) => t instanceof Tensor);

/** A node's box: its class name, with `show_attrs` a table of its saved attributes (torchviz's get_fn_name). */
function fnLabel(fn: Node, showAttrs: boolean, maxAttrChars: number): string {
  const name = fn._className;
  if (!showAttrs) return name;
  const attrs = savedAttrs(fn).map(([k, v]): [string, string] => [
    k,
    v instanceof Tensor ? "[saved tensor]" : isTensorList(v) ? "[saved tensors]" : pyStr(v),
  ]);
  if (!attrs.length) return name;
  const maxChars = Math.max(maxAttrChars, 3);
  const col1 = Math.max(...attrs.map(([k]) => k.length));
  const col2 = Math.min(Math.max(...attrs.map(([, v]) => v.length)), maxChars);
  const sep = "-".repeat(Math.max(col1 + col2 + 2, name.length));
  const truncate = (s: string) => (s.length > col2 ? s.slice(0, col2 - 3) + "..." : s);
  return `${name}\n${sep}\n${attrs.map(([k, v]) => `${k.padEnd(col1)}: ${truncate(v).padStart(col2)}`).join("\n")}`;
}

/**
 * Produce the Graphviz representation of the autograd graph reachable from `v.grad_fn`
 * (torchviz's make_dot). Pass several outputs as an array.
 */
export function make_dot(v: Tensor | readonly Tensor[], opts: MakeDotOptions = {}): Digraph {
  const outputs = Array.isArray(v) ? (v as readonly Tensor[]) : [v as Tensor];
  for (const t of outputs) {
    if (!(t instanceof Tensor))
      throw new PyTypeError(
        `make_dot(): expected a tensor (or an array of tensors), got ${t === null ? "null" : typeof t}`,
      );
  }
  const names = paramNames(opts.params);
  const showSaved = opts.show_saved ?? false,
    showAttrs = opts.show_attrs ?? false,
    maxAttrChars = opts.max_attr_chars ?? 50;
  const dot = new Digraph({ node_attr: NODE_ATTR, graph_attr: { size: "12,12" } });
  // Graph objects get DOT ids in order of first sight (torchviz uses Python's id()).
  const ids = new Map<object, string>();
  const id = (o: object): string => {
    let s = ids.get(o);
    if (s === undefined) ids.set(o, (s = String(ids.size + 1)));
    return s;
  };
  const seen = new Set<object>();
  const varLabel = (t: Tensor, name?: string) => `${name || names.get(t) || ""}\n ${sizeToStr(t)}`;

  const addNodes = (fn: Node): void => {
    if (seen.has(fn)) return;
    seen.add(fn);
    if (showSaved) {
      for (const [attr, val] of savedAttrs(fn)) {
        if (val instanceof Tensor) {
          seen.add(val);
          dot.edge(id(fn), id(val), { dir: "none" });
          dot.node(id(val), varLabel(val, attr), { fillcolor: "orange" });
        } else if (Array.isArray(val)) {
          val.forEach((t, i) => {
            if (!(t instanceof Tensor)) return;
            dot.edge(id(fn), id(t), { dir: "none" });
            dot.node(id(t), varLabel(t, `${attr}[${i}]`), { fillcolor: "orange" });
          });
        }
      }
    }
    if (fn instanceof AccumulateGrad) {
      const leaf = fn.variable;
      seen.add(leaf);
      dot.node(id(leaf), varLabel(leaf), { fillcolor: "lightblue" });
      dot.edge(id(leaf), id(fn));
    }
    dot.node(id(fn), fnLabel(fn, showAttrs, maxAttrChars));
    for (const [next] of fn._next) {
      if (!next) continue;
      dot.edge(id(next), id(fn));
      addNodes(next);
    }
    // Custom autograd Functions keep ctx.saved_tensors: torchviz always shows those.
    const ctx = (fn as unknown as { ctx?: { saved_tensors?: (Tensor | null)[] } }).ctx;
    for (const t of ctx?.saved_tensors ?? []) {
      if (!t) continue;
      seen.add(t);
      dot.edge(id(t), id(fn), { dir: "none" });
      dot.node(id(t), varLabel(t), { fillcolor: "orange" });
    }
  };

  const addBaseTensor = (t: Tensor, color = "darkolivegreen1"): void => {
    if (seen.has(t)) return;
    seen.add(t);
    dot.node(id(t), varLabel(t), { fillcolor: color });
    if (t.grad_fn) {
      addNodes(t.grad_fn);
      dot.edge(id(t.grad_fn), id(t));
    }
    if (t._base) {
      addBaseTensor(t._base, "darkolivegreen3");
      dot.edge(id(t._base), id(t), { style: "dotted" });
    }
  };

  for (const t of outputs) addBaseTensor(t);
  // torchviz's resize_graph: 0.15 inch per statement, at least 12 inches.
  const size = dot.body.length * 0.15;
  dot.graph_attr.size = size > 12 ? `${pyFloatRepr(size)},${pyFloatRepr(size)}` : "12,12";
  return dot;
}
