/**
 * NDArray: the numpy arrays a course touches (`tensor.numpy()`, `np.random.rand(100, 1)`,
 * `np.array([...])`), as a strided view on a typed array. Like numpy, views (`T`, `reshape` of
 * contiguous data, indexing with `get`) and `torch.from_numpy` / `Tensor.numpy()` share that typed
 * array, so writes through one are seen by the others.
 *
 * Element storage follows engine/tensor/dtype.ts so a tensor's storage can be shared as is:
 * int64 lives in a Float64Array (exact to 2^53) or, shared from a tensor holding larger values,
 * a BigInt64Array; bool in a Uint8Array (0/1), float16 in a Float32Array (rounded to float32,
 * not to half precision).
 */
import { IndexError, RuntimeError, TypeError as PyTypeError, ValueError } from "../errors.js";
import type { StorageArray, TypedArray } from "../tensor/dtype.js";
import { MAX_SAFE, int64ToFloat32, isExact } from "../tensor/store.js";
import { arrayRepr, arrayStr } from "./arrayprint.js";
import { formatShape } from "../format/shape_text.js";

/** numpy dtype names (`a.dtype` compares equal to `np.float32` etc., which are these strings). */
export type NPDType = "float16" | "float32" | "float64" | "int8" | "uint8" | "int16" | "int32" | "int64" | "bool";
/** What a dtype argument may be: a name, a numpy alias (`"float"`, `"f4"`, `"i8"`), or a torch dtype. */
export type DTypeLike = NPDType | string | { readonly name: string };

const ARRAY_TYPES: Record<NPDType, new (n: number) => TypedArray> = {
  float16: Float32Array,
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: Float64Array,
  bool: Uint8Array,
};
const ITEMSIZE: Record<NPDType, number> = {
  float16: 2,
  float32: 4,
  float64: 8,
  int8: 1,
  uint8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  bool: 1,
};

const ALIASES: Record<string, NPDType> = {
  float: "float64",
  double: "float64",
  f8: "float64",
  d: "float64",
  float_: "float64",
  single: "float32",
  f4: "float32",
  f: "float32",
  half: "float16",
  f2: "float16",
  e: "float16",
  int: "int64",
  long: "int64",
  i8: "int64",
  int_: "int64",
  intp: "int64",
  l: "int64",
  i4: "int32",
  i: "int32",
  intc: "int32",
  i2: "int16",
  short: "int16",
  h: "int16",
  i1: "int8",
  b: "int8",
  byte: "int8",
  u1: "uint8",
  B: "uint8",
  ubyte: "uint8",
  "?": "bool",
  bool_: "bool",
};

/** Normalise a dtype argument to its numpy name. */
export function npDType(d: DTypeLike): NPDType {
  const name = typeof d === "string" ? d : d.name;
  if (name in ITEMSIZE) return name as NPDType;
  const alias = ALIASES[name];
  if (alias) return alias;
  throw new PyTypeError(`data type '${name}' not understood`);
}

/** A new zeroed typed array holding `n` elements of `dtype`. */
export function allocate(dtype: NPDType, n: number): TypedArray {
  return new ARRAY_TYPES[dtype](n);
}

/** Convert a JS value to what an element of `dtype` holds (C casts: truncation, wrap-around). */
export function castTo(dtype: NPDType, v: number | boolean): number {
  const x = typeof v === "boolean" ? (v ? 1 : 0) : v;
  switch (dtype) {
    case "float64":
      return x;
    case "float32":
    case "float16":
      return Math.fround(x);
    case "bool":
      return x !== 0 ? 1 : 0; // NaN is True, as in numpy
    // NaN / inf to int64 is INT64_MIN on x86, as numpy gives (with a RuntimeWarning).
    case "int64":
      return Number.isFinite(x) ? Math.trunc(x) : -(2 ** 63);
    default: {
      const a = allocate(dtype, 1);
      a[0] = Number.isFinite(x) ? Math.trunc(x) : 0;
      return a[0]!;
    }
  }
}

/** An int64 beyond 2^53 cast to `dtype` as C's cast does (one rounding to float, wrap for small ints). */
function castBig(dtype: NPDType, v: bigint): number {
  switch (dtype) {
    case "float64":
      return Number(v);
    case "float32":
    case "float16":
      return int64ToFloat32(v);
    case "bool":
      return v !== 0n ? 1 : 0;
    default:
      return Number(BigInt.asIntN(ITEMSIZE[dtype] * 8, v));
  }
}

function contiguousStrides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= Math.max(shape[i]!, 1);
  }
  return st;
}

export type NestedList = number | bigint | boolean | NestedList[];

/** An exact int64 as Python's int reads back: a number while safe, else the bigint. */
const pyInt = (v: bigint): number | bigint => (v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v);

export class NDArray {
  /** @internal the typed array the elements live in (shared with views and tensors); a BigInt64Array for exact int64 */
  readonly _data: StorageArray;
  readonly shape: number[];
  /** @internal strides in elements (numpy's `strides` are in bytes; see the getter) */ readonly _strides: number[];
  /** @internal */ readonly _offset: number;
  readonly dtype: NPDType;

  /** @internal Use np.array / np.zeros / tensor.numpy(); this wraps existing data without copying. */
  constructor(data: StorageArray, shape: readonly number[], dtype: NPDType, strides?: readonly number[], offset = 0) {
    this._data = data;
    this.shape = [...shape];
    this._strides = strides ? [...strides] : contiguousStrides(shape);
    this._offset = offset;
    this.dtype = dtype;
  }

  /** A new C-contiguous array over `data` (no copy). */
  static _wrap(data: TypedArray, shape: readonly number[], dtype: NPDType): NDArray {
    return new NDArray(data, shape, dtype);
  }

  get ndim(): number {
    return this.shape.length;
  }
  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }
  get itemsize(): number {
    return ITEMSIZE[this.dtype];
  }
  get nbytes(): number {
    return this.size * this.itemsize;
  }
  /** numpy's strides: bytes to step along each axis. */
  get strides(): number[] {
    return this._strides.map((s) => s * this.itemsize);
  }
  /** The transpose (a view): `a.T`. */
  get T(): NDArray {
    return this.transpose();
  }

  /** @internal True when the elements are the row-major run starting at _offset. */
  _isContiguous(): boolean {
    let expected = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] === 1) continue;
      if (this._strides[i] !== expected) return false;
      expected *= this.shape[i]!;
    }
    return true;
  }

  /** @internal element at a full non-negative index (int64 exactly: a bigint beyond 2^53) */
  _getAt(index: readonly number[]): number | bigint {
    let off = this._offset;
    for (let k = 0; k < index.length; k++) off += index[k]! * this._strides[k]!;
    return this._read(off);
  }
  /** @internal element at a storage offset, exact as Python's int for int64 */
  _read(off: number): number | bigint {
    const d = this._data;
    return isExact(d) ? pyInt(d[off]!) : d[off]!;
  }
  /** @internal element at a storage offset as a number, for arithmetic; int64 beyond 2^53 fails loudly */
  _num(off: number): number {
    const v = this._read(off);
    if (typeof v === "bigint") throw new RuntimeError("this operation does not support int64 values beyond 2**53 yet");
    return v;
  }
  /** @internal store a number (already cast to this dtype) at a storage offset, in either int64 form */
  _write(off: number, v: number): void {
    const d = this._data;
    if (isExact(d)) d[off] = BigInt(v);
    else d[off] = v;
  }

  /**
   * @internal all elements in C order, as numbers, for the numeric routines; int64 beyond 2^53
   * fails loudly rather than be rounded.
   */
  _values(): number[] {
    const vals = this._exactValues();
    if (vals.some((v) => typeof v === "bigint"))
      throw new RuntimeError("this operation does not support int64 values beyond 2**53 yet");
    return vals as number[];
  }
  /** @internal all elements in C order, int64 exactly (bigints beyond 2^53) */
  _exactValues(): (number | bigint)[] {
    const n = this.size,
      out = new Array<number | bigint>(n);
    if (this._isContiguous()) {
      for (let i = 0; i < n; i++) out[i] = this._read(this._offset + i);
      return out;
    }
    const nd = this.shape.length,
      idx = new Array<number>(nd).fill(0);
    let off = this._offset;
    for (let i = 0; i < n; i++) {
      out[i] = this._read(off);
      for (let k = nd - 1; k >= 0; k--) {
        idx[k]!++;
        off += this._strides[k]!;
        if (idx[k]! < this.shape[k]!) break;
        off -= this._strides[k]! * this.shape[k]!;
        idx[k] = 0;
      }
    }
    return out;
  }

  private scalar(v: number | bigint): number | bigint | boolean {
    return this.dtype === "bool" ? v !== 0 : v;
  }

  private wrapIndex(i: number, axis: number): number {
    const n = this.shape[axis]!;
    if (!Number.isInteger(i))
      throw new IndexError(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
      );
    if (i < -n || i >= n) throw new IndexError(`index ${i} is out of bounds for axis ${axis} with size ${n}`);
    return i < 0 ? i + n : i;
  }

  /**
   * `a[i]`, `a[i, j]`: a scalar when every axis is indexed (boolean for bool arrays), otherwise a
   * view of the remaining axes. Negative indices count from the end.
   */
  get(...idx: number[]): NDArray | number | boolean {
    if (idx.length > this.ndim)
      throw new IndexError(
        `too many indices for array: array is ${this.ndim}-dimensional, but ${idx.length} were indexed`,
      );
    let off = this._offset;
    idx.forEach((i, k) => {
      off += this.wrapIndex(i, k) * this._strides[k]!;
    });
    // NOTE: an int64 beyond 2^53 comes back as a bigint (typed number, as Tensor.item()).
    if (idx.length === this.ndim) return this.scalar(this._read(off)) as number | boolean;
    return new NDArray(this._data, this.shape.slice(idx.length), this.dtype, this._strides.slice(idx.length), off);
  }

  /** `a[i, j] = v` for a full index (`a.itemset((i, j), v)`). */
  set(idx: number | readonly number[], value: number | boolean): void {
    const ix = typeof idx === "number" ? [idx] : idx;
    if (ix.length !== this.ndim) throw new IndexError(`set needs ${this.ndim} indices, got ${ix.length}`);
    let off = this._offset;
    ix.forEach((i, k) => {
      off += this.wrapIndex(i, k) * this._strides[k]!;
    });
    this._write(off, castTo(this.dtype, value));
  }

  /** a.fill(v): every element set to v, in place. */
  fill(value: number | boolean): void {
    const v = castTo(this.dtype, value);
    if (this._isContiguous()) {
      this._fillRun(v);
      return;
    }
    const nd = this.ndim,
      idx = new Array<number>(nd).fill(0);
    for (let i = 0; i < this.size; i++) {
      let off = this._offset,
        r = i;
      for (let k = nd - 1; k >= 0; k--) {
        idx[k] = r % this.shape[k]!;
        r = Math.floor(r / this.shape[k]!);
        off += idx[k]! * this._strides[k]!;
      }
      this._write(off, v);
    }
  }
  private _fillRun(v: number): void {
    const d = this._data,
      end = this._offset + this.size;
    if (isExact(d)) d.fill(BigInt(v), this._offset, end);
    else d.fill(v, this._offset, end);
  }

  /** Iterating an array walks its first axis: rows (views) of a 2-D array, scalars of a 1-D one. */
  *[Symbol.iterator](): Iterator<NDArray | number | boolean> {
    if (this.ndim === 0) throw new PyTypeError("iteration over a 0-d array");
    for (let i = 0; i < this.shape[0]!; i++) yield this.get(i);
  }

  /** Python's len(a). */
  __len__(): number {
    if (this.ndim === 0) throw new PyTypeError("len() of unsized object");
    return this.shape[0]!;
  }

  /** a.transpose() / a.transpose(1, 0, 2): a view with permuted axes (reversed by default). */
  transpose(...axes: number[]): NDArray {
    const nd = this.ndim;
    const perm = axes.length === 0 ? [...Array(nd).keys()].reverse() : axes.map((a) => (a < 0 ? a + nd : a));
    if (perm.length !== nd || new Set(perm).size !== nd || perm.some((a) => a < 0 || a >= nd))
      throw new ValueError("axes don't match array");
    return new NDArray(
      this._data,
      perm.map((a) => this.shape[a]!),
      this.dtype,
      perm.map((a) => this._strides[a]!),
      this._offset,
    );
  }

  /** a.reshape(2, 3) / a.reshape([2, -1]): a view when the data is contiguous, else a copy (as numpy). */
  reshape(...shape: (number | readonly number[])[]): NDArray {
    const req =
      shape.length === 1 && Array.isArray(shape[0]) ? [...(shape[0] as readonly number[])] : (shape as number[]);
    const size = this.size,
      known = req.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const holes = req.filter((d) => d === -1).length;
    const fail = (): never => {
      throw new ValueError(`cannot reshape array of size ${size} into shape ${formatShape(req, "numpy")}`);
    };
    if (holes > 1) throw new ValueError("can only specify one unknown dimension");
    const out = req.map((d) => (d === -1 ? (known === 0 ? fail() : size / known) : d));
    if (out.some((d) => !Number.isInteger(d) || d < 0) || out.reduce((a, b) => a * b, 1) !== size) fail();
    const src = this._isContiguous() ? this : this.copy();
    return new NDArray(src._data, out, this.dtype, undefined, src._offset);
  }

  /** a.ravel(): 1-D, a view when contiguous. */
  ravel(): NDArray {
    return this.reshape(-1);
  }
  /** a.flatten(): always a 1-D copy. */
  flatten(): NDArray {
    return this.copy().reshape(-1);
  }

  /** a.astype(dtype): a converted copy (float to int truncates toward zero, as C casts). */
  astype(dtype: DTypeLike): NDArray {
    const d = npDType(dtype);
    const vals = this._exactValues();
    if (d === "int64" && vals.some((v) => typeof v === "bigint"))
      return new NDArray(BigInt64Array.from(vals, BigInt), this.shape, d);
    const out = allocate(d, vals.length);
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i]!;
      out[i] = typeof v === "bigint" ? castBig(d, v) : castTo(d, v);
    }
    return new NDArray(out, this.shape, d);
  }

  /** a.copy(): a C-contiguous copy with its own memory. */
  copy(): NDArray {
    const vals = this._exactValues();
    if (isExact(this._data)) return new NDArray(BigInt64Array.from(vals, BigInt), this.shape, this.dtype);
    const out = allocate(this.dtype, this.size);
    out.set(vals as number[]);
    return new NDArray(out, this.shape, this.dtype);
  }

  /** a.tolist(): nested arrays of numbers (booleans for bool arrays); a 0-d array gives its scalar. */
  tolist(): NestedList {
    const vals = this._exactValues().map((v) => this.scalar(v));
    if (this.ndim === 0) return vals[0]!;
    const build = (dim: number, start: number): NestedList[] => {
      const n = this.shape[dim]!;
      if (dim === this.ndim - 1) return vals.slice(start, start + n);
      const inner = this.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
      return Array.from({ length: n }, (_, i) => build(dim + 1, start + i * inner));
    };
    return build(0, 0);
  }

  /** a.item() for a one-element array, or a.item(i) for the i-th element in C order. */
  item(...idx: number[]): number | boolean {
    if (idx.length === 0) {
      if (this.size !== 1) throw new ValueError("can only convert an array of size 1 to a Python scalar");
      return this.scalar(this._exactValues()[0]!) as number | boolean;
    }
    if (idx.length === 1) {
      const n = this.size,
        i = idx[0]!;
      if (i < -n || i >= n) throw new IndexError("index out of bounds");
      return this.scalar(this._exactValues()[i < 0 ? i + n : i]!) as number | boolean;
    }
    return this.get(...idx) as number | boolean;
  }

  // ---- printing -------------------------------------------------------------------------------
  /** numpy's str(a): `[1. 2.]`. */
  str(): string {
    return arrayStr(this);
  }
  __str__(): string {
    return arrayStr(this);
  }
  __repr__(): string {
    return arrayRepr(this);
  }
  /** numpy's repr(a): `array([1., 2.], dtype=float32)`. */
  toString(): string {
    return arrayRepr(this);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return arrayRepr(this);
  }
  /** `Number(a)` is Python's float(a) on a one-element array; string contexts give the repr. */
  [Symbol.toPrimitive](hint: string): string | number {
    if (hint === "number") return Number(this.item());
    return arrayRepr(this);
  }
  get [Symbol.toStringTag](): string {
    return "ndarray";
  }
}
