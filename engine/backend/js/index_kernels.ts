/**
 * gather / scatter in plain TypeScript: the Backend's optional `indexing` group. Values move in
 * their storage form (exact int64 stays exact); positions along dim are bounds-checked without
 * negative wrap, as ATen's scatter_gather kernels do.
 */
import { IndexError, RuntimeError } from "../../errors.js";
import type { StorageArray } from "../../tensor/dtype.js";
import type { IndexKernels, ScatterMode, StridedView } from "../backend.js";
import { forEachRow } from "./strided.js";

type Cells = { [i: number]: number | bigint; length: number };

/**
 * Visit index positions in row-major order: `cb(flat, selfOffset, srcOffset)` with self's offset
 * moved to the indexed position along dim.
 */
function walkIndex(
  self: StridedView,
  dim: number,
  index: StridedView,
  src: StridedView | null,
  cb: (flat: number, selfOff: number, srcOff: number) => void,
): void {
  const nd = index.shape.length,
    size = nd ? self.shape[dim] : 1,
    st = nd ? self.strides[dim] : 0;
  const idx = index.data as Cells;
  const selfStrides = self.strides.map((s, d) => (d === dim ? 0 : s));
  const ops = [
    { offset: index.offset, strides: index.strides },
    { offset: self.offset, strides: selfStrides },
    src ?? { offset: 0, strides: selfStrides },
  ];
  forEachRow(index.shape, ops, (offs, ist, len, flat0) => {
    for (let k = 0, io = offs[0], so = offs[1], ro = offs[2]; k < len; k++, io += ist[0], so += ist[1], ro += ist[2]) {
      const i = Number(idx[io]);
      if (i < 0 || i >= size)
        throw new RuntimeError(`index ${i} is out of bounds for dimension ${dim} with size ${size}`);
      cb(flat0 + k, so + i * st, ro);
    }
  });
}

export const jsIndexKernels: IndexKernels = {
  gather(self, dim, index): StorageArray {
    const d = self.data as Cells;
    const n = index.shape.reduce((a, b) => a * b, 1);
    const o = (self.data instanceof BigInt64Array ? new BigInt64Array(n) : new self.dtype.ArrayType(n)) as Cells;
    walkIndex(self, dim, index, null, (flat, so) => {
      o[flat] = d[so];
    });
    return o as StorageArray;
  },

  scatter(self, dim, index, src, value, mode: ScatterMode): void {
    const o = self.data as Cells,
      s = (src?.data ?? null) as Cells | null;
    if (self.data instanceof BigInt64Array) {
      const o64 = self.data,
        s64 = s as BigInt64Array | null,
        v = value as bigint;
      walkIndex(self, dim, index, src, (_f, so, ro) => {
        const val = s64 ? s64[ro] : v;
        o64[so] = mode === "set" ? val : mode === "add" ? o64[so] + val : o64[so] * val;
      });
      return;
    }
    const on = o as Float64Array,
      sn = s as Float64Array | null,
      v = value as number;
    walkIndex(self, dim, index, src, (_f, so, ro) => {
      const val = sn ? sn[ro] : v;
      on[so] = mode === "set" ? val : mode === "add" ? on[so] + val : on[so] * val;
    });
  },

  maskedSelect(x, mask, dtype): StorageArray {
    let n = 0;
    for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
    const out = (x instanceof BigInt64Array ? new BigInt64Array(n) : new dtype.ArrayType(n)) as Cells;
    const d = x as Cells;
    for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) out[j++] = d[i];
    return out as StorageArray;
  },

  maskedScatter(dst, mask, src): void {
    const d = dst as Cells,
      s = src as Cells;
    for (let i = 0, j = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      if (j >= s.length) throw new RuntimeError("Number of elements of source < number of ones in mask");
      d[i] = s[j++];
    }
  },

  addIndexOffsets(index, size, stride, k, offsets): void {
    for (let b = 0; b < index.length; b++) {
      const v = index[b];
      if (v < -size || v >= size)
        throw new IndexError(`index ${v} is out of bounds for dimension ${k} with size ${size}`);
      offsets[b] += (v < 0 ? v + size : v) * stride;
    }
  },
};
