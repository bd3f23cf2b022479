/**
 * The native max pooling and its adjoint against the TypeScript kernels, bit for bit: values,
 * winning positions (first max wins, NaN wins, ties and -0), and gradients added into overlapping
 * windows, over odd sizes, padding, strides and dilation, float32 and float64.
 */
import { expect, test } from "vitest";
import type { Window2d } from "../../../engine/backend/backend.js";
import { jsNnKernels } from "../../../engine/backend/js/nn_kernels.js";
import { builtAddon } from "./built_addon.js";
import { NativeBackend } from "../../../engine/backend/native/native_backend.js";
import { float32, float64 } from "../../../engine/tensor/dtype.js";

const { addon: builtNative } = builtAddon();
const native = new NativeBackend(builtNative);
native.minWork = 0;

function geom(H: number, W: number, k: number, s: number, p: number, d: number): Window2d {
  const o = (n: number) => Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
  return { H, W, kh: k, kw: k, sh: s, sw: s, ph: p, pw: p, dh: d, dw: d, oh: o(H), ow: o(W) };
}

/** Values from a small set, so ties are common; NaN and -0 sprinkled in. */
function values(n: number, seed: number, F: typeof Float32Array | typeof Float64Array): Float32Array | Float64Array {
  let s = seed;
  const pick = [0, -0, 1, 2, -1, 0.5, 2, NaN, -Infinity, 0.25];
  const out = new F(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s % 11 === 0 ? pick[s % pick.length] : (s >>> 20) / 64 - 32;
  }
  return out;
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]) || (v !== v && b[i] !== b[i]));

const GEOMS: [number, number, number, number, number, number][] = [
  [32, 32, 3, 2, 1, 1],
  [7, 9, 2, 2, 0, 1],
  [15, 13, 3, 1, 1, 1],
  [11, 11, 3, 2, 1, 2],
  [1, 1, 1, 1, 0, 1],
  [5, 6, 3, 3, 1, 1],
  [64, 64, 3, 2, 1, 1],
];

for (const dtype of [float32, float64])
  test(`${dtype.name}: max_pool2d values, indices and the scatter of gradients match the TypeScript kernels`, () => {
    for (const [H, W, k, s, p, d] of GEOMS)
      for (const P of [1, 3, 64]) {
        const g = geom(H, W, k, s, p, d),
          what = `${dtype.name} P=${P} ${JSON.stringify([H, W, k, s, p, d])}`;
        const x = values(P * H * W, H * 7 + P, dtype.ArrayType as typeof Float32Array);
        const got = native.nn.maxPool2d(x, P, g, dtype),
          want = jsNnKernels.maxPool2d(x, P, g, dtype);
        expect(same(got.values, want.values), `values ${what}`).toBe(true);
        expect(same(got.indices, want.indices), `indices ${what}`).toBe(true);
        const grad = values(P * g.oh * g.ow, P + 3, dtype.ArrayType as typeof Float32Array).map((v) =>
          v !== v ? 0.125 : v,
        );
        const gs = native.nn.maxPoolScatter(grad, want.indices, P, H * W, g.oh * g.ow, dtype);
        expect(
          same(gs, jsNnKernels.maxPoolScatter(grad, want.indices, P, H * W, g.oh * g.ow, dtype)),
          `scatter ${what}`,
        ).toBe(true);
      }
  });
