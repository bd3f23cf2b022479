/**
 * Kernels for convolution and pooling in plain TypeScript: im2col/col2im (F.unfold/F.fold),
 * max pooling with indices and its scatter/gather, and window sums (average pooling, adaptive
 * average pooling) with their adjoints. Inputs are dense row-major [N*C, H, W] planes; results
 * are new arrays of the requested dtype.
 *
 * Proposed addition to the Backend interface (engine/backend/backend.ts): `NnKernels` below.
 * Until a backend implements it, ops use `nnKernels()`, which falls back to these.
 */
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { backend } from "../index.js";

/** Sliding-window geometry over an [H, W] plane (conv and pooling share it). */
export interface Window2d {
  H: number; W: number;
  kh: number; kw: number;
  sh: number; sw: number;
  ph: number; pw: number;
  dh: number; dw: number;
  /** output plane size */
  oh: number; ow: number;
}

/**
 * Windows given explicitly per output row/column (average and adaptive pooling): output
 * [i, j] sums input rows [hs[i], he[i]) x columns [ws[j], we[j]) and divides by div[i*ow + j].
 */
export interface WindowTable {
  H: number; W: number; oh: number; ow: number;
  hs: Int32Array; he: Int32Array; ws: Int32Array; we: Int32Array;
  div: Float64Array;
}

export interface NnKernels {
  /** [N, C, H, W] -> [N, C*kh*kw, oh*ow]; out-of-range taps read 0. */
  im2col(x: TypedArray, N: number, C: number, g: Window2d, out: DType): TypedArray;
  /** Adjoint of im2col: [N, C*kh*kw, oh*ow] -> [N, C, H, W], overlapping taps add up. */
  col2im(cols: TypedArray, N: number, C: number, g: Window2d, out: DType): TypedArray;
  /** Max over each window of P planes; indices are flat positions in the H*W plane (first max wins, NaN wins). */
  maxPool2d(x: TypedArray, P: number, g: Window2d, out: DType): { values: TypedArray; indices: Float64Array };
  /** grad [P, oh*ow] scattered (added) into [P, H*W] at `indices`. */
  maxPoolScatter(grad: TypedArray, indices: Float64Array, P: number, inPlane: number, outPlane: number, out: DType): TypedArray;
  /** gather [P, H*W] at `indices` -> [P, oh*ow] (the adjoint of maxPoolScatter). */
  maxPoolGather(x: TypedArray, indices: Float64Array, P: number, inPlane: number, outPlane: number, out: DType): TypedArray;
  /** Window sums divided by the table's divisors: [P, H, W] -> [P, oh, ow]. */
  windowMean(x: TypedArray, P: number, t: WindowTable, out: DType): TypedArray;
  /** Adjoint of windowMean: [P, oh, ow] -> [P, H, W]. */
  windowMeanBackward(g: TypedArray, P: number, t: WindowTable, out: DType): TypedArray;
}

export const jsNnKernels: NnKernels = {
  im2col(x, N, C, g, out) {
    const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow } = g;
    const L = oh * ow, res = new out.ArrayType(N * C * kh * kw * L);
    let r = 0;
    for (let n = 0; n < N; n++)
      for (let c = 0; c < C; c++) {
        const plane = (n * C + c) * H * W;
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++)
            for (let y = 0; y < oh; y++) {
              const iy = y * sh - ph + i * dh;
              if (iy < 0 || iy >= H) { r += ow; continue; }
              const row = plane + iy * W;
              for (let xo = 0; xo < ow; xo++, r++) {
                const ix = xo * sw - pw + j * dw;
                if (ix >= 0 && ix < W) res[r] = x[row + ix];
              }
            }
      }
    return res;
  },

  col2im(cols, N, C, g, out) {
    const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow } = g;
    // Accumulate in double, round once at the end.
    const acc = new Float64Array(N * C * H * W);
    let r = 0;
    for (let n = 0; n < N; n++)
      for (let c = 0; c < C; c++) {
        const plane = (n * C + c) * H * W;
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++)
            for (let y = 0; y < oh; y++) {
              const iy = y * sh - ph + i * dh;
              if (iy < 0 || iy >= H) { r += ow; continue; }
              const row = plane + iy * W;
              for (let xo = 0; xo < ow; xo++, r++) {
                const ix = xo * sw - pw + j * dw;
                if (ix >= 0 && ix < W) acc[row + ix] += cols[r];
              }
            }
      }
    return out.ArrayType === Float64Array ? acc : new out.ArrayType(acc);
  },

  maxPool2d(x, P, g, out) {
    const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow } = g;
    const values = new out.ArrayType(P * oh * ow), indices = new Float64Array(P * oh * ow);
    let r = 0;
    for (let p = 0; p < P; p++) {
      const plane = p * H * W;
      for (let y = 0; y < oh; y++)
        for (let xo = 0; xo < ow; xo++, r++) {
          // as ATen's cpu_max_pool: start at the first in-range tap, take (val > max) || isnan(val)
          let y0 = y * sh - ph, x0 = xo * sw - pw;
          while (y0 < 0) y0 += dh;
          while (x0 < 0) x0 += dw;
          const y1 = Math.min(y * sh - ph + (kh - 1) * dh + 1, H), x1 = Math.min(xo * sw - pw + (kw - 1) * dw + 1, W);
          let best = -Infinity, arg = y0 * W + x0;
          for (let iy = y0; iy < y1; iy += dh)
            for (let ix = x0; ix < x1; ix += dw) {
              const v = x[plane + iy * W + ix];
              if (v > best || v !== v) { best = v; arg = iy * W + ix; }
            }
          values[r] = best;
          indices[r] = arg;
        }
    }
    return { values, indices };
  },

  maxPoolScatter(grad, indices, P, inPlane, outPlane, out) {
    const acc = new Float64Array(P * inPlane);
    for (let p = 0; p < P; p++)
      for (let k = 0; k < outPlane; k++) acc[p * inPlane + indices[p * outPlane + k]] += grad[p * outPlane + k];
    return out.ArrayType === Float64Array ? acc : new out.ArrayType(acc);
  },

  maxPoolGather(x, indices, P, inPlane, outPlane, out) {
    const res = new out.ArrayType(P * outPlane);
    for (let p = 0; p < P; p++)
      for (let k = 0; k < outPlane; k++) res[p * outPlane + k] = x[p * inPlane + indices[p * outPlane + k]];
    return res;
  },

  windowMean(x, P, t, out) {
    const { H, W, oh, ow, hs, he, ws, we, div } = t;
    const res = new out.ArrayType(P * oh * ow);
    let r = 0;
    for (let p = 0; p < P; p++) {
      const plane = p * H * W;
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++, r++) {
          let s = 0;
          for (let y = hs[i]; y < he[i]; y++) for (let xx = ws[j]; xx < we[j]; xx++) s += x[plane + y * W + xx];
          res[r] = s / div[i * ow + j];
        }
    }
    return res;
  },

  windowMeanBackward(g, P, t, out) {
    const { H, W, oh, ow, hs, he, ws, we, div } = t;
    const acc = new Float64Array(P * H * W);
    let r = 0;
    for (let p = 0; p < P; p++) {
      const plane = p * H * W;
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++, r++) {
          const v = g[r] / div[i * ow + j];
          for (let y = hs[i]; y < he[i]; y++) for (let xx = ws[j]; xx < we[j]; xx++) acc[plane + y * W + xx] += v;
        }
    }
    return out.ArrayType === Float64Array ? acc : new out.ArrayType(acc);
  },
};

/** The active backend's nn kernels when it has them, else the TypeScript ones. */
export function nnKernels(): NnKernels {
  const b = backend() as unknown as Partial<NnKernels>;
  return typeof b.im2col === "function" ? (b as NnKernels) : jsNnKernels;
}
