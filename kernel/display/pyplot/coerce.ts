/**
 * What plt accepts as data, as one shape and a flat list of values (C order):
 *
 *   torch tensors of any dtype (requires_grad too: plotted as their values, as after .detach())
 *   numpy NDArrays from `np`, typed arrays, nested arrays, ranges and other iterables of numbers,
 *   plain numbers; strings make categories (bar(["a", "b"], ...)).
 *
 * Bad input fails as numpy/matplotlib fail (`setting an array element with a sequence ...`),
 * never with a JavaScript TypeError from deep inside.
 */
import { TypeError as PyTypeError, ValueError } from "../../../engine/errors.js";
import { Tensor } from "../../../engine/tensor/tensor.js";
import { formatShape } from "../../../engine/format/shape_text.js";

export type Value = number | string;

export interface Data {
  shape: number[];
  /** Flat, C order. NaN for null/undefined (gaps in a line, as matplotlib's NaN). */
  values: Value[];
  /** The source had a floating-point dtype (tensor, NDArray); undefined for plain JS numbers. */
  floating?: boolean;
}

const isNDArray = (v: unknown): v is { shape: number[]; dtype: string; tolist(): unknown } =>
  typeof v === "object" && v !== null && Object.prototype.toString.call(v) === "[object ndarray]";

function scalar(v: unknown, what: string): Value {
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === null || v === undefined) return NaN;
  if (v instanceof Tensor && v.numel() === 1) return Number(v.item());
  throw new PyTypeError(
    `unsupported data for ${what}: ${Object.prototype.toString.call(v).slice(8, -1)} (pass numbers, arrays, tensors or numpy arrays)`,
  );
}

/** A float32 value in 9 significant digits (enough to round-trip it): figure JSON stays small. */
const short32 = (v: Value): Value => (typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(9)) : v);

/** Nested JS arrays → shape + values, rejecting ragged nesting as numpy does. */
function nested(v: unknown, what: string): Data {
  const shape: number[] = [];
  for (
    let level: unknown = v;
    Array.isArray(level) || ArrayBuffer.isView(level);
    level = (level as ArrayLike<unknown>)[0]
  ) {
    const n = (level as ArrayLike<unknown>).length;
    shape.push(n);
    if (n === 0) break;
  }
  const values: Value[] = [];
  const walk = (x: unknown, dim: number): void => {
    const isArr = Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
    if (dim === shape.length) {
      if (isArr || x instanceof Tensor || isNDArray(x)) {
        if (!(x instanceof Tensor && x.numel() === 1)) throw ragged(dim);
      }
      values.push(scalar(x, what));
      return;
    }
    if (!isArr || (x as ArrayLike<unknown>).length !== shape[dim]) throw ragged(dim);
    const a = x as ArrayLike<unknown>;
    for (let i = 0; i < a.length; i++) walk(a[i], dim + 1);
  };
  const ragged = (dim: number) =>
    new ValueError(
      `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${dim} dimensions. The detected shape was ${formatShape(shape.slice(0, dim), "tuple")} + inhomogeneous part.`,
    );
  walk(v, 0);
  return { shape, values };
}

/** Any accepted data as shape + flat values; `what` names the caller in errors ("plot", "imshow"). */
export function toData(v: unknown, what = "plotting"): Data {
  if (v instanceof Tensor) {
    // tolist() reads values without autograd: a tensor that requires grad plots as its values.
    const list = v.tolist();
    const shape = [...v.shape],
      floating = v.dtype.is_floating_point;
    const values =
      shape.length === 0 ? [scalar(list, what)] : (list as unknown[]).flat(Infinity).map((x) => scalar(x, what));
    return { shape, values: v.dtype.itemsize <= 4 && floating ? values.map(short32) : values, floating };
  }
  if (isNDArray(v)) {
    const list = v.tolist(),
      floating = String(v.dtype).startsWith("float");
    const values =
      v.shape.length === 0 ? [scalar(list, what)] : (list as unknown[]).flat(Infinity).map((x) => scalar(x, what));
    return {
      shape: [...v.shape],
      values: v.dtype === "float32" || v.dtype === "float16" ? values.map(short32) : values,
      floating,
    };
  }
  if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) return nested(v, what);
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean")
    return { shape: [], values: [scalar(v, what)] };
  if (typeof v === "object" && v !== null && typeof (v as Iterable<unknown>)[Symbol.iterator] === "function")
    return nested([...(v as Iterable<unknown>)], what);
  throw new PyTypeError(
    `unsupported data for ${what}: ${v === null ? "null" : typeof v === "object" ? Object.prototype.toString.call(v).slice(8, -1) : typeof v} (pass numbers, arrays, tensors or numpy arrays)`,
  );
}

/** Data that must be numbers (hist, imshow, colour values). */
export function numeric(d: Data, what: string): number[] {
  for (const x of d.values)
    if (typeof x === "string") throw new PyTypeError(`${what}: expected numbers, got the string '${x}'`);
  return d.values as number[];
}

/** Values for plotly JSON: NaN and ±Infinity become null (a gap), as JSON has no NaN. */
export const jsonValues = (values: readonly Value[]): (Value | null)[] =>
  values.map((x) => (typeof x === "number" && !Number.isFinite(x) ? null : x));

/** Rows of a 2-D value list (shape [rows, cols]). */
export function rows<T>(values: readonly T[], r: number, c: number): T[][] {
  return Array.from({ length: r }, (_, i) => values.slice(i * c, (i + 1) * c));
}
