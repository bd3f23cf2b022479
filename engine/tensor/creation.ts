/**
 * Creation functions: torch.tensor, zeros, ones, full, empty, eye, arange, linspace, logspace,
 * the *_like family, and the random factories (rand, randn, randint, randperm, normal).
 */
import { argError, intArg, isOptions, kwargs, numberArg, optionalIntArg, tensorArg } from "./arg_parser.js";
import { RuntimeError, ValueError, TypeError as PyTypeError, warnOnce } from "../errors.js";
import {
  ALL_DTYPES,
  DType,
  bool,
  castScalar,
  filledStorage,
  float32,
  float64,
  get_default_dtype,
  int16,
  int32,
  int64,
  int8,
  uint8,
  type StorageArray,
  type TypedArray,
} from "./dtype.js";
import { Storage, Tensor } from "./tensor.js";
import { MAX_SAFE, int64ToFloat32 } from "./store.js";
import { isInt64Number } from "./promotion.js";
import { numel, parseSizeArgs } from "./shape.js";
import { preservedStrides } from "./memory_format.js";
import { arangeFill, arangeLength, linspaceFill, logspaceFill } from "./range_factories.js";
import { type Generator, default_generator } from "../random/generator.js";
import { checkDevice } from "./device.js";
import { normalFill, randintFill, randpermValues, uniformFill } from "../random/distributions.js";
import { backend } from "../backend/index.js";
import { formatShape } from "../format/shape_text.js";

export interface TensorOptions {
  dtype?: DType | null;
  requires_grad?: boolean;
  device?: string | { type: string } | null;
  generator?: Generator;
  pin_memory?: boolean;
}

/**
 * An array laid out as numpy lays one out (gradlab's `np.ndarray`): elements in a typed array,
 * strides in elements, a dtype name. torch.tensor copies it; torch.from_numpy shares it.
 */
export interface StridedArray {
  readonly _data: StorageArray;
  readonly shape: readonly number[];
  readonly _strides: readonly number[];
  readonly _offset: number;
  readonly dtype: string;
}

/** Data for torch.tensor: numbers, booleans, bigints (exact int64), nested arrays, typed arrays and numpy arrays. */
export type NestedArray = number | boolean | bigint | NestedArray[] | ArrayLike<number> | BigInt64Array | StridedArray;

function isStridedArray(v: unknown): v is StridedArray {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    ArrayBuffer.isView((v as StridedArray)._data) &&
    typeof (v as StridedArray).dtype === "string" &&
    Array.isArray((v as StridedArray)._strides)
  );
}

/** A tensor over a numpy array's memory, with its dtype, shape and strides (no copy). */
export function viewOfStridedArray(a: StridedArray): Tensor {
  const dtype = ALL_DTYPES.find((d) => d.name === a.dtype);
  if (!dtype)
    throw new PyTypeError(
      `can't convert np.ndarray of type numpy.${a.dtype}. The only supported types are: float64, float32, float16, complex64, complex128, int64, int32, int16, int8, uint8, and bool.`,
    );
  return new Tensor(new Storage(a._data), [...a.shape], dtype, [...a._strides], a._offset);
}
type SizeAndOptions = [number[], TensorOptions];

/** `f(2, 3)`, `f([2, 3])`, `f(size)`, each optionally followed by an options object. */
export function sizeAndOptions(args: readonly unknown[], fn = "empty", pos = 1): SizeAndOptions {
  const [rest, opts] = trailingOptions(args);
  const size = parseSizeArgs(rest, fn, "size", pos);
  for (const d of size)
    if (d < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${d}: ${formatShape(size)}`);
  return [size, opts];
}

/** Splits off a trailing options object; a trailing null after other arguments is "no options". */
function trailingOptions<T>(args: readonly T[]): [T[], TensorOptions] {
  const last = args[args.length - 1];
  if (args.length && isOptions(last)) return [args.slice(0, -1), last as TensorOptions];
  if (args.length > 1 && (last === null || last === undefined)) return [args.slice(0, -1), {}];
  return [args as T[], {}];
}

/** Apply requires_grad from options (with PyTorch's error for non-float dtypes at creation). */
function finish(t: Tensor, opts: TensorOptions): Tensor {
  checkDevice(opts.device);
  if (opts.requires_grad) {
    if (!t.dtype.is_floating_point)
      throw new RuntimeError("Only Tensors of floating point and complex dtype can require gradients");
    t._requiresGrad = true;
  }
  return t;
}

function filled(size: number[], dtype: DType, value: number | bigint): Tensor {
  // The fill value is cast to the dtype first (full_like(int64 tensor, 2.5) holds 2, as in PyTorch).
  const n = numel(size);
  // zeros are the backend's fresh memory as it is; other values fill it (bigints need exact int64 storage).
  if (typeof value === "bigint") return Tensor._fromData(filledStorage(dtype, n, value), size, dtype);
  const data = backend().alloc(dtype, n),
    c = castScalar(value, dtype);
  if (!Object.is(c, 0)) data.fill(c);
  return Tensor._fromData(data, size, dtype);
}

// ---- torch.tensor -------------------------------------------------------------------------------

/** Values torch.tensor cannot hold fail as in PyTorch (a string would otherwise recurse forever). */
function checkElement(v: unknown): void {
  if (
    typeof v === "number" ||
    typeof v === "boolean" ||
    typeof v === "bigint" ||
    v instanceof Tensor ||
    Array.isArray(v) ||
    ArrayBuffer.isView(v)
  )
    return;
  if (typeof v === "string") throw new PyTypeError("new(): invalid data type 'str'");
  const pyType = v === null || v === undefined ? "NoneType" : typeof v === "object" ? "dict" : typeof v;
  throw new RuntimeError(`Could not infer dtype of ${pyType}`);
}

function inferShape(data: NestedArray, shape: number[] = [], depth = 0): number[] {
  checkElement(data);
  if (typeof data === "number" || typeof data === "boolean" || typeof data === "bigint") return shape;
  const arr = data as ArrayLike<NestedArray>;
  if (shape.length === depth) shape.push(arr.length);
  if (arr.length > 0 && !ArrayBuffer.isView(arr)) inferShape(arr[0], shape, depth + 1);
  return shape;
}

type Element = number | boolean | bigint;

function flatten(data: NestedArray, shape: number[], out: Element[], depth = 0): void {
  checkElement(data);
  if (typeof data === "number" || typeof data === "boolean" || typeof data === "bigint") {
    if (depth !== shape.length)
      throw new ValueError(`expected sequence of length ${shape[depth]} at dim ${depth} (got scalar)`);
    out.push(data);
    return;
  }
  if (data instanceof Tensor) {
    for (const v of data._exactValues()) out.push(v);
    return;
  }
  const arr = data as ArrayLike<NestedArray>;
  if (depth >= shape.length) throw new ValueError(`expected a scalar at dim ${depth} (got a sequence)`);
  if (arr.length !== shape[depth])
    throw new ValueError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${arr.length})`);
  for (let i = 0; i < arr.length; i++) flatten(arr[i], shape, out, depth + 1);
}

function typedArrayDtype(a: ArrayBufferView): DType | null {
  if (a instanceof Float32Array) return float32;
  if (a instanceof Float64Array) return float64;
  if (a instanceof Int32Array) return int32;
  if (a instanceof BigInt64Array) return int64;
  return null;
}

/**
 * torch.tensor(data, {dtype, requires_grad}): a new tensor from nested arrays, numbers,
 * booleans or typed arrays. The dtype is inferred as PyTorch does: bool for booleans, int64 for
 * integers, the default float dtype (float32) if any value is fractional.
 * @example torch.tensor([[1, 2], [3, 4]], {dtype: torch.float32})
 */
export function tensor(data: NestedArray | Tensor, opts: TensorOptions | null = {}): Tensor {
  opts = kwargs(opts);
  if (data instanceof Tensor) {
    warnOnce(
      "To copy construct from a tensor, it is recommended to use sourceTensor.clone().detach() or sourceTensor.clone().detach().requires_grad_(True), rather than torch.tensor(sourceTensor).",
    );
    const d = opts.dtype ?? data.dtype;
    return finish(Tensor._fromData(fill(data._exactValues(), d), data._shape, d), opts);
  }
  // torch.tensor(np_array) copies, keeping numpy's dtype (np.linspace gives float64) unless one is given.
  if (isStridedArray(data)) {
    const view = viewOfStridedArray(data);
    const d = opts.dtype ?? view.dtype;
    return finish(Tensor._fromData(fill(view._exactValues(), d), view._shape, d), opts);
  }
  if (ArrayBuffer.isView(data) && !(data instanceof DataView)) {
    const src: Element[] = data instanceof BigInt64Array ? Array.from(data) : Array.from(data as ArrayLike<number>);
    const d =
      opts.dtype ??
      typedArrayDtype(data) ??
      (data instanceof Uint8Array
        ? uint8
        : data instanceof Int8Array
          ? int8
          : data instanceof Int16Array
            ? int16
            : float32);
    return finish(Tensor._fromData(fill(src, d), [src.length], d), opts);
  }
  const shape = inferShape(data);
  const flat: Element[] = [];
  flatten(data, shape, flat);
  let dtype = opts.dtype ?? null;
  if (!dtype) {
    let allBool = flat.length > 0,
      allInt = true;
    for (const v of flat) {
      if (typeof v !== "boolean") allBool = false;
      if (typeof v === "number" && !isInt64Number(v)) allInt = false; // 1e300 can only be a float
      if (typeof v !== "number" && typeof v !== "boolean" && typeof v !== "bigint")
        throw new PyTypeError(`Could not infer dtype of ${typeof v}`);
    }
    dtype =
      flat.length === 0
        ? get_default_dtype()
        : allBool
          ? bool
          : allInt && flat.some((v) => typeof v !== "boolean")
            ? int64
            : get_default_dtype();
    // A mix of booleans and integers is int64 in PyTorch; booleans count as 0/1.
    if (flat.length > 0 && !allBool && allInt && flat.every((v) => typeof v === "boolean")) dtype = bool;
  }
  return finish(Tensor._fromData(fill(flat, dtype), shape, dtype), opts);
}

const INT64_LO = -(2n ** 63n),
  INT64_HI = 2n ** 63n - 1n;

/** The storage array for torch.tensor's elements; int64 takes exact form when a value needs it. */
function fill(flat: readonly Element[], dtype: DType): StorageArray {
  if (dtype === int64 && flat.some((v) => typeof v === "bigint" || Math.abs(Number(v)) > MAX_SAFE)) {
    const arr = new BigInt64Array(flat.length);
    for (let i = 0; i < flat.length; i++) {
      const v = flat[i];
      const b = typeof v === "bigint" ? v : typeof v === "boolean" ? BigInt(v) : BigInt(castScalar(v, int64));
      // Python ints beyond int64 fail as in PyTorch (torch/csrc/utils/python_numbers.h).
      if (b < INT64_LO || b > INT64_HI) throw new RuntimeError("Overflow when unpacking long");
      arr[i] = b;
    }
    return arr;
  }
  const arr = backend().alloc(dtype, flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (typeof v === "bigint") {
      if (v < INT64_LO || v > INT64_HI) throw new RuntimeError("Overflow when unpacking long");
      // A Python int converts to the dtype in one rounding.
      arr[i] =
        dtype.kind === 2
          ? dtype.itemsize === 8
            ? Number(v)
            : int64ToFloat32(v)
          : dtype === bool
            ? v !== 0n
              ? 1
              : 0
            : castScalar(Number(BigInt.asIntN(32, v)), dtype);
      continue;
    }
    const x = typeof v === "boolean" ? (v ? 1 : 0) : v;
    arr[i] = dtype === bool ? (x !== 0 ? 1 : 0) : dtype === int64 ? Math.trunc(x) : x;
  }
  return arr;
}

/** torch.as_tensor(data): shares a tensor as is, otherwise like torch.tensor. */
export function as_tensor(data: NestedArray | Tensor, opts: TensorOptions | null = {}): Tensor {
  opts = kwargs(opts);
  // as_tensor(data, dtype) positionally reaches here as {dtype} (api/keywords.ts): check it is one.
  if (opts.dtype !== undefined && opts.dtype !== null && !(opts.dtype instanceof DType))
    throw argError("as_tensor", "dtype", 2, "torch.dtype", opts.dtype);
  if (data instanceof Tensor && (!opts.dtype || opts.dtype === data.dtype)) return data;
  if (data instanceof Tensor) return data.to(opts.dtype!);
  // As PyTorch: an np.ndarray of the wanted dtype is shared, not copied.
  if (isStridedArray(data) && (!opts.dtype || opts.dtype.name === data.dtype))
    return finish(viewOfStridedArray(data), opts);
  return tensor(data, opts);
}

// ---- filled factories -----------------------------------------------------------------------------

/** torch.zeros(2, 3) or torch.zeros([2, 3], {dtype, requires_grad}) */
export function zeros(...args: (number | number[] | (TensorOptions & { size?: number | number[] }))[]): Tensor {
  const [size, opts] = sizeAndOptions(args, "zeros");
  return finish(filled(size, opts.dtype ?? get_default_dtype(), 0), opts);
}
/** torch.ones(2, 3, {requires_grad: true}) */
export function ones(...args: (number | number[] | (TensorOptions & { size?: number | number[] }))[]): Tensor {
  const [size, opts] = sizeAndOptions(args, "ones");
  return finish(filled(size, opts.dtype ?? get_default_dtype(), 1), opts);
}
/** torch.empty(2, 3): uninitialised in PyTorch; zeros here. */
export function empty(...args: (number | number[] | (TensorOptions & { size?: number | number[] }))[]): Tensor {
  const [size, opts] = sizeAndOptions(args);
  return finish(filled(size, opts.dtype ?? get_default_dtype(), 0), opts);
}
/** torch.full([2, 3], 7): dtype from the fill value (bool, int64, or the default float). */
export function full(
  size: number[] | readonly number[],
  fill_value: number | boolean | bigint,
  opts: TensorOptions | null = {},
): Tensor {
  opts = kwargs(opts);
  const s = sizeAndOptions([size], "full")[0];
  const dtype =
    opts.dtype ??
    (typeof fill_value === "boolean"
      ? bool
      : typeof fill_value === "bigint" || Number.isInteger(fill_value)
        ? int64
        : get_default_dtype());
  return finish(filled(s, dtype, typeof fill_value === "boolean" ? +fill_value : fill_value), opts);
}
/** torch.eye(n, m?) */
export function eye(n: number, m?: number | TensorOptions, opts: TensorOptions | null = {}): Tensor {
  opts = kwargs(opts);
  if (isOptions(m)) {
    opts = m;
    m = undefined;
  }
  intArg("eye", n, "n", 1);
  const cols = optionalIntArg("eye", m, "m", 2, n);
  if (n < 0 || cols < 0)
    throw new RuntimeError(`${n < 0 ? "n" : "m"} must be greater or equal to 0, got ${n < 0 ? n : cols}`);
  const dtype = opts.dtype ?? get_default_dtype();
  const t = filled([n, cols], dtype, 0);
  for (let i = 0; i < Math.min(n, cols); i++) t._data[i * cols + i] = 1;
  return finish(t, opts);
}

/**
 * torch.arange(end), arange(start, end), arange(start, end, step): int64 when all arguments are
 * integers, the default float dtype otherwise.
 * @example torch.arange(4.0)   // JS cannot tell 4.0 from 4: pass {dtype: torch.float32} for floats
 */
export function arange(
  ...args: (number | (TensorOptions & { start?: number; end?: number; step?: number }))[]
): Tensor {
  const [rest, opts] = trailingOptions(args);
  const names = rest.length === 1 ? ["end"] : ["start", "end", "step"];
  const nums = rest.map((v, i) => numberArg("arange", v, names[i] ?? "step", i + 1));
  const [start, end, step] =
    nums.length === 1 ? [0, nums[0], 1] : nums.length === 2 ? [nums[0], nums[1], 1] : [nums[0], nums[1], nums[2]];
  const allInt = [start, end, step].every(Number.isInteger);
  const dtype = opts.dtype ?? (allInt ? int64 : get_default_dtype());
  // Size, checks and element formula as ATen's (so arange(-1, 1, 0.1)[10] is -2.98e-09, as in PyTorch).
  const n = arangeLength(start, end, step, dtype);
  const data = backend().alloc(dtype, n);
  arangeFill(data, dtype, start, step, n);
  return finish(Tensor._fromData(data, [n], dtype), opts);
}

/**
 * torch.linspace(start, end, steps): `steps` values from start to end, with ATen's formula bit
 * for bit (the first half counts up from start, the second half down from end).
 * @example torch.linspace(-1, 1, 5)   // tensor([-1.0000, -0.5000,  0.0000,  0.5000,  1.0000])
 */
export function linspace(start: number, end: number, options: TensorOptions & { steps: number }): Tensor;
export function linspace(start: number, end: number, steps: number, opts?: TensorOptions | null): Tensor;
// NOTE: the options form (start, end, {steps}) is bound to the positional one by api/keywords.ts.
export function linspace(
  start: number,
  end: number,
  stepsArg: number | TensorOptions,
  opts: TensorOptions | null = {},
): Tensor {
  opts = kwargs(opts);
  start = numberArg("linspace", start, "start", 1);
  end = numberArg("linspace", end, "end", 2);
  const steps = intArg("linspace", stepsArg, "steps", 3);
  if (steps < 0) throw new RuntimeError("number of steps must be non-negative");
  const dtype = opts.dtype ?? get_default_dtype();
  const data = backend().alloc(dtype, steps);
  linspaceFill(data, dtype, start, end, steps);
  return finish(Tensor._fromData(data, [steps], dtype), opts);
}

/**
 * torch.logspace(start, end, steps, base = 10): base ** linspace(start, end, steps); the base may
 * also come as an option, as Python's keyword.
 * @example torch.logspace(0, 3, 4, {base: 2})   // tensor([1., 2., 4., 8.])
 */
export function logspace(
  start: number,
  end: number,
  steps: number,
  base: number | (TensorOptions & { base?: number }) = 10,
  opts: (TensorOptions & { base?: number }) | null = {},
): Tensor {
  opts = kwargs(opts);
  if (isOptions(base)) {
    opts = base;
    base = opts.base ?? 10;
  }
  start = numberArg("logspace", start, "start", 1);
  end = numberArg("logspace", end, "end", 2);
  intArg("logspace", steps, "steps", 3);
  base = numberArg("logspace", base, "base", 4);
  if (steps < 0) throw new RuntimeError("number of steps must be non-negative");
  const dtype = opts.dtype ?? get_default_dtype();
  const data = backend().alloc(dtype, steps);
  logspaceFill(data, dtype, start, end, steps, base);
  return finish(Tensor._fromData(data, [steps], dtype), opts);
}

type LikeOptions = TensorOptions & { memory_format?: unknown };
/** The *_like factories keep t's layout (preserve_format, as empty_like): zeros_like(x.t()) has x.t()'s strides. */
function likeOf(t: Tensor, opts: LikeOptions, v: number | bigint): Tensor {
  const out = finish(filled([...t._shape], opts.dtype ?? t.dtype, v), opts);
  const strides = preservedStrides(t);
  if (strides) out._strides = strides;
  return out;
}
/** torch.zeros_like(t) */
export function zeros_like(t: Tensor, opts: LikeOptions | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("zeros_like", t);
  return likeOf(t, opts, 0);
}
/** torch.ones_like(t) */
export function ones_like(t: Tensor, opts: LikeOptions | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("ones_like", t);
  return likeOf(t, opts, 1);
}
/** torch.empty_like(t) */
export function empty_like(t: Tensor, opts: LikeOptions | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("empty_like", t);
  return likeOf(t, opts, 0);
}
/** torch.full_like(t, v) */
export function full_like(t: Tensor, v: number | bigint, opts: LikeOptions | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("full_like", t);
  return likeOf(t, opts, v);
}

// ---- random factories --------------------------------------------------------------------------------

function floatDtype(opts: TensorOptions, what: string): DType {
  const d = opts.dtype ?? get_default_dtype();
  if (!d.is_floating_point) throw new RuntimeError(`"${what}" not implemented for '${d.scalarName}'`);
  return d;
}

/** torch.rand(2, 3): uniform on [0, 1), PyTorch's stream for the same seed. */
export function rand(...args: (number | number[] | (TensorOptions & { size?: number | number[] }))[]): Tensor {
  const [size, opts] = sizeAndOptions(args, "rand");
  const dtype = floatDtype(opts, "check_uniform_bounds");
  const data = backend().alloc(dtype, numel(size)) as Float32Array | Float64Array;
  uniformFill(opts.generator ?? default_generator, data, 0, 1);
  return finish(Tensor._fromData(data, size, dtype), opts);
}
/** torch.randn(2, 3): standard normal, PyTorch's stream for the same seed. */
export function randn(...args: (number | number[] | (TensorOptions & { size?: number | number[] }))[]): Tensor {
  const [size, opts] = sizeAndOptions(args, "randn");
  const dtype = floatDtype(opts, "normal_kernel_cpu");
  const data = backend().alloc(dtype, numel(size)) as Float32Array | Float64Array;
  normalFill(opts.generator ?? default_generator, data, 0, 1, true);
  return finish(Tensor._fromData(data, size, dtype), opts);
}
/** torch.randint(low?, high, size): int64 by default. */
export function randint(
  ...args: (number | number[] | (TensorOptions & { low?: number; high?: number; size?: number | number[] }))[]
): Tensor {
  const [rest, opts] = trailingOptions(args);
  if (rest.length < 2)
    throw new PyTypeError(
      `randint() received an invalid combination of arguments: expected (high, size) or (low, high, size), got ${rest.length} positional argument${rest.length === 1 ? "" : "s"}`,
    );
  const size = parseSizeArgs([rest.pop()], "randint", "size", rest.length + 1);
  const [low, high] =
    rest.length === 1
      ? [0, intArg("randint", rest[0], "high", 1)]
      : [intArg("randint", rest[0], "low", 1), intArg("randint", rest[1], "high", 2)];
  if (low >= high)
    throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  const dtype = opts.dtype ?? int64;
  const data = backend().alloc(dtype, numel(size));
  randintFill(opts.generator ?? default_generator, data, low, high);
  return finish(Tensor._fromData(data, size, dtype), opts);
}
/** torch.randperm(n): a random permutation of 0..n-1 (int64). */
export function randperm(n: number, opts: TensorOptions | null = {}): Tensor {
  opts = kwargs(opts);
  intArg("randperm", n, "n", 1);
  if (n < 0) throw new RuntimeError(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  const vals = randpermValues(opts.generator ?? default_generator, n);
  const dtype = opts.dtype ?? int64;
  return finish(Tensor._fromData(new dtype.ArrayType(vals), [n], dtype), opts);
}
/** torch.normal(mean, std, size) with numbers, or elementwise with tensors. */
export function normal(
  mean: number | Tensor,
  std: number | Tensor,
  size?: number[] | TensorOptions,
  opts: TensorOptions | null = {},
): Tensor {
  opts = kwargs(opts);
  if (isOptions(size)) {
    opts = size as TensorOptions;
    size = undefined;
  }
  if (!(mean instanceof Tensor) && typeof mean !== "number") throw argError("normal", "mean", 1, "Tensor", mean);
  if (!(std instanceof Tensor) && typeof std !== "number") throw argError("normal", "std", 2, "Tensor", std);
  if (size !== undefined && size !== null) size = parseSizeArgs([size], "normal", "size", 3);
  const g = opts.generator ?? default_generator;
  if (typeof mean === "number" && typeof std === "number") {
    const shape = (size as number[] | undefined) ?? [];
    const dtype = floatDtype(opts, "normal_kernel_cpu");
    const data = backend().alloc(dtype, numel(shape)) as Float32Array | Float64Array;
    normalFill(g, data, mean, std, true);
    return finish(Tensor._fromData(data, shape, dtype), opts);
  }
  // Tensor means/stds: out.normal_(0, 1), then out.mul_(std).add_(mean) as two rounded ops (as ATen).
  const shapeOf = mean instanceof Tensor ? mean : (std as Tensor);
  const dtype = shapeOf.dtype;
  const data = backend().alloc(dtype, shapeOf.numel()) as Float32Array | Float64Array;
  normalFill(g, data, 0, 1, true);
  const out = Tensor._fromData(data, shapeOf._shape, dtype);
  return out.mul(std).add(mean);
}
export type { TypedArray };
