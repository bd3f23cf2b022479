/** The reference backend: plain TypeScript loops over typed arrays. */
import { MissingKernelError, type Backend, type StridedView } from "../backend.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { numel, type Shape } from "../../tensor/shape.js";
import { BINARY, TERNARY, UNARY } from "./scalar_ops.js";
import { forEachRow, isDense } from "./strided.js";
import { REDUCERS, reduceKernel } from "./reduce.js";
import { SCANS, scanKernel } from "./scan.js";
import { matmulKernel } from "./matmul.js";
import { roundHalf } from "../../tensor/half.js";
import { BINARY_TAIL, UNARY_F32, UNARY_TAIL, tailStart } from "./vectorized_loop.js";
import { toInt64 as toInt64Value, wrapInt64Overflow } from "../../tensor/store.js";

const EMPTY: readonly number[] = [];

/** bool outputs must store 0/1, never the raw value (a Uint8Array would keep 2 as 2). */
function storeFix(out: DType): ((v: number) => number) | null {
  return out.name === "bool" ? (v) => (v !== 0 ? 1 : 0) : null;
}

/** int64 results wrap on overflow as two's complement does (int64 max + 1 is int64 min). */
function wrapped(res: TypedArray, out: DType): TypedArray {
  if (out.name === "int64") wrapInt64Overflow(res as Float64Array);
  return res;
}

export class JsBackend implements Backend {
  readonly name = "js";

  unary(op: string, x: StridedView, out: DType, p: readonly number[] = EMPTY): TypedArray {
    const f = (out.name === "float32" ? UNARY_F32[op] : undefined) ?? UNARY[op];
    if (!f) throw new MissingKernelError(this.name, "unary", op);
    const tail = UNARY_TAIL[op]?.[out.name];
    const n = numel(x.shape);
    const res = new out.ArrayType(n);
    const src = x.data;
    const fix = storeFix(out);
    if (isDense(x)) {
      const o = x.offset;
      if (fix) for (let i = 0; i < n; i++) res[i] = fix(f(src[o + i], p));
      else for (let i = 0; i < n; i++) res[i] = f(src[o + i], p);
      if (tail) for (let i = tailStart(n, out); i < n; i++) res[i] = tail(src[o + i], p);
      return wrapped(res, out);
    }
    forEachRow(x.shape, [x], (offs, st, len, oi) => {
      let a = offs[0];
      const s = st[0];
      for (let i = 0; i < len; i++, a += s) res[oi + i] = fix ? fix(f(src[a], p)) : f(src[a], p);
      // A strided row runs entirely through ATen's scalar loop.
      if (tail) for (let i = s === 1 ? tailStart(len, out) : 0; i < len; i++) res[oi + i] = tail(src[offs[0] + i * s], p);
    });
    return wrapped(res, out);
  }

  binary(op: string, a: StridedView, b: StridedView, shape: Shape, out: DType, p: readonly number[] = EMPTY): TypedArray {
    const f = BINARY[op];
    if (!f) throw new MissingKernelError(this.name, "binary", op);
    const tail = BINARY_TAIL[op]?.[out.name];
    const n = numel(shape);
    const res = new out.ArrayType(n);
    const A = a.data, B = b.data;
    const fix = storeFix(out);
    // Fast paths: both dense, or one side a single broadcast value.
    const aDense = isDense(a) && numel(a.shape) === n, bDense = isDense(b) && numel(b.shape) === n;
    const bScalar = numel(b.shape) === 1, aScalar = numel(a.shape) === 1;
    if (!fix && aDense && (bDense || bScalar)) {
      const ao = a.offset, bo = b.offset;
      if (bDense) for (let i = 0; i < n; i++) res[i] = f(A[ao + i], B[bo + i], p);
      else { const bv = B[bo]; for (let i = 0; i < n; i++) res[i] = f(A[ao + i], bv, p); }
      if (tail) for (let i = tailStart(n, out); i < n; i++) res[i] = tail(A[ao + i], B[bDense ? bo + i : bo], p);
      return wrapped(res, out);
    }
    if (!fix && aScalar && bDense) {
      const av = A[a.offset], bo = b.offset;
      for (let i = 0; i < n; i++) res[i] = f(av, B[bo + i], p);
      if (tail) for (let i = tailStart(n, out); i < n; i++) res[i] = tail(av, B[bo + i], p);
      return wrapped(res, out);
    }
    forEachRow(shape, [a, b], (offs, st, len, oi) => {
      let ia = offs[0], ib = offs[1];
      const sa = st[0], sb = st[1];
      for (let i = 0; i < len; i++, ia += sa, ib += sb) {
        const v = f(A[ia], B[ib], p);
        res[oi + i] = fix ? fix(v) : v;
      }
      if (tail) {
        // Rows whose operands are contiguous or broadcast run vectorized; strided ones scalar.
        const vec = (sa === 0 || sa === 1) && (sb === 0 || sb === 1);
        for (let i = vec ? tailStart(len, out) : 0; i < len; i++) res[oi + i] = tail(A[offs[0] + i * sa], B[offs[1] + i * sb], p);
      }
    });
    return wrapped(res, out);
  }

  ternary(op: string, a: StridedView, b: StridedView, c: StridedView, shape: Shape, out: DType): TypedArray {
    const f = TERNARY[op];
    if (!f) throw new MissingKernelError(this.name, "ternary", op);
    const res = new out.ArrayType(numel(shape));
    const A = a.data, B = b.data, C = c.data;
    const fix = storeFix(out);
    forEachRow(shape, [a, b, c], (offs, st, len, oi) => {
      let ia = offs[0], ib = offs[1], ic = offs[2];
      for (let i = 0; i < len; i++, ia += st[0], ib += st[1], ic += st[2]) {
        const v = f(A[ia], B[ib], C[ic]);
        res[oi + i] = fix ? fix(v) : v;
      }
    });
    return wrapped(res, out);
  }

  copy(src: StridedView, dst: StridedView): void {
    const S = src.data, D = dst.data;
    const toBool = dst.dtype.name === "bool";
    // Casting float -> int truncates toward zero (C semantics); Int32Array etc. do that with wrap.
    const toInt64 = dst.dtype.name === "int64" && src.dtype.is_floating_point;
    // float16 lives in a Float32Array: values from any other dtype need rounding to half.
    const toHalf = dst.dtype.name === "float16" && src.dtype.name !== "float16";
    if (!toBool && !toInt64 && !toHalf && isDense(src) && isDense(dst)) {
      const n = numel(src.shape);
      const so = src.offset, dof = dst.offset;
      for (let i = 0; i < n; i++) D[dof + i] = S[so + i];
      return;
    }
    forEachRow(src.shape, [src, dst], (offs, st, len) => {
      let is = offs[0], id = offs[1];
      if (toBool) for (let i = 0; i < len; i++, is += st[0], id += st[1]) D[id] = S[is] !== 0 ? 1 : 0;
      else if (toInt64) for (let i = 0; i < len; i++, is += st[0], id += st[1]) D[id] = toInt64Value(S[is]);
      else if (toHalf) for (let i = 0; i < len; i++, is += st[0], id += st[1]) D[id] = roundHalf(S[is]);
      else for (let i = 0; i < len; i++, is += st[0], id += st[1]) D[id] = S[is];
    });
  }

  reduce(op: string, x: StridedView, dims: readonly number[], out: DType, p: readonly number[] = EMPTY): TypedArray {
    if (!REDUCERS[op]) throw new MissingKernelError(this.name, "reduce", op);
    return wrapped(reduceKernel(op, x, dims, out, p), out);
  }

  scan(op: string, x: StridedView, dim: number, out: DType): TypedArray {
    if (!SCANS[op]) throw new MissingKernelError(this.name, "scan", op);
    return wrapped(scanKernel(op, x, dim, out), out);
  }

  matmul(a: StridedView, b: StridedView, out: DType): TypedArray {
    return wrapped(matmulKernel(a, b, out), out);
  }
}
