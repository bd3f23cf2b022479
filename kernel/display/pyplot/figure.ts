/**
 * matplotlib's Figure: a size in inches at 100 dpi, a grid of Axes, a suptitle. It shows itself
 * in Jupyter as one MIME bundle (plotly JSON, offline HTML, matplotlib's text repr) and writes
 * itself to a file.
 *
 *   const fig = new Figure(1, {figsize: [8, 3]});  fig.add_subplot(1, 2, 1).plot([1, 2, 3]);
 *   String(fig)         // <Figure size 800x300 with 1 Axes>
 *   fig.savefig("fig.html")
 */
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { ValueError } from "../../../engine/errors.js";
import type { MimeBundle } from "../../session/types.js";
import { JUPYTER_DISPLAY } from "../mime_bundle.js";
import { Axes, splitOpts } from "./axes.js";
import { figureHtml, standaloneHtml } from "./html.js";
import { exportImage, IMAGE_EXPORTS, type ImageFormat } from "./image_export.js";
import { toPlotly, type PlotlyFigure } from "./plotly_json.js";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
const DEFAULT_FIGSIZE: [number, number] = [6.4, 4.8];

export interface FigureOptions {
  /** Width and height in inches; matplotlib's default is [6.4, 4.8] (640×480 pixels at 100 dpi). */
  figsize?: [number, number] | number[];
  dpi?: number;
  /** A number or a name for the figure (it names the file the terminal's show() writes). */
  num?: number | string;
}

/** matplotlib's savefig formats: those plotly cannot write get an error that names the ones it can. */
const MATPLOTLIB_FORMATS = [
  "eps",
  "jpeg",
  "jpg",
  "pdf",
  "pgf",
  "png",
  "ps",
  "raw",
  "rgba",
  "svg",
  "svgz",
  "tif",
  "tiff",
  "webp",
];

export class Figure {
  readonly axes: Axes[] = [];
  figsize: [number, number];
  readonly dpi: number;
  suptitleText: string | null = null;
  /** @internal changed since it was last shown (the end-of-cell flush shows such figures) */ _stale = false;
  /** @internal */ _current: Axes | null = null;

  /** @internal pyplot creates figures (plt.figure, plt.subplots); `label` is a name given as num. */
  constructor(
    readonly number: number,
    opts: FigureOptions = {},
    readonly label = "",
  ) {
    const size = opts.figsize ?? DEFAULT_FIGSIZE;
    if (size.length !== 2 || !size.every((v) => typeof v === "number" && v > 0))
      throw new ValueError(`figure size must be positive finite not ${JSON.stringify(size)}`);
    this.figsize = [size[0], size[1]];
    this.dpi = opts.dpi ?? 100;
  }

  /** @internal */
  readonly _touch = (): void => {
    this._stale = true;
  };

  /**
   * The Axes at position `index` (1-based, row by row) of a rows×cols grid, created on first use:
   * `add_subplot(2, 1, 1)`, `add_subplot(211)`.
   */
  add_subplot(rows: number = 1, cols?: number, index?: number): Axes {
    if (cols === undefined && rows >= 100 && rows < 1000) {
      index = rows % 10;
      cols = Math.floor(rows / 10) % 10;
      rows = Math.floor(rows / 100);
    }
    cols ??= 1;
    index ??= 1;
    for (const [name, v] of [
      ["rows", rows],
      ["cols", cols],
    ] as const) {
      if (!Number.isInteger(v) || v < 1) throw new ValueError(`Number of ${name} must be a positive integer, not ${v}`);
    }
    if (!Number.isInteger(index) || index < 1 || index > rows * cols)
      throw new ValueError(`num must be 1 <= num <= ${rows * cols}, not ${index}`);
    let ax = this.axes.find((a) => a.position.rows === rows && a.position.cols === cols && a.position.index === index);
    if (!ax) {
      ax = new Axes({ rows, cols, index }, this._touch);
      this.axes.push(ax);
    }
    this._current = ax;
    this._touch();
    return ax;
  }

  /** The current Axes, created as a 1×1 grid if there is none. */
  gca(): Axes {
    return this._current ?? this.add_subplot(1, 1, 1);
  }

  /** A title over the whole figure. */
  suptitle(t: unknown, ..._opts: unknown[]): void {
    this.suptitleText = String(t);
    this._touch();
  }

  /** Accepted for matplotlib code; plotly already keeps labels inside the figure. */
  tight_layout(..._args: unknown[]): void {}

  set_size_inches(w: number | number[], h?: number): void {
    const [a, b] = Array.isArray(w) ? w : [w, h ?? this.figsize[1]];
    this.figsize = [a, b];
    this._touch();
  }
  get_size_inches(): [number, number] {
    return [...this.figsize];
  }

  /** Remove all axes and the suptitle. */
  clf(): void {
    this.axes.length = 0;
    this._current = null;
    this.suptitleText = null;
    this._touch();
  }

  /** The plotly.js figure JSON ({data, layout}). */
  toPlotly(): PlotlyFigure {
    return toPlotly(this);
  }

  /** The figure's name: its label, or "Figure_1" as matplotlib's save dialog calls it. */
  get filename(): string {
    return this.label ? this.label.replace(/[^\w.-]+/g, "_") : `Figure_${this.number}`;
  }

  /**
   * Write the figure to a file: `.html` (self-contained, plotly.js inline), or `.png`, `.svg`,
   * `.jpeg`, `.webp` drawn by the Chromium installed on the machine (none is downloaded; without
   * one, the error says to save .html). `{dpi}` scales images (default: the figure's 100).
   * @example fig.savefig("loss.html"); fig.savefig("loss.png", {dpi: 200})
   */
  savefig(path: string, ...rest: unknown[]): string {
    const [, opts] = splitOpts(rest);
    const ext = (typeof opts.format === "string" ? opts.format : extname(path).slice(1)).toLowerCase() || "html";
    const file = extname(path) ? path : `${path}.${ext}`;
    if (ext === "html" || ext === "htm") {
      writeFileSync(
        file,
        standaloneHtml(this.toPlotly(), this.suptitleText ?? this.axes[0]?._title?.text ?? this.filename),
      );
      return file;
    }
    const format = ext === "jpg" ? "jpeg" : ext;
    if ((IMAGE_EXPORTS as readonly string[]).includes(format)) {
      exportImage(this.toPlotly(), format as ImageFormat, file, Number(opts.dpi ?? this.dpi) / this.dpi);
      return file;
    }
    if (MATPLOTLIB_FORMATS.includes(ext)) {
      throw new ValueError(
        `savefig: gradlab draws figures with plotly.js, which cannot write .${ext}; save as .html, .png, .svg, .jpeg or .webp (plt.savefig("${path.replace(/\.[^./]*$/, "")}.html"))`,
      );
    }
    throw new ValueError(`Format '${ext}' is not supported (supported formats: html, jpeg, jpg, png, svg, webp)`);
  }

  /** The bundle Jupyter shows: plotly JSON, HTML that draws offline, and matplotlib's text repr. */
  _repr_bundle(): MimeBundle {
    this._stale = false;
    const text = this.toString();
    if (!this.axes.length) return { "text/plain": text };
    const fig = this.toPlotly();
    return { [PLOTLY_MIME]: fig, "text/html": figureHtml(fig), "text/plain": text };
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return this._repr_bundle();
  }

  toString(): string {
    const w = +(this.figsize[0] * this.dpi).toFixed(6),
      h = +(this.figsize[1] * this.dpi).toFixed(6);
    return `<Figure size ${w}x${h} with ${this.axes.length} Axes>`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
