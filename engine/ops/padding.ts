/**
 * F.pad in "constant" mode (ConstantPadNdBackward0): pads (or, with negative amounts, crops) the
 * last dims. `pad` lists (left, right) pairs starting from the last dim, as PyTorch. The backward
 * is the same op with the amounts negated, so double backward works.
 */
import { parseSizeArgs } from "../tensor/shape.js";
import { tensorArg } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { call, defineOp, type OpOf } from "./define.js";
import { make } from "./util.js";
import { cellsFor, rowMajorCells, type Cells } from "./index_util.js";
import { isExact } from "../tensor/store.js";
import { castScalar } from "../tensor/dtype.js";

type PadAttrs = { pad: number[]; value: number };

export const constantPadOp: OpOf<PadAttrs, readonly ["self"]> = defineOp({
  name: "constant_pad_nd",
  gradFn: "ConstantPadNdBackward0",
  inputs: ["self"],
  forward: ([x], { pad, value }: PadAttrs) => {
    const shape = x._shape,
      nd = shape.length;
    const before = new Array<number>(nd).fill(0);
    const outShape = [...shape];
    for (let i = 0; i < pad.length / 2; i++) {
      const d = nd - 1 - i;
      before[d] = pad[2 * i];
      outShape[d] = shape[d] + pad[2 * i] + pad[2 * i + 1];
      if (outShape[d] < 0)
        throw new RuntimeError(
          `The input size ${shape[d]}, plus negative padding ${pad[2 * i]} and ${pad[2 * i + 1]} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`,
        );
    }
    const n = outShape.reduce((a, b) => a * b, 1);
    const src: Cells = rowMajorCells(x),
      inN = src.length;
    // Values move in x's storage form (exact int64 stays exact).
    const exact = isExact(src),
      out: Cells = cellsFor(x.dtype, n, exact);
    if (value !== 0) (out as Float64Array).fill((exact ? BigInt(castScalar(value, x.dtype)) : value) as number);
    const idx = new Array<number>(nd).fill(0);
    const outStrides = outShape.map((_, d) => outShape.slice(d + 1).reduce((a, b) => a * b, 1));
    for (let k = 0; k < inN; k++) {
      let o = 0,
        inside = true;
      for (let d = 0; d < nd; d++) {
        const j = idx[d] + before[d];
        if (j < 0 || j >= outShape[d]) {
          inside = false;
          break;
        }
        o += j * outStrides[d];
      }
      if (inside) out[o] = src[k];
      for (let d = nd - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) break;
        idx[d] = 0;
      }
    }
    return make(out as Float64Array, outShape, x.dtype);
  },
  backward: { self: (g, _s, m): Tensor => call(constantPadOp, [g], { pad: m.pad.map((p) => -p), value: 0 }) },
});

/**
 * F.pad(input, pad, mode = "constant", value = 0): e.g. `F.pad(x, [1, 1, 2, 0])` pads the last
 * dim by 1 on both sides and the one before by 2 at the start.
 */
export function pad(input: Tensor, pad: readonly number[], options: { mode?: "constant"; value?: number }): Tensor;
export function pad(input: Tensor, pad: readonly number[], mode?: "constant", value?: number): Tensor;
// NOTE: an options object for mode/value was bound to the positional form by api/keywords.ts.
export function pad(
  input: Tensor,
  pad: readonly number[],
  mode: "constant" | { mode?: "constant" } = "constant",
  value = 0,
): Tensor {
  tensorArg("pad", input);
  pad = parseSizeArgs([pad], "pad", "pad", 2);
  if (mode !== "constant") throw new RuntimeError(`gradlab's F.pad supports mode="constant" only, got "${mode}"`);
  if (pad.length % 2 !== 0) throw new RuntimeError("Padding length must be divisible by 2");
  if (pad.length / 2 > input._shape.length) throw new RuntimeError("Padding length too large");
  return call(constantPadOp, [input], { pad: [...pad], value });
}
