/**
 * numpy.histogram, which plt.hist draws: equal-width bins between the data's min and max (or
 * `range`), or explicit edges; every bin half-open except the last, which includes its right edge.
 *
 *   histogram([1, 2, 2, 3], 2)   → { n: [1, 3], edges: [1, 2, 3] }
 */
import { ValueError } from "../../../engine/errors.js";

export interface Histogram {
  n: number[];
  edges: number[];
}

/** numpy.linspace(start, stop, num): i * step + start, with the last value exactly `stop`. */
function linspace(start: number, stop: number, num: number): number[] {
  const step = (stop - start) / (num - 1);
  const out = Array.from({ length: num }, (_, i) => i * step + start);
  out[num - 1] = stop;
  return out;
}

export function histogram(
  data: readonly number[],
  bins: number | readonly number[] = 10,
  range?: readonly [number, number],
  density = false,
): Histogram {
  const values = data.filter((v) => !Number.isNaN(v));
  let edges: number[];
  let lo: number, hi: number;
  if (typeof bins === "number") {
    if (!Number.isInteger(bins) || bins < 1) throw new ValueError("`bins` must be positive, when an integer");
    [lo, hi] = range ? [range[0], range[1]] : values.length ? extent(values) : [0, 1];
    if (lo > hi) throw new ValueError("max must be larger than min in range parameter.");
    if (!Number.isFinite(lo) || !Number.isFinite(hi))
      throw new ValueError(`autodetected range of [${lo}, ${hi}] is not finite`);
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    edges = linspace(lo, hi, bins + 1);
  } else {
    edges = [...bins];
    for (let i = 1; i < edges.length; i++)
      if (edges[i] < edges[i - 1]) throw new ValueError("`bins` must increase monotonically, when an array");
    [lo, hi] = [edges[0], edges[edges.length - 1]];
  }
  const nb = edges.length - 1;
  const n = new Array<number>(nb).fill(0);
  const norm = nb / (hi - lo);
  for (const v of values) {
    if (v < lo || v > hi) continue;
    let i: number;
    if (typeof bins === "number") {
      // numpy's fast path, with its corrections for values that land next to an edge by rounding.
      i = Math.floor((v - lo) * norm);
      if (i === nb) i -= 1;
      if (v < edges[i]) i -= 1;
      else if (i !== nb - 1 && v >= edges[i + 1]) i += 1;
    } else {
      i = upperBound(edges, v) - 1;
      if (i === nb) i -= 1;
    }
    n[i] += 1;
  }
  if (density) {
    const total = n.reduce((a, b) => a + b, 0);
    return { n: n.map((c, i) => c / total / (edges[i + 1] - edges[i])), edges };
  }
  return { n, edges };
}

/** The first index whose edge is greater than v (searchsorted side="right"). */
function upperBound(edges: readonly number[], v: number): number {
  let a = 0,
    b = edges.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (edges[m] <= v) a = m + 1;
    else b = m;
  }
  return a;
}

/** [min, max] without spreading (a million values would overflow the call stack). */
export function extent(values: readonly number[]): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
