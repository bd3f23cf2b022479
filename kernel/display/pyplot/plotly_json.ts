/**
 * A Figure as plotly.js figure JSON ({data, layout}), in matplotlib's default look: white
 * background, a black box round each axes with ticks outside, no grid unless asked, tab10
 * colours, DejaVu Sans at 10 pt, axes placed where matplotlib's subplot parameters put them
 * (left 0.125, right 0.9, bottom 0.11, top 0.88, wspace = hspace = 0.2).
 *
 *   axes k (0-based) → layout.xaxis{k+1} / yaxis{k+1}, traces with xaxis "x{k+1}", its title as an
 *   annotation above its domain, its legend as layout.legend{k+1} inside its corner.
 */
import type { Axes, Json } from "./axes.js";
import { plotlyText, PT } from "./axes.js";

export interface PlotlyFigure {
  data: Json[];
  layout: Json;
}

export interface FigureLike {
  readonly figsize: [number, number];
  readonly dpi: number;
  readonly axes: readonly Axes[];
  readonly suptitleText: string | null;
}

const SUBPLOT = { left: 0.125, right: 0.9, bottom: 0.11, top: 0.88, wspace: 0.2, hspace: 0.2 };
const FONT = "DejaVu Sans, Bitstream Vera Sans, Arial, sans-serif";

/** The [x0, x1] and [y0, y1] of a grid cell in the plotting area (0..1), as matplotlib's GridSpec. */
export function cellDomain(rows: number, cols: number, index: number): { x: [number, number]; y: [number, number] } {
  const r = Math.floor((index - 1) / cols),
    c = (index - 1) % cols;
  const w = 1 / (cols + (cols - 1) * SUBPLOT.wspace),
    h = 1 / (rows + (rows - 1) * SUBPLOT.hspace);
  const x0 = c * w * (1 + SUBPLOT.wspace),
    y1 = 1 - r * h * (1 + SUBPLOT.hspace);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { x: [round(x0), round(x0 + w)], y: [round(Math.max(0, y1 - h)), round(y1)] };
}

const LEGEND_LOC: Record<string, [number, number, string, string]> = {
  best: [1, 1, "right", "top"],
  "upper right": [1, 1, "right", "top"],
  "upper left": [0, 1, "left", "top"],
  "lower left": [0, 0, "left", "bottom"],
  "lower right": [1, 0, "right", "bottom"],
  right: [1, 0.5, "right", "middle"],
  "center left": [0, 0.5, "left", "middle"],
  "center right": [1, 0.5, "right", "middle"],
  "lower center": [0.5, 0, "center", "bottom"],
  "upper center": [0.5, 1, "center", "top"],
  center: [0.5, 0.5, "center", "middle"],
};

const ref = (axis: "x" | "y", k: number) => (k === 0 ? axis : `${axis}${k + 1}`);
const layoutKey = (axis: "x" | "y", k: number) => (k === 0 ? `${axis}axis` : `${axis}axis${k + 1}`);

function axisLayout(ax: Axes, dir: "x" | "y", k: number, domain: [number, number]): Json {
  const label = dir === "x" ? ax._xlabel : ax._ylabel;
  const scale = dir === "x" ? ax._xscale : ax._yscale;
  const ticks = dir === "x" ? ax._xticks : ax._yticks;
  const grid = dir === "x" ? ax._grid.x : ax._grid.y;
  const categorical = ax._traces.some(
    (t) => Array.isArray(t[dir]) && (t[dir] as unknown[]).some((v) => typeof v === "string"),
  );
  const out: Json = {
    domain,
    anchor: ref(dir === "x" ? "y" : "x", k),
    type: categorical ? "category" : scale,
    showline: ax._axisOn,
    linecolor: "black",
    linewidth: 0.8 * PT,
    mirror: ax._axisOn,
    ticks: ax._axisOn ? "outside" : "",
    ticklen: 3.5 * PT,
    tickwidth: 0.8 * PT,
    tickcolor: "black",
    showticklabels: ax._axisOn,
    showgrid: grid && ax._axisOn,
    gridcolor: ax._grid.color,
    gridwidth: ax._grid.width,
    griddash: ax._grid.dash,
    zeroline: false,
    automargin: true,
    title: { text: label ? plotlyText(label) : "", font: { size: 10 * PT } },
  };
  if (!categorical) {
    const [lo, hi] = dir === "x" ? ax.get_xlim() : ax.get_ylim();
    const t = (v: number) => (scale === "log" ? Math.log10(v) : v);
    // plotly takes log ranges as exponents; an image's y runs downward (origin "upper").
    out.range = dir === "y" && ax._yDown && !ax._ylim ? [t(hi), t(lo)] : [t(lo), t(hi)];
    out.autorange = false;
  }
  if (ticks)
    Object.assign(out, {
      tickmode: "array",
      tickvals: ticks.vals,
      ...(ticks.text ? { ticktext: ticks.text.map(plotlyText) } : {}),
    });
  if (dir === "y" && ax._equal) Object.assign(out, { scaleanchor: ref("x", k), scaleratio: 1, constrain: "domain" });
  if (dir === "x" && ax._equal) out.constrain = "domain";
  return out;
}

export function toPlotly(fig: FigureLike): PlotlyFigure {
  const [wIn, hIn] = fig.figsize;
  const width = Math.round(wIn * fig.dpi),
    height = Math.round(hIn * fig.dpi);
  const data: Json[] = [];
  const annotations: Json[] = [];
  const shapes: Json[] = [];
  // A suptitle gets its own band above the axes titles (matplotlib leaves that to tight_layout).
  const suptitleBand = fig.suptitleText !== null ? Math.round(24 * PT) : 0;
  const layout: Json = {
    width,
    height,
    autosize: false,
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    font: { family: FONT, size: 10 * PT, color: "black" },
    margin: {
      l: Math.round(SUBPLOT.left * width),
      r: Math.round((1 - SUBPLOT.right) * width),
      t: Math.round((1 - SUBPLOT.top) * height) + suptitleBand,
      b: Math.round(SUBPLOT.bottom * height),
      pad: 0,
    },
    showlegend: false,
    hovermode: "closest",
    barmode: "overlay",
    bargap: 0,
  };
  const legends = fig.axes.map((ax) => ax._legend !== null);
  fig.axes.forEach((ax, k) => {
    const { x, y } = cellDomain(ax.position.rows, ax.position.cols, ax.position.index);
    layout[layoutKey("x", k)] = axisLayout(ax, "x", k, x);
    layout[layoutKey("y", k)] = axisLayout(ax, "y", k, y);
    // subplots({sharex, sharey}): plotly's `matches` pans and zooms them together
    if (ax._sharex && ax._sharex !== ax)
      (layout[layoutKey("x", k)] as Json).matches = ref("x", fig.axes.indexOf(ax._sharex));
    if (ax._sharey && ax._sharey !== ax)
      (layout[layoutKey("y", k)] as Json).matches = ref("y", fig.axes.indexOf(ax._sharey));
    const legendName = k === 0 ? "legend" : `legend${k + 1}`;
    for (const t of ax._traces) {
      const labelled = typeof t.name === "string" && !t.name.startsWith("_") && t.showlegend !== false;
      data.push({
        ...t,
        xaxis: ref("x", k),
        yaxis: ref("y", k),
        showlegend: legends[k] && labelled,
        ...(legends[k] && k > 0 ? { legend: legendName } : {}),
      });
    }
    if (ax._legend) {
      const [lx, ly, xa, ya] = LEGEND_LOC[ax._legend.loc] ?? LEGEND_LOC.best;
      layout.showlegend = true;
      layout[legendName] = {
        x: x[0] + lx * (x[1] - x[0]),
        y: y[0] + ly * (y[1] - y[0]),
        xanchor: xa,
        yanchor: ya,
        xref: "paper",
        yref: "paper",
        bgcolor: "rgba(255,255,255,0.8)",
        bordercolor: "#cccccc",
        borderwidth: 1,
        font: { size: (ax._legend.fontsize ?? 10) * PT },
        ...(ax._legend.title ? { title: { text: plotlyText(ax._legend.title) } } : {}),
      };
    }
    if (ax._title) {
      const at =
        ax._title.loc === "left"
          ? [x[0], "left"]
          : ax._title.loc === "right"
            ? [x[1], "right"]
            : [(x[0] + x[1]) / 2, "center"];
      annotations.push({
        text: plotlyText(ax._title.text),
        x: at[0],
        xanchor: at[1],
        y: y[1],
        yanchor: "bottom",
        yshift: 6 * PT,
        xref: "paper",
        yref: "paper",
        showarrow: false,
        font: { size: (ax._title.fontsize ?? 12) * PT },
      });
    }
    const rewrite = (o: Json): Json => {
      const out: Json = { ...o };
      for (const key of ["xref", "yref"] as const) {
        const v = o[key];
        if (typeof v === "string" && v !== "paper") out[key] = v.replace(/^([xy])/, (_, a: "x" | "y") => ref(a, k));
      }
      return out;
    };
    for (const s of ax._shapes) shapes.push(rewrite(s));
    for (const t of ax._texts) annotations.push(rewrite(t));
  });
  if (fig.suptitleText !== null) {
    layout.title = {
      text: plotlyText(fig.suptitleText),
      x: 0.5,
      xanchor: "center",
      y: 0.98,
      yanchor: "top",
      font: { size: 12 * PT },
    };
  }
  if (annotations.length) layout.annotations = annotations;
  if (shapes.length) layout.shapes = shapes;
  return { data, layout };
}
