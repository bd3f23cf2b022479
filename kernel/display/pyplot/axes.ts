/**
 * matplotlib's Axes as plotly traces: each plotting call turns its arguments into plotly trace
 * objects (plain JSON) plus the data bounds autoscaling needs; labels, limits, scales, grid and
 * legend are kept as settings that figure.ts lays out. Colours cycle per Axes, lines and patches
 * separately, as in matplotlib.
 *
 *   ax.plot(x, y, "r--")           → {type: "scatter", mode: "lines", line: {color: "#ff0000", dash: "dash"}}
 *   ax.scatter(x, y, {c: values})  → {type: "scatter", mode: "markers", marker: {color: [...], colorscale}}
 *   ax.bar(["a", "b"], [3, 5])     → {type: "bar", width: 0.8, ...}
 *   ax.hist(x, {bins: 20})         → numpy.histogram's bins as a bar trace; returns [n, bins]
 *   ax.imshow(img)                 → heatmap (H×W, colormap) or image (H×W×3, 3×H×W)
 */
import { AttributeError, PyError, TypeError as PyTypeError, ValueError } from "../../../engine/errors.js";
import { ColorCycle, colorscale, toColor, withAlpha } from "./colors.js";
import { formatShape } from "../../../engine/format/shape_text.js";
import { jsonValues, numeric, toData, type Data, type Value } from "./coerce.js";
import { dashOf, markerOf, parseFormat, type LineFormat } from "./format_string.js";
import { extent, histogram } from "./histogram.js";
import { imageTrace } from "./image.js";

/** A plotly trace, layout shape or annotation: plain JSON. */
export type Json = Record<string, unknown>;

/** matplotlib sizes are points; the figure is drawn at 100 dpi, so 1 pt = 100/72 px. */
export const PT = 100 / 72;
const DEFAULTS = { linewidth: 1.5, markersize: 6, scatterS: 36, barWidth: 0.8, fontsize: 10, gridColor: "#b0b0b0" };

type Bounds = { x?: [number, number]; y?: [number, number]; stickyY0?: boolean; tight?: boolean };
type Limits = [number, number];
type Opts = Record<string, unknown>;

const isOpts = (v: unknown): v is Opts =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  !ArrayBuffer.isView(v) &&
  Object.getPrototypeOf(v) === Object.prototype;

/** Split a trailing options object off the arguments. */
export function splitOpts(args: unknown[]): [unknown[], Opts] {
  return args.length && isOpts(args[args.length - 1]) ? [args.slice(0, -1), args[args.length - 1] as Opts] : [args, {}];
}

/** Reject options the artist does not have, in matplotlib's words. */
function checkOpts(opts: Opts, artist: string, allowed: string[]): void {
  for (const k of Object.keys(opts)) {
    if (!allowed.includes(k)) throw new AttributeError(`${artist}.set() got an unexpected keyword argument '${k}'`);
  }
}

/** plotly reads text as a small HTML dialect: escape it, keep matplotlib's newlines. */
export const plotlyText = (s: unknown): string =>
  String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>");

const finite = (vs: readonly Value[]) => vs.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
function boundsOf(vs: readonly Value[]): Limits | undefined {
  const f = finite(vs);
  return f.length ? extent(f) : undefined;
}

/** 0-d data is one point; plot() and friends work on columns. */
const atLeast1d = (d: Data): Data => (d.shape.length === 0 ? { ...d, shape: [1] } : d);
/** Column j of 1-D or 2-D data. */
function column(d: Data, j: number): Value[] {
  if (d.shape.length === 1) return d.values;
  const [r, c] = d.shape;
  return Array.from({ length: r }, (_, i) => d.values[i * c + j]);
}
const arange = (n: number): Data => ({ shape: [n], values: Array.from({ length: n }, (_, i) => i) });

/** A value that may be a scalar or per-point data, broadcast to n points. */
function broadcast(v: unknown, n: number, what: string, other: number[]): number[] {
  const d = toData(v, what);
  const vals = numeric(d, what);
  if (vals.length === 1 && d.shape.length <= 1) return new Array<number>(n).fill(vals[0]);
  if (vals.length !== n)
    throw new ValueError(
      `operands could not be broadcast together with shapes ${formatShape(other, "tuple")} ${formatShape(d.shape, "tuple")} `,
    );
  return vals;
}

export interface AxesPosition {
  rows: number;
  cols: number;
  index: number;
}

export class Axes {
  /** @internal */ readonly _traces: Json[] = [];
  /** @internal */ readonly _bounds: Bounds[] = [];
  /** @internal layout shapes (axhline/axvline) with xref/yref "x", "x domain", "y", "y domain" */
  readonly _shapes: Json[] = [];
  /** @internal text() annotations */ readonly _texts: Json[] = [];
  /** @internal */ _title: { text: string; loc: string; fontsize?: number } | null = null;
  /** @internal */ _xlabel: string | null = null;
  /** @internal */ _ylabel: string | null = null;
  /** @internal */ _xlim: Limits | null = null;
  /** @internal */ _ylim: Limits | null = null;
  /** @internal */ _xscale: "linear" | "log" = "linear";
  /** @internal */ _yscale: "linear" | "log" = "linear";
  /** @internal */ _grid: { x: boolean; y: boolean; color: string; dash: string; width: number } = {
    x: false,
    y: false,
    color: DEFAULTS.gridColor,
    dash: "solid",
    width: 0.8 * PT,
  };
  /** @internal */ _legend: { loc: string; title?: string; fontsize?: number } | null = null;
  /** @internal */ _axisOn = true;
  /** @internal */ _equal = false;
  /** @internal image axes: y runs down (origin "upper") */ _yDown = false;
  /** @internal */ _xticks: { vals: Value[]; text?: string[] } | null = null;
  /** @internal */ _yticks: { vals: Value[]; text?: string[] } | null = null;
  /** @internal */ _sharex: Axes | null = null;
  /** @internal */ _sharey: Axes | null = null;
  /** Category names on each axis, in order of first use: matplotlib plots "a", "b", "c" at 0, 1, 2. */
  private readonly categories = { x: new Map<string, number>(), y: new Map<string, number>() };
  private readonly lineColors = new ColorCycle();
  private readonly patchColors = new ColorCycle();

  /** @internal */
  constructor(
    readonly position: AxesPosition,
    private readonly touch: () => void,
  ) {}

  /** Strings become their category's position (as matplotlib's category units), and label the ticks. */
  private units(dir: "x" | "y", values: Value[]): Value[] {
    if (!values.some((v) => typeof v === "string")) return values;
    const cats = this.categories[dir];
    const out = values.map((v) => {
      if (typeof v !== "string")
        throw new PyTypeError(
          `'value' must be an instance of str or bytes, not a ${typeof v === "number" ? "float" : typeof v}`,
        );
      if (!cats.has(v)) cats.set(v, cats.size);
      return cats.get(v)!;
    });
    const ticks = { vals: [...cats.values()], text: [...cats.keys()] };
    if (dir === "x") this._xticks = ticks;
    else this._yticks = ticks;
    return out;
  }

  private add(trace: Json, bounds: Bounds): void {
    this._traces.push(trace);
    this._bounds.push(bounds);
    this.touch();
  }

  /**
   * Lines and/or markers: `plot(y)`, `plot(x, y)`, `plot(x, y, "r--")`, `plot(x1, y1, x2, y2)`,
   * with `{color | c, label, linestyle | ls, marker, linewidth | lw, markersize | ms, alpha}`.
   * 2-D y draws one line per column.
   * @example ax.plot(x, torch.sin(x), {label: "sin"})
   */
  plot(...args: unknown[]): void {
    const [rest, opts] = splitOpts(args);
    checkOpts(opts, "Line2D", [
      "color",
      "c",
      "label",
      "linestyle",
      "ls",
      "marker",
      "linewidth",
      "lw",
      "markersize",
      "ms",
      "alpha",
      "zorder",
      "markerfacecolor",
      "mfc",
      "markeredgecolor",
      "mec",
      "drawstyle",
    ]);
    if (!rest.length) return;
    // Group as matplotlib does: two data arguments, then an optional format string.
    const groups: unknown[][] = [];
    const queue = [...rest];
    while (queue.length) {
      const g = queue.splice(0, 2);
      if (queue.length && typeof queue[0] === "string") g.push(queue.shift());
      groups.push(g);
    }
    for (const g of groups) this.plotGroup(g, opts);
  }

  private plotGroup(group: unknown[], opts: Opts): void {
    let fmt: LineFormat = {};
    if (group.length > 1 && typeof group[group.length - 1] === "string") fmt = parseFormat(group.pop() as string);
    let x: Data, y: Data;
    if (group.length === 2) {
      x = atLeast1d(toData(group[0], "plot"));
      y = atLeast1d(toData(group[1], "plot"));
    } else {
      y = atLeast1d(toData(group[0], "plot"));
      x = arange(y.shape[0]);
    }
    if (x.shape[0] !== y.shape[0])
      throw new ValueError(
        `x and y must have same first dimension, but have shapes ${formatShape(x.shape, "tuple")} and ${formatShape(y.shape, "tuple")}`,
      );
    if (x.shape.length > 2 || y.shape.length > 2)
      throw new ValueError(
        `x and y can be no greater than 2D, but have shapes ${formatShape(x.shape, "tuple")} and ${formatShape(y.shape, "tuple")}`,
      );
    const ncx = x.shape[1] ?? 1,
      ncy = y.shape[1] ?? 1;
    if (ncx > 1 && ncy > 1 && ncx !== ncy) throw new ValueError(`x has ${ncx} columns but y has ${ncy} columns`);
    for (let j = 0; j < Math.max(ncx, ncy); j++)
      this.line(this.units("x", column(x, j % ncx)), this.units("y", column(y, j % ncy)), fmt, opts);
  }

  private line(x: Value[], y: Value[], fmt: LineFormat, opts: Opts): void {
    const colorOpt = opts.color ?? opts.c;
    const color = colorOpt !== undefined ? toColor(colorOpt) : (fmt.color ?? this.lineColors.next());
    const ls = (opts.linestyle ?? opts.ls ?? fmt.linestyle ?? "-") as string;
    const dash = dashOf(ls);
    const marker = markerOf((opts.marker ?? fmt.marker ?? "None") as string);
    const width = Number(opts.linewidth ?? opts.lw ?? DEFAULTS.linewidth) * PT;
    const msize = Number(opts.markersize ?? opts.ms ?? DEFAULTS.markersize) * PT * (marker?.scale ?? 1);
    const mode = dash && marker ? "lines+markers" : marker ? "markers" : "lines";
    const trace: Json = {
      type: "scatter",
      mode,
      x: jsonValues(x),
      y: jsonValues(y),
      line: { color, width, dash: dash ?? "solid", ...(opts.drawstyle === "steps-post" ? { shape: "hv" } : {}) },
    };
    if (marker) {
      const face = opts.markerfacecolor ?? opts.mfc;
      const edge = opts.markeredgecolor ?? opts.mec;
      trace.marker = {
        symbol: marker.symbol,
        size: msize,
        color: face !== undefined ? toColor(face, "markerfacecolor") : color,
        ...(edge !== undefined ? { line: { color: toColor(edge, "markeredgecolor"), width: PT } } : {}),
      };
    }
    this.finish(trace, opts);
    this.add(trace, { x: boundsOf(x), y: boundsOf(y), tight: false });
  }

  /** label and alpha, common to every artist. */
  private finish(trace: Json, opts: Opts): void {
    if (opts.label !== undefined && opts.label !== null) trace.name = plotlyText(opts.label);
    if (opts.alpha !== undefined && opts.alpha !== null) trace.opacity = Number(opts.alpha);
  }

  /**
   * Markers at (x, y): `{s, c, color, marker, alpha, label, cmap, vmin, vmax}`; `c` may give a
   * value per point, coloured through `cmap`.
   * @example ax.scatter(x, y, {c: y, cmap: "viridis"})
   */
  scatter(x: unknown, y: unknown, opts: Opts = {}): void {
    checkOpts(opts, "PathCollection", [
      "s",
      "c",
      "color",
      "marker",
      "alpha",
      "label",
      "cmap",
      "vmin",
      "vmax",
      "edgecolors",
      "edgecolor",
      "linewidths",
      "zorder",
    ]);
    const xd = toData(x, "scatter"),
      yd = toData(y, "scatter");
    if (xd.values.length !== yd.values.length) throw new ValueError("x and y must be the same size");
    xd.values = this.units("x", xd.values);
    yd.values = this.units("y", yd.values);
    const n = xd.values.length;
    const marker = markerOf((opts.marker ?? "o") as string) ?? { symbol: "circle" };
    const s = opts.s === undefined ? DEFAULTS.scatterS : opts.s;
    const sizes = broadcast(s, n, "scatter", xd.shape).map((a) => Math.sqrt(Math.max(a, 0)) * PT * (marker.scale ?? 1));
    const m: Json = {
      symbol: marker.symbol,
      size: sizes.length && sizes.every((v) => v === sizes[0]) ? sizes[0] : sizes,
    };
    const c = opts.c ?? opts.color;
    // `c` is one colour (a name, or an RGB(A) list that is not one value per point) or values to colour-map.
    const oneColor =
      typeof c === "string" ||
      (Array.isArray(c) &&
        (c.length === 3 || c.length === 4) &&
        c.length !== n &&
        c.every((v) => typeof v === "number"));
    if (c !== undefined && !oneColor) {
      const values = broadcast(c, n, "scatter", xd.shape);
      const [lo, hi] = boundsOf(values) ?? [0, 1];
      Object.assign(m, {
        color: jsonValues(values),
        ...colorscale((opts.cmap as string) ?? "viridis"),
        cmin: opts.vmin ?? lo,
        cmax: opts.vmax ?? hi,
        showscale: false,
      });
    } else {
      m.color = c !== undefined ? toColor(c) : this.lineColors.next();
    }
    const edge = opts.edgecolors ?? opts.edgecolor;
    if (edge !== undefined && edge !== "face" && edge !== "none")
      m.line = { color: toColor(edge, "edgecolors"), width: Number(opts.linewidths ?? 1) * PT };
    const trace: Json = {
      type: "scatter",
      mode: "markers",
      x: jsonValues(xd.values),
      y: jsonValues(yd.values),
      marker: m,
    };
    this.finish(trace, opts);
    this.add(trace, { x: boundsOf(xd.values), y: boundsOf(yd.values) });
  }

  /**
   * Bars at x with the given heights: `{width: 0.8, bottom, color, label, alpha, align, edgecolor}`;
   * x may be category names.
   * @example ax.bar(["a", "b", "c"], [3, 1, 2])
   */
  bar(x: unknown, height: unknown, opts: Opts = {}): void {
    checkOpts(opts, "Rectangle", [
      "width",
      "bottom",
      "color",
      "label",
      "alpha",
      "align",
      "edgecolor",
      "linewidth",
      "tick_label",
      "zorder",
    ]);
    const xd = atLeast1d(toData(x, "bar")),
      hd = atLeast1d(toData(height, "bar"));
    const n = Math.max(xd.values.length, hd.values.length);
    if ([xd, hd].some((d) => d.values.length !== n && d.values.length !== 1)) {
      throw new ValueError(
        `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ${formatShape(xd.shape, "tuple")} and arg 1 with shape ${formatShape(hd.shape, "tuple")}.`,
      );
    }
    const xs = this.units("x", xd.values.length === 1 ? new Array<Value>(n).fill(xd.values[0]) : xd.values);
    const hs = broadcast(height, n, "bar", xd.shape);
    const width = opts.width === undefined ? DEFAULTS.barWidth : opts.width;
    const widths = broadcast(width, n, "bar", xd.shape);
    const bottom = opts.bottom === undefined ? null : broadcast(opts.bottom, n, "bar", xd.shape);
    const color = opts.color !== undefined ? toColor(opts.color) : this.patchColors.next();
    const trace: Json = {
      type: "bar",
      x: jsonValues(xs),
      y: jsonValues(hs),
      width: widths.every((w) => w === widths[0]) ? widths[0] : widths,
      marker: {
        color,
        line: {
          width: Number(opts.linewidth ?? 0) * PT,
          ...(opts.edgecolor !== undefined ? { color: toColor(opts.edgecolor, "edgecolor") } : {}),
        },
      },
    };
    if (bottom) trace.base = bottom;
    if (opts.align === "edge") trace.offset = widths.every((w) => w === widths[0]) ? 0 : widths.map(() => 0);
    this.finish(trace, opts);
    if (opts.tick_label !== undefined)
      this._xticks = { vals: xs, text: toData(opts.tick_label, "bar").values.map(String) };
    const tops = hs.map((h, i) => h + (bottom ? bottom[i] : 0));
    const numericX = xs.every((v) => typeof v === "number");
    const xb = numericX
      ? boundsOf(
          (xs as number[]).flatMap((v, i) =>
            opts.align === "edge" ? [v, v + widths[i]] : [v - widths[i] / 2, v + widths[i] / 2],
          ),
        )
      : undefined;
    this.add(trace, { x: xb, y: boundsOf([...tops, ...(bottom ?? [0])]), stickyY0: !bottom });
  }

  /**
   * A histogram of x (numpy.histogram's bins): `{bins: 10, range, density, color, alpha, label,
   * histtype: "bar" | "step"}`. Returns `[n, bins]` (counts and edges), as matplotlib's first two.
   * @example const [n, bins] = ax.hist(torch.randn(1000), {bins: 30})
   */
  hist(x: unknown, opts: Opts = {}): [number[], number[]] {
    checkOpts(opts, "Rectangle", [
      "bins",
      "range",
      "density",
      "color",
      "alpha",
      "label",
      "histtype",
      "edgecolor",
      "linewidth",
      "zorder",
    ]);
    const values = numeric(toData(x, "hist"), "hist");
    const binsOpt = opts.bins ?? 10;
    const bins = typeof binsOpt === "number" ? binsOpt : numeric(toData(binsOpt, "hist"), "hist");
    const range =
      opts.range === undefined || opts.range === null
        ? undefined
        : (numeric(toData(opts.range, "hist"), "hist") as unknown as [number, number]);
    const { n, edges } = histogram(values, bins, range, Boolean(opts.density));
    const color = opts.color !== undefined ? toColor(opts.color) : this.patchColors.next();
    let trace: Json;
    if (opts.histtype === "step") {
      const sx: number[] = [],
        sy: number[] = [];
      for (let i = 0; i < n.length; i++) {
        sx.push(edges[i], edges[i + 1]);
        sy.push(n[i], n[i]);
      }
      trace = {
        type: "scatter",
        mode: "lines",
        x: [edges[0], ...sx, edges[n.length]],
        y: [0, ...sy, 0],
        line: { color, width: DEFAULTS.linewidth * PT },
      };
    } else if (opts.histtype === undefined || opts.histtype === "bar" || opts.histtype === "stepfilled") {
      const widths = n.map((_, i) => edges[i + 1] - edges[i]);
      trace = {
        type: "bar",
        x: n.map((_, i) => edges[i] + widths[i] / 2),
        y: n,
        width: widths,
        marker: {
          color,
          line: {
            width: Number(opts.linewidth ?? 0) * PT,
            ...(opts.edgecolor !== undefined ? { color: toColor(opts.edgecolor, "edgecolor") } : {}),
          },
        },
      };
    } else {
      throw new ValueError(
        `'${String(opts.histtype)}' is not a valid value for histtype; supported values are 'bar', 'barstacked', 'step', 'stepfilled'`,
      );
    }
    this.finish(trace, opts);
    this.add(trace, { x: [edges[0], edges[edges.length - 1]], y: boundsOf([0, ...n]), stickyY0: true });
    return [n, edges];
  }

  /**
   * An image: H×W values through a colormap (`{cmap: "viridis", vmin, vmax}`), or H×W×3 / H×W×4
   * colours (floats in 0..1, integers in 0..255). 3×H×W (and 1×H×W) tensors, PyTorch's layout,
   * are taken as their H×W×3 (H×W) pictures.
   * @example ax.imshow(img.permute(1, 2, 0))   // or simply ax.imshow(img)
   */
  imshow(img: unknown, opts: Opts = {}): void {
    checkOpts(opts, "AxesImage", [
      "cmap",
      "vmin",
      "vmax",
      "origin",
      "aspect",
      "interpolation",
      "alpha",
      "extent",
      "label",
      "zorder",
    ]);
    const { trace, h, w } = imageTrace(img, opts);
    const extentOpt = opts.extent === undefined ? null : numeric(toData(opts.extent, "imshow"), "imshow");
    if (extentOpt) {
      const [x0, x1, y0, y1] = extentOpt;
      Object.assign(trace, {
        x0: x0 + (x1 - x0) / w / 2,
        dx: (x1 - x0) / w,
        y0: y1 - (y1 - y0) / h / 2,
        dy: -(y1 - y0) / h,
      });
    }
    this.finish(trace, opts);
    const origin = opts.origin ?? "upper";
    this._yDown = origin === "upper" && !extentOpt;
    this._equal = (opts.aspect ?? "equal") === "equal";
    const xb: Limits = extentOpt ? [extentOpt[0], extentOpt[1]] : [-0.5, w - 0.5];
    const yb: Limits = extentOpt ? [extentOpt[2], extentOpt[3]] : [-0.5, h - 0.5];
    this.add(trace, { x: xb, y: yb, tight: true });
  }

  /**
   * The area between y1 and y2 (default 0): `{color, alpha, label}`.
   * @example ax.fill_between(x, mean - std, mean + std, {alpha: 0.3})
   */
  fill_between(x: unknown, y1: unknown, y2: unknown = 0, opts: Opts = {}): void {
    if (isOpts(y2)) {
      opts = y2;
      y2 = 0;
    }
    checkOpts(opts, "PolyCollection", [
      "color",
      "facecolor",
      "alpha",
      "label",
      "linewidth",
      "edgecolor",
      "zorder",
      "step",
    ]);
    const xd = atLeast1d(toData(x, "fill_between"));
    const xs = xd.values,
      n = xs.length;
    const a = broadcast(y1, n, "fill_between", xd.shape),
      b = broadcast(y2, n, "fill_between", xd.shape);
    const fc = opts.facecolor ?? opts.color;
    const color = fc !== undefined ? toColor(fc) : this.patchColors.next();
    const base: Json = {
      type: "scatter",
      mode: "lines",
      x: jsonValues(xs),
      y: jsonValues(b),
      line: { width: 0, color },
      showlegend: false,
      hoverinfo: "skip",
    };
    const area: Json = {
      type: "scatter",
      mode: "lines",
      x: jsonValues(xs),
      y: jsonValues(a),
      line: { width: 0, color },
      fill: "tonexty",
      fillcolor: color,
    };
    this.finish(area, opts);
    const translucent = area.opacity !== undefined ? withAlpha(color, area.opacity as number) : null;
    if (translucent) {
      area.fillcolor = translucent;
      delete area.opacity;
    } else if (area.opacity !== undefined) base.opacity = area.opacity;
    this._traces.push(base);
    this._bounds.push({ x: boundsOf(xs), y: boundsOf(b) });
    this.add(area, { x: boundsOf(xs), y: boundsOf(a) });
  }

  /** A horizontal line across the axes at y: `{xmin: 0, xmax: 1, color, linestyle, linewidth, alpha}`. */
  axhline(y: number = 0, opts: Opts = {}): void {
    if (isOpts(y)) {
      opts = y;
      y = 0;
    }
    this.refLine("y", Number(y), opts);
  }

  /** A vertical line across the axes at x: `{ymin: 0, ymax: 1, color, linestyle, linewidth, alpha}`. */
  axvline(x: number = 0, opts: Opts = {}): void {
    if (isOpts(x)) {
      opts = x;
      x = 0;
    }
    this.refLine("x", Number(x), opts);
  }

  private refLine(dir: "x" | "y", at: number, opts: Opts): void {
    const [lo, hi] = dir === "y" ? ["xmin", "xmax"] : ["ymin", "ymax"];
    checkOpts(opts, "Line2D", [lo, hi, "color", "c", "linestyle", "ls", "linewidth", "lw", "alpha", "label", "zorder"]);
    // NOTE: as matplotlib, the default colour is rcParams["lines.color"] ("C0"), not the next in the cycle.
    const color = toColor(opts.color ?? opts.c ?? "C0");
    const dash = dashOf((opts.linestyle ?? opts.ls ?? "-") as string) ?? "solid";
    const other = dir === "y" ? "x" : "y";
    const shape: Json = {
      type: "line",
      layer: "above",
      [`${other}ref`]: `${other} domain`,
      [`${other}0`]: Number(opts[lo] ?? 0),
      [`${other}1`]: Number(opts[hi] ?? 1),
      [`${dir}ref`]: dir,
      [`${dir}0`]: at,
      [`${dir}1`]: at,
      line: { color, width: Number(opts.linewidth ?? opts.lw ?? DEFAULTS.linewidth) * PT, dash },
    };
    if (opts.alpha !== undefined) shape.opacity = Number(opts.alpha);
    this._shapes.push(shape);
    this._bounds.push(dir === "y" ? { y: [at, at] } : { x: [at, at] });
    this.touch();
  }

  /** Text at data coordinates (x, y): `{fontsize, color, ha: "left", va: "baseline", rotation}`. */
  text(x: number, y: number, s: unknown, opts: Opts = {}): void {
    checkOpts(opts, "Text", [
      "fontsize",
      "color",
      "ha",
      "horizontalalignment",
      "va",
      "verticalalignment",
      "rotation",
      "alpha",
      "zorder",
    ]);
    const ha = String(opts.ha ?? opts.horizontalalignment ?? "left");
    const va = String(opts.va ?? opts.verticalalignment ?? "baseline");
    this._texts.push({
      x,
      y,
      xref: "x",
      yref: "y",
      text: plotlyText(s),
      showarrow: false,
      xanchor: ha,
      yanchor: va === "baseline" ? "bottom" : va === "center_baseline" ? "middle" : va === "center" ? "middle" : va,
      font: {
        size: Number(opts.fontsize ?? DEFAULTS.fontsize) * PT,
        ...(opts.color !== undefined ? { color: toColor(opts.color) } : {}),
      },
      ...(opts.rotation !== undefined ? { textangle: -Number(opts.rotation) } : {}),
      ...(opts.alpha !== undefined ? { opacity: Number(opts.alpha) } : {}),
    });
    this.touch();
  }

  /** The axes title: `{loc: "center" | "left" | "right", fontsize}`. */
  set_title(label: unknown, opts: Opts = {}): void {
    checkOpts(opts, "Text", ["loc", "fontsize", "color", "pad"]);
    this._title = {
      text: String(label),
      loc: String(opts.loc ?? "center"),
      ...(opts.fontsize !== undefined ? { fontsize: Number(opts.fontsize) } : {}),
    };
    this.touch();
  }
  set_xlabel(label: unknown, _opts: Opts = {}): void {
    this._xlabel = String(label);
    this.touch();
  }
  set_ylabel(label: unknown, _opts: Opts = {}): void {
    this._ylabel = String(label);
    this.touch();
  }
  get_title(): string {
    return this._title?.text ?? "";
  }
  get_xlabel(): string {
    return this._xlabel ?? "";
  }
  get_ylabel(): string {
    return this._ylabel ?? "";
  }

  /** `set_xlim(left, right)`, `set_xlim([left, right])`, `set_xlim({left, right})`; returns the limits. */
  set_xlim(...args: unknown[]): Limits {
    this._xlim = this.limits(args, "x");
    this.touch();
    return this._xlim;
  }
  /** `set_ylim(bottom, top)`, `set_ylim([bottom, top])`, `set_ylim({bottom, top})`; returns the limits. */
  set_ylim(...args: unknown[]): Limits {
    this._ylim = this.limits(args, "y");
    this.touch();
    return this._ylim;
  }
  /** The x limits: as set, or matplotlib's autoscale (data range plus 5% margins). */
  get_xlim(): Limits {
    return this._xlim ?? this.autoLimits("x");
  }
  get_ylim(): Limits {
    return this._ylim ?? this.autoLimits("y");
  }

  private limits(args: unknown[], dir: "x" | "y"): Limits {
    const current = dir === "x" ? this.get_xlim() : this.get_ylim();
    const [lo, hi] = dir === "x" ? ["left", "right"] : ["bottom", "top"];
    let a: unknown = args[0],
      b: unknown = args[1];
    if (args.length === 1 && isOpts(args[0])) {
      a = args[0][lo] ?? args[0][dir + "min"];
      b = args[0][hi] ?? args[0][dir + "max"];
    } else if (args.length === 1 && args[0] !== null && typeof args[0] === "object") {
      [a, b] = numeric(toData(args[0], `set_${dir}lim`), `set_${dir}lim`);
    }
    const pick = (v: unknown, i: number) => (v === undefined || v === null ? current[i] : Number(v));
    return [pick(a, 0), pick(b, 1)];
  }

  /** @internal matplotlib's autoscale: the data's range, widened by 5% each side (not past a bar's base at 0, nor for images). */
  autoLimits(dir: "x" | "y"): Limits {
    const log = (dir === "x" ? this._xscale : this._yscale) === "log";
    let lo = Infinity,
      hi = -Infinity,
      tight = false,
      sticky = false;
    for (const b of this._bounds) {
      const r = b[dir];
      if (!r) continue;
      if (b.tight) tight = true;
      if (dir === "y" && b.stickyY0) sticky = true;
      const [a, c] = log ? [r[0] > 0 ? r[0] : Infinity, r[1] > 0 ? r[1] : -Infinity] : r;
      lo = Math.min(lo, a);
      hi = Math.max(hi, c);
    }
    if (lo > hi) return log ? [1, 10] : [0, 1];
    if (tight) return [lo, hi];
    const t = (v: number) => (log ? Math.log10(v) : v),
      u = (v: number) => (log ? 10 ** v : v);
    let [tl, th] = [t(lo), t(hi)];
    if (tl === th) {
      const d = tl === 0 ? 0.05 : Math.abs(tl) * 0.05;
      [tl, th] = [tl - d, th + d];
    }
    const m = (th - tl) * 0.05;
    const out: Limits = [u(tl - m), u(th + m)];
    if (sticky && !log && lo >= 0 && out[0] < 0) out[0] = 0;
    if (sticky && !log && hi <= 0 && out[1] > 0) out[1] = 0;
    return out;
  }

  /** "linear" or "log". */
  set_xscale(value: string): void {
    this._xscale = checkScale(value);
    this.touch();
  }
  set_yscale(value: string): void {
    this._yscale = checkScale(value);
    this.touch();
  }

  /** Tick positions, and optionally their labels. */
  set_xticks(ticks: unknown, labels?: unknown): void {
    this._xticks = ticksOf(ticks, labels);
    this.touch();
  }
  set_yticks(ticks: unknown, labels?: unknown): void {
    this._yticks = ticksOf(ticks, labels);
    this.touch();
  }

  /** "equal" keeps one unit the same length on both axes; "auto" fills the axes. */
  set_aspect(aspect: string | number): void {
    this._equal = aspect === "equal" || aspect === 1;
    this.touch();
  }

  /**
   * The legend of the labelled artists: `legend()`, `legend(["a", "b"])` (labels for the lines in
   * order), `{loc: "best" | "upper right" | ..., title, fontsize}`.
   */
  legend(...args: unknown[]): void {
    const [rest, opts] = splitOpts(args);
    if (rest.length) {
      const labels = rest[0] === undefined ? [] : toData(rest[0], "legend").values.map(String);
      this._traces
        .filter((t) => t.showlegend !== false)
        .forEach((t, i) => {
          if (i < labels.length) t.name = plotlyText(labels[i]);
        });
    } else if (!this._traces.some((t) => typeof t.name === "string" && !t.name.startsWith("_"))) {
      process.stderr.write(
        "No artists with labels found to put in legend.  Note that artists whose label start with an underscore are ignored when legend() is called with no argument.\n",
      );
    }
    this._legend = {
      loc: String(opts.loc ?? "best"),
      ...(opts.title !== undefined ? { title: String(opts.title) } : {}),
      ...(opts.fontsize !== undefined ? { fontsize: Number(opts.fontsize) } : {}),
    };
    this.touch();
  }

  /** Grid lines: `grid()` toggles, `grid(true)`, `grid(false)`, `{axis: "both" | "x" | "y", color, linestyle, alpha}`. */
  grid(...args: unknown[]): void {
    const [rest, opts] = splitOpts(args);
    const axis = String(opts.axis ?? "both");
    const on =
      rest.length && rest[0] !== null && rest[0] !== undefined
        ? Boolean(rest[0])
        : Object.keys(opts).some((k) => k !== "axis")
          ? true
          : !(this._grid.x || this._grid.y);
    if (axis !== "y") this._grid.x = on;
    if (axis !== "x") this._grid.y = on;
    if (opts.color !== undefined) this._grid.color = toColor(opts.color);
    if (opts.linestyle !== undefined || opts.ls !== undefined)
      this._grid.dash = dashOf(String(opts.linestyle ?? opts.ls)) ?? "solid";
    if (opts.linewidth !== undefined) this._grid.width = Number(opts.linewidth) * PT;
    this.touch();
  }

  /**
   * `axis("off")` hides the axes (lines, ticks, labels), `axis("on")`, `axis("equal")`,
   * `axis("tight")`, or `axis([xmin, xmax, ymin, ymax])`. Returns the limits.
   */
  axis(arg?: unknown): [number, number, number, number] {
    if (arg === "off" || arg === false) this._axisOn = false;
    else if (arg === "on" || arg === true) this._axisOn = true;
    else if (arg === "equal" || arg === "scaled" || arg === "image") this._equal = true;
    else if (arg === "tight") {
      this._xlim = this.dataLimits("x");
      this._ylim = this.dataLimits("y");
    } else if (arg !== undefined) {
      const v = numeric(toData(arg, "axis"), "axis");
      if (v.length !== 4)
        throw new PyTypeError("the first argument to axis() must be an iterable of the form [xmin, xmax, ymin, ymax]");
      this._xlim = [v[0], v[1]];
      this._ylim = [v[2], v[3]];
    }
    this.touch();
    return [...this.get_xlim(), ...this.get_ylim()];
  }

  private dataLimits(dir: "x" | "y"): Limits {
    const all = this._bounds.flatMap((b) => b[dir] ?? []);
    return all.length ? extent(all) : [0, 1];
  }

  /** Show the colour scale of the last colour-mapped artist. */
  colorbar(): void {
    const t = [...this._traces]
      .reverse()
      .find((tr) => tr.type === "heatmap" || (tr.marker as Json | undefined)?.colorscale !== undefined);
    if (!t) throw new RuntimeErrorNoMappable();
    if (t.type === "heatmap") t.showscale = true;
    else (t.marker as Json).showscale = true;
    this.touch();
  }

  /** Remove everything drawn and set on these axes. */
  cla(): void {
    this._traces.length = 0;
    this._bounds.length = 0;
    this._shapes.length = 0;
    this._texts.length = 0;
    this._title = this._xlabel = this._ylabel = null;
    this._xlim = this._ylim = null;
    this._legend = null;
    this._xscale = this._yscale = "linear";
    this._grid.x = this._grid.y = false;
    this._axisOn = true;
    this._equal = this._yDown = false;
    this._xticks = this._yticks = null;
    this.touch();
  }

  toString(): string {
    const { rows: r, cols: c, index: i } = this.position;
    return `<AxesSubplot: ${r}${c}${i}>`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

class RuntimeErrorNoMappable extends PyError {
  static override pyName = "RuntimeError";
  constructor() {
    super(
      "No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).",
    );
  }
}

function checkScale(value: string): "linear" | "log" {
  if (value === "linear" || value === "log") return value;
  if (["symlog", "asinh", "logit", "function", "functionlog"].includes(value)) {
    throw new ValueError(`scale '${value}' is not supported by gradlab's plt (plotly draws 'linear' and 'log' axes)`);
  }
  throw new ValueError(
    `'${value}' is not a valid value for scale; supported values are 'linear', 'log', 'symlog', 'asinh', 'logit', 'function', 'functionlog'`,
  );
}

function ticksOf(ticks: unknown, labels?: unknown): { vals: Value[]; text?: string[] } {
  const vals = toData(ticks, "ticks").values;
  if (labels === undefined) return { vals };
  const text = toData(labels, "ticks").values.map(String);
  if (text.length !== vals.length)
    throw new ValueError(
      `The number of FixedLocator locations (${vals.length}), usually from a call to set_ticks, does not match the number of labels (${text.length}).`,
    );
  return { vals, text };
}
