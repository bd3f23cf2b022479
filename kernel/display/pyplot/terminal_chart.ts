/**
 * A figure's line plots as a small Unicode chart for the terminal (the REPL, `gradlab run`,
 * plain scripts), drawn by the `asciichart` package: each axes with lines gets its title, the
 * lines resampled over the x range to a fixed width, the x range and the labels.
 *
 *   Figure 1: sin(x)
 *       1.00 ┤   ╭──╮
 *       0.00 ┼──╯    ╰──╮   ...
 *   x: 0 … 6.28   ─ sin  ─ cos
 */
import { createRequire } from "node:module";
import type { Json } from "./axes.js";
import { extent } from "./histogram.js";
import type { FigureLike } from "./plotly_json.js";

interface AsciiChart {
  plot(
    series: number[][],
    cfg?: { height?: number; min?: number; max?: number; colors?: string[]; format?: (x: number) => string },
  ): string;
  [color: string]: unknown;
}
const asciichart = createRequire(import.meta.url)("asciichart") as AsciiChart;

const WIDTH = 64;
const HEIGHT = 12;
/** tab10 and base colours → the nearest ANSI colour asciichart knows. */
const ANSI: Record<string, string> = {
  "#1f77b4": "blue",
  "#ff7f0e": "yellow",
  "#2ca02c": "green",
  "#d62728": "red",
  "#9467bd": "magenta",
  "#8c564b": "lightred",
  "#e377c2": "lightmagenta",
  "#7f7f7f": "darkgray",
  "#bcbd22": "lightyellow",
  "#17becf": "cyan",
  "#0000ff": "blue",
  "#008000": "green",
  "#ff0000": "red",
  "#00bfbf": "cyan",
  "#bf00bf": "magenta",
  "#bfbf00": "yellow",
};

/** Tick labels with the precision the chart's range needs (no 3.09e-4 for a zero crossing). */
const tickFormat = (min: number, max: number) => {
  const big = Math.max(Math.abs(min), Math.abs(max));
  const exp = big >= 1e5 || (big > 0 && big < 1e-2);
  return (v: number) => (exp ? v.toExponential(2) : v.toFixed(2)).padStart(9);
};

/**
 * y at evenly spaced x (linear interpolation over points sorted by x). NOTE: asciichart draws no
 * gaps, so a line shorter than the x range holds its end values there.
 */
function resample(xs: number[], ys: number[], lo: number, hi: number): number[] {
  const pts = xs
    .map((x, i) => [x, ys[i]] as const)
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    .sort((a, b) => a[0] - b[0]);
  if (!pts.length) return new Array<number>(WIDTH).fill(0);
  return Array.from({ length: WIDTH }, (_, i) => {
    const x = lo + ((hi - lo) * i) / (WIDTH - 1);
    let j = 0;
    while (j < pts.length - 1 && pts[j + 1][0] < x) j++;
    if (x <= pts[0][0]) return pts[0][1];
    if (x >= pts[pts.length - 1][0]) return pts[pts.length - 1][1];
    const [x0, y0] = pts[j],
      [x1, y1] = pts[Math.min(j + 1, pts.length - 1)];
    return x1 === x0 ? y0 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  });
}

/** Labels are stored as plotly's HTML text; the terminal shows them as written. */
const plain = (s: unknown) =>
  String(s).replace(/<br>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The chart text for the figure's line plots, or "" when it has none. */
export function terminalChart(fig: FigureLike, name: string, color: boolean): string {
  const parts: string[] = [];
  for (const ax of fig.axes) {
    const lines = ax._traces.filter(
      (t: Json) => t.type === "scatter" && String(t.mode).includes("lines") && !t.fill && t.showlegend !== false,
    );
    if (!lines.length) continue;
    const xs = lines.map((t) => (t.x as unknown[]).map(Number)),
      ys = lines.map((t) => (t.y as unknown[]).map((v) => (v === null ? NaN : Number(v))));
    if (xs.some((x) => x.some((v) => Number.isNaN(v)))) continue; // categorical x: no chart
    const finiteX = xs.flatMap((x, i) => x.filter((v, j) => Number.isFinite(v) && Number.isFinite(ys[i][j])));
    if (!finiteX.length) continue;
    const [lo, hi] = extent(finiteX);
    const series = ys.map((y, i) => resample(xs[i], y, lo, hi));
    const [min, max] = extent(series.flat());
    const colors = lines.map((t) => asciichart[ANSI[String((t.line as Json).color)] ?? "default"] as string);
    const title = [name, ax._title?.text].filter(Boolean).join(": ");
    const chart = asciichart.plot(series, {
      height: HEIGHT,
      min,
      max,
      format: tickFormat(min, max),
      ...(color ? { colors } : {}),
    });
    const legend = lines
      .map((t, i) => (t.name ? `${color ? colors[i] : ""}─${color ? asciichart.reset : ""} ${plain(t.name)}` : ""))
      .filter(Boolean)
      .join("  ");
    const xlabel = ax._xlabel ? `${ax._xlabel}: ` : "x: ";
    parts.push(
      `${title}\n${chart}\n${" ".repeat(11)}${xlabel}${+lo.toPrecision(4)} … ${+hi.toPrecision(4)}${legend ? "   " + legend : ""}`,
    );
  }
  return parts.join("\n\n");
}
