/**
 * tqdm's text: `desc: 45%|████▌     | 45/100 [00:01<00:01, 40.12it/s, loss=0.1]`, as
 * tqdm.format_meter writes it (tqdm 4.64, std.py), number formats and rounding included. One
 * pure function of the counters, so the terminal line, the notebook's text/plain and the HTML bar
 * all say the same thing.
 */
import { formatExp, formatFixed, pyFloatRepr, pyIntStr } from "../../../engine/format/py_format.js";

export interface Meter {
  n: number;
  total: number | null;
  /** Seconds since the bar started. */
  elapsed: number;
  /** The whole line's width (the terminal's); null for a 10-character bar. */
  ncols?: number | null;
  /** The description (`desc`). */
  prefix?: string;
  unit?: string;
  /** Iterations per second; null: n / elapsed. */
  rate?: number | null;
  /** `set_postfix`'s text, e.g. `loss=0.1`. */
  postfix?: string;
  initial?: number;
}

/** tqdm's bar characters: a space, eighths of a block, then the full block. */
const UTF = " " + Array.from({ length: 8 }, (_, i) => String.fromCodePoint(0x258f - i)).join("");

/** Python's `str()` of a counter: ints as ints, floats with their `.0`. */
const numStr = (x: number): string => (Number.isInteger(x) && Math.abs(x) < 2 ** 53 ? pyIntStr(x) : pyFloatRepr(x));

/** `[H:]MM:SS`, as tqdm.format_interval. */
export function format_interval(t: number): string {
  const secs = Math.trunc(t);
  const mins = Math.floor(secs / 60),
    s = secs - mins * 60;
  const h = Math.floor(mins / 60),
    m = mins - h * 60;
  const two = (v: number) => String(v).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Python's `'{:.3g}'.format(x)`. */
function formatG3(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const e = formatExp(x, 2);
  const exp = Number(e.slice(e.indexOf("e") + 1));
  const strip = (s: string) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (exp < -4 || exp >= 3) {
    const [mant, ex] = e.split("e") as [string, string];
    return strip(mant) + "e" + ex;
  }
  return strip(formatFixed(x, 2 - exp));
}

/** tqdm.format_num: `.3g` with `e+3` for `e+03`, when that is shorter than str(n). */
export function format_num(n: number): string {
  const f = formatG3(n).replace("+0", "+").replace("-0", "-");
  const s = numStr(n);
  return f.length < s.length ? f : s;
}

/** Python's len() of the line as shown: tqdm counts East Asian wide characters twice; ours are all narrow. */
const dispLen = (s: string): number => [...s].length;

/** tqdm.std.Bar's text for a fraction done, `width` characters wide. */
export function bar(frac: number, width: number): string {
  frac = Math.max(0, Math.min(1, frac));
  const nsyms = UTF.length - 1;
  const cells = Math.trunc(frac * width * nsyms);
  const full = Math.floor(cells / nsyms),
    part = cells - full * nsyms;
  let res = UTF[nsyms]!.repeat(full);
  if (full < width) res += UTF[part]! + " ".repeat(width - full - 1);
  return res;
}

/** The parts of the line; the HTML bar lays them out around its own bar. */
export interface MeterParts {
  /** `desc: 45%|` with a total, `desc: ` without. */
  l_bar: string;
  /** `| 45/100 [00:01<00:01, 40.12it/s, loss=0.1]` (with a total). */
  r_bar: string;
  /** Fraction done, null without a total. */
  frac: number | null;
  /** The whole line when there is no total: `desc: 45it [00:01, 40.12it/s]`. */
  noTotal: string;
  percentage: number | null;
}

export function meterParts(m: Meter): MeterParts {
  const unit = m.unit ?? "it",
    initial = m.initial ?? 0;
  let total = m.total;
  // tqdm drops a total that n has run past (allowing float imprecision).
  if (total && m.n >= total + 0.5) total = null;
  const elapsedStr = format_interval(m.elapsed);
  let rate = m.rate ?? null;
  if (rate === null && m.elapsed) rate = (m.n - initial) / m.elapsed;
  const invRate = rate ? 1 / rate : null;
  const rateNoinv = (rate ? formatFixed(rate, 2).padStart(5) : "?") + unit + "/s";
  const rateInv = (invRate ? formatFixed(invRate, 2).padStart(5) : "?") + "s/" + unit;
  const rateFmt = invRate && invRate > 1 ? rateInv : rateNoinv;
  const nFmt = numStr(m.n),
    totalFmt = total != null ? numStr(total) : "?";
  const postfix = m.postfix ? ", " + m.postfix : "";
  const remaining = rate && total ? (total - m.n) / rate : 0;
  const remainingStr = rate ? format_interval(remaining) : "?";
  const prefix = m.prefix ?? "";
  let lBar = prefix ? (prefix.endsWith(": ") ? prefix : prefix + ": ") : "";
  const rBar = `| ${nFmt}/${totalFmt} [${elapsedStr}<${remainingStr}, ${rateFmt}${postfix}]`;
  const noTotal = `${prefix ? prefix + ": " : ""}${nFmt}${unit} [${elapsedStr}, ${rateFmt}${postfix}]`;
  if (!total) return { l_bar: lBar, r_bar: rBar, frac: null, noTotal, percentage: null };
  const frac = m.n / total,
    percentage = frac * 100;
  lBar += formatFixed(percentage, 0).padStart(3) + "%|";
  return { l_bar: lBar, r_bar: rBar, frac, noTotal, percentage };
}

/** tqdm.format_meter (no bar_format, unit_scale or colour). */
export function format_meter(m: Meter): string {
  const p = meterParts(m);
  if (p.frac === null) return p.noTotal;
  const ncols = m.ncols ?? null;
  if (ncols === 0) return p.l_bar.slice(0, -1) + p.r_bar.slice(1);
  const width = ncols ? Math.max(1, ncols - dispLen(p.l_bar + p.r_bar)) : 10;
  const line = p.l_bar + bar(p.frac, width) + p.r_bar;
  return ncols ? [...line].slice(0, ncols).join("") : line;
}
