/** Scans along one dim (cumsum, cumprod, cummax, cummin, logcumsumexp), accumulating in double as torch's CPU kernels do. */
import type { StridedView } from "../backend.js";
import type { ScanKernel } from "../kernels.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { contiguousStrides } from "../../tensor/shape.js";
import { forEachRow } from "./strided.js";

type Scan = { init: number; step: (acc: number, v: number) => number };
export const SCANS: Record<ScanKernel, Scan> = {
  cumsum: { init: 0, step: (a, v) => a + v },
  cumprod: { init: 1, step: (a, v) => a * v },
  cummax: { init: -Infinity, step: (a, v) => (a !== a || v !== v ? NaN : v > a ? v : a) },
  cummin: { init: Infinity, step: (a, v) => (a !== a || v !== v ? NaN : v < a ? v : a) },
  logcumsumexp: {
    init: -Infinity,
    step: (a, v) => {
      const m = Math.max(a, v);
      return m === -Infinity ? m : m + Math.log(Math.exp(a - m) + Math.exp(v - m));
    },
  },
};

export function scanKernel(op: ScanKernel, x: StridedView, dim: number, out: DType): TypedArray {
  const { init, step } = SCANS[op];
  const shape = x.shape;
  let n = 1;
  for (const d of shape) n *= d;
  const res = new out.ArrayType(n);
  if (n === 0) return res;
  const outStrides = contiguousStrides(shape);
  const len = shape[dim],
    sIn = x.strides[dim],
    sOut = outStrides[dim];
  const outerShape = shape.filter((_, i) => i !== dim);
  const src = x.data as TypedArray; // numbers: the backend hands exact int64 storage elsewhere
  const run = (inOff: number, outOff: number) => {
    let acc = init;
    for (let i = 0; i < len; i++) {
      acc = step(acc, src[inOff + i * sIn]);
      res[outOff + i * sOut] = acc;
    }
  };
  if (outerShape.length === 0) {
    run(x.offset, 0);
    return res;
  }
  forEachRow(
    outerShape,
    [
      { offset: x.offset, strides: x.strides.filter((_, i) => i !== dim) },
      { offset: 0, strides: outStrides.filter((_, i) => i !== dim) },
    ],
    (offs, st, l) => {
      let a = offs[0],
        b = offs[1];
      for (let i = 0; i < l; i++, a += st[0], b += st[1]) run(a, b);
    },
  );
  return res;
}
