/**
 * The reference backend: plain TypeScript loops over typed arrays. int64 is exact over its whole
 * range: kernels run on doubles while every value is a safe integer, and an int64 result that
 * leaves the safe range (or an input in exact BigInt64Array storage) goes to int64_exact.ts.
 */
import { MissingKernelError, type BackendCore, type StridedView } from "../backend.js";
import type { BinaryKernel, KernelFamily, ReduceKernel, ScanKernel, TernaryKernel, UnaryKernel } from "../kernels.js";
import type { DType, StorageArray, TypedArray } from "../../tensor/dtype.js";
import { numel, type Shape } from "../../tensor/shape.js";
import { BINARY, TERNARY, UNARY } from "./scalar_ops.js";
import { forEachRow, isDense } from "./strided.js";
import { REDUCERS, reduceKernel } from "./reduce.js";
import { SCANS, scanKernel } from "./scan.js";
import { matmulKernel } from "./matmul.js";
import { roundHalf } from "../../tensor/half.js";
import { BINARY_TAIL, UNARY_F32, UNARY_TAIL, tailStart } from "./vectorized_loop.js";
import { ScratchPool } from "../scratch_pool.js";
import { freshArray } from "./fresh_array.js";
import {
  MAX_SAFE,
  isExact,
  roundedInt64,
  toInt64 as toInt64Value,
  widenInt64,
  wrapInt64Overflow,
} from "../../tensor/store.js";
import {
  bigAt,
  bigToNumber,
  exactBinary,
  exactMatmul,
  exactReduce,
  exactScan,
  exactTernary,
  exactUnary,
  hasExact,
} from "./int64_exact.js";

const EMPTY: readonly number[] = [];

/** bool outputs must store 0/1, never the raw value (a Uint8Array would keep 2 as 2). */
function storeFix(out: DType): ((v: number) => number) | null {
  return out.name === "bool" ? (v) => (v !== 0 ? 1 : 0) : null;
}

/** True when an int64 result computed in doubles may have lost bits (or wrapped): it left the safe range. */
function unsafeInt64(res: TypedArray, out: DType): boolean {
  if (out.name !== "int64") return false;
  for (let i = 0; i < res.length; i++) {
    const v = res[i];
    if (!(v >= -MAX_SAFE && v <= MAX_SAFE)) return true;
  }
  return false;
}

/** A view of exact int64 storage as rounded doubles, for kernels with floating semantics (as a cast to double). */
function asNumbers(v: StridedView): StridedView {
  return isExact(v.data) ? { ...v, data: roundedInt64(v.data) } : v;
}

/**
 * Runs `fast` on numbers unless exactness needs BigInt: an input in exact storage, or an int64
 * result beyond the safe range. Integral ops with an exact kernel then run `exact`; an op without
 * one fails by name rather than round silently. Ops with floating inputs see exact inputs as
 * rounded doubles (what their cast to float gives).
 */
function exactWhenNeeded(
  backend: string,
  family: KernelFamily,
  op: string,
  views: StridedView[],
  out: DType,
  p: readonly number[],
  fast: (views: StridedView[]) => TypedArray,
  exact: () => StorageArray,
): StorageArray {
  const integral = !out.is_floating_point && views.every((v) => !v.dtype.is_floating_point);
  const anyExact = views.some((v) => isExact(v.data));
  if (anyExact && integral && hasExact(family, op, p)) return exact();
  const res = fast(anyExact ? views.map(asNumbers) : views);
  if (!unsafeInt64(res, out)) return res;
  if (integral) {
    if (!hasExact(family, op, p)) throw new MissingKernelError(backend, `exact int64 ${family}`, op);
    return exact();
  }
  // Floating inputs cast to int64 (fill with a float scalar, say): the doubles are exact integers.
  wrapInt64Overflow(res as Float64Array);
  return res;
}

/**
 * The four arithmetic ops over dense operands with the operator written out: calling the kernel
 * table's function per element is a megamorphic call (all ops share the loop), which costs more
 * than the arithmetic on small tensors. Same arithmetic as scalar_ops.ts, so the same bits.
 */
function arithmeticDense(
  op: BinaryKernel,
  A: TypedArray,
  ao: number,
  B: TypedArray,
  bo: number,
  res: TypedArray,
  n: number,
): boolean {
  switch (op) {
    case "add":
      for (let i = 0; i < n; i++) res[i] = A[ao + i] + B[bo + i];
      return true;
    case "sub":
      for (let i = 0; i < n; i++) res[i] = A[ao + i] - B[bo + i];
      return true;
    case "mul":
      for (let i = 0; i < n; i++) res[i] = A[ao + i] * B[bo + i];
      return true;
    case "div":
      for (let i = 0; i < n; i++) res[i] = A[ao + i] / B[bo + i];
      return true;
    default:
      return false;
  }
}

function maxAbs(v: StridedView): number {
  let m = 0;
  const d = v.data as TypedArray;
  forEachRow(v.shape, [v], (offs, st, len) => {
    for (let i = 0, a = offs[0]; i < len; i++, a += st[0]) m = Math.max(m, Math.abs(d[a]));
  });
  return m;
}

function allZero(strides: readonly number[]): boolean {
  for (let i = 0; i < strides.length; i++) if (strides[i] !== 0) return false;
  return true;
}

export class JsBackend implements BackendCore {
  readonly name: string = "ts";

  /** Large arrays ops released, for reuse by alloc (scratch_pool.ts says why). */
  private readonly scratch = new ScratchPool();

  alloc(dtype: DType, n: number): TypedArray {
    return this.scratch.take(dtype.ArrayType, n);
  }

  empty(dtype: DType, n: number): TypedArray {
    return this.scratch.take(dtype.ArrayType, n, false);
  }

  release(data: StorageArray): void {
    this.scratch.give(data);
  }

  unary(op: UnaryKernel, x: StridedView, out: DType, p: readonly number[] = EMPTY): StorageArray {
    // Floating results from number storage need no exactness checks (no closures: small ops' hot path).
    if (out.is_floating_point && !isExact(x.data)) return this.unaryNumbers(op, x, out, p);
    return exactWhenNeeded(
      this.name,
      "unary",
      op,
      [x],
      out,
      p,
      ([v]) => this.unaryNumbers(op, v, out, p),
      () => exactUnary(op, x, out, p),
    );
  }

  private unaryNumbers(op: UnaryKernel, x: StridedView, out: DType, p: readonly number[]): TypedArray {
    const f = (out.name === "float32" ? UNARY_F32[op] : undefined) ?? UNARY[op];
    if (!f) throw new MissingKernelError(this.name, "unary", op);
    const tail = UNARY_TAIL[op]?.[out.name];
    const n = numel(x.shape);
    const res = freshArray(out, n);
    const src = x.data as TypedArray;
    const fix = storeFix(out);
    if (isDense(x)) {
      const o = x.offset;
      if (fix) for (let i = 0; i < n; i++) res[i] = fix(f(src[o + i], p));
      else for (let i = 0; i < n; i++) res[i] = f(src[o + i], p);
      if (tail) for (let i = tailStart(n, out); i < n; i++) res[i] = tail(src[o + i], p);
      return res;
    }
    forEachRow(x.shape, [x], (offs, st, len, oi) => {
      let a = offs[0];
      const s = st[0];
      for (let i = 0; i < len; i++, a += s) res[oi + i] = fix ? fix(f(src[a], p)) : f(src[a], p);
      // A strided row runs entirely through ATen's scalar loop.
      if (tail)
        for (let i = s === 1 ? tailStart(len, out) : 0; i < len; i++) res[oi + i] = tail(src[offs[0] + i * s], p);
    });
    return res;
  }

  binary(
    op: BinaryKernel,
    a: StridedView,
    b: StridedView,
    shape: Shape,
    out: DType,
    p: readonly number[] = EMPTY,
  ): StorageArray {
    if (out.is_floating_point && !isExact(a.data) && !isExact(b.data))
      return this.binaryNumbers(op, a, b, shape, out, p);
    return exactWhenNeeded(
      this.name,
      "binary",
      op,
      [a, b],
      out,
      p,
      ([va, vb]) => this.binaryNumbers(op, va, vb, shape, out, p),
      () => exactBinary(op, a, b, shape, out, p),
    );
  }

  private binaryNumbers(
    op: BinaryKernel,
    a: StridedView,
    b: StridedView,
    shape: Shape,
    out: DType,
    p: readonly number[],
  ): TypedArray {
    const n = numel(shape);
    const A = a.data as TypedArray,
      B = b.data as TypedArray;
    // Fast paths: both dense, or one side a single broadcast value.
    const aDense = isDense(a) && numel(a.shape) === n,
      bDense = isDense(b) && numel(b.shape) === n;
    // The four arithmetic ops over dense operands first: the small ops of a course are mostly these,
    // and they need none of the lookups below.
    const res = freshArray(out, n);
    const fix = storeFix(out);
    if (!fix && aDense && bDense && arithmeticDense(op, A, a.offset, B, b.offset, res, n)) return res;
    const f = BINARY[op];
    if (!f) throw new MissingKernelError(this.name, "binary", op);
    const tail = BINARY_TAIL[op]?.[out.name];
    // A single value broadcast (a 0-dim tensor expanded: every stride 0) is one value, as ATen's
    // TensorIterator coalesces it with the dense operand into one vectorized loop.
    const bScalar = numel(b.shape) === 1 || allZero(b.strides),
      aScalar = numel(a.shape) === 1 || allZero(a.strides);
    if (!fix && aDense && (bDense || bScalar)) {
      const ao = a.offset,
        bo = b.offset;
      if (bDense) for (let i = 0; i < n; i++) res[i] = f(A[ao + i], B[bo + i], p);
      else {
        const bv = B[bo];
        for (let i = 0; i < n; i++) res[i] = f(A[ao + i], bv, p);
      }
      if (tail) for (let i = tailStart(n, out); i < n; i++) res[i] = tail(A[ao + i], B[bDense ? bo + i : bo], p);
      return res;
    }
    if (!fix && aScalar && bDense) {
      const av = A[a.offset],
        bo = b.offset;
      for (let i = 0; i < n; i++) res[i] = f(av, B[bo + i], p);
      if (tail) for (let i = tailStart(n, out); i < n; i++) res[i] = tail(av, B[bo + i], p);
      return res;
    }
    forEachRow(shape, [a, b], (offs, st, len, oi) => {
      let ia = offs[0],
        ib = offs[1];
      const sa = st[0],
        sb = st[1];
      for (let i = 0; i < len; i++, ia += sa, ib += sb) {
        const v = f(A[ia], B[ib], p);
        res[oi + i] = fix ? fix(v) : v;
      }
      if (tail) {
        // Rows whose operands are contiguous or broadcast run vectorized; strided ones scalar.
        const vec = (sa === 0 || sa === 1) && (sb === 0 || sb === 1);
        for (let i = vec ? tailStart(len, out) : 0; i < len; i++)
          res[oi + i] = tail(A[offs[0] + i * sa], B[offs[1] + i * sb], p);
      }
    });
    return res;
  }

  ternary(op: TernaryKernel, a: StridedView, b: StridedView, c: StridedView, shape: Shape, out: DType): StorageArray {
    return exactWhenNeeded(
      this.name,
      "ternary",
      op,
      [a, b, c],
      out,
      EMPTY,
      ([va, vb, vc]) => this.ternaryNumbers(op, va, vb, vc, shape, out),
      () => exactTernary(op, a, b, c, shape, out),
    );
  }

  private ternaryNumbers(
    op: TernaryKernel,
    a: StridedView,
    b: StridedView,
    c: StridedView,
    shape: Shape,
    out: DType,
  ): TypedArray {
    const f = TERNARY[op];
    if (!f) throw new MissingKernelError(this.name, "ternary", op);
    const res = new out.ArrayType(numel(shape));
    const A = a.data as TypedArray,
      B = b.data as TypedArray,
      C = c.data as TypedArray;
    const fix = storeFix(out);
    forEachRow(shape, [a, b, c], (offs, st, len, oi) => {
      let ia = offs[0],
        ib = offs[1],
        ic = offs[2];
      for (let i = 0; i < len; i++, ia += st[0], ib += st[1], ic += st[2]) {
        const v = f(A[ia], B[ib], C[ic]);
        res[oi + i] = fix ? fix(v) : v;
      }
    });
    return res;
  }

  copy(src: StridedView, dst: StridedView): void {
    if (isExact(src.data) || isExact(dst.data)) {
      this.copyExact(src, dst);
      return;
    }
    const S = src.data,
      D = dst.data;
    const toBool = dst.dtype.name === "bool";
    // Casting float -> int truncates toward zero (C semantics); Int32Array etc. do that with wrap.
    const toInt64 = dst.dtype.name === "int64" && src.dtype.is_floating_point;
    // float16 lives in a Float32Array: values from any other dtype need rounding to half.
    const toHalf = dst.dtype.name === "float16" && src.dtype.name !== "float16";
    if (!toBool && !toInt64 && !toHalf && isDense(src) && isDense(dst)) {
      const n = numel(src.shape);
      const so = src.offset,
        dof = dst.offset;
      for (let i = 0; i < n; i++) D[dof + i] = S[so + i];
      return;
    }
    forEachRow(src.shape, [src, dst], (offs, st, len) => {
      let is = offs[0],
        id = offs[1];
      if (toBool) for (let i = 0; i < len; i++, is += st[0], id += st[1]) D[id] = S[is] !== 0 ? 1 : 0;
      else if (toInt64) for (let i = 0; i < len; i++, is += st[0], id += st[1]) D[id] = toInt64Value(S[is]);
      else if (toHalf) for (let i = 0; i < len; i++, is += st[0], id += st[1]) D[id] = roundHalf(S[is]);
      else for (let i = 0; i < len; i++, is += st[0], id += st[1]) D[id] = S[is];
    });
    // A float cast can give int64 values beyond the safe range (1e18, or int64 min for NaN):
    // the doubles written are exact, so the destination switches to exact storage with them.
    if (toInt64 && dst.storage && unsafeInt64(D, dst.dtype)) dst.storage.data = widenInt64(D);
  }

  /** A copy with exact int64 storage on either side. */
  private copyExact(src: StridedView, dst: StridedView): void {
    let D = dst.data;
    if (dst.dtype.name === "int64" && !isExact(D)) {
      // The destination needs exact form for what may arrive; it narrows again when its values allow.
      if (!dst.storage) throw new Error("copy of exact int64 values needs the destination's storage");
      D = dst.storage.data = widenInt64(D as Float64Array);
    }
    const S = src.data;
    if (isExact(D)) {
      // Into exact int64: integral sources exactly, floating ones as C's cast does.
      const read = isExact(S)
        ? (i: number) => S[i]
        : src.dtype.is_floating_point
          ? (i: number) => BigInt(toInt64Value((S as TypedArray)[i]))
          : (i: number) => BigInt((S as TypedArray)[i]);
      forEachRow(src.shape, [src, { offset: dst.offset, strides: dst.strides }], (offs, st, len) => {
        for (let i = 0, is = offs[0], id = offs[1]; i < len; i++, is += st[0], id += st[1]) D[id] = read(is);
      });
      return;
    }
    // From exact int64 into another dtype: each value cast once, as C's cast does.
    const cast = bigToNumber(dst.dtype),
      Dn = D as TypedArray;
    forEachRow(src.shape, [src, { offset: dst.offset, strides: dst.strides }], (offs, st, len) => {
      for (let i = 0, is = offs[0], id = offs[1]; i < len; i++, is += st[0], id += st[1]) Dn[id] = cast(bigAt(S, is));
    });
  }

  reduce(
    op: ReduceKernel,
    x: StridedView,
    dims: readonly number[],
    out: DType,
    p: readonly number[] = EMPTY,
  ): StorageArray {
    if (!REDUCERS[op]) throw new MissingKernelError(this.name, "reduce", op);
    return exactWhenNeeded(
      this.name,
      "reduce",
      op,
      [x],
      out,
      p,
      ([v]) => reduceKernel(op, v, dims, out, p),
      () => exactReduce(op, x, dims, out),
    );
  }

  scan(op: ScanKernel, x: StridedView, dim: number, out: DType): StorageArray {
    if (!SCANS[op]) throw new MissingKernelError(this.name, "scan", op);
    return exactWhenNeeded(
      this.name,
      "scan",
      op,
      [x],
      out,
      EMPTY,
      ([v]) => scanKernel(op, v, dim, out),
      () => exactScan(op, x, dim, out),
    );
  }

  matmul(a: StridedView, b: StridedView, out: DType): StorageArray {
    const integral = out.name === "int64" && !a.dtype.is_floating_point && !b.dtype.is_floating_point;
    // Partial sums must stay safe too, so bound them up front: K * max|a| * max|b|.
    if (integral && (isExact(a.data) || isExact(b.data) || a.shape[2] * maxAbs(a) * maxAbs(b) > MAX_SAFE))
      return exactMatmul(a, b, out);
    return matmulKernel(asNumbers(a), asNumbers(b), out);
  }
}
