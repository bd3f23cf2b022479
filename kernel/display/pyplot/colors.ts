/**
 * matplotlib's colour vocabulary, turned into CSS colours plotly.js understands:
 *
 *   "C0".."C9", "tab:blue"      → the tab10 cycle ("#1f77b4" ...)
 *   "b" "g" "r" "c" "m" "y" "k" "w" → matplotlib's base colours ("g" is #008000, not tab:green)
 *   "red", "darkslategrey"      → CSS4 names, passed through (browsers know them)
 *   "#123", "#ff8800", "#11223344", "0.25" (a grey level), [r, g, b(, a)] in 0..1
 *
 * Colormaps (`cmap`) map to plotly colorscales: plotly's own where it has matplotlib's (Viridis ...),
 * explicit stops where plotly's differ in direction or colour (gray, Blues, RdBu ...).
 */
import { ValueError } from "../../../engine/errors.js";

/** matplotlib's default property cycle (rcParams["axes.prop_cycle"]), tab10. */
export const TAB10 = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];
const TAB_NAMES = ["blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"];

/** matplotlib.colors.BASE_COLORS, as hex. */
export const BASE_COLORS: Record<string, string> = {
  b: "#0000ff",
  g: "#008000",
  r: "#ff0000",
  c: "#00bfbf",
  m: "#bf00bf",
  y: "#bfbf00",
  k: "#000000",
  w: "#ffffff",
};

/** matplotlib.colors.CSS4_COLORS' names (the CSS colour keywords). */
const CSS4 = new Set(
  (
    "aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood " +
    "cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey " +
    "darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey " +
    "darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite " +
    "gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon " +
    "lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue " +
    "lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid " +
    "mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin " +
    "navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff " +
    "peru pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver " +
    "skyblue slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow " +
    "yellowgreen"
  ).split(" "),
);

const hex2 = (v: number) =>
  Math.round(v * 255)
    .toString(16)
    .padStart(2, "0");

/** A colour spec as a CSS colour, or null when it is not one (no error: format strings probe with this). */
export function colorOrNull(spec: unknown): string | null {
  if (Array.isArray(spec)) {
    if ((spec.length !== 3 && spec.length !== 4) || !spec.every((v) => typeof v === "number")) return null;
    if (spec.some((v) => v < 0 || v > 1)) throw new ValueError("RGBA values should be within 0-1 range");
    const [r, g, b, a = 1] = spec as number[];
    return a === 1
      ? `#${hex2(r)}${hex2(g)}${hex2(b)}`
      : `rgba(${Math.round(r * 255)},${Math.round(g * 255)},${Math.round(b * 255)},${a})`;
  }
  if (typeof spec !== "string") return null;
  const s = spec.trim();
  const cycle = /^C(\d+)$/.exec(s);
  if (cycle) return TAB10[Number(cycle[1]) % TAB10.length];
  if (s.startsWith("tab:")) {
    const i = TAB_NAMES.indexOf(s.slice(4));
    return i < 0 ? null : TAB10[i];
  }
  if (BASE_COLORS[s]) return BASE_COLORS[s];
  if (CSS4.has(s.toLowerCase())) return s.toLowerCase();
  if (/^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(s)) return s.toLowerCase();
  if (/^\d*\.?\d+(e-?\d+)?$/i.test(s)) {
    const v = Number(s);
    if (v < 0 || v > 1) throw new ValueError(`Invalid string grayscale value '${s}'. Value must be within 0-1 range`);
    return `#${hex2(v)}${hex2(v)}${hex2(v)}`;
  }
  return null;
}

/**
 * A CSS colour with an alpha, as rgba(): plotly's trace `opacity` does not reach a fill's colour,
 * so fills carry their alpha in the colour. CSS names (no table here) keep their own opacity: null.
 */
export function withAlpha(css: string, alpha: number): string | null {
  const m = /^#([0-9a-f]{6})$/i.exec(css);
  if (!m) return null;
  const v = (i: number) => parseInt(m[1].slice(i, i + 2), 16);
  return `rgba(${v(0)},${v(2)},${v(4)},${alpha})`;
}

/** A colour spec as a CSS colour; `what` names the option in the error, as matplotlib does. */
export function toColor(spec: unknown, what = "color"): string {
  const c = colorOrNull(spec);
  if (c === null)
    throw new ValueError(
      `${typeof spec === "string" ? `'${spec}'` : JSON.stringify(spec)} is not a valid value for ${what}`,
    );
  return c;
}

/** The cycle of one kind of artist on one Axes (lines and patches cycle separately, as in matplotlib). */
export class ColorCycle {
  private i = 0;
  next(): string {
    return TAB10[this.i++ % TAB10.length];
  }
}

/**
 * matplotlib colormap names → plotly colorscales. NOTE: plotly's Greys, Blues, RdBu ... run the
 * other way round from matplotlib's (and some differ in colour), so
 * those are written as matplotlib's own end and middle colours. A trailing `_r` reverses.
 */
const COLORMAPS: Record<string, { scale: string | [number, string][] }> = {
  viridis: { scale: "Viridis" },
  plasma: { scale: "Plasma" },
  inferno: { scale: "Inferno" },
  magma: { scale: "Magma" },
  cividis: { scale: "Cividis" },
  gray: {
    scale: [
      [0, "#000000"],
      [1, "#ffffff"],
    ],
  },
  grey: {
    scale: [
      [0, "#000000"],
      [1, "#ffffff"],
    ],
  },
  Greys: {
    scale: [
      [0, "#ffffff"],
      [1, "#000000"],
    ],
  },
  hot: {
    scale: [
      [0, "#0b0000"],
      [0.365, "#ff0000"],
      [0.746, "#ffff00"],
      [1, "#ffffff"],
    ],
  },
  jet: { scale: "Jet" },
  coolwarm: {
    scale: [
      [0, "#3b4cc0"],
      [0.5, "#dddddd"],
      [1, "#b40426"],
    ],
  },
  RdBu: {
    scale: [
      [0, "#67001f"],
      [0.5, "#f7f7f7"],
      [1, "#053061"],
    ],
  },
  Blues: {
    scale: [
      [0, "#f7fbff"],
      [0.5, "#6baed6"],
      [1, "#08306b"],
    ],
  },
  Reds: {
    scale: [
      [0, "#fff5f0"],
      [0.5, "#fb6a4a"],
      [1, "#67000d"],
    ],
  },
  Greens: {
    scale: [
      [0, "#f7fcf5"],
      [0.5, "#74c476"],
      [1, "#00441b"],
    ],
  },
  binary: {
    scale: [
      [0, "#ffffff"],
      [1, "#000000"],
    ],
  },
  bwr: {
    scale: [
      [0, "#0000ff"],
      [0.5, "#ffffff"],
      [1, "#ff0000"],
    ],
  },
};

/** A cmap name as plotly's `colorscale` and `reversescale`. */
export function colorscale(cmap: string): { colorscale: string | [number, string][]; reversescale: boolean } {
  const reversed = cmap.endsWith("_r");
  const entry = COLORMAPS[reversed ? cmap.slice(0, -2) : cmap];
  if (!entry) {
    throw new ValueError(
      `'${cmap}' is not a valid value for cmap; supported values are ${Object.keys(COLORMAPS)
        .map((k) => `'${k}'`)
        .join(", ")} (and each with '_r')`,
    );
  }
  return { colorscale: entry.scale, reversescale: reversed };
}
