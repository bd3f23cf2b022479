/**
 * `gradlab/tqdm`: tqdm's progress bars (also in scope in cells).
 *
 *   import { tqdm, trange } from "gradlab/tqdm";
 *   for (const epoch of trange(10, { desc: "epochs" })) { ... }
 */
// A package entry of its own: the Tensors it is given have all their methods (engine/methods.ts).
import "../../../engine/methods.js";
export { tqdm, trange, write, Tqdm, type TqdmOptions } from "./tqdm.js";
export { format_meter, format_interval, format_num } from "./format_meter.js";
