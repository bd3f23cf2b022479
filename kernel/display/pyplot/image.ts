/**
 * imshow's data as a plotly trace: H×W values through a colormap (a heatmap), H×W×3 / H×W×4
 * colours (an image trace: floats in 0..1 or integers in 0..255, clipped as matplotlib clips
 * them), and PyTorch's channels-first C×H×W (C = 1, 3, 4) turned into its H×W×C picture.
 *
 *   imageTrace([[0, 1], [2, 3]], {cmap: "gray"})   → {type: "heatmap", z: [[0, 1], [2, 3]], ...}
 *   imageTrace(torch.rand(3, 16, 16), {})          → {type: "image", z: 16×16 [r, g, b], ...}
 */
import { TypeError as PyTypeError } from "../../../engine/errors.js";
import type { Json } from "./axes.js";
import { colorscale } from "./colors.js";
import { formatShape } from "../../../engine/format/shape_text.js";
import { jsonValues, numeric, rows, toData } from "./coerce.js";
import { extent } from "./histogram.js";

export function imageTrace(
  img: unknown,
  opts: { cmap?: unknown; vmin?: unknown; vmax?: unknown },
): { trace: Json; h: number; w: number } {
  const d = toData(img, "imshow");
  let shape = d.shape,
    values = numeric(d, "imshow");
  if (shape.length === 3 && [1, 3, 4].includes(shape[0]) && ![1, 3, 4].includes(shape[2])) {
    // channels first (PyTorch's C×H×W) → H×W×C
    const [c, h, w] = shape;
    const out = new Array<number>(values.length);
    for (let k = 0; k < c; k++) for (let i = 0; i < h * w; i++) out[i * c + k] = values[k * h * w + i];
    shape = [h, w, c];
    values = out;
  }
  if (shape.length === 3 && shape[2] === 1) shape = [shape[0], shape[1]];
  const [h, w] = shape;
  if (shape.length === 2) {
    const finite = values.filter((v) => Number.isFinite(v));
    const [lo, hi] = finite.length ? extent(finite) : [0, 1];
    const trace = {
      type: "heatmap",
      z: rows(jsonValues(values), h, w),
      ...colorscale((opts.cmap as string | undefined) ?? "viridis"),
      zmin: opts.vmin ?? lo,
      zmax: opts.vmax ?? hi,
      showscale: false,
      hoverongaps: false,
    };
    return { trace, h, w };
  }
  if (shape.length === 3 && (shape[2] === 3 || shape[2] === 4)) {
    // As matplotlib: integer data is 0..255, floats 0..1 (plain JS numbers: integers above 1 mean 0..255).
    const integer =
      d.floating === false || (d.floating === undefined && values.every(Number.isInteger) && extent(values)[1] > 1);
    const [lo, hi] = integer ? [0, 255] : [0, 1];
    if (values.some((v) => v < lo || v > hi)) {
      process.stderr.write(
        "Clipping input data to the valid range for imshow with RGB data ([0..1] for floats or [0..255] for integers).\n",
      );
    }
    const c = shape[2];
    const px = values.map((v, i) => {
      const clipped = Math.min(hi, Math.max(lo, Number.isNaN(v) ? 0 : v));
      // plotly's image trace: r, g, b in 0..255, alpha in 0..1
      return i % c === 3 ? (integer ? clipped / 255 : clipped) : Math.round(integer ? clipped : clipped * 255);
    });
    const pixels = Array.from({ length: h * w }, (_, i) => px.slice(i * c, i * c + c));
    return { trace: { type: "image", z: rows(pixels, h, w), colormodel: c === 4 ? "rgba" : "rgb" }, h, w };
  }
  throw new PyTypeError(`Invalid shape ${formatShape(d.shape, "tuple")} for image data`);
}
