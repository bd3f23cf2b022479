/**
 * Loading the native addon (native/, built by node-gyp during `npm install`) and its typed face.
 * node-gyp-build finds a prebuilt binary (native/prebuilds/<platform>-<arch>) or the local build
 * (native/build/Release). Every kernel writes into arrays the caller allocated; shapes and strides
 * travel in one Float64Array per call.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type Isa = "generic" | "avx2" | "avx512";

/** What native/src/addon.cc exports. */
export interface NativeAddon {
  /** p = [aOffset, bOffset, cOffset, batch, m, n, k, sab, sam, sak, sbb, sbk, sbn, scb, scm, f32Sum (gemm.ts F32Sum)]; C's column stride is 1. */
  gemm_f32(a: Float32Array, b: Float32Array, c: Float32Array, p: Float64Array): void;
  gemm_f64(a: Float64Array, b: Float64Array, c: Float64Array, p: Float64Array): void;
  /** p = [H, W, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow] */
  im2col_f32(x: Float32Array, cols: Float32Array, planes: number, p: Float64Array): void;
  im2col_f64(x: Float64Array, cols: Float64Array, planes: number, p: Float64Array): void;
  col2im_f32(cols: Float32Array, x: Float32Array, planes: number, p: Float64Array): void;
  col2im_f64(cols: Float64Array, x: Float64Array, planes: number, p: Float64Array): void;
  /** p: the window geometry as im2col's; indices get each window's winning position in its plane. */
  max_pool2d_f32(x: Float32Array, values: Float32Array, indices: Float64Array, planes: number, p: Float64Array): void;
  max_pool2d_f64(x: Float64Array, values: Float64Array, indices: Float64Array, planes: number, p: Float64Array): void;
  /** out (overwritten, [planes, inPlane]) gets grad ([planes, outPlane]) added at indices. */
  max_pool2d_scatter_f32(
    grad: Float32Array,
    indices: Float64Array,
    out: Float32Array,
    planes: number,
    inPlane: number,
    outPlane: number,
  ): void;
  max_pool2d_scatter_f64(
    grad: Float64Array,
    indices: Float64Array,
    out: Float64Array,
    planes: number,
    inPlane: number,
    outPlane: number,
  ): void;
  /** p = [ndim, srcOffset, dstOffset, ...shape, ...srcStrides, ...dstStrides]; float32/float64 either side. */
  copy(src: Float32Array | Float64Array, dst: Float32Array | Float64Array, p: Float64Array): void;
  /** p = [ndim, xOffset, ...shape, ...xStrides, s0, s1]; out contiguous, x's type (native/src/elementwise.h's UnaryOp codes). */
  unary(op: number, x: Float32Array | Float64Array, out: Float32Array | Float64Array, p: Float64Array): void;
  /** p = [ndim, aOffset, bOffset, ...shape, ...aStrides, ...bStrides, s0, s1]; out a's type, or a Uint8Array for comparisons. */
  binary(
    op: number,
    a: Float32Array | Float64Array,
    b: Float32Array | Float64Array,
    out: Float32Array | Float64Array | Uint8Array,
    p: Float64Array,
  ): void;
  /** s = [lr, momentum, dampening, weight_decay, nesterov, maximize, initBuffer]; in place on param (and buf). */
  sgd(
    param: Float32Array | Float64Array,
    grad: Float32Array | Float64Array,
    buf: Float32Array | Float64Array | null,
    s: Float64Array,
  ): void;
  /** s = [lr, beta1, beta2, eps, weight_decay, stepSize, bc2Sqrt, decoupled, amsgrad, maximize]; in place. */
  adam(
    param: Float32Array | Float64Array,
    grad: Float32Array | Float64Array,
    m: Float32Array | Float64Array,
    v: Float32Array | Float64Array,
    vmax: Float32Array | Float64Array | null,
    s: Float64Array,
  ): void;
  /** p = [ndim, xOffset, ...shape, ...xStrides, run]: out contiguous, x's type (native/src/unary_math.h's MathOp codes). */
  unary_math(op: number, x: Float32Array | Float64Array, out: Float32Array | Float64Array, p: Float64Array): void;
  /** p = [ndim, xOffset, ...shape, ...xStrides, ...reduced (0/1)]; native/src/reduce_fast.h's codes (sum, mean, max, min, argmax, argmin). */
  reduce_fast(op: number, x: Float32Array | Float64Array, out: Float32Array | Float64Array, p: Float64Array): void;
  /** p = [outer, size, inner, log (0/1)]: softmax or log_softmax of [outer, size, inner] row-major x over its middle dim. */
  softmax(x: Float32Array | Float64Array, out: Float32Array | Float64Array, p: Float64Array): void;
  /** im2col with the batch folded into the columns, [C*kh*kw, N*oh*ow]; p as im2col's. */
  im2col_folded(x: FloatArr, cols: FloatArr, N: number, C: number, p: Float64Array): void;
  /** The adjoint of im2col_folded into x (overwritten); p as im2col's. */
  col2im_folded(cols: FloatArr, x: FloatArr, N: number, C: number, p: Float64Array): void;
  /** Batch norm's passes (native/src/batchnorm.h) over dense [N, C, HW] arrays of one float type. */
  bn_stats(x: FloatArr, mean: FloatArr, variance: FloatArr, N: number, C: number, HW: number): void;
  bn_affine(
    x: FloatArr,
    mean: FloatArr,
    scale: FloatArr,
    bias: FloatArr | null,
    out: FloatArr,
    N: number,
    C: number,
    HW: number,
  ): void;
  bn_grad_sums(
    g: FloatArr,
    x: FloatArr,
    mean: FloatArr,
    invstd: FloatArr,
    sumG: Float64Array,
    sumGXhat: Float64Array,
    N: number,
    C: number,
    HW: number,
  ): void;
  bn_grad_input(
    g: FloatArr,
    x: FloatArr,
    mean: FloatArr,
    invstd: FloatArr,
    gMean: FloatArr,
    gxMean: FloatArr,
    w: FloatArr | null,
    out: FloatArr,
    N: number,
    C: number,
    HW: number,
  ): void;
  /** heapReuse: malloc keeps freed storage for reuse (native/src/heap_reuse.h; glibc only) */
  info(): { isa: Isa; threads: number; heapReuse: boolean };
  set_num_threads(n: number): void;
  /** false when the CPU lacks the instruction set */
  set_isa(isa: Isa): boolean;
}

/**
 * The folder holding binding.gyp: GRADLAB_NATIVE_DIR if set (tests point it at an empty folder to
 * see the fallback), else native/ found walking up from this file (engine/backend/native in the
 * sources, dist/engine/backend/native when compiled).
 */
export function addonDir(): string | null {
  if (process.env.GRADLAB_NATIVE_DIR) return resolve(process.env.GRADLAB_NATIVE_DIR);
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir))
    if (existsSync(join(dir, "native", "binding.gyp"))) return join(dir, "native");
  return null;
}

export type LoadResult = { ok: true; addon: NativeAddon; path: string } | { ok: false; reason: string };

const loaded = new Map<string | null, LoadResult>();

/** The addon in `dir` (default: addonDir()), loaded once; or why it could not be. */
export function loadAddon(dir: string | null = addonDir()): LoadResult {
  let r = loaded.get(dir);
  if (!r) loaded.set(dir, (r = load(dir)));
  return r;
}

function load(dir: string | null): LoadResult {
  if (!dir) return { ok: false, reason: "the native/ folder was not found next to the engine" };
  try {
    const require = createRequire(import.meta.url);
    const nodeGypBuild = require("node-gyp-build") as { (dir: string): unknown; path(dir: string): string };
    const path = nodeGypBuild.path(dir);
    return { ok: true, addon: nodeGypBuild(dir) as NativeAddon, path };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message.split("\n")[0] : String(e) };
  }
}

type FloatArr = Float32Array | Float64Array;
