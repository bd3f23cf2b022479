/**
 * The native backend: the TypeScript backend with its heavy kernels (matrix products, im2col and
 * col2im, float strided copies) replaced by the C++ addon for float32/float64 operands large enough that a native call
 * pays for itself. Small operands stay in TypeScript, where an 8-element product is quicker than
 * crossing into C++; every other kernel is the TypeScript one.
 *
 * GRADLAB_NATIVE_MIN_WORK sets the size from which the addon is used (multiply-adds of a matrix
 * product, elements of an im2col/col2im or copy); 0 sends every float32/float64 product to it (the tests
 * run the golden files that way).
 */
import type { NnKernels, StridedView, Window2d } from "../backend.js";
import type { DType, StorageArray, TypedArray } from "../../tensor/dtype.js";
import { JsBackend } from "../js/js_backend.js";
import { jsNnKernels } from "../js/nn_kernels.js";
import { get_float32_matmul_precision } from "../matmul_precision.js";
import type { NativeAddon } from "./addon.js";
import { col2im, F32Sum, gemm, im2col, stridedCopy, type FloatArray } from "./gemm.js";
import { numel } from "../../tensor/shape.js";

/** Below this many multiply-adds (or elements), TypeScript is as fast as a native call. */
const DEFAULT_MIN_WORK = 4096;

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
  /** Convolution's data movement in the addon; pooling stays in TypeScript. */
  readonly nn: NnKernels;

  constructor(readonly addon: NativeAddon) {
    super();
    const self = this;
    this.nn = {
      ...jsNnKernels,
      im2col(x, N, C, g, out) { return self.im2col(x, N, C, g, out); },
      col2im(cols, N, C, g, out) { return self.col2im(cols, N, C, g, out); },
    };
  }

  override matmul(a: StridedView, b: StridedView, out: DType): StorageArray {
    const [B, M, K] = a.shape, N = b.shape[2];
    const F = nativeFloat(out);
    if (F && a.dtype === out && b.dtype === out && a.data instanceof F && b.data instanceof F && B * M * N > 0 && B * M * N * K >= this.minWork) {
      const c = this.alloc(out, B * M * N) as FloatArray;
      gemm(this.addon, { data: a.data as FloatArray, offset: a.offset, strides: strides3(a) }, { data: b.data as FloatArray, offset: b.offset, strides: strides3(b) },
        { data: c, offset: 0, strides: [M * N, N, 1] }, B, M, N, K, get_float32_matmul_precision() === "highest" ? F32Sum.BlocksInDouble : F32Sum.Float);
      return c;
    }
    return super.matmul(a, b, out);
  }

  /** Copies between float32/float64 views (contiguous() of transposes and permutes) in the addon when large. */
  override copy(src: StridedView, dst: StridedView): void {
    const S = nativeFloat(src.dtype), D = nativeFloat(dst.dtype);
    if (S && D && src.data instanceof S && dst.data instanceof D && numel(src.shape) >= this.minWork &&
        stridedCopy(this.addon, src.data as FloatArray, src.offset, src.strides, dst.data as FloatArray, dst.offset, dst.strides, src.shape)) return;
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
    const cols = this.alloc(out, n) as FloatArray;
    im2col(this.addon, x as FloatArray, cols, N * C, g);
    return cols;
  }

  private col2im(cols: TypedArray, N: number, C: number, g: Window2d, out: DType): TypedArray {
    if (!this.nativeArray(cols, out, cols.length)) return jsNnKernels.col2im(cols, N, C, g, out);
    const x = this.alloc(out, N * C * g.H * g.W) as FloatArray;
    col2im(this.addon, cols as FloatArray, x, N * C, g);
    return x;
  }
}
