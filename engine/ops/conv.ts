/**
 * Convolutions: conv1d, conv2d, conv_transpose1d/2d (stride, padding incl. 'same'/'valid',
 * dilation, groups, bias), recorded as one ConvolutionBackward0 node with next_functions
 * [input, weight, bias] as PyTorch's at::convolution. Computed as im2col + batched matmul;
 * F.unfold / F.fold are the im2col / col2im ops (Im2ColBackward0 / Col2ImBackward0).
 *
 * Every backward formula is written with differentiable tensor ops (unfold, fold, matmul), so
 * double backward works: the input gradient of a convolution is a transposed convolution with
 * the same weight, and the other way round.
 */
import { parseSizeArgs } from "../tensor/shape.js";
import { tensorArg, kwargs } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { call, defineOp, type OpOf } from "./define.js";
import { make } from "./util.js";
import { backend } from "../backend/index.js";
import type { Window2d } from "../backend/backend.js";
import { pad } from "./padding.js";
import { unsafeViewOp } from "./movement.js";
import "./linalg.js";
import "./reduce.js";
import { formatShape } from "../format/shape_text.js";
import { is_grad_enabled } from "../autograd/grad_mode.js";
import { releaseScratch } from "./scratch.js";

/** Window geometry for a plane of `H x W` scanned into `oh x ow` positions. */
export function window2d(
  H: number,
  W: number,
  k: number[],
  s: number[],
  p: number[],
  d: number[],
  oh?: number,
  ow?: number,
): Window2d {
  return {
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
    oh: oh ?? Math.floor((H + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0]) + 1,
    ow: ow ?? Math.floor((W + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1]) + 1,
  };
}

type Geo = { geom: Window2d };

/** im2col: [N, C, H, W] -> [N, C*kh*kw, oh*ow] (F.unfold). */
export const unfoldOp: OpOf<Geo, readonly ["self"]> = defineOp({
  name: "im2col",
  gradFn: "Im2ColBackward0",
  inputs: ["self"],
  forward: ([x], { geom }: Geo) => {
    const t = x.contiguous(),
      [N, C] = t._shape;
    const data = backend().nn.im2col(t._data.subarray(t._offset), N, C, geom, t.dtype);
    return make(data, [N, C * geom.kh * geom.kw, geom.oh * geom.ow], t.dtype);
  },
  backward: { self: (g, _s, m): Tensor => call(foldOp, [g], { geom: m.geom }) },
});

/** col2im: [N, C*kh*kw, oh*ow] -> [N, C, H, W], overlapping windows add up (F.fold). */
export const foldOp: OpOf<Geo, readonly ["self"]> = defineOp({
  internal: {
    goldens: "the backward of im2col (unfold/conv2d), itself differentiable: reached only by double backward",
  },
  name: "col2im",
  gradFn: "Col2ImBackward0",
  inputs: ["self"],
  forward: ([cols], { geom }: Geo) => {
    const t = cols.contiguous(),
      N = t._shape[0],
      C = t._shape[1] / (geom.kh * geom.kw);
    return make(backend().nn.col2im(t._data.subarray(t._offset), N, C, geom, t.dtype), [N, C, geom.H, geom.W], t.dtype);
  },
  backward: { self: (g, _s, m): Tensor => call(unfoldOp, [g], { geom: m.geom }) },
});

const unfold4d = (x: Tensor, geom: Window2d) => call(unfoldOp, [x], { geom });
const fold4d = (cols: Tensor, geom: Window2d) => call(foldOp, [cols], { geom });

/**
 * Below this many output positions per image, a batch's convolution runs as one product over the
 * whole batch ([O, K] times [K, N*L]) instead of one per image: the weight is read (and packed)
 * once instead of N times, and the product is wide enough to fill the GEMM's vector tiles.
 */
const FOLD_BATCH_BELOW_L = 256;

/** Whether convCore/convTCore of a batch of N images with maps of L positions run as one product (not recorded: no_grad only). */
const foldsBatch = (N: number, G: number, L: number) =>
  N > 1 && G === 1 && L < FOLD_BATCH_BELOW_L && !is_grad_enabled();

/** im2col of a batch with the images side by side in the columns: [C*kh*kw, N*oh*ow] (not recorded). */
function foldedCols(x: Tensor, geom: Window2d): Tensor {
  const t = x.contiguous(),
    [N, C] = t._shape;
  const data = backend().nn.im2colFolded(t._data.subarray(t._offset), N, C, geom, t.dtype);
  return make(data, [C * geom.kh * geom.kw, N * geom.oh * geom.ow], t.dtype);
}

/** Convolution of x [N, C, H, W] with w [O, C/G, kh, kw] -> [N, O, oh, ow] (differentiable). */
function convCore(x: Tensor, w: Tensor, G: number, geom: Window2d): Tensor {
  const N = x._shape[0],
    O = w._shape[0],
    K = w._shape[1] * geom.kh * geom.kw,
    L = geom.oh * geom.ow;
  if (foldsBatch(N, G, L)) {
    const cols = foldedCols(x, geom),
      prod = w.reshape(O, K).matmul(cols);
    releaseScratch(cols);
    // [O, N*L] -> [N, O, oh, ow], laid out as PyTorch's convolution output is (contiguous).
    const out = prod.view(O, N, geom.oh, geom.ow).transpose(0, 1).contiguous();
    releaseScratch(prod, out);
    return out;
  }
  const cols = unfold4d(x, geom);
  const out =
    G === 1
      ? w.reshape(O, K).matmul(cols).reshape(N, O, geom.oh, geom.ow)
      : w
          .reshape(G, O / G, K)
          .matmul(cols.view(N, G, K, L))
          .reshape(N, O, geom.oh, geom.ow);
  releaseScratch(cols, x);
  return out;
}

/** Transposed convolution of x [N, Cin, oh, ow] with w [Cin, Cout/G, kh, kw] -> [N, Cout, H, W]. */
function convTCore(x: Tensor, w: Tensor, G: number, geom: Window2d): Tensor {
  const N = x._shape[0],
    Cin = x._shape[1],
    Coutg = w._shape[1],
    k = geom.kh * geom.kw,
    L = geom.oh * geom.ow;
  const wv = w.reshape(G, Cin / G, Coutg * k).transpose(-1, -2);
  if (foldsBatch(N, G, L)) {
    const xF = foldBatch(x.reshape(N, 1, Cin, L), 1, Cin, N * L).squeeze(0),
      cols = wv.squeeze(0).matmul(xF);
    releaseScratch(xF, x);
    const data = backend().nn.col2imFolded(cols._data.subarray(cols._offset), N, Coutg, geom, cols.dtype);
    releaseScratch(cols);
    return make(data, [N, Coutg, geom.H, geom.W], cols.dtype);
  }
  const xv = x.reshape(N, G, Cin / G, L);
  const cols = wv.matmul(xv),
    out = fold4d(cols.reshape(N, G * Coutg * k, L), geom);
  releaseScratch(cols, x, out);
  return out;
}

/**
 * d(conv)/d(weight): grad [G, Og, N*L] times columns [G, N*L, K], the batch folded into the
 * contraction (one matmul per group instead of a matmul per sample and a sum over the batch).
 */
function convWeightGrad(x: Tensor, g: Tensor, G: number, geom: Window2d, wshape: readonly number[]): Tensor {
  const N = x._shape[0],
    K = wshape[1] * geom.kh * geom.kw,
    L = geom.oh * geom.ow,
    O = wshape[0];
  if (G === 1 && N > 1 && !is_grad_enabled()) {
    const gF = foldBatch(g.reshape(N, 1, O, L), 1, O, N * L).squeeze(0),
      cols = foldedCols(x, geom),
      prod = gF.matmul(cols.t());
    releaseScratch(gF, g);
    releaseScratch(cols);
    return call(unsafeViewOp, [prod], { shape: [...wshape] });
  }
  const unfolded = unfold4d(x, geom),
    cols = foldBatch(unfolded.view(N, G, K, L), G, K, N * L),
    gF = foldBatch(g.reshape(N, G, O / G, L), G, O / G, N * L);
  // The product is fresh: an unsafe view (as ATen's) keeps the gradient from being a view, which
  // AccumulateGrad would copy into .grad instead of taking.
  const out = call(unsafeViewOp, [gF.matmul(cols.transpose(-1, -2))], { shape: [...wshape] });
  releaseScratch(gF, g, out);
  releaseScratch(cols, x, out);
  if (cols._storage !== unfolded._storage) releaseScratch(unfolded, x, out);
  return out;
}

/** d(conv_transpose)/d(weight): input [G, Cin/G, N*L] times unfolded grad [G, N*L, Cout/G*k]. */
function convTWeightGrad(x: Tensor, g: Tensor, G: number, geom: Window2d, wshape: readonly number[]): Tensor {
  const N = x._shape[0],
    Cin = wshape[0],
    CK = wshape[1] * geom.kh * geom.kw,
    L = geom.oh * geom.ow;
  const cols = foldBatch(unfold4d(g, geom).view(N, G, CK, L), G, CK, N * L);
  return foldBatch(x.reshape(N, G, Cin / G, L), G, Cin / G, N * L)
    .matmul(cols.transpose(-1, -2))
    .reshape([...wshape]);
}

/** [N, G, R, L] -> [G, R, N*L] (free when N is 1). */
function foldBatch(t: Tensor, G: number, R: number, NL: number): Tensor {
  return (t._shape[0] === 1 ? t.squeeze(0) : t.permute(1, 2, 0, 3)).reshape(G, R, NL);
}

export interface ConvAttrs {
  /** spatial dims of the user-facing op (1 or 2); 1-D runs as 2-D with a height of 1 */
  nd: 1 | 2;
  groups: number;
  transposed: boolean;
  geom: Window2d;
}

const as4d = (t: Tensor, nd: number) => (nd === 1 ? t.unsqueeze(2) : t);
const fromNd = (t: Tensor, nd: number) => (nd === 1 ? t.squeeze(2) : t);

export const convolutionOp = defineOp({
  name: "convolution",
  gradFn: "ConvolutionBackward0",
  inputs: ["input", "weight", "bias"],
  optional: ["weight", "bias"],
  save: ["input", "weight"],
  forward: ([x, w, b], { nd, groups, transposed, geom }: ConvAttrs) => {
    const x4 = as4d(x!, nd),
      w4 = as4d(w!, nd);
    const core = transposed ? convTCore(x4, w4, groups, geom) : convCore(x4, w4, groups, geom);
    const out = fromNd(b ? core.add(b.view(1, -1, 1, 1)) : core, nd).contiguous();
    releaseScratch(core, out);
    return out;
  },
  backward: {
    input: (g, s, m) => {
      const g4 = as4d(g, m.nd),
        w4 = as4d(s.weight, m.nd);
      const r = m.transposed ? convCore(g4, w4, m.groups, m.geom) : convTCore(g4, w4, m.groups, m.geom);
      return fromNd(r, m.nd);
    },
    weight: (g, s, m) => {
      const g4 = as4d(g, m.nd),
        x4 = as4d(s.input, m.nd),
        w4shape = as4d(s.weight, m.nd)._shape;
      const r = m.transposed
        ? convTWeightGrad(x4, g4, m.groups, m.geom, w4shape)
        : convWeightGrad(x4, g4, m.groups, m.geom, w4shape);
      return fromNd(r, m.nd);
    },
    bias: (g, _s, m) => g.sum(m.nd === 1 ? [0, 2] : [0, 2, 3]),
  },
});

// ---- argument handling ------------------------------------------------------------------------------

type IntOrPair = number | readonly number[];
export type Padding = IntOrPair | "same" | "valid";
export interface ConvOptions {
  stride?: IntOrPair;
  padding?: Padding;
  dilation?: IntOrPair;
  groups?: number;
}
export interface ConvTransposeOptions {
  stride?: IntOrPair;
  padding?: IntOrPair;
  output_padding?: IntOrPair;
  groups?: number;
  dilation?: IntOrPair;
}

/** Python's _single/_pair: an int is repeated, a sequence is taken as is. */
export function expandArg(v: IntOrPair, n: number, what: string): number[] {
  const a = typeof v === "number" && Number.isInteger(v) ? new Array<number>(n).fill(v) : parseSizeArgs([v], "", what);
  if (a.length !== n)
    throw new RuntimeError(
      `expected ${what} to be a single integer value or a list of ${n} values to match the convolution dimensions, but got ${what}=${formatShape(a)}`,
    );
  return a;
}

function checkConvShapes(
  x: Tensor,
  w: Tensor,
  b: Tensor | null,
  nd: number,
  groups: number,
  transposed: boolean,
): void {
  const name = transposed ? `conv_transpose${nd}d` : `conv${nd}d`;
  if (x._shape.length !== nd + 2)
    throw new RuntimeError(
      `Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${name}, but got input of size: ${formatShape(x._shape)}`,
    );
  if (w._shape.length !== nd + 2)
    throw new RuntimeError(
      `Expected ${nd + 2}-dimensional weight for ${name}, but got weight of size ${formatShape(w._shape)}`,
    );
  if (groups <= 0) throw new RuntimeError("non-positive groups is not supported");
  const C = x._shape[1];
  if (!transposed) {
    if (w._shape[0] % groups !== 0)
      throw new RuntimeError(
        `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${formatShape(w._shape)}] instead`,
      ); // NOTE: PyTorch prints the doubled brackets
    if (C !== w._shape[1] * groups)
      throw new RuntimeError(
        `Given groups=${groups}, weight of size ${formatShape(w._shape)}, expected input${formatShape(x._shape)} to have ${w._shape[1] * groups} channels, but got ${C} channels instead`,
      );
  } else if (C !== w._shape[0]) {
    throw new RuntimeError(
      `Given transposed=1, weight of size ${formatShape(w._shape)}, expected input${formatShape(x._shape)} to have ${w._shape[0]} channels, but got ${C} channels instead`,
    );
  }
  const outC = transposed ? w._shape[1] * groups : w._shape[0];
  if (b && (b._shape.length !== 1 || b._shape[0] !== outC))
    throw new RuntimeError(
      `Given ${transposed ? "transposed=1, " : ""}weight of size ${formatShape(w._shape)}, expected bias to be 1-dimensional with ${outC} elements, but got bias of size ${formatShape(b._shape)} instead`,
    );
  if (x.dtype !== w.dtype)
    throw new RuntimeError(`expected scalar type ${x.dtype.scalarName} but found ${w.dtype.scalarName}`);
}

/** Geometry, plus extra zeros to append to the input's spatial dims first (asymmetric 'same' padding). */
type GeomPlan = Window2d | { geom: Window2d; padEnd: number[] };

/** Run a (possibly unbatched) convolution: unbatched inputs get a batch dim of 1, as PyTorch. */
function runConv(
  x: Tensor,
  w: Tensor,
  b: Tensor | null,
  nd: 1 | 2,
  groups: number,
  transposed: boolean,
  makeGeom: (H: number, W: number) => GeomPlan,
): Tensor {
  const unbatched = x._shape.length === nd + 1;
  let xb = unbatched ? x.unsqueeze(0) : x;
  checkConvShapes(xb, w, b, nd, groups, transposed);
  const H = nd === 1 ? 1 : xb._shape[2],
    W = xb._shape[xb._shape.length - 1];
  const plan = makeGeom(H, W);
  const geom = "padEnd" in plan ? plan.geom : plan;
  if ("padEnd" in plan && plan.padEnd.some((p) => p > 0))
    xb = pad(
      xb,
      plan.padEnd
        .slice()
        .reverse()
        .flatMap((p) => [0, p]),
    );
  const out = call(convolutionOp, [xb, w, b], { nd, groups, transposed, geom });
  return unbatched ? out.squeeze(0) : out;
}

function convNd(nd: 1 | 2, x: Tensor, w: Tensor, b: Tensor | null | undefined, o: ConvOptions): Tensor {
  const lift = (a: number[], fill: number) => (nd === 1 ? [fill, a[0]] : a);
  const stride = lift(expandArg(o.stride ?? 1, nd, "stride"), 1);
  const dilation = lift(expandArg(o.dilation ?? 1, nd, "dilation"), 1);
  const groups = o.groups ?? 1;
  const k = lift(w._shape.slice(2), 1);
  return runConv(x, w, b ?? null, nd, groups, false, (H, W) => {
    const pad = o.padding ?? 0;
    if (pad === "same") {
      if (stride.some((s) => s !== 1))
        throw new RuntimeError("padding='same' is not supported for strided convolutions");
      // As ATen's _convolution_mode: total padding d*(k-1), the left half (rounded down) on both
      // sides; an odd total pads the input's end by one more first (ConstantPadNdBackward0).
      const left = k.map((kk, i) => Math.floor((dilation[i] * (kk - 1)) / 2));
      const extra = k.map((kk, i) => dilation[i] * (kk - 1) - 2 * left[i]);
      return {
        geom: window2d(H + extra[0], W + extra[1], k, stride, left, dilation),
        padEnd: nd === 1 ? [extra[1]] : extra,
      };
    }
    const p = pad === "valid" ? [0, 0] : lift(expandArg(pad, nd, "padding"), 0);
    const g = window2d(H, W, k, stride, p, dilation);
    if (g.oh <= 0 || g.ow <= 0) {
      const padded = nd === 1 ? `(${W + 2 * p[1]})` : `(${H + 2 * p[0]} x ${W + 2 * p[1]})`;
      const ks =
        nd === 1
          ? `(${dilation[1] * (k[1] - 1) + 1})`
          : `(${dilation[0] * (k[0] - 1) + 1} x ${dilation[1] * (k[1] - 1) + 1})`;
      throw new RuntimeError(
        `Calculated padded input size per channel: ${padded}. Kernel size: ${ks}. Kernel size can't be greater than actual input size`,
      );
    }
    return g;
  });
}

function convTransposeNd(
  nd: 1 | 2,
  x: Tensor,
  w: Tensor,
  b: Tensor | null | undefined,
  o: ConvTransposeOptions,
): Tensor {
  const lift = (a: number[], fill: number) => (nd === 1 ? [fill, a[0]] : a);
  const stride = lift(expandArg(o.stride ?? 1, nd, "stride"), 1);
  const padding = lift(expandArg(o.padding ?? 0, nd, "padding"), 0);
  const outPad = lift(expandArg(o.output_padding ?? 0, nd, "output_padding"), 0);
  const dilation = lift(expandArg(o.dilation ?? 1, nd, "dilation"), 1);
  const k = lift(w._shape.slice(2), 1);
  for (let i = 0; i < 2; i++)
    if (outPad[i] >= stride[i] && outPad[i] >= dilation[i])
      throw new RuntimeError(
        "output padding must be smaller than either stride or dilation, but got output_padding_height: " +
          `${outPad[0]} output_padding_width: ${outPad[1]} stride_height: ${stride[0]} stride_width: ${stride[1]} dilation_height: ${dilation[0]} dilation_width: ${dilation[1]}`,
      );
  return runConv(x, w, b ?? null, nd, o.groups ?? 1, true, (h, wd) => {
    const size = (n: number, i: number) =>
      (n - 1) * stride[i] - 2 * padding[i] + dilation[i] * (k[i] - 1) + outPad[i] + 1;
    return window2d(size(h, 0), size(wd, 1), k, stride, padding, dilation, h, wd);
  });
}

/**
 * F.conv2d(input, weight, bias?, {stride, padding, dilation, groups}).
 * @example F.conv2d(x, w, null, {stride: 2, padding: 1})   // x [N, C, H, W], w [O, C/groups, kh, kw]
 */
export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | ConvOptions = null,
  opts: ConvOptions | number = {},
  padding?: number | number[],
  dilation?: number | number[],
  groups?: number,
): Tensor {
  tensorArg("conv2d", input);
  tensorArg("conv2d", weight, "weight", 2);
  // conv2d(x, w, {padding: 1}), conv2d(x, w, b, {stride}) and PyTorch's positional conv2d(x, w, b, stride, padding, dilation, groups)
  if (bias !== null && !(bias instanceof Tensor)) {
    opts = bias;
    bias = null;
  }
  if (typeof opts === "number" || Array.isArray(opts))
    opts = { stride: opts, padding, dilation, groups } as ConvOptions;
  return convNd(2, input, weight, bias, opts);
}
/** F.conv1d(input [N, C, L], weight [O, C/groups, k], bias?, {stride, padding, dilation, groups}) */
export function conv1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  opts: ConvOptions | null = {},
): Tensor {
  opts = kwargs(opts);
  tensorArg("conv1d", input);
  tensorArg("conv1d", weight, "weight", 2);
  return convNd(1, input, weight, bias, opts);
}
/** F.conv_transpose2d(input, weight [Cin, Cout/groups, kh, kw], bias?, {stride, padding, output_padding, groups, dilation}) */
export function conv_transpose2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  opts: ConvTransposeOptions | null = {},
): Tensor {
  opts = kwargs(opts);
  tensorArg("conv_transpose2d", input);
  tensorArg("conv_transpose2d", weight, "weight", 2);
  return convTransposeNd(2, input, weight, bias, opts);
}
/** F.conv_transpose1d(input [N, Cin, L], weight [Cin, Cout/groups, k], bias?, opts) */
export function conv_transpose1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null = null,
  opts: ConvTransposeOptions | null = {},
): Tensor {
  opts = kwargs(opts);
  tensorArg("conv_transpose1d", input);
  tensorArg("conv_transpose1d", weight, "weight", 2);
  return convTransposeNd(1, input, weight, bias, opts);
}

interface UnfoldOptions {
  dilation?: IntOrPair;
  padding?: IntOrPair;
  stride?: IntOrPair;
}
/** F.unfold(input [N, C, H, W], kernel_size, {dilation, padding, stride}) -> [N, C*kh*kw, L] */
export function unfold(input: Tensor, kernel_size: IntOrPair, opts: UnfoldOptions | null = {}): Tensor {
  tensorArg("unfold", input);
  opts = kwargs(opts);
  const unbatched = input._shape.length === 3;
  if (input._shape.length !== 4 && !unbatched)
    throw new RuntimeError(`Input Error: Only 3D or 4D input Tensors are supported (got ${input._shape.length}D)`);
  const x = unbatched ? input.unsqueeze(0) : input;
  const geom = window2d(
    x._shape[2],
    x._shape[3],
    expandArg(kernel_size, 2, "kernel_size"),
    expandArg(opts.stride ?? 1, 2, "stride"),
    expandArg(opts.padding ?? 0, 2, "padding"),
    expandArg(opts.dilation ?? 1, 2, "dilation"),
  );
  const r = unfold4d(x, geom);
  return unbatched ? r.squeeze(0) : r;
}
/** F.fold(input [N, C*kh*kw, L], output_size, kernel_size, {dilation, padding, stride}) -> [N, C, H, W] */
export function fold(
  input: Tensor,
  output_size: IntOrPair,
  kernel_size: IntOrPair,
  opts: UnfoldOptions | null = {},
): Tensor {
  tensorArg("fold", input);
  opts = kwargs(opts);
  const unbatched = input._shape.length === 2;
  if (input._shape.length !== 3 && !unbatched)
    throw new RuntimeError(
      `Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported (got ${input._shape.length}D)`,
    );
  const x = unbatched ? input.unsqueeze(0) : input;
  const [H, W] = expandArg(output_size, 2, "output_size"),
    k = expandArg(kernel_size, 2, "kernel_size");
  const geom = window2d(
    H,
    W,
    k,
    expandArg(opts.stride ?? 1, 2, "stride"),
    expandArg(opts.padding ?? 0, 2, "padding"),
    expandArg(opts.dilation ?? 1, 2, "dilation"),
  );
  if (x._shape[1] % (k[0] * k[1]) !== 0)
    throw new RuntimeError(
      `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${x._shape[1]} and kernel_size=${formatShape(k, "parens")}`,
    );
  if (x._shape[2] !== geom.oh * geom.ow)
    throw new RuntimeError(
      `Given output_size=(${H}, ${W}), kernel_size=${formatShape(k, "parens")}, dilation=(${geom.dh}, ${geom.dw}), padding=(${geom.ph}, ${geom.pw}), stride=(${geom.sh}, ${geom.sw}), expected size of input's dimension 2 to match the calculated number of sliding blocks ${geom.oh} * ${geom.ow} = ${geom.oh * geom.ow}, but got input.size(2)=${x._shape[2]}.`,
    );
  const r = fold4d(x, geom);
  return unbatched ? r.squeeze(0) : r;
}
