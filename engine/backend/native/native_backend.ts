/**
 * The native backend: the TypeScript backend with its heavy kernels replaced by the C++ addon for
 * float32/float64 operands large enough that a native call pays for itself: matrix products,
 * im2col and col2im, strided copies, the common elementwise ops (arithmetic, comparisons, relu
 * and its gradient, addmm's epilogue...), sum/mean over dims, and the fused SGD update. Small
 * operands stay in TypeScript, where an 8-element add is quicker than crossing into C++; every
 * other kernel is the TypeScript one. Elementwise ops and reductions give the TypeScript kernels'
 * bits (native/src/elementwise.h).
 *
 * GRADLAB_NATIVE_MIN_WORK sets the size from which the addon is used (multiply-adds of a matrix
 * product, elements of an elementwise op, reduction, im2col/col2im or copy); 0 sends every
 * float32/float64 operand to it (the tests run the golden files that way).
 */
import type { NnKernels, OptimKernels, SoftmaxKernels, StridedView, Window2d } from "../backend.js";
import type { BinaryKernel, ReduceKernel, UnaryKernel } from "../kernels.js";
import { adamKernel, sgdKernel } from "../js/optim_kernels.js";
import {
  BINARY_CODES,
  FIRST_COMPARISON,
  MAX_DIMS,
  UNARY_CODES,
  nativeBinary,
  nativeAdam,
  nativeSgd,
  nativeUnary,
} from "./elementwise.js";
import type { DType, StorageArray, TypedArray } from "../../tensor/dtype.js";
import { JsBackend } from "../js/js_backend.js";
import { jsNnKernels } from "../js/nn_kernels.js";
import { isDense } from "../js/strided.js";
import { get_float32_matmul_precision } from "../matmul_precision.js";
import type { NativeAddon } from "./addon.js";
import {
  col2im,
  col2imFolded,
  F32Sum,
  gemm,
  im2col,
  im2colFolded,
  maxPool2d,
  maxPool2dScatter,
  stridedCopy,
  type FloatArray,
} from "./gemm.js";
import { numel } from "../../tensor/shape.js";
import { FAST_REDUCE_CODES, MATH_CODES, nativeReduceFast, nativeSoftmax, nativeUnaryMath } from "./fast_math.js";
import { jsSoftmaxKernels } from "../js/softmax_kernel.js";

const EMPTY: readonly number[] = [];

/** Below this many multiply-adds (or elements), TypeScript is as fast as a native call. */
const DEFAULT_MIN_WORK = 4096;
/**
 * What one element of a transcendental kernel (exp, log, tanh, softmax...) weighs against
 * DEFAULT_MIN_WORK: TypeScript spends 30-60 ns on each (the SLEEF and fdlibm ports), the addon
 * about 1, so the native call pays off from about a hundred elements (the MLP's 64x10 softmax).
 */
const TRANSCENDENTAL_WEIGHT = 32;
/**
 * What one element of a binary kernel over a broadcast or strided operand weighs: TypeScript walks
 * those row by row (10-20 ns an element, against 1-3 dense), so the addon pays off sooner.
 */
const STRIDED_WEIGHT = 8;
/**
 * What one element of a batch-norm kernel weighs: several operations per element, which
 * TypeScript runs with fround and per-channel bookkeeping (ResNet-18's last stage, 512 channels of
 * 2x2 at batch 1, spent 3 ms a step in them and allocated a third of its garbage).
 */
const BATCH_NORM_WEIGHT = 8;

function minWorkFromEnv(): number {
  const v = process.env.GRADLAB_NATIVE_MIN_WORK;
  const n = v === undefined || v === "" ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_MIN_WORK;
}

const strides3 = (v: StridedView): [number, number, number] => [v.strides[0], v.strides[1], v.strides[2]];

/** The float array type the addon takes for `d`, if any (float16/bfloat16 also live in Float32Arrays: not these). */
function nativeFloat(d: DType): typeof Float32Array | typeof Float64Array | null {
  return d.name === "float32" ? Float32Array : d.name === "float64" ? Float64Array : null;
}

export class NativeBackend extends JsBackend {
  override readonly name = "native";
  /** Multiply-adds (matmul) or elements (im2col/col2im) from which the addon is used. */
  minWork = minWorkFromEnv();
  /** Convolution's data movement and max pooling in the addon; average pooling stays in TypeScript. */
  readonly nn: NnKernels;
  /** The fused SGD and Adam updates in the addon for large float32/float64 parameters. */
  readonly optim: OptimKernels;
  /** softmax/log_softmax of large float32/float64 inputs in the addon (the TypeScript kernel's bits). */
  readonly softmax: SoftmaxKernels;

  constructor(readonly addon: NativeAddon) {
    super();
    const self = this;
    this.nn = {
      ...jsNnKernels,
      im2col(x, N, C, g, out) {
        return self.im2col(x, N, C, g, out);
      },
      col2im(cols, N, C, g, out) {
        return self.col2im(cols, N, C, g, out);
      },
      col2imFolded(cols, N, C, g, out) {
        if (!self.nativeArray(cols, out, cols.length)) return jsNnKernels.col2imFolded(cols, N, C, g, out);
        const x = self.empty(out, N * C * g.H * g.W) as FloatArray;
        col2imFolded(addon, cols as FloatArray, x, N, C, g);
        return x;
      },
      im2colFolded(x, N, C, g, out) {
        const n = N * C * g.kh * g.kw * g.oh * g.ow;
        if (!self.nativeArray(x, out, n)) return jsNnKernels.im2colFolded(x, N, C, g, out);
        const cols = self.empty(out, n) as FloatArray;
        im2colFolded(addon, x as FloatArray, cols, N, C, g);
        return cols;
      },
      maxPool2d(x, P, g, out) {
        const n = P * g.oh * g.ow;
        if (!self.nativeArray(x, out, n * g.kh * g.kw)) return jsNnKernels.maxPool2d(x, P, g, out);
        const values = self.empty(out, n) as FloatArray,
          indices = new Float64Array(n);
        maxPool2d(addon, x as FloatArray, values, indices, P, g);
        return { values, indices };
      },
      batchNormStats(x, N, C, HW, out) {
        const F = self.nativeArray(x, out, N * C * HW * BATCH_NORM_WEIGHT);
        if (!F) return jsNnKernels.batchNormStats(x, N, C, HW, out);
        const mean = new F(C),
          variance = new F(C);
        addon.bn_stats(x as FloatArray, mean, variance, N, C, HW);
        return { mean, var: variance };
      },
      batchNormAffine(x, mean, scale, bias, N, C, HW, out) {
        const F = self.nativeArray(x, out, N * C * HW * BATCH_NORM_WEIGHT);
        if (!F || !(mean instanceof F && scale instanceof F && (bias === null || bias instanceof F)))
          return jsNnKernels.batchNormAffine(x, mean, scale, bias, N, C, HW, out);
        const res = self.empty(out, N * C * HW) as FloatArray;
        addon.bn_affine(x as FloatArray, mean, scale, bias as FloatArray | null, res, N, C, HW);
        return res;
      },
      batchNormGradSums(g, x, mean, invstd, N, C, HW, out) {
        const F = self.nativeArray(x, out, N * C * HW * BATCH_NORM_WEIGHT);
        if (!F || ![g, mean, invstd].every((a) => a instanceof F))
          return jsNnKernels.batchNormGradSums(g, x, mean, invstd, N, C, HW, out);
        const sumG = new Float64Array(C),
          sumGXhat = new Float64Array(C);
        addon.bn_grad_sums(
          g as FloatArray,
          x as FloatArray,
          mean as FloatArray,
          invstd as FloatArray,
          sumG,
          sumGXhat,
          N,
          C,
          HW,
        );
        return { sumG, sumGXhat };
      },
      batchNormGradInput(g, x, mean, invstd, gMean, gxMean, w, N, C, HW, out) {
        const F = self.nativeArray(x, out, N * C * HW * BATCH_NORM_WEIGHT);
        if (!F || ![g, mean, invstd, gMean, gxMean].every((a) => a instanceof F) || !(w === null || w instanceof F))
          return jsNnKernels.batchNormGradInput(g, x, mean, invstd, gMean, gxMean, w, N, C, HW, out);
        const res = self.empty(out, N * C * HW) as FloatArray;
        addon.bn_grad_input(
          g as FloatArray,
          x as FloatArray,
          mean as FloatArray,
          invstd as FloatArray,
          gMean as FloatArray,
          gxMean as FloatArray,
          w as FloatArray | null,
          res,
          N,
          C,
          HW,
        );
        return res;
      },
      maxPoolScatter(grad, indices, P, inPlane, outPlane, out) {
        if (!self.nativeArray(grad, out, P * (inPlane + outPlane)))
          return jsNnKernels.maxPoolScatter(grad, indices, P, inPlane, outPlane, out);
        const res = self.empty(out, P * inPlane) as FloatArray;
        maxPool2dScatter(addon, grad as FloatArray, indices, res, P, inPlane, outPlane);
        return res;
      },
    };
    this.softmax = {
      softmax(data, outer, size, inner, log, out) {
        const n = outer * size * inner;
        const F = self.nativeArray(data, out, n * TRANSCENDENTAL_WEIGHT);
        if (!F || n === 0) return jsSoftmaxKernels.softmax(data, outer, size, inner, log, out);
        const res = self.empty(out, n) as FloatArray;
        nativeSoftmax(addon, data as FloatArray, res, outer, size, inner, log);
        return res;
      },
    };
    this.optim = {
      sgd(p, g, buf, s) {
        const F = s.f32 ? Float32Array : Float64Array;
        if (p.length >= self.minWork && p instanceof F && g instanceof F && (buf === null || buf instanceof F))
          nativeSgd(addon, p, g, buf, s);
        else sgdKernel(p, g, buf, s);
      },
      adam(p, g, m, v, vmax, s) {
        const F = s.f32 ? Float32Array : Float64Array;
        if (
          p.length >= self.minWork &&
          [p, g, m, v].every((a) => a instanceof F) &&
          (vmax === null || vmax instanceof F)
        )
          nativeAdam(
            addon,
            p as FloatArray,
            g as FloatArray,
            m as FloatArray,
            v as FloatArray,
            vmax as FloatArray | null,
            s,
          );
        else adamKernel(p, g, m, v, vmax, s);
      },
    };
  }

  override unary(op: UnaryKernel, x: StridedView, out: DType, p: readonly number[] = EMPTY): StorageArray {
    const n = numel(x.shape);
    // Small ops (the common case) stay in TypeScript without looking at anything else.
    if (n * TRANSCENDENTAL_WEIGHT < this.minWork) return super.unary(op, x, out, p);
    const code = UNARY_CODES[op],
      F = nativeFloat(out);
    if (code !== undefined && F && x.dtype === out && x.data instanceof F && x.shape.length <= MAX_DIMS) {
      if (n >= this.minWork) {
        const res = this.empty(out, n) as FloatArray;
        nativeUnary(this.addon, code, x, res, p);
        return res;
      }
    }
    const math = MATH_CODES[op];
    if (math !== undefined && F && x.dtype === out && x.data instanceof F && x.shape.length <= MAX_DIMS) {
      if (n * TRANSCENDENTAL_WEIGHT >= this.minWork) {
        const res = this.empty(out, n) as FloatArray;
        nativeUnaryMath(this.addon, math, x, res);
        return res;
      }
    }
    return super.unary(op, x, out, p);
  }

  override binary(
    op: BinaryKernel,
    a: StridedView,
    b: StridedView,
    shape: readonly number[],
    out: DType,
    p: readonly number[] = EMPTY,
  ): StorageArray {
    const n = numel(shape);
    // Small ops (the common case) stay in TypeScript without looking at anything else.
    if (n * STRIDED_WEIGHT < this.minWork) return super.binary(op, a, b, shape, out, p);
    const code = BINARY_CODES[op],
      F = nativeFloat(a.dtype);
    if (
      code !== undefined &&
      F &&
      b.dtype === a.dtype &&
      a.data instanceof F &&
      b.data instanceof F &&
      shape.length <= MAX_DIMS &&
      (code >= FIRST_COMPARISON ? out.name === "bool" : out === a.dtype)
    ) {
      if (n >= this.minWork || !(isDense(a) && isDense(b))) {
        const res = this.empty(out, n) as FloatArray | Uint8Array;
        nativeBinary(this.addon, code, a, b, shape, res, p);
        return res;
      }
    }
    return super.binary(op, a, b, shape, out, p);
  }

  override reduce(
    op: ReduceKernel,
    x: StridedView,
    dims: readonly number[],
    out: DType,
    p: readonly number[] = EMPTY,
  ): StorageArray {
    const fast = FAST_REDUCE_CODES[op],
      F = nativeFloat(x.dtype),
      O = nativeFloat(out);
    // max/min keep x's type; sum/mean may widen float32 to float64; argmax/argmin give int64 (a Float64Array).
    const arg = op === "argmax" || op === "argmin";
    const types = arg
      ? out.name === "int64"
      : x.dtype === out || (O === Float64Array && (op === "sum" || op === "mean"));
    if (fast !== undefined && F && (O || arg) && x.data instanceof F && types && x.shape.length <= MAX_DIMS) {
      const n = numel(x.shape);
      if (n >= this.minWork) {
        let nOut = 1;
        for (let d = 0; d < x.shape.length; d++) if (!dims.includes(d)) nOut *= x.shape[d];
        const res = (n > 0 ? this.empty(out, nOut) : this.alloc(out, nOut)) as FloatArray;
        nativeReduceFast(this.addon, fast, x, dims, res);
        return res;
      }
    }
    return super.reduce(op, x, dims, out, p);
  }

  override matmul(a: StridedView, b: StridedView, out: DType): StorageArray {
    const [B, M, K] = a.shape,
      N = b.shape[2];
    const F = nativeFloat(out);
    if (
      F &&
      a.dtype === out &&
      b.dtype === out &&
      a.data instanceof F &&
      b.data instanceof F &&
      B * M * N > 0 &&
      B * M * N * K >= this.minWork
    ) {
      // K = 0 (reachable with GRADLAB_NATIVE_MIN_WORK=0) leaves C to the zeros alloc gives.
      const c = (K > 0 ? this.empty(out, B * M * N) : this.alloc(out, B * M * N)) as FloatArray;
      gemm(
        this.addon,
        { data: a.data as FloatArray, offset: a.offset, strides: strides3(a) },
        { data: b.data as FloatArray, offset: b.offset, strides: strides3(b) },
        { data: c, offset: 0, strides: [M * N, N, 1] },
        B,
        M,
        N,
        K,
        get_float32_matmul_precision() === "highest" ? F32Sum.BlocksInDouble : F32Sum.Float,
      );
      return c;
    }
    return super.matmul(a, b, out);
  }

  /** Copies between float32/float64 views (contiguous() of transposes and permutes) in the addon when large. */
  override copy(src: StridedView, dst: StridedView): void {
    const S = nativeFloat(src.dtype),
      D = nativeFloat(dst.dtype);
    if (
      S &&
      D &&
      src.data instanceof S &&
      dst.data instanceof D &&
      numel(src.shape) >= this.minWork &&
      stridedCopy(
        this.addon,
        src.data as FloatArray,
        src.offset,
        src.strides,
        dst.data as FloatArray,
        dst.offset,
        dst.strides,
        src.shape,
      )
    )
      return;
    super.copy(src, dst);
  }

  /** The float array type when `x` and `out` suit the addon and the work is large enough, else null. */
  private nativeArray(x: TypedArray, out: DType, work: number): typeof Float32Array | typeof Float64Array | null {
    const F = nativeFloat(out);
    return F && x instanceof F && work >= this.minWork ? F : null;
  }

  private im2col(x: TypedArray, N: number, C: number, g: Window2d, out: DType): TypedArray {
    const n = N * C * g.kh * g.kw * g.oh * g.ow;
    if (!this.nativeArray(x, out, n)) return jsNnKernels.im2col(x, N, C, g, out);
    const cols = this.empty(out, n) as FloatArray;
    im2col(this.addon, x as FloatArray, cols, N * C, g);
    return cols;
  }

  private col2im(cols: TypedArray, N: number, C: number, g: Window2d, out: DType): TypedArray {
    if (!this.nativeArray(cols, out, cols.length)) return jsNnKernels.col2im(cols, N, C, g, out);
    const x = this.empty(out, N * C * g.H * g.W) as FloatArray;
    col2im(this.addon, cols as FloatArray, x, N * C, g);
    return x;
  }
}
