/**
 * Kernels for convolution and pooling in plain TypeScript: im2col/col2im (F.unfold/F.fold),
 * max pooling with indices and its scatter/gather, and window sums (average pooling, adaptive
 * average pooling) with their adjoints. Inputs are dense row-major [N*C, H, W] planes; results
 * are new arrays of the requested dtype. The TypeScript implementation of the Backend's optional `nn` group (engine/backend/backend.ts).
 */
import type { DType, TypedArray } from "../../tensor/dtype.js";
import type { NnKernels, Window2d, WindowTable } from "../backend.js";

/**
 * Where each tap of each window reads in an [H, W] plane: taps[t * L + k] for kernel tap
 * t = i * kw + j and output position k = y * ow + x is a plane offset, or -1 in the padding.
 * Convolution (im2col/col2im) and max pooling walk the same windows; computing them once keeps
 * the kernels to their one job each.
 */
function windowTaps(g: Window2d): Int32Array {
  const { H, W, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow } = g;
  const L = oh * ow,
    taps = new Int32Array(kh * kw * L);
  let r = 0;
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let y = 0; y < oh; y++) {
        const iy = y * sh - ph + i * dh;
        for (let xo = 0; xo < ow; xo++, r++) {
          const ix = xo * sw - pw + j * dw;
          taps[r] = iy >= 0 && iy < H && ix >= 0 && ix < W ? iy * W + ix : -1;
        }
      }
  return taps;
}

/**
 * The input elements of each window of a WindowTable, in row-major order: window k reads plane
 * offsets cells[start[k] .. start[k + 1]) (average pooling and its adjoint share these).
 */
function tableCells(t: WindowTable): { start: Int32Array; cells: Int32Array } {
  const { W, oh, ow, hs, he, ws, we } = t;
  const start = new Int32Array(oh * ow + 1);
  for (let i = 0, k = 0; i < oh; i++)
    for (let j = 0; j < ow; j++, k++) start[k + 1] = start[k] + (he[i] - hs[i]) * (we[j] - ws[j]);
  const cells = new Int32Array(start[oh * ow]);
  let c = 0;
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++)
      for (let y = hs[i]; y < he[i]; y++) for (let xx = ws[j]; xx < we[j]; xx++) cells[c++] = y * W + xx;
  return { start, cells };
}

/** Accumulated in double: round once, to the requested dtype. */
const rounded = (acc: Float64Array, out: DType): TypedArray =>
  out.ArrayType === Float64Array ? acc : new out.ArrayType(acc);

/** Rounding to `d` after each step: float32 rounds, float64 is exact. */
const rounding = (d: DType): ((v: number) => number) => (d.name === "float64" ? (v) => v : Math.fround);

export const jsNnKernels: NnKernels = {
  batchNormStats(x, N, C, HW, out) {
    const r = rounding(out),
      n = N * HW;
    const mean = new out.ArrayType(C),
      variance = new out.ArrayType(C);
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let i = 0; i < N; i++) for (let j = 0, a = (i * C + c) * HW; j < HW; j++) s += x[a + j];
      const m = r(s / n);
      let q = 0;
      for (let i = 0; i < N; i++)
        for (let j = 0, a = (i * C + c) * HW; j < HW; j++) {
          const d = r(x[a + j] - m);
          q += r(d * d);
        }
      mean[c] = m;
      variance[c] = r(q / n);
    }
    return { mean, var: variance };
  },

  batchNormAffine(x, mean, scale, bias, N, C, HW, out) {
    const r = rounding(out),
      res = new out.ArrayType(N * C * HW);
    for (let i = 0; i < N; i++)
      for (let c = 0; c < C; c++) {
        const m = mean[c],
          s = scale[c],
          a = (i * C + c) * HW;
        if (bias) {
          const b = bias[c];
          for (let j = a; j < a + HW; j++) res[j] = r(r(x[j] - m) * s) + b;
        } else for (let j = a; j < a + HW; j++) res[j] = r(x[j] - m) * s;
      }
    return res;
  },

  batchNormGradSums(g, x, mean, invstd, N, C, HW, out) {
    const r = rounding(out),
      sumG = new Float64Array(C),
      sumGXhat = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      const m = mean[c],
        v = invstd[c];
      let sg = 0,
        sgx = 0;
      for (let i = 0; i < N; i++)
        for (let j = 0, a = (i * C + c) * HW; j < HW; j++) {
          sg += g[a + j];
          sgx += r(g[a + j] * r(r(x[a + j] - m) * v));
        }
      sumG[c] = sg;
      sumGXhat[c] = sgx;
    }
    return { sumG, sumGXhat };
  },

  batchNormGradInput(g, x, mean, invstd, gMean, gxMean, w, N, C, HW, out) {
    const r = rounding(out),
      res = new out.ArrayType(N * C * HW);
    for (let i = 0; i < N; i++)
      for (let c = 0; c < C; c++) {
        const m = mean[c],
          v = invstd[c],
          gm = gMean[c],
          gxm = gxMean[c],
          wc = w ? w[c] : 1,
          a = (i * C + c) * HW;
        for (let j = a; j < a + HW; j++) {
          const gx = r(r(r(g[j] - gm) - r(r(r(x[j] - m) * v) * gxm)) * v);
          res[j] = w ? gx * wc : gx;
        }
      }
    return res;
  },

  im2col(x, N, C, g, out) {
    const taps = windowTaps(g),
      T = taps.length,
      plane = g.H * g.W;
    const res = new out.ArrayType(N * C * T);
    for (let p = 0, r = 0; p < N * C; p++)
      for (let q = 0, base = p * plane; q < T; q++, r++) if (taps[q] >= 0) res[r] = x[base + taps[q]];
    return res;
  },

  im2colFolded(x, N, C, g, out) {
    const cols = jsNnKernels.im2col(x, N, C, g, out),
      L = g.oh * g.ow,
      K = cols.length / (N * L),
      res = new out.ArrayType(cols.length);
    for (let n = 0; n < N; n++)
      for (let k = 0; k < K; k++) res.set(cols.subarray((n * K + k) * L, (n * K + k + 1) * L), (k * N + n) * L);
    return res;
  },

  col2imFolded(cols, N, C, g, out) {
    const L = g.oh * g.ow,
      K = cols.length / (N * L),
      batchFirst = new (cols.constructor as Float64ArrayConstructor)(cols.length);
    for (let n = 0; n < N; n++)
      for (let k = 0; k < K; k++) batchFirst.set(cols.subarray((k * N + n) * L, (k * N + n + 1) * L), (n * K + k) * L);
    return jsNnKernels.col2im(batchFirst, N, C, g, out);
  },

  col2im(cols, N, C, g, out) {
    const taps = windowTaps(g),
      T = taps.length,
      plane = g.H * g.W;
    const acc = new Float64Array(N * C * plane);
    for (let p = 0, r = 0; p < N * C; p++)
      for (let q = 0, base = p * plane; q < T; q++, r++) if (taps[q] >= 0) acc[base + taps[q]] += cols[r];
    return rounded(acc, out);
  },

  maxPool2d(x, P, g, out) {
    const taps = windowTaps(g),
      L = g.oh * g.ow,
      K = g.kh * g.kw,
      plane = g.H * g.W;
    const values = new out.ArrayType(P * L),
      indices = new Float64Array(P * L);
    for (let p = 0, r = 0; p < P; p++)
      for (let k = 0; k < L; k++, r++) {
        // as ATen's cpu_max_pool: start at the first in-range tap, take (val > max) || isnan(val)
        let best = -Infinity,
          arg = -1;
        for (let t = 0; t < K; t++) {
          const o = taps[t * L + k];
          if (o < 0) continue;
          if (arg < 0) arg = o;
          const v = x[p * plane + o];
          if (v > best || v !== v) {
            best = v;
            arg = o;
          }
        }
        values[r] = best;
        indices[r] = arg;
      }
    return { values, indices };
  },

  maxPoolScatter(grad, indices, P, inPlane, outPlane, out) {
    const acc = new Float64Array(P * inPlane);
    for (let p = 0; p < P; p++)
      for (let k = 0; k < outPlane; k++) acc[p * inPlane + indices[p * outPlane + k]] += grad[p * outPlane + k];
    return rounded(acc, out);
  },

  maxPoolGather(x, indices, P, inPlane, outPlane, out) {
    const res = new out.ArrayType(P * outPlane);
    for (let p = 0; p < P; p++)
      for (let k = 0; k < outPlane; k++) res[p * outPlane + k] = x[p * inPlane + indices[p * outPlane + k]];
    return res;
  },

  windowMean(x, P, t, out) {
    const { start, cells } = tableCells(t),
      L = t.oh * t.ow,
      plane = t.H * t.W;
    const res = new out.ArrayType(P * L);
    for (let p = 0, r = 0; p < P; p++)
      for (let k = 0; k < L; k++, r++) {
        let s = 0;
        for (let c = start[k]; c < start[k + 1]; c++) s += x[p * plane + cells[c]];
        res[r] = s / t.div[k];
      }
    return res;
  },

  windowMeanBackward(g, P, t, out) {
    const { start, cells } = tableCells(t),
      L = t.oh * t.ow,
      plane = t.H * t.W;
    const acc = new Float64Array(P * plane);
    for (let p = 0, r = 0; p < P; p++)
      for (let k = 0; k < L; k++, r++) {
        const v = g[r] / t.div[k];
        for (let c = start[k]; c < start[k + 1]; c++) acc[p * plane + cells[c]] += v;
      }
    return rounded(acc, out);
  },
};
