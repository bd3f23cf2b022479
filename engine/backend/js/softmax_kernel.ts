/** softmax / log_softmax in plain TypeScript: the Backend's optional `softmax` group. */
import type { TypedArray } from "../../tensor/dtype.js";
import type { SoftmaxKernels } from "../backend.js";

export const jsSoftmaxKernels: SoftmaxKernels = {
  softmax(data, outer, size, inner, log, out): TypedArray {
    const o = new out.ArrayType(outer * size * inner);
    // Round like the float32 kernel: exp(x - max) per element, one reciprocal (or log) of the sum.
    const r = out.name === "float64" ? (v: number) => v : Math.fround;
    for (let b = 0; b < outer; b++)
      for (let j = 0; j < inner; j++) {
        const base = b * size * inner + j;
        let max = -Infinity;
        for (let i = 0, a = base; i < size; i++, a += inner) {
          const v = data[a];
          if (v > max || v !== v) max = v;
        }
        let sum = 0;
        for (let i = 0, a = base; i < size; i++, a += inner) {
          const e = r(Math.exp(r(data[a] - max)));
          sum += e;
          if (!log) o[a] = e;
        }
        if (log) {
          const ls = r(Math.log(r(sum)));
          for (let i = 0, a = base; i < size; i++, a += inner) o[a] = r(r(data[a] - max) - ls);
        } else {
          const inv = r(1 / r(sum));
          for (let i = 0, a = base; i < size; i++, a += inner) o[a] = r(o[a] * inv);
        }
      }
    return o;
  },
};
