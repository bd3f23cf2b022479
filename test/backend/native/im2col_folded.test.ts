/**
 * im2col with the batch folded into the columns ([C*kh*kw, N*oh*ow], the operand of a batch's
 * convolution as one product) and its adjoint col2imFolded: the native kernels against the
 * TypeScript ones, and the TypeScript ones against im2col/col2im's [N, C*kh*kw, oh*ow] with the
 * batch moved, bit for bit, over padding, strides, dilation and rectangular kernels, float32 and
 * float64.
 */
import { expect, test } from "vitest";
import type { Window2d } from "../../../engine/backend/backend.js";
import { jsNnKernels } from "../../../engine/backend/js/nn_kernels.js";
import { builtAddon } from "./built_addon.js";
import { NativeBackend } from "../../../engine/backend/native/native_backend.js";
import { float32, float64 } from "../../../engine/tensor/dtype.js";

const native = new NativeBackend(builtAddon().addon);
native.minWork = 0;

function geom(H: number, W: number, kh: number, kw: number, s: number, p: number, d: number): Window2d {
  const o = (n: number, k: number) => Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
  return { H, W, kh, kw, sh: s, sw: s, ph: p, pw: p, dh: d, dw: d, oh: o(H, kh), ow: o(W, kw) };
}

const CASES: [number, number, Window2d][] = [
  [2, 3, geom(8, 8, 3, 3, 1, 1, 1)],
  [8, 64, geom(4, 4, 3, 3, 1, 1, 1)],
  [3, 5, geom(9, 7, 3, 2, 2, 1, 1)],
  [4, 2, geom(11, 10, 3, 3, 2, 2, 2)],
  [1, 4, geom(5, 5, 1, 1, 2, 0, 1)],
  [8, 16, geom(32, 32, 7, 7, 2, 3, 1)],
];

for (const dtype of [float32, float64])
  test(`${dtype.name}: im2colFolded is im2col with the batch in the columns, natively and in TypeScript`, () => {
    for (const [N, C, g] of CASES) {
      const x = (dtype.ArrayType as typeof Float64Array).from(
        { length: N * C * g.H * g.W },
        (_, i) => ((i * 37) % 101) - 50.5,
      );
      const K = C * g.kh * g.kw,
        L = g.oh * g.ow;
      const cols = jsNnKernels.im2col(x, N, C, g, dtype);
      const want = new Float64Array(K * N * L);
      for (let n = 0; n < N; n++)
        for (let k = 0; k < K; k++) for (let l = 0; l < L; l++) want[(k * N + n) * L + l] = cols[(n * K + k) * L + l];
      const ts = jsNnKernels.im2colFolded(x, N, C, g, dtype),
        nat = native.nn.im2colFolded(x, N, C, g, dtype);
      expect(Array.from(ts), `TypeScript ${N} ${C} ${JSON.stringify(g)}`).toEqual(Array.from(want));
      expect(nat).toBeInstanceOf(dtype.ArrayType);
      expect(Array.from(nat), `native ${N} ${C} ${JSON.stringify(g)}`).toEqual(Array.from(want));
    }
  });

for (const dtype of [float32, float64])
  test(`${dtype.name}: col2imFolded is col2im of the columns with the batch moved first, natively and in TypeScript`, () => {
    for (const [N, C, g] of CASES) {
      const K = C * g.kh * g.kw,
        L = g.oh * g.ow;
      const folded = (dtype.ArrayType as typeof Float64Array).from(
        { length: K * N * L },
        (_, i) => ((i * 53) % 97) / 7 - 6,
      );
      const batchFirst = new (dtype.ArrayType as typeof Float64Array)(K * N * L);
      for (let n = 0; n < N; n++)
        for (let k = 0; k < K; k++)
          for (let l = 0; l < L; l++) batchFirst[(n * K + k) * L + l] = folded[(k * N + n) * L + l];
      const want = Array.from(jsNnKernels.col2im(batchFirst, N, C, g, dtype));
      const what = `${N} ${C} ${JSON.stringify(g)}`;
      expect(Array.from(jsNnKernels.col2imFolded(folded, N, C, g, dtype)), `TypeScript ${what}`).toEqual(want);
      const nat = native.nn.col2imFolded(folded, N, C, g, dtype);
      expect(nat).toBeInstanceOf(dtype.ArrayType);
      expect(Array.from(nat), `native ${what}`).toEqual(want);
    }
  });
