/**
 * 2-D pooling: max_pool2d (MaxPool2DWithIndicesBackward0, with return_indices), avg_pool2d
 * (AvgPool2DBackward0: padding, ceil_mode, count_include_pad, divisor_override) and
 * adaptive_avg_pool2d (a mean over H and W for output 1x1, MeanBackward1, as ATen does;
 * AdaptiveAvgPool2DBackward0 otherwise). Each backward is itself an op whose backward is the
 * forward's linear map again, so double backward works.
 */
import { tensorArg, kwargs, argError } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import { int64 } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { call, defineOp, type OpDef, type OpOf } from "./define.js";
import { make } from "./util.js";
import { backend } from "../backend/index.js";
import type { Window2d, WindowTable } from "../backend/backend.js";
import { expandArg } from "./conv.js";
import "./movement.js";
import "./reduce.js";
import { formatShape } from "../format/shape_text.js";

type IntOrPair = number | readonly number[];
const planes = (t: Tensor) => t._shape.slice(0, -2).reduce((a, b) => a * b, 1);
const dense = (t: Tensor) => {
  const c = t.contiguous();
  return c._data.subarray(c._offset, c._offset + c.numel());
};

// ---- max pooling ------------------------------------------------------------------------------------------

type MaxAttrs = { geom: Window2d };
type IdxAttrs = { indices: Tensor; inShape: number[]; outShape: number[] };

export const maxPool2dOp = defineOp({
  name: "max_pool2d_with_indices",
  gradFn: "MaxPool2DWithIndicesBackward0",
  inputs: ["self"],
  save: ["result1"],
  differentiableOutputs: 1,
  forward: ([x], { geom }: MaxAttrs) => {
    const shape = [...x._shape.slice(0, -2), geom.oh, geom.ow];
    const { values, indices } = backend().nn.maxPool2d(dense(x), planes(x), geom, x.dtype);
    return [make(values, shape, x.dtype), make(indices, shape, int64)];
  },
  backward: (grads, s, m) => [
    call(maxPoolScatterOp, [grads[0]], { indices: s.result1, inShape: m.shapes[0], outShape: [...s.result1._shape] }),
  ],
});

/** max_pool2d's backward: gradients added into the input positions that won (overlapping windows add up). */
export const maxPoolScatterOp: OpOf<IdxAttrs, readonly ["grad_output"]> = defineOp({
  internal: { goldens: "the backward of max_pool2d: reached only by double backward" },
  name: "max_pool2d_with_indices_backward",
  gradFn: "MaxPool2DWithIndicesBackwardBackward0",
  inputs: ["grad_output"],
  forward: ([g], { indices, inShape, outShape }: IdxAttrs) => {
    const inPlane = inShape[inShape.length - 2] * inShape[inShape.length - 1];
    const outPlane = outShape[outShape.length - 2] * outShape[outShape.length - 1];
    const P = planes(g);
    return make(
      backend().nn.maxPoolScatter(dense(g), new Float64Array(dense(indices)), P, inPlane, outPlane, g.dtype),
      inShape,
      g.dtype,
    );
  },
  backward: { grad_output: (gg, _s, m): Tensor => call(maxPoolGatherOp, [gg], m) },
});

/** The adjoint of the scatter: read the winning positions (max_pool2d's double backward). */
export const maxPoolGatherOp: OpOf<IdxAttrs, readonly ["self"]> = defineOp({
  name: "max_pool2d_gather",
  gradFn: "MaxPool2DWithIndicesBackward0",
  inputs: ["self"],
  forward: ([x], { indices, inShape, outShape }: IdxAttrs) => {
    const inPlane = inShape[inShape.length - 2] * inShape[inShape.length - 1];
    const outPlane = outShape[outShape.length - 2] * outShape[outShape.length - 1];
    return make(
      backend().nn.maxPoolGather(dense(x), new Float64Array(dense(indices)), planes(x), inPlane, outPlane, x.dtype),
      outShape,
      x.dtype,
    );
  },
  backward: { self: (g, _s, m): Tensor => call(maxPoolScatterOp, [g], m) },
});

/** ATen's pooling_output_shape: floor (or ceil) division, and a last window must start inside the input or left padding. */
export function poolOutSize(
  size: number,
  k: number,
  pad: number,
  stride: number,
  dilation: number,
  ceil: boolean,
): number {
  const num = size + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0);
  let out = Math.floor(num / stride) + 1;
  if (ceil && (out - 1) * stride >= size + pad) out--;
  return out;
}

function checkPoolInput(x: Tensor, what: string): void {
  const nd = x._shape.length;
  if (nd !== 3 && nd !== 4) throw new RuntimeError(`non-empty 3D or 4D (batch mode) tensor expected for input`);
  if (!x._shape.slice(1).some((s) => s === 0)) return;
  // PyTorch 1.13's pooling kernels word this check differently: max/avg pooling's shape check, or adaptive pooling's.
  if (what === "adaptive_avg_pool2d")
    throw new RuntimeError(
      `${what}: Expected input's non-batch dimensions to have positive length, but input has a shape of ${formatShape(x._shape)}`,
    );
  throw new RuntimeError(
    `Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:${formatShape(x._shape)}`,
  );
}

export interface MaxPoolOptions {
  stride?: IntOrPair | null;
  padding?: IntOrPair;
  dilation?: IntOrPair;
  ceil_mode?: boolean;
  return_indices?: boolean;
}

/**
 * F.max_pool2d(input, kernel_size, {stride = kernel_size, padding, dilation, ceil_mode, return_indices}).
 * With return_indices the result is [values, indices].
 */
export function max_pool2d(
  x: Tensor,
  kernel_size: IntOrPair,
  opts: MaxPoolOptions & { return_indices: true },
): [Tensor, Tensor];
export function max_pool2d(x: Tensor, kernel_size: IntOrPair, opts?: MaxPoolOptions): Tensor;
export function max_pool2d(
  x: Tensor,
  kernel_size: IntOrPair,
  opts: MaxPoolOptions | null = {},
): Tensor | [Tensor, Tensor] {
  opts = kwargs(opts);
  tensorArg("max_pool2d", x);
  checkPoolInput(x, "max_pool2d");
  const k = expandArg(kernel_size, 2, "kernel_size");
  const s =
    opts.stride === undefined || opts.stride === null || (Array.isArray(opts.stride) && opts.stride.length === 0)
      ? k
      : expandArg(opts.stride, 2, "stride");
  const p = expandArg(opts.padding ?? 0, 2, "padding"),
    d = expandArg(opts.dilation ?? 1, 2, "dilation");
  const ceil = opts.ceil_mode ?? false;
  for (let i = 0; i < 2; i++)
    if (p[i] > Math.floor(k[i] / 2))
      throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${p[i]} and kernel_size=${k[i]}`);
  const H = x._shape[x._shape.length - 2],
    W = x._shape[x._shape.length - 1];
  const oh = poolOutSize(H, k[0], p[0], s[0], d[0], ceil),
    ow = poolOutSize(W, k[1], p[1], s[1], d[1], ceil);
  if (oh < 1 || ow < 1)
    throw new RuntimeError(
      `Given input size: (${formatShape(x._shape.slice(-3), "x")}). Calculated output size: (${formatShape([x._shape[x._shape.length - 3], oh, ow], "x")}). Output size is too small`,
    );
  const geom: Window2d = {
    H,
    W,
    kh: k[0],
    kw: k[1],
    sh: s[0],
    sw: s[1],
    ph: p[0],
    pw: p[1],
    dh: d[0],
    dw: d[1],
    oh,
    ow,
  };
  const [values, indices] = call(maxPool2dOp, [x], { geom }, true);
  return opts.return_indices ? [values, indices] : values;
}

// ---- average pooling (window tables) -------------------------------------------------------------------------

type TableAttrs = { table: WindowTable };

function windowOp(name: string, gradFn: string): OpOf<TableAttrs, readonly ["self"]> {
  return defineOp({
    name,
    gradFn,
    inputs: ["self"],
    forward: ([x], { table }: TableAttrs) =>
      make(
        backend().nn.windowMean(dense(x), planes(x), table, x.dtype),
        [...x._shape.slice(0, -2), table.oh, table.ow],
        x.dtype,
      ),
    backward: { self: (g, _s, m): Tensor => call(windowBackwardOp, [g], { table: m.table }) },
  });
}
export const avgPool2dOp: OpDef<TableAttrs> = windowOp("avg_pool2d", "AvgPool2DBackward0");
export const adaptiveAvgPool2dOp = windowOp("adaptive_avg_pool2d", "AdaptiveAvgPool2DBackward0");
/** The adjoint of a window mean (average pooling's backward); its own backward is the window mean. */
export const windowBackwardOp: OpOf<TableAttrs, readonly ["grad_output"]> = defineOp({
  internal: { goldens: "the backward of avg_pool2d: reached only by double backward" },
  name: "avg_pool2d_backward",
  gradFn: "AvgPool2DBackwardBackward0",
  inputs: ["grad_output"],
  forward: ([g], { table }: TableAttrs) =>
    make(
      backend().nn.windowMeanBackward(dense(g), planes(g), table, g.dtype),
      [...g._shape.slice(0, -2), table.H, table.W],
      g.dtype,
    ),
  backward: { grad_output: (gg, _s, m): Tensor => call(avgPool2dOp, [gg], { table: m.table }) },
});

export interface AvgPoolOptions {
  stride?: IntOrPair | null;
  padding?: IntOrPair;
  ceil_mode?: boolean;
  count_include_pad?: boolean;
  divisor_override?: number | null;
}

/** F.avg_pool2d(input, kernel_size, {stride = kernel_size, padding, ceil_mode, count_include_pad = true, divisor_override}) */
export function avg_pool2d(x: Tensor, kernel_size: IntOrPair, opts: AvgPoolOptions | null = {}): Tensor {
  opts = kwargs(opts);
  tensorArg("avg_pool2d", x);
  checkPoolInput(x, "avg_pool2d");
  const k = expandArg(kernel_size, 2, "kernel_size");
  const s = opts.stride === undefined || opts.stride === null ? k : expandArg(opts.stride, 2, "stride");
  const p = expandArg(opts.padding ?? 0, 2, "padding");
  const ceil = opts.ceil_mode ?? false,
    includePad = opts.count_include_pad ?? true,
    override = opts.divisor_override ?? null;
  if (override === 0) throw new RuntimeError("divisor must be not zero");
  for (let i = 0; i < 2; i++)
    if (p[i] > Math.floor(k[i] / 2))
      throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${p[i]} and kernel_size=${k[i]}`);
  const H = x._shape[x._shape.length - 2],
    W = x._shape[x._shape.length - 1];
  const oh = poolOutSize(H, k[0], p[0], s[0], 1, ceil),
    ow = poolOutSize(W, k[1], p[1], s[1], 1, ceil);
  if (oh < 1 || ow < 1)
    throw new RuntimeError(
      `Given input size: (${formatShape(x._shape.slice(-3), "x")}). Calculated output size: (${formatShape([x._shape[x._shape.length - 3], oh, ow], "x")}). Output size is too small`,
    );
  // Per axis, as ATen's cpu_avg_pool: the window clipped to input+padding gives pool_size, clipped to the input gives the taps.
  const axis = (n: number, size: number, kk: number, ss: number, pp: number) => {
    const start = new Int32Array(n),
      end = new Int32Array(n),
      withPad = new Float64Array(n);
    for (let o = 0; o < n; o++) {
      const a = o * ss - pp,
        b = Math.min(a + kk, size + pp);
      withPad[o] = b - a;
      start[o] = Math.max(a, 0);
      end[o] = Math.min(b, size);
    }
    return { start, end, withPad };
  };
  const ah = axis(oh, H, k[0], s[0], p[0]),
    aw = axis(ow, W, k[1], s[1], p[1]);
  const div = new Float64Array(oh * ow);
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++)
      div[i * ow + j] =
        override ??
        (includePad ? ah.withPad[i] * aw.withPad[j] : (ah.end[i] - ah.start[i]) * (aw.end[j] - aw.start[j]));
  const table: WindowTable = { H, W, oh, ow, hs: ah.start, he: ah.end, ws: aw.start, we: aw.end, div };
  return call(avgPool2dOp, [x], { table });
}

/** F.adaptive_avg_pool2d(input, output_size): windows [floor(i*H/oh), ceil((i+1)*H/oh)). */
export function adaptive_avg_pool2d(x: Tensor, output_size: IntOrPair | readonly (number | null)[]): Tensor {
  tensorArg("adaptive_avg_pool2d", x);
  checkPoolInput(x, "adaptive_avg_pool2d");
  const H = x._shape[x._shape.length - 2],
    W = x._shape[x._shape.length - 1];
  if (typeof output_size !== "number" && !Array.isArray(output_size))
    throw argError("adaptive_avg_pool2d", "output_size", 2, "tuple of ints", output_size);
  const req = typeof output_size === "number" ? [output_size, output_size] : [...output_size];
  const oh = req[0] ?? H,
    ow = req[1] ?? W;
  // NOTE: as ATen's adaptive_avg_pool2d, output 1x1 is a mean over the last two dims (MeanBackward1).
  if (oh === 1 && ow === 1) return x.mean([-1, -2], true);
  const axis = (n: number, size: number) => {
    const start = new Int32Array(n),
      end = new Int32Array(n);
    for (let o = 0; o < n; o++) {
      start[o] = Math.floor((o * size) / n);
      end[o] = Math.ceil(((o + 1) * size) / n);
    }
    return { start, end };
  };
  const ah = axis(oh, H),
    aw = axis(ow, W);
  const div = new Float64Array(oh * ow);
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++) div[i * ow + j] = (ah.end[i] - ah.start[i]) * (aw.end[j] - aw.start[j]);
  return call(adaptiveAvgPool2dOp, [x], {
    table: { H, W, oh, ow, hs: ah.start, he: ah.end, ws: aw.start, we: aw.end, div },
  });
}
