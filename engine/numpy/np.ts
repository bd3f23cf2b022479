/**
 * The `np` namespace notebook cells have in scope: the part of numpy a PyTorch course uses
 * (array creation, `np.random` with numpy's legacy streams, a few ufuncs and reductions).
 * Results are NDArrays, or JS numbers where numpy returns a scalar. Keyword arguments are a
 * trailing options object, as for torch: `np.zeros([2, 3], {dtype: np.float32})`.
 */
import { TypeError as PyTypeError, ValueError } from "../errors.js";
import { numpyGlobalState } from "../random/numpy_random.js";
import { Tensor } from "../tensor/tensor.js";
import { tensorToNumpy } from "./bridge.js";
import "./indexing.js";
import { NDArray, allocate, castTo, npDType, type DTypeLike, type NPDType } from "./ndarray.js";
import { formatShape } from "../format/shape_text.js";

export { NDArray as ndarray } from "./ndarray.js";
export type { NPDType, DTypeLike } from "./ndarray.js";

// dtypes are their names, so `a.dtype === np.float32` holds.
export const float16 = "float16",
  float32 = "float32",
  float64 = "float64",
  int8 = "int8",
  int16 = "int16";
export const int32 = "int32",
  int64 = "int64",
  uint8 = "uint8",
  bool_ = "bool";
export const pi = Math.PI,
  e = Math.E,
  nan = NaN,
  inf = Infinity;

type DTypeOpt = DTypeLike | { dtype?: DTypeLike } | undefined | null;
function dtypeOf(o: DTypeOpt): NPDType | null {
  if (o === undefined || o === null) return null;
  if (typeof o === "object" && !("name" in o)) return o.dtype === undefined ? null : npDType(o.dtype);
  return npDType(o as DTypeLike);
}

type Nested = number | boolean | Nested[] | ArrayLike<number>;
export type ArrayLikeInput = Nested | NDArray | Tensor;

const TYPED_DTYPES: [new (...a: never[]) => unknown, NPDType][] = [
  [Float64Array, "float64"],
  [Float32Array, "float32"],
  [Int32Array, "int32"],
  [Int16Array, "int16"],
  [Int8Array, "int8"],
  [Uint8Array, "uint8"],
];

/** np.array(data, dtype?): a new array (always a copy), dtype inferred as numpy does from JS values. */
export function array(data: ArrayLikeInput, dtype?: DTypeOpt): NDArray {
  const want = dtypeOf(dtype);
  if (data instanceof NDArray) return want && want !== data.dtype ? data.astype(want) : data.copy();
  if (data instanceof Tensor) return array(tensorToNumpy(data), dtype);
  if (ArrayBuffer.isView(data)) {
    const hit = TYPED_DTYPES.find(([C]) => data instanceof C);
    const src = NDArray._wrap(data as never, [(data as ArrayLike<number>).length], hit ? hit[1] : "float64");
    return array(src, dtype);
  }
  const shape: number[] = [];
  for (let d: Nested = data; Array.isArray(d); d = d[0]!) {
    shape.push(d.length);
    if (d.length === 0) break;
  }
  const flat: (number | boolean)[] = [];
  const walk = (d: Nested, depth: number): void => {
    if (Array.isArray(d) !== depth < shape.length || (Array.isArray(d) && d.length !== shape[depth])) {
      throw new ValueError(
        `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions. The detected shape was (${shape.slice(0, depth).join(", ")}${depth === 1 ? "," : ""}) + inhomogeneous part.`,
      );
    }
    if (Array.isArray(d)) d.forEach((x) => walk(x, depth + 1));
    else if (typeof d === "number" || typeof d === "boolean") flat.push(d);
    else throw new PyTypeError(`unsupported element ${String(d)}`);
  };
  walk(data as Nested, 0);
  const inferred: NPDType =
    flat.length === 0
      ? "float64"
      : flat.every((v) => typeof v === "boolean")
        ? "bool"
        : flat.every((v) => typeof v === "boolean" || Number.isInteger(v))
          ? "int64"
          : "float64";
  const d = want ?? inferred;
  const out = allocate(d, flat.length);
  flat.forEach((v, i) => {
    out[i] = castTo(d, v);
  });
  return NDArray._wrap(out, shape, d);
}

/** np.asarray(a): `a` itself when it already is an NDArray (of the dtype asked for). */
export function asarray(data: ArrayLikeInput, dtype?: DTypeOpt): NDArray {
  const want = dtypeOf(dtype);
  if (data instanceof NDArray && (!want || want === data.dtype)) return data;
  return array(data, dtype);
}

function shapeArg(shape: number | readonly number[]): number[] {
  return typeof shape === "number" ? [shape] : [...shape];
}
function filled(shape: number | readonly number[], v: number, dtype: DTypeOpt): NDArray {
  const s = shapeArg(shape),
    d = dtypeOf(dtype) ?? "float64";
  const out = allocate(
    d,
    s.reduce((a, b) => a * b, 1),
  );
  if (v !== 0) out.fill(castTo(d, v));
  return NDArray._wrap(out, s, d);
}
/** np.zeros(shape, dtype=float64) */
export function zeros(shape: number | readonly number[], dtype?: DTypeOpt): NDArray {
  return filled(shape, 0, dtype);
}
/** np.ones(shape, dtype=float64) */
export function ones(shape: number | readonly number[], dtype?: DTypeOpt): NDArray {
  return filled(shape, 1, dtype);
}
/** np.full(shape, value, dtype) (dtype from the value if omitted) */
export function full(shape: number | readonly number[], value: number, dtype?: DTypeOpt): NDArray {
  return filled(shape, value, dtypeOf(dtype) ?? (Number.isInteger(value) ? "int64" : "float64"));
}
export function zeros_like(a: NDArray, dtype?: DTypeOpt): NDArray {
  return filled(a.shape, 0, dtypeOf(dtype) ?? a.dtype);
}
export function ones_like(a: NDArray, dtype?: DTypeOpt): NDArray {
  return filled(a.shape, 1, dtypeOf(dtype) ?? a.dtype);
}

/**
 * np.arange(stop) / np.arange(start, stop, step, dtype): int64 for integer arguments, float64
 * otherwise. Values are start + i * delta with delta = (start + step) - start, as numpy's fill does.
 */
export function arange(...args: (number | { dtype?: DTypeLike } | DTypeLike)[]): NDArray {
  const last = args[args.length - 1];
  const d = typeof last === "number" ? null : dtypeOf(args.pop() as DTypeOpt);
  const nums = args as number[];
  const [start, stop, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
  if (step === 0) throw new ValueError("Maximum allowed size exceeded");
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const dtype = d ?? (nums.every(Number.isInteger) ? "int64" : "float64");
  const out = allocate(dtype, n),
    delta = start + step - start;
  for (let i = 0; i < n; i++) out[i] = castTo(dtype, i === 0 ? start : i === 1 ? start + step : start + i * delta);
  return NDArray._wrap(out, [n], dtype);
}

/** np.linspace(start, stop, num=50, endpoint=true): i * step + start, the last one exactly stop. */
export function linspace(
  start: number,
  stop: number,
  num = 50,
  endpoint: boolean | { endpoint?: boolean; dtype?: DTypeLike } = true,
): NDArray {
  const opts = typeof endpoint === "object" ? endpoint : { endpoint };
  const ep = opts.endpoint ?? true,
    div = ep ? num - 1 : num;
  const delta = stop - start,
    step = delta / div;
  const out = new Float64Array(num);
  for (let i = 0; i < num; i++) out[i] = (step === 0 ? (i / div) * delta : i * step) + start;
  if (ep && num > 1) out[num - 1] = stop;
  const a = NDArray._wrap(out, [num], "float64");
  return opts.dtype ? a.astype(opts.dtype) : a;
}

// ---- np.random --------------------------------------------------------------------------------
type Size = number | readonly number[] | null | undefined;
/** A trailing `{size: ...}` options object, as keyword arguments are passed. */
function sizeOpt(args: unknown[]): Size {
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && !Array.isArray(last)) {
    args.pop();
    return (last as { size?: Size }).size;
  }
  return undefined;
}
function draw(size: Size, fill: (n: number) => Float64Array, dtype: NPDType = "float64"): NDArray | number {
  if (size === null || size === undefined) return fill(1)[0]!;
  const shape = shapeArg(size);
  return NDArray._wrap(fill(shape.reduce((a, b) => a * b, 1)), shape, dtype);
}
const rs = numpyGlobalState;

/** np.random: numpy's legacy global RandomState; seeds reproduce numpy's numbers (randn within 4 ulp). */
/** rand/randn: a float without dimensions, an array with them (so `np.random.rand(100, 1)` types as an array). */
type DrawShaped = { (): number; (d0: number, ...dims: number[]): NDArray };

export const random = {
  /** np.random.seed(s); no argument reseeds from OS entropy. */
  seed(s?: number | null): void {
    if (s === undefined || s === null) rs.reseedFromEntropy();
    else rs.seed(s);
  },
  /** np.random.rand(d0, d1, ...): uniform [0, 1); a float when called with no dimensions. */
  rand: ((...shape: number[]) => draw(shape.length ? shape : null, (n) => rs.rand(n))) as DrawShaped,
  /** np.random.randn(d0, d1, ...): standard normal; a float when called with no dimensions. */
  randn: ((...shape: number[]) => draw(shape.length ? shape : null, (n) => rs.randn(n))) as DrawShaped,
  /** np.random.random(size=None) */
  random(...args: unknown[]): NDArray | number {
    const o = sizeOpt(args);
    return draw((args[0] as Size) ?? o, (n) => rs.random_sample(n));
  },
  /** np.random.random_sample(size=None) */
  random_sample(...args: unknown[]): NDArray | number {
    return random.random(...args);
  },
  /** np.random.normal(loc=0, scale=1, size=None) */
  normal(...args: unknown[]): NDArray | number {
    const o = sizeOpt(args),
      [loc = 0, scale = 1, size = o] = args as [number?, number?, Size?];
    return draw(size, (n) => rs.normal(loc, scale, n));
  },
  /** np.random.uniform(low=0, high=1, size=None) */
  uniform(...args: unknown[]): NDArray | number {
    const o = sizeOpt(args),
      [low = 0, high = 1, size = o] = args as [number?, number?, Size?];
    return draw(size, (n) => rs.uniform(low, high, n));
  },
  /** np.random.randint(low, high=None, size=None): int64 in [low, high), or [0, low) without high. */
  randint(low: number, ...args: unknown[]): NDArray | number {
    const o = sizeOpt(args),
      [high = null, size = o] = args as [(number | null)?, Size?];
    return draw(size, (n) => rs.randint(low, high, n), "int64");
  },
  /** np.random.permutation(n) (int64) or of an array's first axis (a shuffled copy). */
  permutation(x: number | NDArray): NDArray {
    if (typeof x === "number") return NDArray._wrap(rs.permutation(x), [x], "int64");
    if (x.ndim < 1) throw new PyTypeError("len() of unsized object");
    const out = x.copy();
    random.shuffle(out);
    return out;
  },
  /** np.random.shuffle(a): in place along the first axis (the same draws as numpy for lists and arrays). */
  shuffle(x: NDArray | unknown[]): void {
    if (Array.isArray(x)) {
      rs.shuffle(x);
      return;
    }
    if (x.ndim < 1) throw new PyTypeError("len() of unsized object");
    // Shuffling the row numbers performs the same swaps numpy performs on the rows.
    const n = x.shape[0]!,
      order = Array.from({ length: n }, (_, i) => i);
    rs.shuffle(order);
    const vals = x._values(),
      inner = n === 0 ? 0 : vals.length / n;
    for (let i = 0; i < n; i++) for (let j = 0; j < inner; j++) setFlat(x, i * inner + j, vals[order[i]! * inner + j]!);
  },
};

function setFlat(a: NDArray, flat: number, v: number): void {
  let off = a._offset;
  for (let k = a.ndim - 1; k >= 0; k--) {
    off += (flat % a.shape[k]!) * a._strides[k]!;
    flat = Math.floor(flat / a.shape[k]!);
  }
  a._write(off, v);
}

// ---- elementwise ------------------------------------------------------------------------------
const isFloatDtype = (d: NPDType): boolean => d.startsWith("float");

function unary(fn: (x: number) => number, keepInt = false): (x: ArrayLikeInput) => NDArray | number {
  return (x) => {
    if (typeof x === "number" || typeof x === "boolean") return fn(Number(x));
    const a = asarray(x),
      d: NPDType = isFloatDtype(a.dtype) || (keepInt && a.dtype !== "bool") ? a.dtype : "float64";
    const vals = a._values(),
      out = allocate(d, vals.length);
    for (let i = 0; i < vals.length; i++) out[i] = castTo(d, fn(vals[i]!));
    return NDArray._wrap(out, a.shape, d);
  };
}
// NOTE: V8's Math.sin/exp/log and glibc's (float64), or numpy's float32 kernels, can differ in the last bit.
export const sin = unary(Math.sin),
  cos = unary(Math.cos),
  tan = unary(Math.tan),
  exp = unary(Math.exp);
export const log = unary(Math.log),
  sqrt = unary(Math.sqrt),
  tanh = unary(Math.tanh),
  abs = unary(Math.abs, true);

const RANK: Record<NPDType, number> = {
  bool: 0,
  uint8: 1,
  int8: 1,
  int16: 2,
  int32: 3,
  int64: 4,
  float16: 5,
  float32: 6,
  float64: 7,
};

/** numpy's promote_types for two array dtypes. */
function promote(a: NPDType, b: NPDType): NPDType {
  if (a === b) return a;
  const fa = isFloatDtype(a),
    fb = isFloatDtype(b);
  if (fa && fb) return RANK[a] > RANK[b] ? a : b;
  if (fa || fb) {
    const f = fa ? a : b,
      i = fa ? b : a;
    if (RANK[i] <= 1) return f; // bool, uint8, int8 fit every float
    if (i === "int16") return f === "float16" ? "float32" : f;
    return "float64";
  }
  if ((a === "uint8" && b === "int8") || (a === "int8" && b === "uint8")) return "int16";
  return RANK[a] > RANK[b] ? a : b;
}

/** numpy 1.24's value-based casting of a Python scalar against an array's dtype. */
function scalarDtype(d: NPDType, v: number | boolean): NPDType {
  if (typeof v === "boolean" || isFloatDtype(d)) return d;
  if (!Number.isInteger(v)) return "float64";
  if (d === "bool") return "int64";
  return castTo(d, v) === v ? d : "int64"; // NOTE: numpy picks the smallest type that fits; int64 here
}

type Operand = NDArray | number | boolean;
/**
 * A broadcasting binary ufunc computed in the operands' promoted dtype; `compare` ufuncs give
 * bool arrays (numpy's `np.less` ...), the others the promoted dtype.
 */
function binary(
  op: (x: number, y: number, isFloat: boolean) => number,
  divide = false,
  compare = false,
): (a: ArrayLikeInput, b: ArrayLikeInput) => NDArray | number {
  return (x, y) => {
    const isScalar = (v: ArrayLikeInput): v is number | boolean => typeof v === "number" || typeof v === "boolean";
    if (isScalar(x) && isScalar(y))
      return op(Number(x), Number(y), !Number.isInteger(Number(x)) || !Number.isInteger(Number(y)));
    const a: Operand = isScalar(x) ? x : asarray(x),
      b: Operand = isScalar(y) ? y : asarray(y);
    let d =
      a instanceof NDArray
        ? b instanceof NDArray
          ? promote(a.dtype, b.dtype)
          : scalarDtype(a.dtype, b)
        : scalarDtype((b as NDArray).dtype, a);
    if (divide && !isFloatDtype(d)) d = "float64";
    if (op === Math.pow && !isFloatDtype(d) && (b instanceof NDArray ? b._values() : [Number(b)]).some((q) => q < 0))
      throw new ValueError("Integers to negative integer powers are not allowed.");
    const A = a instanceof NDArray ? a : array(Number(a)),
      B = b instanceof NDArray ? b : array(Number(b));
    const nd = Math.max(A.ndim, B.ndim),
      shape: number[] = [];
    for (let i = 0; i < nd; i++) {
      const da = A.shape[A.ndim - nd + i] ?? 1,
        db = B.shape[B.ndim - nd + i] ?? 1;
      if (da !== db && da !== 1 && db !== 1)
        throw new ValueError(
          `operands could not be broadcast together with shapes ${formatShape(A.shape, "numpy")} ${formatShape(B.shape, "numpy")} `,
        );
      shape.push(da === 1 ? db : da);
    }
    // Strides of each operand on the output shape, 0 along broadcast axes.
    const bst = (t: NDArray): number[] =>
      shape.map((n, i) => {
        const k = t.ndim - nd + i;
        return k < 0 || t.shape[k] === 1 ? 0 : t._strides[k]!;
      });
    const od: NPDType = compare ? "bool" : d,
      isFloat = isFloatDtype(d);
    const sa = bst(A),
      sb = bst(B),
      size = shape.reduce((p, q) => p * q, 1),
      out = allocate(od, size);
    const idx = new Array<number>(nd).fill(0);
    let oa = A._offset,
      ob = B._offset;
    for (let i = 0; i < size; i++) {
      out[i] = castTo(od, op(castTo(d, A._num(oa)), castTo(d, B._num(ob)), isFloat));
      for (let k = nd - 1; k >= 0; k--) {
        idx[k]!++;
        oa += sa[k]!;
        ob += sb[k]!;
        if (idx[k]! < shape[k]!) break;
        oa -= sa[k]! * shape[k]!;
        ob -= sb[k]! * shape[k]!;
        idx[k] = 0;
      }
    }
    return NDArray._wrap(out, shape, od);
  };
}
export const add = binary((x, y) => x + y),
  subtract = binary((x, y) => x - y),
  multiply = binary((x, y) => x * y);
export const divide = binary((x, y) => x / y, true),
  true_divide = divide,
  power = binary(Math.pow);
/**
 * np.remainder / np.mod: Python's `%`, the result takes the divisor's sign (`-5 % 3` is 1);
 * by zero, nan for floats and 0 for integers (numpy also warns).
 */
export const remainder = binary((x, y, isFloat) => {
    if (y === 0) return isFloat ? NaN : 0;
    const r = x % y;
    return r !== 0 && r < 0 !== y < 0 ? r + y : r === 0 ? (y < 0 ? -0 : 0) : r;
  }),
  mod = remainder;
// Comparisons give bool arrays (bool scalars for two scalars, as numpy's np.bool_).
const comparison = (op: (x: number, y: number) => boolean) => {
  const f = binary((x, y) => Number(op(x, y)), false, true);
  return (a: ArrayLikeInput, b: ArrayLikeInput): NDArray | boolean => {
    const r = f(a, b);
    return typeof r === "number" ? r !== 0 : r;
  };
};
export const equal = comparison((x, y) => x === y),
  not_equal = comparison((x, y) => x !== y);
export const less = comparison((x, y) => x < y),
  less_equal = comparison((x, y) => x <= y);
export const greater = comparison((x, y) => x > y),
  greater_equal = comparison((x, y) => x >= y);

// ---- in place -----------------------------------------------------------------------------------
/** numpy's UFuncTypeError (a TypeError): an in-place result that does not fit the array's dtype. */
export class UFuncTypeError extends PyTypeError {
  static override pyName = "UFuncTypeError";
}

const KIND: Record<NPDType, number> = {
  bool: 0,
  uint8: 1,
  int8: 1,
  int16: 1,
  int32: 1,
  int64: 1,
  float16: 2,
  float32: 2,
  float64: 2,
};

/**
 * `a += b` ...: `a.op(b)` written back into `a`, as numpy's in-place ufuncs (`out=a`, casting
 * "same_kind": a float result cannot go into an int array; the result must have a's shape).
 */
function inPlace(a: NDArray, r: NDArray | number, ufunc: string): NDArray {
  const res = r instanceof NDArray ? r : array(r);
  if (KIND[res.dtype] > KIND[a.dtype])
    throw new UFuncTypeError(
      `Cannot cast ufunc '${ufunc}' output from dtype('${res.dtype}') to dtype('${a.dtype}') with casting rule 'same_kind'`,
    );
  if (res.ndim !== a.ndim || res.shape.some((n, i) => n !== a.shape[i]))
    throw new ValueError(
      `non-broadcastable output operand with shape ${formatShape(a.shape, "numpy")} doesn't match the broadcast shape ${formatShape(res.shape, "numpy")}`,
    );
  const vals = res._values(),
    nd = a.ndim,
    idx = new Array<number>(nd).fill(0);
  let off = a._offset;
  for (let i = 0; i < vals.length; i++) {
    a._write(off, castTo(a.dtype, vals[i]!));
    for (let k = nd - 1; k >= 0; k--) {
      idx[k]!++;
      off += a._strides[k]!;
      if (idx[k]! < a.shape[k]!) break;
      off -= a._strides[k]! * a.shape[k]!;
      idx[k] = 0;
    }
  }
  return a;
}

// ---- reductions -------------------------------------------------------------------------------
/** numpy's pairwise summation (8 accumulators, blocks of 128), rounding each addition for float32. */
function pairwise(v: ArrayLike<number>, lo: number, n: number, r: (x: number) => number): number {
  if (n < 8) {
    let s = 0;
    for (let i = 0; i < n; i++) s = r(s + v[lo + i]!);
    return s;
  }
  if (n <= 128) {
    const acc = [0, 1, 2, 3, 4, 5, 6, 7].map((j) => v[lo + j]!);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) acc[j] = r(acc[j]! + v[lo + i + j]!);
    let s = r(r(r(acc[0]! + acc[1]!) + r(acc[2]! + acc[3]!)) + r(r(acc[4]! + acc[5]!) + r(acc[6]! + acc[7]!)));
    for (; i < n; i++) s = r(s + v[lo + i]!);
    return s;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return r(pairwise(v, lo, n2, r) + pairwise(v, lo + n2, n - n2, r));
}

/** numpy.AxisError (a ValueError and an IndexError in numpy; a ValueError here). */
export class AxisError extends ValueError {
  static override pyName = "AxisError";
}

type AxisArg = number | null | undefined | { axis?: number | null };
/**
 * Sum of each lane along `axis` (all elements when null) in `acc` precision: pairwise along the
 * last (contiguous) axis, sequential along the others, as numpy's reduction loops run. Inputs that
 * must be cast go through numpy's 8192-element buffers, each summed pairwise.
 */
function reduceSum(a: NDArray, axisArg: AxisArg, acc: NPDType, divideByCount: boolean): NDArray | number {
  const axis = axisArg !== null && typeof axisArg === "object" ? axisArg.axis : axisArg;
  const r = acc === "float32" || acc === "float16" ? Math.fround : (x: number) => x;
  const chunk = acc === a.dtype || !isFloatDtype(acc) ? Infinity : 8192;
  const total = (vals: number[], pw: boolean): number => {
    if (!pw || !isFloatDtype(acc)) return vals.reduce((s, x) => r(s + x), 0);
    let s = 0;
    for (let lo = 0; lo < vals.length; lo += Math.min(chunk, vals.length))
      s = r(s + pairwise(vals, lo, Math.min(chunk, vals.length - lo), r));
    return s;
  };
  if (axis === null || axis === undefined) {
    const s = total(a._values(), true);
    return divideByCount ? r(s / a.size) : s;
  }
  const ax = axis < 0 ? axis + a.ndim : axis;
  if (ax < 0 || ax >= a.ndim) throw new AxisError(`axis ${axis} is out of bounds for array of dimension ${a.ndim}`);
  const perm = [...Array(a.ndim).keys()].filter((k) => k !== ax).concat([ax]);
  const moved = a.transpose(...perm),
    n = a.shape[ax]!,
    vals = moved._values();
  const outShape = moved.shape.slice(0, -1),
    m = n === 0 ? outShape.reduce((p, q) => p * q, 1) : vals.length / n;
  const out = allocate(acc, m);
  for (let i = 0; i < m; i++) {
    const s = total(vals.slice(i * n, i * n + n), ax === a.ndim - 1);
    out[i] = divideByCount ? r(s / n) : s;
  }
  return NDArray._wrap(out, outShape, acc);
}

/** np.sum(a, axis=None): a number, or an array when reducing one axis. ints and bools sum as int64. */
export function sum(a: ArrayLikeInput, axis?: AxisArg): NDArray | number {
  const x = asarray(a);
  return reduceSum(x, axis, isFloatDtype(x.dtype) ? x.dtype : "int64", false);
}
/** np.mean(a, axis=None): float64 for integer input, the input's precision for floats. */
export function mean(a: ArrayLikeInput, axis?: AxisArg): NDArray | number {
  const x = asarray(a);
  return reduceSum(x, axis, isFloatDtype(x.dtype) ? x.dtype : "float64", true);
}
function extreme(pick: (p: number, q: number) => number, name: string) {
  return (a: ArrayLikeInput): number | boolean => {
    const x = asarray(a),
      v = x._values();
    if (v.length === 0) throw new ValueError(`zero-size array to reduction operation ${name} which has no identity`);
    const m = v.reduce((p, q) => (Number.isNaN(p) || Number.isNaN(q) ? NaN : pick(p, q)));
    return x.dtype === "bool" ? m !== 0 : m;
  };
}
export const max = extreme(Math.max, "maximum"),
  min = extreme(Math.min, "minimum"),
  amax = max,
  amin = min;

// ---- the same as NDArray methods --------------------------------------------------------------
declare module "./ndarray.js" {
  interface NDArray {
    sum(axis?: AxisArg): NDArray | number;
    mean(axis?: AxisArg): NDArray | number;
    max(): number | boolean;
    min(): number | boolean;
    add(o: ArrayLikeInput): NDArray;
    sub(o: ArrayLikeInput): NDArray;
    mul(o: ArrayLikeInput): NDArray;
    div(o: ArrayLikeInput): NDArray;
    pow(o: ArrayLikeInput): NDArray;
    neg(): NDArray;
    /** `o - a`, `o / a`, `o ** a` with a scalar or array on the left. */
    rsub(o: ArrayLikeInput): NDArray;
    rdiv(o: ArrayLikeInput): NDArray;
    rpow(o: ArrayLikeInput): NDArray;
    remainder(o: ArrayLikeInput): NDArray;
    rremainder(o: ArrayLikeInput): NDArray;
    /** In place, as Python's `a += b` ... on arrays (the cell language's compound assignment). */
    __iadd__(o: ArrayLikeInput): NDArray;
    __isub__(o: ArrayLikeInput): NDArray;
    __imul__(o: ArrayLikeInput): NDArray;
    __itruediv__(o: ArrayLikeInput): NDArray;
    __ipow__(o: ArrayLikeInput): NDArray;
    __imod__(o: ArrayLikeInput): NDArray;
    /** Element-wise comparisons, bool arrays (the cell language's `a < b` on arrays). */
    eq(o: ArrayLikeInput): NDArray;
    ne(o: ArrayLikeInput): NDArray;
    lt(o: ArrayLikeInput): NDArray;
    le(o: ArrayLikeInput): NDArray;
    gt(o: ArrayLikeInput): NDArray;
    ge(o: ArrayLikeInput): NDArray;
  }
}
const methods: Record<string, (this: NDArray, ...a: never[]) => unknown> = {
  sum(this: NDArray, axis?: AxisArg) {
    return sum(this, axis);
  },
  mean(this: NDArray, axis?: AxisArg) {
    return mean(this, axis);
  },
  max(this: NDArray) {
    return max(this);
  },
  min(this: NDArray) {
    return min(this);
  },
  add(this: NDArray, o: ArrayLikeInput) {
    return add(this, o);
  },
  sub(this: NDArray, o: ArrayLikeInput) {
    return subtract(this, o);
  },
  mul(this: NDArray, o: ArrayLikeInput) {
    return multiply(this, o);
  },
  div(this: NDArray, o: ArrayLikeInput) {
    return divide(this, o);
  },
  pow(this: NDArray, o: ArrayLikeInput) {
    return power(this, o);
  },
  neg(this: NDArray) {
    return multiply(this, -1);
  },
  rsub(this: NDArray, o: ArrayLikeInput) {
    return subtract(o, this);
  },
  rdiv(this: NDArray, o: ArrayLikeInput) {
    return divide(o, this);
  },
  rpow(this: NDArray, o: ArrayLikeInput) {
    return power(o, this);
  },
  __iadd__(this: NDArray, o: ArrayLikeInput) {
    return inPlace(this, add(this, o), "add");
  },
  __isub__(this: NDArray, o: ArrayLikeInput) {
    return inPlace(this, subtract(this, o), "subtract");
  },
  __imul__(this: NDArray, o: ArrayLikeInput) {
    return inPlace(this, multiply(this, o), "multiply");
  },
  __itruediv__(this: NDArray, o: ArrayLikeInput) {
    return inPlace(this, divide(this, o), "divide");
  },
  __ipow__(this: NDArray, o: ArrayLikeInput) {
    return inPlace(this, power(this, o), "power");
  },
  __imod__(this: NDArray, o: ArrayLikeInput) {
    return inPlace(this, remainder(this, o), "remainder");
  },
  remainder(this: NDArray, o: ArrayLikeInput) {
    return remainder(this, o);
  },
  rremainder(this: NDArray, o: ArrayLikeInput) {
    return remainder(o, this);
  },
  eq(this: NDArray, o: ArrayLikeInput) {
    return equal(this, o);
  },
  ne(this: NDArray, o: ArrayLikeInput) {
    return not_equal(this, o);
  },
  lt(this: NDArray, o: ArrayLikeInput) {
    return less(this, o);
  },
  le(this: NDArray, o: ArrayLikeInput) {
    return less_equal(this, o);
  },
  gt(this: NDArray, o: ArrayLikeInput) {
    return greater(this, o);
  },
  ge(this: NDArray, o: ArrayLikeInput) {
    return greater_equal(this, o);
  },
};
for (const [name, fn] of Object.entries(methods))
  Object.defineProperty(NDArray.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
