/**
 * `gradlab/torchviz`: torchviz's make_dot for gradlab tensors (also in scope in cells).
 *
 *   import { make_dot } from "gradlab/torchviz";
 *   make_dot(loss, { params: Object.fromEntries(model.named_parameters()) }).render("graph.svg");
 */
// A package entry of its own: the Tensors it is given have all their methods (engine/methods.ts).
import "../../../engine/methods.js";
export { make_dot, type MakeDotOptions } from "./make_dot.js";
export { Digraph, type Attrs } from "./digraph.js";
export { graphvizVersion } from "./graphviz_wasm.js";
