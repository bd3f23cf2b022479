/**
 * matplotlib's line vocabulary: format strings (`plt.plot(x, y, "r--")`), line styles and
 * markers, as plotly trace attributes. Parsing follows matplotlib.axes._base._process_plot_format:
 *
 *   "r--"  → color #ff0000, dashed line, no marker      "bo"  → blue circles, no line
 *   "g-."  → green dash-dot line                        "C1s-" → tab:orange line with squares
 *   "red"  → the whole string is a colour                "rz"  → ValueError (unrecognized character 'z')
 */
import { ValueError } from "../../../engine/errors.js";
import { BASE_COLORS, colorOrNull } from "./colors.js";

/** matplotlib line style → plotly `line.dash` (null: no line). */
export const LINESTYLES: Record<string, string | null> = {
  "-": "solid",
  "--": "dash",
  "-.": "dashdot",
  ":": "dot",
  solid: "solid",
  dashed: "dash",
  dashdot: "dashdot",
  dotted: "dot",
  None: null,
  none: null,
  " ": null,
  "": null,
};

/** matplotlib marker → plotly `marker.symbol` and a size factor (matplotlib draws "." and "," small). */
export const MARKERS: Record<string, { symbol: string; scale?: number }> = {
  ".": { symbol: "circle", scale: 0.5 },
  ",": { symbol: "square", scale: 0.2 },
  o: { symbol: "circle" },
  v: { symbol: "triangle-down" },
  "^": { symbol: "triangle-up" },
  "<": { symbol: "triangle-left" },
  ">": { symbol: "triangle-right" },
  "1": { symbol: "y-down-open" },
  "2": { symbol: "y-up-open" },
  "3": { symbol: "y-left-open" },
  "4": { symbol: "y-right-open" },
  "8": { symbol: "octagon" },
  s: { symbol: "square" },
  p: { symbol: "pentagon" },
  P: { symbol: "cross" },
  "*": { symbol: "star" },
  h: { symbol: "hexagon" },
  H: { symbol: "hexagon2" },
  "+": { symbol: "cross-thin-open" },
  x: { symbol: "x-thin-open" },
  X: { symbol: "x" },
  D: { symbol: "diamond" },
  d: { symbol: "diamond-tall" },
  "|": { symbol: "line-ns-open" },
  _: { symbol: "line-ew-open" },
};

export interface LineFormat {
  /** "-", "--", "-.", ":" or "None"; undefined when the string names none (a line is drawn then, unless a marker is named). */
  linestyle?: string;
  /** A key of MARKERS or "None". */
  marker?: string;
  color?: string;
}

/** Split a format string as matplotlib does (_process_plot_format). */
export function parseFormat(fmt: string): LineFormat {
  // The whole string may be a colour ("red", "#ff8800", "0.5"); "1" .. "4" are markers though.
  try {
    const whole = /^[1-4]$/.test(fmt) ? null : colorOrNull(fmt);
    if (whole) return { color: whole };
  } catch {
    /* a grey level out of range: not a colour, parse it as a format */
  }
  const bad = (why: string) => new ValueError(`'${fmt}' is not a valid format string (${why})`);
  let linestyle: string | undefined, marker: string | undefined, color: string | undefined;
  for (let i = 0; i < fmt.length; ) {
    const two = fmt.slice(i, i + 2);
    const c = fmt[i];
    if (two === "--" || two === "-.") {
      if (linestyle !== undefined) throw bad("two linestyle symbols");
      linestyle = two;
      i += 2;
    } else if (c === "-" || c === ":") {
      if (linestyle !== undefined) throw bad("two linestyle symbols");
      linestyle = c;
      i += 1;
    } else if (c in MARKERS) {
      if (marker !== undefined) throw bad("two marker symbols");
      marker = c;
      i += 1;
    } else if (c in BASE_COLORS) {
      if (color !== undefined) throw bad("two color symbols");
      color = BASE_COLORS[c];
      i += 1;
    } else if (c === "C" && /^C\d/.test(fmt.slice(i))) {
      if (color !== undefined) throw bad("two color symbols");
      const n = /^C(\d+)/.exec(fmt.slice(i))![1];
      color = colorOrNull(`C${n}`)!;
      i += 1 + n.length;
    } else {
      throw bad(`unrecognized character '${c}'`);
    }
  }
  // As matplotlib: a marker without a line style means markers only; a line style, no markers.
  if (linestyle === undefined && marker !== undefined) linestyle = "None";
  if (marker === undefined && linestyle !== undefined) marker = "None";
  return {
    ...(linestyle !== undefined ? { linestyle } : {}),
    ...(marker !== undefined ? { marker } : {}),
    ...(color !== undefined ? { color } : {}),
  };
}

/** A linestyle option's plotly dash, checked. */
export function dashOf(linestyle: string): string | null {
  if (!(linestyle in LINESTYLES)) {
    throw new ValueError(
      `'${linestyle}' is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'`,
    );
  }
  return LINESTYLES[linestyle]!;
}

/** A marker option, checked. */
export function markerOf(marker: string): { symbol: string; scale?: number } | null {
  if (marker === "None" || marker === "none" || marker === "" || marker === " ") return null;
  const m = MARKERS[marker];
  if (!m) throw new ValueError(`Unrecognized marker style '${marker}'`);
  return m;
}
