/**
 * A directed graph in DOT, as the Python `graphviz` package's `Digraph` that torchviz returns:
 * `.node()`/`.edge()` add statements to `.body`, `.source` is the DOT text, `.render(path)` and
 * `.pipe()` lay it out with Graphviz (graphviz_wasm.ts). Shown in a notebook as the SVG (as
 * `image/svg+xml` and, for nbconvert 6.5 which reduces SVG outputs to text, as `text/html`); in a
 * terminal frontend, showing it writes an SVG file and prints its path.
 *
 *   const g = new Digraph({ node_attr: { shape: "box" } });
 *   g.node("a", "MulBackward0"); g.edge("b", "a");
 *   g.render("graph.svg");
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { ValueError } from "../../../engine/errors.js";
import { currentFrontend } from "../publisher.js";
import type { MimeBundle } from "../../session/types.js";
import { renderSvg } from "./graphviz_wasm.js";

export type Attrs = Record<string, string>;

const KEYWORDS = new Set(["node", "edge", "graph", "digraph", "subgraph", "strict"]);
const BARE_ID = /^(?:[a-zA-Z_][a-zA-Z0-9_]*|-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?))$/;

/** A DOT ID as the graphviz package writes it: bare when it can be, else quoted (newlines as `\n`). */
export function quote(id: string): string {
  if (BARE_ID.test(id) && !KEYWORDS.has(id.toLowerCase())) return id;
  return `"${id.replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

function attrList(attrs: Attrs): string {
  const items = Object.entries(attrs).map(([k, v]) => `${k}=${quote(v)}`);
  return items.length ? ` [${items.join(" ")}]` : "";
}

let terminalFiles = 0;

export class Digraph {
  /** The statements, one per line, as the graphviz package keeps them. */
  readonly body: string[] = [];
  readonly graph_attr: Attrs;
  readonly node_attr: Attrs;
  readonly edge_attr: Attrs;
  private svgCache: { source: string; svg: string } | null = null;
  private terminalPath: string | null = null;

  constructor(opts: { graph_attr?: Attrs; node_attr?: Attrs; edge_attr?: Attrs } = {}) {
    this.graph_attr = { ...(opts.graph_attr ?? {}) };
    this.node_attr = { ...(opts.node_attr ?? {}) };
    this.edge_attr = { ...(opts.edge_attr ?? {}) };
  }

  /** Add (or restyle: later attributes win in DOT) a node. */
  node(name: string, label?: string, attrs: Attrs = {}): void {
    this.body.push(`\t${quote(name)}${attrList({ ...(label !== undefined ? { label } : {}), ...attrs })}`);
  }

  edge(tail: string, head: string, attrs: Attrs = {}): void {
    this.body.push(`\t${quote(tail)} -> ${quote(head)}${attrList(attrs)}`);
  }

  /** The DOT text. */
  get source(): string {
    const head: string[] = [];
    if (Object.keys(this.graph_attr).length) head.push(`\tgraph${attrList(this.graph_attr)}`);
    if (Object.keys(this.node_attr).length) head.push(`\tnode${attrList(this.node_attr)}`);
    if (Object.keys(this.edge_attr).length) head.push(`\tedge${attrList(this.edge_attr)}`);
    return ["digraph {", ...head, ...this.body, "}", ""].join("\n");
  }

  /** The laid-out graph: `pipe()` or `pipe({format: "svg"})` gives the SVG text (no XML declaration). */
  pipe(opts: { format?: string } = {}): string {
    checkFormat(opts.format ?? "svg", "pipe");
    const source = this.source;
    if (this.svgCache?.source !== source) this.svgCache = { source, svg: renderSvg(source) };
    return this.svgCache.svg;
  }

  /**
   * Write the drawing; returns the SVG file's path. As the graphviz package: `render("graph")`
   * writes the DOT source to `graph` and the drawing to `graph.svg`; a name ending in `.svg` is
   * the drawing's own path.
   */
  render(filename = "Digraph.gv", opts: { format?: string } = {}): string {
    checkFormat(opts.format ?? "svg", "render");
    const path = resolve(filename);
    if (path.endsWith(".svg")) {
      writeFileSync(path, this.pipe());
      return path;
    }
    writeFileSync(path, this.source);
    writeFileSync(`${path}.svg`, this.pipe());
    return `${path}.svg`;
  }

  /** The DOT text, as `print(dot)` shows in Python. */
  toString(): string {
    return this.source;
  }

  /** Notebook: the SVG (twice, see above); terminal: the SVG goes to a file named in text/plain. */
  [Symbol.for("Jupyter.display")](): MimeBundle {
    const frontend = currentFrontend();
    if (frontend.kind === "terminal") {
      this.terminalPath ??= resolve(frontend.outputDir, `digraph-${++terminalFiles}.svg`);
      writeFileSync(this.terminalPath, this.pipe());
      return { "text/plain": this.terminalPath };
    }
    const svg = this.pipe();
    return { "image/svg+xml": svg, "text/html": svg, "text/plain": "<graphviz.graphs.Digraph object>" };
  }
}

function checkFormat(format: string, what: string): void {
  if (format !== "svg")
    throw new ValueError(
      `${what}(): only format "svg" is available (Graphviz runs in WebAssembly here, without its bitmap renderers); got format "${format}"`,
    );
}
