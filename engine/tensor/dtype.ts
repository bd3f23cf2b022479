/**
 * dtypes and PyTorch's type promotion (c10/core/ScalarType.h, promoteTypes).
 *
 * NOTE: int64 has two storage forms (store.ts). A Float64Array while every value is a safe integer
 * (|v| < 2^53): indices, sizes and course arithmetic stay on plain JS numbers and the fast kernels.
 * A BigInt64Array ("exact" storage) once a value needs it: BigInt input, or an int64 op whose result
 * leaves the safe range (the JS backend then recomputes it with BigInt, wrapping as int64 does).
 */
import { RuntimeError, TypeError as PyTypeError, pyTypeName } from "../errors.js";
import { roundHalf } from "./half.js";
import { MAX_SAFE, int64ToFloat32, toInt64 } from "./store.js";

export type DTypeName = "float16" | "float32" | "float64" | "int8" | "uint8" | "int16" | "int32" | "int64" | "bool";

export type TypedArray = Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Int32Array;

/** What a Storage holds: a TypedArray, or a BigInt64Array for int64 values beyond 2^53. */
export type StorageArray = TypedArray | BigInt64Array;

type ArrayCtor = {
  new (n: number): TypedArray;
  new (src: ArrayLike<number>): TypedArray;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

export class DType {
  /** @internal */
  constructor(
    readonly name: DTypeName,
    readonly itemsize: number,
    readonly is_floating_point: boolean,
    readonly is_signed: boolean,
    /** Rank in PyTorch's promotion lattice: bool < integers < floating. */
    readonly kind: 0 | 1 | 2,
    /** The typed array holding this dtype's elements. */
    readonly ArrayType: ArrayCtor,
    /** Legacy tensor type name, used in autograd error messages: `torch.FloatTensor`. */
    readonly legacyName: string,
    /** C++ scalar type name, used in error messages: `Float`, `Double`, `Long`. */
    readonly scalarName: string,
  ) {}
  get is_complex(): boolean {
    return false;
  }
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export const float16 = new DType("float16", 2, true, true, 2, Float32Array, "torch.HalfTensor", "Half");
export const float32 = new DType("float32", 4, true, true, 2, Float32Array, "torch.FloatTensor", "Float");
export const float64 = new DType("float64", 8, true, true, 2, Float64Array, "torch.DoubleTensor", "Double");
export const int8 = new DType("int8", 1, false, true, 1, Int8Array, "torch.CharTensor", "Char");
export const uint8 = new DType("uint8", 1, false, false, 1, Uint8Array, "torch.ByteTensor", "Byte");
export const int16 = new DType("int16", 2, false, true, 1, Int16Array, "torch.ShortTensor", "Short");
export const int32 = new DType("int32", 4, false, true, 1, Int32Array, "torch.IntTensor", "Int");
export const int64 = new DType("int64", 8, false, true, 1, Float64Array, "torch.LongTensor", "Long");
export const bool = new DType("bool", 1, false, false, 0, Uint8Array, "torch.BoolTensor", "Bool");

// PyTorch's aliases.
export const half = float16,
  float = float32,
  double = float64,
  short = int16,
  int = int32,
  long = int64;

export const ALL_DTYPES: readonly DType[] = [bool, uint8, int8, int16, int32, int64, float16, float32, float64];

let defaultDtype: DType = float32;
/** torch.get_default_dtype() */
export function get_default_dtype(): DType {
  return defaultDtype;
}
/** torch.set_default_dtype(torch.float64) */
export function set_default_dtype(d: DType): void {
  if (!d.is_floating_point)
    throw new globalThis.TypeError("only floating-point types are supported as the default type");
  defaultDtype = d;
}

// Integer promotion order as in c10's promoteTypes table (uint8 with int8 gives int16).
const INT_ORDER: DType[] = [uint8, int8, int16, int32, int64];
const FLOAT_ORDER: DType[] = [float16, float32, float64];

/** torch.promote_types(a, b) */
export function promote_types(a: DType, b: DType): DType {
  if (!(a instanceof DType) || !(b instanceof DType))
    for (const [v, i] of [
      [a, 1],
      [b, 2],
    ] as const)
      if (!(v instanceof DType))
        throw new PyTypeError(
          `promote_types(): argument 'type${i}' (position ${i}) must be torch.dtype, not ${pyTypeName(v)}`,
        );
  if (a === b) return a;
  if (a.kind !== b.kind) return a.kind > b.kind ? a : b;
  if (a.kind === 2) return FLOAT_ORDER.indexOf(a) > FLOAT_ORDER.indexOf(b) ? a : b;
  if ((a === uint8 && b === int8) || (a === int8 && b === uint8)) return int16;
  return INT_ORDER.indexOf(a) > INT_ORDER.indexOf(b) ? a : b;
}

// One-element arrays that wrap a value as the small integer types' stores do.
const SCRATCH = new Map<DType, TypedArray>([int8, uint8, int16, int32].map((d) => [d, new d.ArrayType(1)]));

/** Round or wrap a JS number to what a dtype can hold (as a cast to that C type would). */
export function castScalar(v: number, d: DType): number {
  switch (d.name) {
    case "float32":
      return Math.fround(v);
    case "float16":
      return roundHalf(v);
    case "float64":
      return v;
    case "bool":
      return v !== 0 ? 1 : 0; // NaN != 0, so NaN is True, as in C++
    case "int64":
      return toInt64(v);
    default: {
      const a = SCRATCH.get(d)!;
      a[0] = Math.trunc(v);
      return a[0];
    }
  }
}

/** A bigint scalar (a Python int) as an int64, failing as PyTorch does for one beyond int64. */
export function int64OfBigint(v: bigint): bigint {
  if (v < -(2n ** 63n) || v >= 2n ** 63n) throw new RuntimeError("Overflow when unpacking long");
  return v;
}

/**
 * castScalar for a scalar that may be a bigint (a Python int beyond 2^53): for int64 a bigint
 * comes back while the value needs one (a number once it is safe); other dtypes get the value as
 * C's cast of the int64 gives it (one rounding to float, wrap-around for small ints).
 */
export function castScalarExact(v: number | bigint | boolean, d: DType): number | bigint {
  if (typeof v !== "bigint") return castScalar(+v, d);
  const i = int64OfBigint(v);
  switch (d.name) {
    case "int64":
      return i >= -MAX_SAFE && i <= MAX_SAFE ? Number(i) : i;
    case "float64":
      return Number(i);
    case "float32":
      return int64ToFloat32(i);
    case "float16":
      return roundHalf(int64ToFloat32(i)); // c10::Half converts through float
    case "bool":
      return i !== 0n ? 1 : 0;
    default:
      return Number(BigInt.asIntN(d.itemsize * 8, i));
  }
}

/** A fresh array of `n` elements of dtype d all holding the scalar v (cast as castScalarExact). */
export function filledStorage(d: DType, n: number, v: number | bigint | boolean): StorageArray {
  const c = castScalarExact(v, d);
  if (typeof c === "bigint") return new BigInt64Array(n).fill(c);
  const a = new d.ArrayType(n);
  if (!Object.is(c, 0)) a.fill(c); // -0 fills too (a new array holds +0)
  return a;
}
