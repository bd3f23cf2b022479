/**
 * Graphviz's `dot` layout, compiled to WebAssembly (@viz-js/viz), as a synchronous call.
 *
 * Instantiating the wasm module is asynchronous, but a graph is often drawn when a cell's last
 * expression is shown, which is synchronous. So the module awaits the instance at the top level:
 * importing `gradlab/torchviz` (or the session's prelude, which loads it before the first cell)
 * waits the ~25 ms once, and every render after that is a plain function call.
 */
import { instance } from "@viz-js/viz";
import { ValueError } from "../../../engine/errors.js";

const viz = await instance();

/**
 * DOT text to an SVG document for embedding in HTML and notebooks: the `<?xml ...?>` declaration,
 * DOCTYPE and leading comments are dropped (nbconvert 6's HTML export fails on an XML declaration
 * inside an output), so the text starts at `<svg`.
 */
export function renderSvg(dot: string): string {
  // A label whose first line is empty (torchviz's unnamed tensors: "\n (3)") makes this Graphviz
  // build fail at random with "table index is out of bounds" (viz-js 3.31, Graphviz 16.1; the
  // same error as viz-js issue 204, labels starting with a newline); a space on that line draws
  // the same and avoids it.
  // Boxes are sized from font metrics, and this build has none for torchviz's "monospace" (it
  // falls back to Times, narrower, so text overflows its box): lay out with Courier's, which
  // Graphviz has built in and writes to the SVG as font-family="Courier,monospace".
  const input = dot.replace(/label="\\n/g, 'label=" \\n').replace(/fontname=monospace\b/g, "fontname=Courier");
  const result = viz.render(input, { format: "svg", engine: "dot" });
  if (result.status !== "success") {
    const why = result.errors.map((e) => e.message).join("; ") || "unknown error";
    throw new ValueError(`Graphviz could not lay out the graph: ${why}`);
  }
  const svg = result.output;
  const start = svg.indexOf("<svg");
  return start >= 0 ? svg.slice(start) : svg;
}

/** The Graphviz version doing the layout (e.g. "16.1.0"). */
export const graphvizVersion: string = viz.graphvizVersion;
