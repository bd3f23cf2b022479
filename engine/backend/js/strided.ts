/** Strided index walking shared by the JS kernels. */
import type { StridedView } from "../backend.js";

/**
 * Calls `body(offsetA, offsetB, ..., outIndex)` for every element of `shape` in row-major order,
 * with one running offset per operand. The innermost dimension is a tight loop in the caller
 * (`inner(offsets, stride per operand, length, outIndex)`), so the per-element cost stays low.
 */
export function forEachRow(
  shape: readonly number[],
  operands: { offset: number; strides: readonly number[] }[],
  inner: (offsets: number[], innerStrides: number[], len: number, outIndex: number) => void,
): void {
  const nd = shape.length;
  const nOps = operands.length;
  const offsets = operands.map((o) => o.offset);
  if (nd === 0) {
    inner(
      offsets,
      operands.map(() => 0),
      1,
      0,
    );
    return;
  }
  let total = 1;
  for (const d of shape) total *= d;
  if (total === 0) return;
  const len = shape[nd - 1];
  const innerStrides = operands.map((o) => o.strides[nd - 1]);
  const counter = new Array<number>(nd).fill(0);
  const cur = offsets.slice();
  for (let outIndex = 0; outIndex < total; outIndex += len) {
    inner(cur, innerStrides, len, outIndex);
    // advance the outer dims (odometer)
    for (let d = nd - 2; d >= 0; d--) {
      counter[d]++;
      for (let k = 0; k < nOps; k++) cur[k] += operands[k].strides[d];
      if (counter[d] < shape[d]) break;
      for (let k = 0; k < nOps; k++) cur[k] -= operands[k].strides[d] * shape[d];
      counter[d] = 0;
    }
  }
}

/** True when a view reads its elements in row-major order from offset with no gaps. */
export function isDense(v: StridedView): boolean {
  let expected = 1;
  for (let i = v.shape.length - 1; i >= 0; i--) {
    if (v.shape[i] === 1) continue;
    if (v.strides[i] !== expected) return false;
    expected *= v.shape[i];
  }
  return true;
}
