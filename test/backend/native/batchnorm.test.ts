/**
 * Batch norm's fused passes (nn.batchNormStats/Affine/GradSums/GradInput): the native kernels
 * against the TypeScript ones bit for bit, and the TypeScript ones against the tensor ops they
 * replace (batch_norm's forward and backward as written in engine/ops/normalization.ts before the
 * fusion), on the TypeScript backend, bit for bit; float32 and float64, with and without weight
 * and bias, shapes large enough for the native kernels' threads.
 */
import { expect, test } from "vitest";
import type { NnKernels } from "../../../engine/backend/backend.js";
import { set_backend } from "../../../engine/backend/index.js";
import { jsNnKernels } from "../../../engine/backend/js/nn_kernels.js";
import { builtAddon } from "./built_addon.js";
import { NativeBackend } from "../../../engine/backend/native/native_backend.js";
import { float32, float64, type DType, type TypedArray } from "../../../engine/tensor/dtype.js";
import * as torch from "../../../engine/index.js";
import type { Tensor } from "../../../engine/tensor/tensor.js";

const native = new NativeBackend(builtAddon().addon);
native.minWork = 0;

function values(n: number, seed: number, F: typeof Float32Array | typeof Float64Array, shift = 0): TypedArray {
  let s = seed >>> 0;
  const out = new F(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 4 - 2 + shift;
  }
  return out;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

const SHAPES: [number, number, number][] = [
  [2, 3, 5],
  [1, 4, 1],
  [8, 64, 256],
  [3, 17, 33],
  [8, 512, 4],
];

/** Every pass of both backends' kernels on one input: forward statistics and output, backward sums and input gradient. */
function passes(nn: NnKernels, d: DType, N: number, C: number, HW: number, withW: boolean) {
  const F = d.ArrayType as typeof Float32Array;
  const x = values(N * C * HW, N * 31 + C, F, 0.5),
    g = values(N * C * HW, HW + 7, F),
    w = withW ? values(C, 3, F, 1) : null,
    b = withW ? values(C, 5, F) : null;
  const st = nn.batchNormStats(x, N, C, HW, d);
  const invstd = F.from(st.var, (v) => 1 / Math.sqrt(v + 1e-5));
  const out = nn.batchNormAffine(x, st.mean, invstd, b, N, C, HW, d);
  const sums = nn.batchNormGradSums(g, x, st.mean, invstd, N, C, HW, d);
  const n = N * HW,
    gMean = F.from(sums.sumG, (v) => v / n),
    gxMean = F.from(sums.sumGXhat, (v) => v / n);
  const gx = nn.batchNormGradInput(g, x, st.mean, invstd, gMean, gxMean, w, N, C, HW, d);
  return { st, out, sums, gx };
}

for (const d of [float32, float64])
  test(`${d.name}: the native batch norm passes give the TypeScript kernels' bits`, () => {
    for (const [N, C, HW] of SHAPES)
      for (const withW of [false, true]) {
        const a = passes(native.nn, d, N, C, HW, withW),
          b = passes(jsNnKernels, d, N, C, HW, withW),
          what = `${d.name} ${[N, C, HW]} weight ${withW}`;
        expect(same(a.st.mean, b.st.mean), `mean ${what}`).toBe(true);
        expect(same(a.st.var, b.st.var), `var ${what}`).toBe(true);
        expect(same(a.out, b.out), `out ${what}`).toBe(true);
        expect(same(a.sums.sumG, b.sums.sumG), `sum g ${what}`).toBe(true);
        expect(same(a.sums.sumGXhat, b.sums.sumGXhat), `sum g*xhat ${what}`).toBe(true);
        expect(same(a.gx, b.gx), `grad input ${what}`).toBe(true);
      }
  });

/** batch_norm's training forward and backward as tensor ops (the unfused formulas), on the TypeScript backend. */
function unfused(x: Tensor, w: Tensor | null, b: Tensor | null, g: Tensor) {
  const dims = [0, 2],
    bshape = [1, x.shape[1], 1];
  const mean = x.mean(dims),
    varB = x.sub(mean.view(bshape)).square().mean(dims);
  const invstd = varB.add(1e-5).rsqrt();
  let scale = invstd;
  if (w) scale = scale.mul(w);
  let out = x.sub(mean.view(bshape)).mul(scale.view(bshape));
  if (b) out = out.add(b.view(bshape));
  const xhat = x.sub(mean.view(bshape)).mul(invstd.view(bshape));
  const gMean = g.mean(dims, true),
    gxMean = g.mul(xhat).mean(dims, true);
  let gx = g.sub(gMean).sub(xhat.mul(gxMean)).mul(invstd.view(bshape));
  if (w) gx = gx.mul(w.view(bshape));
  return { out, gx, gw: g.mul(xhat).sum(dims), gb: g.sum(dims) };
}

for (const d of [float32, float64])
  test(`${d.name}: F.batch_norm in training mode (fused) gives the unfused tensor ops' bits, forward and backward`, () => {
    const prev = set_backend("ts");
    try {
      for (const [N, C, HW] of SHAPES.slice(0, 4).filter(([N, , HW]) => N * HW > 1))
        for (const withW of [false, true]) {
          const F = d.ArrayType as typeof Float32Array;
          const t = (a: TypedArray, shape: number[]) => torch.tensor(Array.from(a), { dtype: d }).reshape(shape);
          const x = t(values(N * C * HW, N + C, F, 0.25), [N, C, HW]).requires_grad_(),
            g = t(values(N * C * HW, 9, F), [N, C, HW]);
          const w = withW ? t(values(C, 3, F, 1), [C]).requires_grad_() : null,
            b = withW ? t(values(C, 4, F), [C]).requires_grad_() : null;
          const out = torch.nn.functional.batch_norm(x, null, null, w, b, true);
          out.backward(g);
          const want = unfused(x.detach(), w?.detach() ?? null, b?.detach() ?? null, g);
          const what = `${d.name} ${[N, C, HW]} weight ${withW}`;
          expect(
            same(out.detach().flatten().tolist() as number[], want.out.flatten().tolist() as number[]),
            `out ${what}`,
          ).toBe(true);
          expect(
            same(x.grad!.flatten().tolist() as number[], want.gx.flatten().tolist() as number[]),
            `grad x ${what}`,
          ).toBe(true);
          if (w) {
            expect(same(w.grad!.tolist() as number[], want.gw.tolist() as number[]), `grad w ${what}`).toBe(true);
            expect(same(b!.grad!.tolist() as number[], want.gb.tolist() as number[]), `grad b ${what}`).toBe(true);
          }
        }
    } finally {
      set_backend(prev);
    }
  });
