/**
 * numpy 1.24's array printing (numpy/core/arrayprint.py) with the default print options:
 * precision 8, floatmode 'maxprec', threshold 1000, edgeitems 3, linewidth 75, sign '-'.
 * `arrayRepr` is `repr(a)` (`array([1., 2.], dtype=float32)`), `arrayStr` is `str(a)` (`[1. 2.]`).
 * The structure follows the Python code function by function so the two can be compared.
 */
import { pyIntStr } from "../format/py_format.js";
import { floatScalarStr, formatPositional, formatScientific, parts32, parts64, type FloatParts } from "./dragon4.js";
import { formatShape } from "../format/shape_text.js";

/** What the printer needs from an array: shape, dtype name and element access by index. */
export interface Printable {
  readonly shape: readonly number[];
  readonly dtype: string;
  /** The element at a full, non-negative index, as a JS number (bool as 0/1; a bigint for int64 beyond 2^53). */
  _getAt(index: readonly number[]): number | bigint;
}

const PRECISION = 8,
  THRESHOLD = 1000,
  EDGEITEMS = 3,
  LINEWIDTH = 75;

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
const isFloat = (dtype: string): boolean => dtype.startsWith("float");
// float16 data is held as float32 values in this engine, so it is printed with float32 digits.
const isSingle = (dtype: string): boolean => dtype === "float32" || dtype === "float16";

/** The elements the format function is fitted to: all, or the edge corners of a big array (_leading_trailing). */
function leadingTrailing(a: Printable, summarize: boolean): (number | bigint)[] {
  const out: (number | bigint)[] = [];
  const nd = a.shape.length,
    idx = new Array<number>(nd).fill(0);
  const walk = (axis: number): void => {
    if (axis === nd) {
      out.push(a._getAt(idx));
      return;
    }
    const n = a.shape[axis]!;
    const cut = summarize && n > 2 * EDGEITEMS;
    for (let i = 0; i < n; i++) {
      if (cut && i === EDGEITEMS) i = n - EDGEITEMS;
      idx[axis] = i;
      walk(axis + 1);
    }
  };
  walk(0);
  return out;
}

type FormatFn = (x: number | bigint) => string;

/** FloatingFormat(data, precision=8, floatmode='maxprec', suppress_small=False, sign='-'). */
function floatingFormat(data: number[], single: boolean): (x: number) => string {
  const parts = (x: number): FloatParts => (single ? parts32(x) : parts64(x));
  const finite = data.filter(Number.isFinite);
  const absNonZero = finite.filter((v) => v !== 0).map(Math.abs);
  let expFormat = false;
  if (absNonZero.length > 0) {
    const max = Math.max(...absNonZero),
      min = Math.min(...absNonZero);
    // The ratio is computed in the array's precision (a float32 division can round to 1000).
    const ratio = single ? Math.fround(max / min) : max / min;
    expFormat = max >= 1e8 || min < 0.0001 || ratio > 1000;
  }
  let padLeft = 0,
    padRight = 0,
    precision = PRECISION,
    minDigits = -1,
    expSize = -1;
  if (finite.length === 0) {
    // nothing to fit: pads stay 0
  } else if (expFormat) {
    const strs = finite.map((x) => formatScientific(parts(x), { precision: PRECISION, trim: "." }));
    let fracMax = 0;
    for (const s of strs) {
      const [mant, ex] = s.split("e") as [string, string];
      const [ip, fp] = mant.split(".") as [string, string];
      expSize = Math.max(expSize, ex.length - 1);
      fracMax = Math.max(fracMax, fp.length);
      padLeft = Math.max(padLeft, ip.length);
    }
    precision = minDigits = fracMax;
    padRight = expSize + 2 + precision;
  } else {
    for (const x of finite) {
      const [ip, fp] = formatPositional(parts(x), { precision: PRECISION, trim: "." }).split(".") as [string, string];
      padLeft = Math.max(padLeft, ip.length);
      padRight = Math.max(padRight, fp.length);
    }
    minDigits = 0;
  }
  if (finite.length !== data.length) {
    const negInf = data.some((v) => v === -Infinity);
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, 3 - offset, 3 + (negInf ? 1 : 0) - offset);
  }
  return (x) => {
    if (!Number.isFinite(x)) {
      const ret = Number.isNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";
      return " ".repeat(Math.max(0, padLeft + padRight + 1 - ret.length)) + ret;
    }
    if (expFormat) return formatScientific(parts(x), { precision, minDigits, trim: "k", padLeft, expDigits: expSize });
    return formatPositional(parts(x), { precision, minDigits, trim: ".", padLeft, padRight });
  };
}

/** IntegerFormat: '%{n}d' with n the longer of str(max) and str(min). */
function integerFormat(data: (number | bigint)[]): FormatFn {
  let width = 0;
  if (data.length > 0) {
    let max: number | bigint = -Infinity,
      min: number | bigint = Infinity; // mixed number/bigint compare exactly
    for (const v of data) {
      if (v > max) max = v;
      if (v < min) min = v;
    }
    width = Math.max(pyIntStr(max).length, pyIntStr(min).length);
  }
  return (x) => pyIntStr(x).padStart(width);
}

function formatFunction(a: Printable, data: (number | bigint)[]): FormatFn {
  if (a.dtype === "bool") {
    const t = a.shape.length === 0 ? "True" : " True"; // " True" lines up with "False"
    return (x) => (x ? t : "False");
  }
  if (isFloat(a.dtype)) return floatingFormat(data as number[], isSingle(a.dtype)) as FormatFn; // float arrays hold numbers
  return integerFormat(data);
}

/** _extendLine (legacy=False): wrap before `word` if it would pass the width and wrapping helps. */
function extendLine(s: string, line: string, word: string, width: number, nextLinePrefix: string): [string, string] {
  const needsWrap = line.length + word.length > width && line.length > nextLinePrefix.length;
  if (needsWrap) {
    s += line.trimEnd() + "\n";
    line = nextLinePrefix;
  }
  return [s, line + word];
}

/** _formatArray: nested brackets, hanging indents, line wrapping and `...` summaries. */
function formatArray(
  a: Printable,
  fmt: FormatFn,
  lineWidth: number,
  nextLinePrefix: string,
  separator: string,
  summaryInsert: string,
): string {
  const nd = a.shape.length;
  const recurser = (index: number[], hanging: string, currWidth: number): string => {
    const axis = index.length,
      axesLeft = nd - axis;
    if (axesLeft === 0) return fmt(a._getAt(index));
    const nextHanging = hanging + " ",
      nextWidth = currWidth - 1;
    const aLen = a.shape[axis]!;
    const showSummary = summaryInsert !== "" && 2 * EDGEITEMS < aLen;
    const leading = showSummary ? EDGEITEMS : 0,
      trailing = showSummary ? EDGEITEMS : aLen;
    const sub = (i: number): string => recurser([...index, i], nextHanging, nextWidth);
    let s = "";
    if (axesLeft === 1) {
      const elemWidth = currWidth - Math.max(separator.trimEnd().length, 1);
      let line = hanging;
      for (let i = 0; i < leading; i++) {
        [s, line] = extendLine(s, line, sub(i), elemWidth, hanging);
        line += separator;
      }
      if (showSummary) {
        [s, line] = extendLine(s, line, summaryInsert, elemWidth, hanging);
        line += separator;
      }
      for (let i = trailing; i > 1; i--) {
        [s, line] = extendLine(s, line, sub(aLen - i), elemWidth, hanging);
        line += separator;
      }
      [s, line] = extendLine(s, line, sub(aLen - 1), elemWidth, hanging);
      s += line;
    } else {
      const lineSep = separator.trimEnd() + "\n".repeat(axesLeft - 1);
      for (let i = 0; i < leading; i++) s += hanging + sub(i) + lineSep;
      if (showSummary) s += hanging + summaryInsert + lineSep;
      for (let i = trailing; i > 1; i--) s += hanging + sub(aLen - i) + lineSep;
      s += hanging + sub(aLen - 1);
    }
    return "[" + s.slice(hanging.length) + "]";
  };
  return recurser([], nextLinePrefix, lineWidth);
}

/** array2string(a, separator=..., prefix=..., suffix=...) with the default options. */
export function array2string(a: Printable, separator = " ", prefix = "", suffix = ""): string {
  const size = sizeOf(a.shape);
  if (size === 0) return "[]";
  const summarize = size > THRESHOLD;
  const fmt = formatFunction(a, leadingTrailing(a, summarize));
  return formatArray(
    a,
    fmt,
    LINEWIDTH - suffix.length,
    " " + " ".repeat(prefix.length),
    separator,
    summarize ? "..." : "",
  );
}

/** The dtypes numpy's repr leaves implicit (int_, float_, bool_ on 64-bit Linux). */
function dtypeIsImplied(dtype: string): boolean {
  return dtype === "float64" || dtype === "int64" || dtype === "bool";
}

/** repr(a), e.g. `array([[0.5488135 ],\n       [0.71518937]])`. */
export function arrayRepr(a: Printable): string {
  const size = sizeOf(a.shape);
  const skipDtype = dtypeIsImplied(a.dtype) && size > 0;
  const prefix = "array(",
    suffix = skipDtype ? ")" : ",";
  const lst =
    size > 0 || (a.shape.length === 1 && a.shape[0] === 0)
      ? array2string(a, ", ", prefix, suffix)
      : `[], shape=${formatShape(a.shape, "tuple")}`;
  const arrStr = prefix + lst + suffix;
  if (skipDtype) return arrStr;
  const dtypeStr = `dtype=${a.dtype})`;
  const lastLineLen = arrStr.length - (arrStr.lastIndexOf("\n") + 1);
  const spacer = lastLineLen + dtypeStr.length + 1 > LINEWIDTH ? "\n" + " ".repeat(prefix.length) : " ";
  return arrStr + spacer + dtypeStr;
}

/** str of a numpy scalar of this dtype (what str() of a 0-d array prints). */
export function scalarStr(x: number | bigint, dtype: string): string {
  if (dtype === "bool") return x ? "True" : "False";
  if (isFloat(dtype)) return floatScalarStr(x as number, isSingle(dtype));
  return pyIntStr(x);
}

/** str(a), e.g. `[[1.5 2. ]\n [3.  4. ]]`; a 0-d array prints as its scalar. */
export function arrayStr(a: Printable): string {
  if (a.shape.length === 0) return scalarStr(a._getAt([]), a.dtype);
  return array2string(a, " ", "");
}
