/**
 * matplotlib.pyplot's state machine on plotly.js: a current figure and a current axes, and the
 * functions that draw on them. In a notebook, figures drawn during a cell show at its end (as with
 * matplotlib's inline backend) or at show(); in a terminal, show() writes each figure to an HTML
 * file under the output folder, prints its path and draws its lines as a Unicode chart.
 *
 *   plt.plot(x, torch.sin(x), {label: "sin(x)"}); plt.plot(x, x.grad, "r--", {label: "dy/dx"})
 *   plt.xlabel("x"); plt.legend(); plt.show()
 *   const [fig, axes] = plt.subplots(1, 2); axes[0].imshow(img); axes[1].hist(w, {bins: 30})
 */
import { join } from "node:path";
import { events } from "../../session/events.js";
import { currentFrontend, publish } from "../publisher.js";
import { Axes } from "./axes.js";
import { Figure, type FigureOptions } from "./figure.js";
import { terminalChart } from "./terminal_chart.js";

export { Axes, Figure };

/** Open figures by number (matplotlib's Gcf), and the current one. */
const figures = new Map<number, Figure>();
let current: Figure | null = null;

const nextNumber = () => (figures.size ? Math.max(...figures.keys()) + 1 : 1);

/**
 * Make a new figure current (or the open one with number/name `num`): `{figsize: [w, h]}` in
 * inches (default [6.4, 4.8]), `dpi`.
 * @example plt.figure({figsize: [10, 4]})
 */
export function figure(num?: number | string | FigureOptions, opts: FigureOptions = {}): Figure {
  if (typeof num === "object" && num !== null) {
    opts = num;
    num = opts.num;
  }
  if (typeof num === "number" && figures.has(num)) return (current = figures.get(num)!);
  if (typeof num === "string") {
    const named = [...figures.values()].find((f) => f.label === num);
    if (named) return (current = named);
  }
  const n = typeof num === "number" ? num : nextNumber();
  const fig = new Figure(n, opts, typeof num === "string" ? num : "");
  fig._touch();
  figures.set(n, fig);
  return (current = fig);
}

/** The current figure, created if there is none. */
export function gcf(): Figure {
  return current ?? figure();
}

/** The current axes, created if there is none. */
export function gca(): Axes {
  return gcf().gca();
}

/**
 * Make the subplot at `index` (1-based, row by row) of a rows×cols grid current, creating it:
 * `subplot(2, 1, 1)` or `subplot(211)`.
 */
export function subplot(rows: number = 1, cols?: number, index?: number): Axes {
  return gcf().add_subplot(rows, cols, index);
}

export interface SubplotsOptions extends FigureOptions {
  sharex?: boolean;
  sharey?: boolean;
  /** Default true: a 1×1 grid gives one Axes, 1×n or n×1 a flat array, else rows of Axes. */
  squeeze?: boolean;
}

/** An array of Axes as numpy would hold them: `axes.flat` lists them row by row, `axes.shape` is the grid. */
export type AxesArray<T> = T[] & { readonly flat: Axes[]; readonly shape: number[] };

function axesArray<T>(items: T[], shape: number[], flat: Axes[]): AxesArray<T> {
  return Object.defineProperties(items, { flat: { value: flat }, shape: { value: shape } }) as AxesArray<T>;
}

/**
 * A new figure with a grid of axes: `const [fig, ax] = plt.subplots()`,
 * `const [fig, [ax1, ax2]] = plt.subplots(1, 2)`, `const [fig, axes] = plt.subplots(2, 2, {figsize: [8, 6]})`
 * (then `axes[0][1].plot(...)`, `for (const ax of axes.flat)`), `{sharex, sharey}`.
 */
export function subplots(opts?: SubplotsOptions): [Figure, Axes];
export function subplots(nrows: 1, opts?: SubplotsOptions): [Figure, Axes];
export function subplots(nrows: 1, ncols: 1, opts?: SubplotsOptions): [Figure, Axes];
export function subplots(nrows: number, opts?: SubplotsOptions): [Figure, AxesArray<Axes>];
export function subplots(nrows: 1, ncols: number, opts?: SubplotsOptions): [Figure, AxesArray<Axes>];
export function subplots(nrows: number, ncols: 1, opts?: SubplotsOptions): [Figure, AxesArray<Axes>];
export function subplots(nrows: number, ncols: number, opts?: SubplotsOptions): [Figure, AxesArray<AxesArray<Axes>>];
export function subplots(
  nrows?: number | SubplotsOptions,
  ncols?: number | SubplotsOptions,
  opts: SubplotsOptions = {},
): [Figure, Axes | AxesArray<Axes> | AxesArray<AxesArray<Axes>>] {
  if (typeof nrows === "object") {
    opts = nrows;
    nrows = 1;
    ncols = 1;
  }
  if (typeof ncols === "object") {
    opts = ncols;
    ncols = 1;
  }
  const r = nrows ?? 1,
    c = ncols ?? 1;
  const fig = figure(opts);
  const grid: Axes[][] = [];
  for (let i = 0; i < r; i++) {
    grid.push([]);
    for (let j = 0; j < c; j++) grid[i].push(fig.add_subplot(r, c, i * c + j + 1));
  }
  const all = grid.flat();
  for (const ax of all) {
    if (opts.sharex) ax._sharex = all[0];
    if (opts.sharey) ax._sharey = all[0];
  }
  fig._current = all[0];
  const rowsOf = () =>
    axesArray(
      grid.map((row) => axesArray(row, [row.length], row)),
      [r, c],
      all,
    );
  if (opts.squeeze === false) return [fig, rowsOf()];
  if (r === 1 && c === 1) return [fig, all[0]];
  if (r === 1 || c === 1) return [fig, axesArray(all, [all.length], all)];
  return [fig, rowsOf()];
}

const onAxes = <K extends keyof Axes>(name: K) =>
  ((...args: unknown[]) => (gca()[name] as (...a: unknown[]) => unknown)(...args)) as Axes[K];

/** Lines and/or markers: `plot(y)`, `plot(x, y)`, `plot(x, y, "r--")`, `{color, label, linestyle, marker, linewidth, alpha}`. */
export const plot: Axes["plot"] = onAxes("plot");
/** Markers at (x, y): `{s, c, color, marker, alpha, label, cmap}`. */
export const scatter: Axes["scatter"] = onAxes("scatter");
/** Bars: `bar(x, height, {width, bottom, color, label})`. */
export const bar: Axes["bar"] = onAxes("bar");
/** A histogram: `hist(x, {bins, range, density, color, alpha, label})`; returns [n, bins]. */
export const hist: Axes["hist"] = onAxes("hist");
/** An image: H×W with `{cmap}`, H×W×3, or a 3×H×W tensor. */
export const imshow: Axes["imshow"] = onAxes("imshow");
/** Fill between y1 and y2: `fill_between(x, y1, y2, {alpha})`. */
export const fill_between: Axes["fill_between"] = onAxes("fill_between");
/** A horizontal line across the axes: `axhline(0, {color: "k", linestyle: "--"})`. */
export const axhline: Axes["axhline"] = onAxes("axhline");
/** A vertical line across the axes: `axvline(1.5)`. */
export const axvline: Axes["axvline"] = onAxes("axvline");
/** Text at data coordinates: `text(x, y, "label", {fontsize})`. */
export const text: Axes["text"] = onAxes("text");
/** The x axis label. */
export const xlabel: Axes["set_xlabel"] = onAxes("set_xlabel");
/** The y axis label. */
export const ylabel: Axes["set_ylabel"] = onAxes("set_ylabel");
/** The current axes' title. */
export const title: Axes["set_title"] = onAxes("set_title");
/** The legend of the labelled lines: `legend()`, `legend(["a", "b"])`, `{loc: "upper left"}`. */
export const legend: Axes["legend"] = onAxes("legend");
/** Grid lines: `grid()` toggles, `grid(true)`. */
export const grid: Axes["grid"] = onAxes("grid");
/** `axis("off")`, `axis("equal")`, `axis([xmin, xmax, ymin, ymax])`. */
export const axis: Axes["axis"] = onAxes("axis");
/** Show the colour scale of the last image or colour-mapped scatter. */
export const colorbar: Axes["colorbar"] = onAxes("colorbar");
/** Clear the current axes. */
export const cla: Axes["cla"] = onAxes("cla");
/** "linear" or "log" x axis. */
export const xscale: Axes["set_xscale"] = onAxes("set_xscale");
/** "linear" or "log" y axis. */
export const yscale: Axes["set_yscale"] = onAxes("set_yscale");

/** The x limits: `xlim()` returns them, `xlim(0, 10)` or `xlim([0, 10])` sets them. */
export function xlim(...args: unknown[]): [number, number] {
  return args.length ? gca().set_xlim(...args) : gca().get_xlim();
}
/** The y limits: `ylim()` returns them, `ylim(-1, 1)` or `ylim([-1, 1])` sets them. */
export function ylim(...args: unknown[]): [number, number] {
  return args.length ? gca().set_ylim(...args) : gca().get_ylim();
}
/** Tick positions (and labels) of the x axis: `xticks([0, 1, 2], ["a", "b", "c"])`. */
export function xticks(ticks?: unknown, labels?: unknown): void {
  if (
    ticks !== undefined &&
    !(typeof ticks === "object" && ticks !== null && Object.getPrototypeOf(ticks) === Object.prototype)
  )
    gca().set_xticks(ticks, labels);
}
/** Tick positions (and labels) of the y axis. */
export function yticks(ticks?: unknown, labels?: unknown): void {
  if (
    ticks !== undefined &&
    !(typeof ticks === "object" && ticks !== null && Object.getPrototypeOf(ticks) === Object.prototype)
  )
    gca().set_yticks(ticks, labels);
}

/** plot() with a log x axis. */
export function semilogx(...args: unknown[]): void {
  gca().plot(...args);
  gca().set_xscale("log");
}
/** plot() with a log y axis (loss curves). */
export function semilogy(...args: unknown[]): void {
  gca().plot(...args);
  gca().set_yscale("log");
}
/** plot() with both axes log. */
export function loglog(...args: unknown[]): void {
  gca().plot(...args);
  gca().set_xscale("log");
  gca().set_yscale("log");
}

/** A title over the whole current figure. */
export function suptitle(t: unknown, ...opts: unknown[]): void {
  gcf().suptitle(t, ...opts);
}
/** Accepted for matplotlib code (plotly keeps labels inside the figure). */
export function tight_layout(..._args: unknown[]): void {
  gcf().tight_layout();
}
/** Clear the current figure. */
export function clf(): void {
  gcf().clf();
}

/** Save the current figure: `.html` (self-contained, opens offline). Returns the file written. */
export function savefig(path: string, ...rest: unknown[]): string {
  return gcf().savefig(path, ...rest);
}

/**
 * Close a figure: the current one, `close(fig)`, `close(2)`, `close("name")`, or `close("all")`.
 */
export function close(fig?: Figure | number | string): void {
  if (fig === "all") {
    figures.clear();
    current = null;
    return;
  }
  const target =
    fig === undefined
      ? current
      : fig instanceof Figure
        ? fig
        : typeof fig === "number"
          ? figures.get(fig)
          : [...figures.values()].find((f) => f.label === fig);
  if (!target) return;
  figures.delete(target.number);
  if (current === target) current = figures.size ? figures.get(Math.max(...figures.keys()))! : null;
}

/** Open figures, oldest first. */
export function get_fignums(): number[] {
  return [...figures.keys()].sort((a, b) => a - b);
}

/** Show one figure in the running cell's frontend (or, in a terminal, write it and chart it). */
function showFigure(fig: Figure): void {
  const frontend = currentFrontend();
  if (frontend.kind === "jupyter") {
    const bundle = fig._repr_bundle();
    publish(bundle);
    return;
  }
  fig._stale = false;
  if (!fig.axes.length) {
    process.stdout.write(`${fig}\n`);
    return;
  }
  const file = fig.savefig(join(frontend.outputDir, `${fig.filename}.html`));
  const chart = terminalChart(fig, `Figure ${fig.number}`, frontend.tty);
  process.stdout.write(`${chart ? chart + "\n" : ""}${fig} saved to ${file}\n`);
}

/**
 * Show all open figures, then close them (as matplotlib's inline backend): in a notebook as
 * outputs of the cell, in a terminal as HTML files (path printed) with a Unicode chart of the lines.
 */
export function show(..._args: unknown[]): void {
  for (const n of get_fignums()) showFigure(figures.get(n)!);
  close("all");
}

/**
 * After a notebook cell: show the figures it changed and close all (matplotlib inline's
 * flush_figures). In a terminal figures stay open until show(), so a plot can be built up line by line.
 */
function flushFigures(): void {
  if (currentFrontend().kind !== "jupyter") return;
  for (const n of get_fignums()) {
    const fig = figures.get(n)!;
    if (fig._stale) showFigure(fig);
  }
  close("all");
}
events.register("post_execute", flushFigures);
