/**
 * Reductions: each output element reduces one slice of the input, gathered into a scratch
 * buffer so every reducer is a plain function over (values, n). Accumulation is in double.
 */
import { freshArray } from "./fresh_array.js";
import type { StridedView } from "../backend.js";
import type { ReduceKernel } from "../kernels.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { forEachRow } from "./strided.js";

type Reducer = (v: ArrayLike<number>, n: number, p: readonly number[]) => number;

function sum(v: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  return s;
}

export const REDUCERS: Record<ReduceKernel, Reducer> = {
  sum,
  mean: (v, n) => sum(v, n) / n,
  prod: (v, n) => {
    let s = 1;
    for (let i = 0; i < n; i++) s *= v[i];
    return s;
  },
  // max/min propagate NaN, as torch does
  max: (v, n) => {
    let m = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x !== x) return NaN;
      if (x > m) m = x;
    }
    return m;
  },
  min: (v, n) => {
    let m = Infinity;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x !== x) return NaN;
      if (x < m) m = x;
    }
    return m;
  },
  // first index of the extreme value; NaN counts as the extreme (torch semantics)
  argmax: (v, n) => {
    let m = -Infinity,
      k = 0;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x !== x) return i;
      if (x > m) {
        m = x;
        k = i;
      }
    }
    return k;
  },
  argmin: (v, n) => {
    let m = Infinity,
      k = 0;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x !== x) return i;
      if (x < m) {
        m = x;
        k = i;
      }
    }
    return k;
  },
  all: (v, n) => {
    for (let i = 0; i < n; i++) if (v[i] === 0) return 0;
    return 1;
  },
  any: (v, n) => {
    for (let i = 0; i < n; i++) if (v[i] !== 0) return 1;
    return 0;
  },
  count_nonzero: (v, n) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (v[i] !== 0) c++;
    return c;
  },
  // var with Bessel-style correction p[0] (two-pass, as torch's Welford gives the same within rounding)
  var: (v, n, p) => {
    const mean = sum(v, n) / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = v[i] - mean;
      ss += d * d;
    }
    return ss / Math.max(0, n - p[0]);
  },
  // vector p-norm with p = p[0] (Infinity, -Infinity, 0 handled as torch)
  norm: (v, n, p) => {
    const ord = p[0];
    if (ord === Infinity) {
      let m = 0;
      for (let i = 0; i < n; i++) {
        const a = Math.abs(v[i]);
        if (a !== a) return NaN;
        if (a > m) m = a;
      }
      return m;
    }
    if (ord === -Infinity) {
      let m = Infinity;
      for (let i = 0; i < n; i++) {
        const a = Math.abs(v[i]);
        if (a < m) m = a;
      }
      return m;
    }
    if (ord === 0) {
      let c = 0;
      for (let i = 0; i < n; i++) if (v[i] !== 0) c++;
      return c;
    }
    if (ord === 2) {
      // scaled sum of squares avoids overflow for large values
      let scale = 0;
      for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(v[i]));
      if (scale === 0 || !Number.isFinite(scale)) {
        let s = 0;
        for (let i = 0; i < n; i++) s += v[i] * v[i];
        return Math.sqrt(s);
      }
      let s = 0;
      for (let i = 0; i < n; i++) {
        const a = v[i] / scale;
        s += a * a;
      }
      return scale * Math.sqrt(s);
    }
    if (ord === 1) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.abs(v[i]);
      return s;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(v[i]) ** ord;
    return s ** (1 / ord);
  },
  logsumexp: (v, n) => {
    let m = -Infinity;
    for (let i = 0; i < n; i++) if (v[i] > m) m = v[i];
    if (m === -Infinity || m === Infinity) return m;
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.exp(v[i] - m);
    return m + Math.log(s);
  },
};

/**
 * int64 results in doubles: a partial sum beyond the safe range gives NaN, which sends the backend
 * to its exact kernel (a final value back in range could hide the rounding).
 */
const REDUCERS_INT64: Partial<Record<ReduceKernel, Reducer>> = {
  sum: (v, n) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += v[i];
      if (s > Number.MAX_SAFE_INTEGER || s < -Number.MAX_SAFE_INTEGER) return NaN;
    }
    return s;
  },
};

export function reduceKernel(
  op: ReduceKernel,
  x: StridedView,
  dims: readonly number[],
  out: DType,
  p: readonly number[],
): TypedArray {
  // int64 sums must not round on the way (2^53 + 1 - 1): REDUCERS_INT64 flags that with NaN.
  const f = (out.name === "int64" ? REDUCERS_INT64[op] : undefined) ?? REDUCERS[op];
  const nd = x.shape.length;
  const isReduced = new Array<boolean>(nd).fill(false);
  for (const d of dims) isReduced[d] = true;
  const keptShape: number[] = [],
    keptStrides: number[] = [];
  const redShape: number[] = [],
    redStrides: number[] = [];
  for (let d = 0; d < nd; d++) {
    if (isReduced[d]) {
      redShape.push(x.shape[d]);
      redStrides.push(x.strides[d]);
    } else {
      keptShape.push(x.shape[d]);
      keptStrides.push(x.strides[d]);
    }
  }
  let nOut = 1;
  for (const d of keptShape) nOut *= d;
  let nRed = 1;
  for (const d of redShape) nRed *= d;
  const res = freshArray(out, nOut);
  const buf = new Float64Array(Math.max(nRed, 1));
  const src = x.data as TypedArray; // numbers: the backend hands exact int64 storage elsewhere
  const outer = { offset: x.offset, strides: keptStrides };
  // Visit each output position; gather its slice into buf, reduce.
  const gather = (base: number): void => {
    if (redShape.length === 0) {
      buf[0] = src[base];
      return;
    }
    let k = 0;
    forEachRow(redShape, [{ offset: base, strides: redStrides }], (offs, st, len) => {
      let a = offs[0];
      const s = st[0];
      for (let i = 0; i < len; i++, a += s) buf[k++] = src[a];
    });
  };
  if (nOut === 0) return res;
  // Fast path: reduced dims are the innermost block of a dense tensor, so each slice is a subarray.
  let dense = true,
    expected = 1;
  for (let d = nd - 1; d >= 0; d--) {
    if (x.shape[d] !== 1 && x.strides[d] !== expected) {
      dense = false;
      break;
    }
    expected *= x.shape[d];
  }
  const innermost = dims.every((d) => d >= nd - dims.length);
  if (dense && innermost && nRed > 0) {
    for (let o = 0; o < nOut; o++) res[o] = f(src.subarray(x.offset + o * nRed, x.offset + (o + 1) * nRed), nRed, p);
    return res;
  }
  if (keptShape.length === 0) {
    gather(x.offset);
    res[0] = f(buf, nRed, p);
    return res;
  }
  forEachRow(keptShape, [outer], (offs, st, len, oi) => {
    let base = offs[0];
    for (let i = 0; i < len; i++, base += st[0]) {
      gather(base);
      res[oi + i] = f(buf, nRed, p);
    }
  });
  return res;
}
