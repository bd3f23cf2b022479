/**
 * Exact int64 kernels on BigInt, for what plain doubles cannot hold: inputs in exact int64 storage
 * (values beyond 2^53) and int64 results that leave the safe range. The JS backend runs its number
 * kernels first and comes here only then, so ordinary int64 work never pays for BigInt.
 *
 * Results wrap into [-2^63, 2^63) as C's two's-complement int64 arithmetic does (a BigInt64Array
 * store reduces modulo 2^64; running products reduce at every step to stay small).
 */
import type { StridedView } from "../backend.js";
import type { DType, StorageArray, TypedArray } from "../../tensor/dtype.js";
import { bigOfDouble, int64ToFloat32, isExact } from "../../tensor/store.js";
import { contiguousStrides, numel, type Shape } from "../../tensor/shape.js";
import { forEachRow } from "./strided.js";

type P = readonly number[];
const wrap64 = (v: bigint) => BigInt.asIntN(64, v);
const b01 = (c: boolean) => (c ? 1n : 0n);

/** base ** exp modulo 2^64 by squaring (exp >= 0; the op layer rejects negative integer powers). */
function powWrap(base: bigint, exp: bigint): bigint {
  let r = 1n,
    b = wrap64(base),
    e = exp;
  while (e > 0n) {
    if (e & 1n) r = wrap64(r * b);
    b = wrap64(b * b);
    e >>= 1n;
  }
  return r;
}

/** A scalar parameter as an int64 (the op layer already cast it to the int dtype). */
const big = (v: number) => bigOfDouble(v);
const integral = (p: P) => p.every((v) => Number.isInteger(v));

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
function pyMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}
const clampP = (x: bigint, p: P) => {
  let y = x;
  if (p[0] === p[0] && y < big(p[0])) y = big(p[0]);
  if (p[1] === p[1] && y > big(p[1])) y = big(p[1]);
  return y;
};

export const UNARY_EXACT: Record<string, (x: bigint, p: P) => bigint> = {
  identity: (x) => x,
  floor: (x) => x,
  ceil: (x) => x,
  trunc: (x) => x,
  round: (x) => x,
  nan_to_num: (x) => x,
  neg: (x) => -x,
  abs: (x) => (x < 0n ? -x : x),
  sign: (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n),
  sgn: (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n),
  square: (x) => x * x,
  relu: (x) => (x < 0n ? 0n : x),
  clamp: clampP,
  fill: (_x, p) => big(p[0]),
  bitwise_not: (x) => ~x,
  affine: (x, p) => x * big(p[0]) + big(p[1]),
  pow_scalar: (x, p) => powWrap(x, big(p[0])),
  rpow_scalar: (x, p) => powWrap(big(p[0]), x),
  logical_not: (x) => b01(x === 0n),
  bitwise_not_bool: (x) => b01(x === 0n),
  nonzero_bool: (x) => b01(x !== 0n),
  isnan: () => 0n,
  isinf: () => 0n,
  isfinite: () => 1n,
};
/** Unary kernels exact only for integral parameters. */
const UNARY_NEEDS_INT_P = new Set(["affine", "pow_scalar", "rpow_scalar", "fill", "clamp"]);

export const BINARY_EXACT: Record<string, (a: bigint, b: bigint, p: P) => bigint> = {
  add: (a, b) => a + b,
  add_alpha: (a, b, p) => a + big(p[0]) * b,
  sub: (a, b) => a - b,
  sub_alpha: (a, b, p) => a - big(p[0]) * b,
  mul: (a, b) => a * b,
  div_trunc: (a, b) => a / b,
  div_floor: floorDiv,
  floor_divide: floorDiv,
  remainder: pyMod,
  fmod: (a, b) => a % b,
  pow: powWrap,
  maximum: (a, b) => (a > b ? a : b),
  minimum: (a, b) => (a < b ? a : b),
  fmax: (a, b) => (a > b ? a : b),
  fmin: (a, b) => (a < b ? a : b),
  eq: (a, b) => b01(a === b),
  ne: (a, b) => b01(a !== b),
  lt: (a, b) => b01(a < b),
  le: (a, b) => b01(a <= b),
  gt: (a, b) => b01(a > b),
  ge: (a, b) => b01(a >= b),
  logical_and: (a, b) => b01(a !== 0n && b !== 0n),
  logical_or: (a, b) => b01(a !== 0n || b !== 0n),
  logical_xor: (a, b) => b01((a !== 0n) !== (b !== 0n)),
  bitwise_and: (a, b) => a & b,
  bitwise_or: (a, b) => a | b,
  bitwise_xor: (a, b) => a ^ b,
};
const BINARY_NEEDS_INT_P = new Set(["add_alpha", "sub_alpha"]);

export const TERNARY_EXACT: Record<string, (a: bigint, b: bigint, c: bigint) => bigint> = {
  where: (c, a, b) => (c !== 0n ? a : b),
  clamp: (x, lo, hi) => {
    const y = x > lo ? x : lo;
    return y < hi ? y : hi;
  },
  addcmul: (a, b, c) => a + b * c,
};

type Reduce = (v: bigint[]) => bigint;
const extreme =
  (better: (a: bigint, b: bigint) => boolean, index: boolean): Reduce =>
  (v) => {
    let k = 0;
    for (let i = 1; i < v.length; i++) if (better(v[i], v[k])) k = i;
    return index ? BigInt(k) : v[k];
  };
export const REDUCE_EXACT: Record<string, Reduce> = {
  sum: (v) => {
    let s = 0n;
    for (const x of v) s += x;
    return s;
  },
  prod: (v) => {
    let s = 1n;
    for (const x of v) s = wrap64(s * x);
    return s;
  },
  max: extreme((a, b) => a > b, false),
  min: extreme((a, b) => a < b, false),
  argmax: extreme((a, b) => a > b, true),
  argmin: extreme((a, b) => a < b, true),
  all: (v) => b01(v.every((x) => x !== 0n)),
  any: (v) => b01(v.some((x) => x !== 0n)),
  count_nonzero: (v) => BigInt(v.filter((x) => x !== 0n).length),
};

export const SCAN_EXACT: Record<string, (acc: bigint | null, v: bigint) => bigint> = {
  cumsum: (a, v) => wrap64((a ?? 0n) + v),
  cumprod: (a, v) => wrap64((a ?? 1n) * v),
  cummax: (a, v) => (a === null || v >= a ? v : a),
  cummin: (a, v) => (a === null || v <= a ? v : a),
};

/** Whether the exact path can run `op` of `table` on these inputs and parameters. */
export function hasExact(family: "unary" | "binary" | "ternary" | "reduce" | "scan", op: string, p: P = []): boolean {
  switch (family) {
    case "unary":
      return op in UNARY_EXACT && (!UNARY_NEEDS_INT_P.has(op) || integral(p.filter((v) => v === v)));
    case "binary":
      return op in BINARY_EXACT && (!BINARY_NEEDS_INT_P.has(op) || integral(p));
    case "ternary":
      return op in TERNARY_EXACT;
    case "reduce":
      return op in REDUCE_EXACT;
    case "scan":
      return op in SCAN_EXACT;
  }
}

/** Element i of an integral storage as a bigint. */
export function bigAt(data: StorageArray, i: number): bigint {
  return isExact(data) ? data[i] : BigInt(data[i]);
}

/** A bigint cast to a non-int64 dtype as C's cast does (one rounding for floats, wrap for small ints). */
export function bigToNumber(out: DType): (v: bigint) => number {
  switch (out.name) {
    case "bool":
      return (v) => (v !== 0n ? 1 : 0);
    case "float32":
    case "float16":
      return int64ToFloat32;
    case "float64":
      return Number;
    default: {
      const bits = out.itemsize * 8;
      return (v) => Number(BigInt.asIntN(bits, v));
    }
  }
}

/** A fresh array of dtype `out` and a setter that stores a bigint as a C cast to that dtype does. */
export function bigSink(out: DType, n: number): { res: StorageArray; set: (i: number, v: bigint) => void } {
  if (out.name === "int64") {
    const res = new BigInt64Array(n);
    return {
      res,
      set: (i, v) => {
        res[i] = v;
      },
    };
  }
  const res: TypedArray = new out.ArrayType(n),
    cast = bigToNumber(out);
  return {
    res,
    set: (i, v) => {
      res[i] = cast(v);
    },
  };
}

export function exactUnary(op: string, x: StridedView, out: DType, p: P): StorageArray {
  const f = UNARY_EXACT[op],
    X = x.data;
  const { res, set } = bigSink(out, numel(x.shape));
  forEachRow(x.shape, [x], (offs, st, len, oi) => {
    for (let i = 0, a = offs[0]; i < len; i++, a += st[0]) set(oi + i, f(bigAt(X, a), p));
  });
  return res;
}

export function exactBinary(op: string, a: StridedView, b: StridedView, shape: Shape, out: DType, p: P): StorageArray {
  const f = BINARY_EXACT[op],
    A = a.data,
    B = b.data;
  const { res, set } = bigSink(out, numel(shape));
  forEachRow(shape, [a, b], (offs, st, len, oi) => {
    for (let i = 0, ia = offs[0], ib = offs[1]; i < len; i++, ia += st[0], ib += st[1])
      set(oi + i, f(bigAt(A, ia), bigAt(B, ib), p));
  });
  return res;
}

export function exactTernary(
  op: string,
  a: StridedView,
  b: StridedView,
  c: StridedView,
  shape: Shape,
  out: DType,
): StorageArray {
  const f = TERNARY_EXACT[op],
    A = a.data,
    B = b.data,
    C = c.data;
  const { res, set } = bigSink(out, numel(shape));
  forEachRow(shape, [a, b, c], (offs, st, len, oi) => {
    for (let i = 0, ia = offs[0], ib = offs[1], ic = offs[2]; i < len; i++, ia += st[0], ib += st[1], ic += st[2])
      set(oi + i, f(bigAt(A, ia), bigAt(B, ib), bigAt(C, ic)));
  });
  return res;
}

export function exactReduce(op: string, x: StridedView, dims: readonly number[], out: DType): StorageArray {
  const f = REDUCE_EXACT[op],
    X = x.data;
  const kept: number[] = [],
    keptSt: number[] = [],
    red: number[] = [],
    redSt: number[] = [];
  x.shape.forEach((s, d) =>
    dims.includes(d) ? (red.push(s), redSt.push(x.strides[d])) : (kept.push(s), keptSt.push(x.strides[d])),
  );
  const { res, set } = bigSink(out, numel(kept));
  const reduceAt = (base: number): bigint => {
    const vals: bigint[] = [];
    forEachRow(red, [{ offset: base, strides: redSt }], (offs, st, len) => {
      for (let i = 0, a = offs[0]; i < len; i++, a += st[0]) vals.push(bigAt(X, a));
    });
    return f(vals);
  };
  forEachRow(kept, [{ offset: x.offset, strides: keptSt }], (offs, st, len, oi) => {
    for (let i = 0, base = offs[0]; i < len; i++, base += st[0]) set(oi + i, reduceAt(base));
  });
  return res;
}

export function exactScan(op: string, x: StridedView, dim: number, out: DType): StorageArray {
  const step = SCAN_EXACT[op],
    X = x.data,
    shape = x.shape;
  const { res, set } = bigSink(out, numel(shape));
  const outSt = contiguousStrides(shape);
  const len = shape[dim],
    sIn = x.strides[dim],
    sOut = outSt[dim];
  const others = (a: readonly number[]) => a.filter((_, i) => i !== dim);
  forEachRow(
    others(shape),
    [
      { offset: x.offset, strides: others(x.strides) },
      { offset: 0, strides: others(outSt) },
    ],
    (offs, st, l) => {
      for (let i = 0, a = offs[0], o = offs[1]; i < l; i++, a += st[0], o += st[1]) {
        let acc: bigint | null = null;
        for (let k = 0; k < len; k++) {
          acc = step(acc, bigAt(X, a + k * sIn));
          set(o + k * sOut, acc);
        }
      }
    },
  );
  return res;
}

/** Batched integer matmul: a [B, M, K] @ b [B, K, N], wrapping as int64 does. */
export function exactMatmul(a: StridedView, b: StridedView, out: DType): StorageArray {
  const [B, M, K] = a.shape,
    N = b.shape[2];
  const { res, set } = bigSink(out, B * M * N);
  for (let bi = 0; bi < B; bi++)
    for (let m = 0; m < M; m++)
      for (let n = 0; n < N; n++) {
        let s = 0n;
        for (let k = 0; k < K; k++)
          s +=
            bigAt(a.data, a.offset + bi * a.strides[0] + m * a.strides[1] + k * a.strides[2]) *
            bigAt(b.data, b.offset + bi * b.strides[0] + k * b.strides[1] + n * b.strides[2]);
        set((bi * M + m) * N + n, s);
      }
  return res;
}
