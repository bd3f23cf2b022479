/**
 * The native GEMM against the TypeScript backend's matmul (the reference: every product in double,
 * rounded once) over many shapes, transposed and strided operands, broadcast batches, float32 in
 * each of its three summations and float64, on every instruction set this CPU has (generic, AVX2,
 * AVX-512).
 */
import { afterAll, describe, expect, test } from "vitest";
import type { StridedView } from "../../../engine/backend/backend.js";
import { JsBackend } from "../../../engine/backend/js/js_backend.js";
import { loadAddon, type Isa, type NativeAddon } from "../../../engine/backend/native/addon.js";
import { F32Sum, gemm, type FloatArray } from "../../../engine/backend/native/gemm.js";
import { float32, float64, type DType } from "../../../engine/tensor/dtype.js";

const loaded = loadAddon();
if (!loaded.ok)
  throw new Error(`the native addon must be built for these tests (npm run build:native): ${loaded.reason}`);
const addon: NativeAddon = loaded.addon;
const startIsa = addon.info().isa;
afterAll(() => {
  addon.set_isa(startIsa);
});

/** A deterministic stream in [-1, 1) (no engine RNG involved). */
function filler(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
}

interface Layout {
  transposed: boolean;
  pad: number;
  offset: number;
  broadcast: boolean;
}

/** A [B, R, C] operand stored row-major or transposed, rows padded by `pad`, after `offset` elements; batch stride 0 when broadcast. */
function operand(
  F: typeof Float32Array | typeof Float64Array,
  B: number,
  R: number,
  C: number,
  l: Layout,
  rnd: () => number,
): StridedView & { data: FloatArray } {
  const ld = (l.transposed ? R : C) + l.pad,
    plane = ld * (l.transposed ? C : R),
    nb = l.broadcast ? 1 : B;
  const data = new F(l.offset + nb * plane);
  for (let i = 0; i < data.length; i++) data[i] = rnd();
  const strides = l.transposed ? [l.broadcast ? 0 : plane, 1, ld] : [l.broadcast ? 0 : plane, ld, 1];
  return { data, offset: l.offset, shape: [B, R, C], strides, dtype: F === Float32Array ? float32 : float64 };
}

const abs = (v: StridedView): StridedView => ({ ...v, data: (v.data as FloatArray).map(Math.abs) });

const SHAPES: [number, number, number, number][] = [
  // [batch, m, n, k]: below, at and above every kernel's mr/nr, across the kc/mc blocks, degenerate ones
  [1, 1, 1, 1],
  [1, 1, 17, 5],
  [1, 13, 1, 9],
  [1, 7, 9, 300],
  [1, 12, 32, 256],
  [1, 25, 65, 257],
  [1, 97, 33, 64],
  [1, 130, 70, 513],
  [1, 250, 260, 40],
  [3, 31, 47, 29],
  [5, 12, 16, 8],
  [2, 260, 100, 300],
  [1, 3, 4, 0],
  [4, 64, 1, 64],
  // few columns and long sides (computed transposed), across several depth blocks
  [1, 300, 4, 700],
  [2, 100, 3, 40],
  [1, 5, 300, 600],
  // the skinny kernels (at most 16 columns or rows): row and column remainders, depth blocks, threads
  [1, 150, 7, 1100],
  [3, 77, 13, 300],
  [1, 10, 200, 520],
  [2, 333, 16, 64],
  [1, 70, 16, 4100],
];
const LAYOUTS: [Partial<Layout>, Partial<Layout>][] = [
  [{}, {}],
  [{ transposed: true }, {}],
  [{}, { transposed: true }],
  [{ transposed: true }, { transposed: true }],
  [
    { pad: 3, offset: 5 },
    { pad: 2, offset: 1, transposed: true },
  ],
  [{ broadcast: true }, {}],
  [{}, { broadcast: true, pad: 1 }],
];
const full = (l: Partial<Layout>): Layout => ({ transposed: false, pad: 0, offset: 0, broadcast: false, ...l });

/** |native - reference| <= tol * sum_k |a_ik b_kj| (+ a denormal-sized floor), element by element. */
function check(dtype: DType, sum: F32Sum, isa: Isa): void {
  const F = dtype === float32 ? Float32Array : Float64Array;
  const ref = new JsBackend();
  // Double: both round the same double-accumulated value once (sums in a different order may
  // straddle a rounding boundary: one float32 ulp). float32 FMAs: error grows with k, or with the
  // depth block (256 on every kernel) when the blocks are summed in double.
  const KC = 256;
  const tolFor = (k: number) =>
    dtype === float64
      ? 1e-14
      : sum === F32Sum.Double
        ? 2 ** -23
        : sum === F32Sum.BlocksInDouble
          ? (Math.min(k, KC) + 2) * 2 ** -24
          : (k + 2) * 2 ** -24;
  let cases = 0;
  SHAPES.forEach(([B, M, N, K], si) =>
    LAYOUTS.forEach(([la, lb], li) => {
      const rnd = filler(si * 100 + li);
      const a = operand(F, B, M, K, full(la), rnd),
        b = operand(F, B, K, N, full(lb), rnd);
      const c = new F(B * M * N).fill(NaN);
      gemm(
        addon,
        { data: a.data, offset: a.offset, strides: [a.strides[0], a.strides[1], a.strides[2]] },
        { data: b.data, offset: b.offset, strides: [b.strides[0], b.strides[1], b.strides[2]] },
        { data: c, offset: 0, strides: [M * N, N, 1] },
        B,
        M,
        N,
        K,
        sum,
      );
      const want = ref.matmul(a, b, float64) as Float64Array,
        scale = ref.matmul(abs(a), abs(b), float64) as Float64Array;
      const tol = tolFor(K);
      for (let i = 0; i < c.length; i++)
        if (!(Math.abs(c[i] - want[i]) <= tol * scale[i] + 1e-30))
          expect.fail(
            `${isa} ${dtype.name} [${B}, ${M}, ${N}, ${K}] ${JSON.stringify([la, lb])} at ${i}: got ${c[i]}, expected ${want[i]} (tolerance ${tol * scale[i]})`,
          );
      cases++;
    }),
  );
  expect(cases).toBe(SHAPES.length * LAYOUTS.length);
}

const ISAS: Isa[] = ["generic", "avx2", "avx512"];

describe.each(ISAS)("the native GEMM on %s", (isa) => {
  const has = addon.set_isa(isa);
  test.skipIf(!has)(
    "float64 matches the reference over shapes, transposes, strides, offsets and broadcast batches",
    () => {
      addon.set_isa(isa);
      check(float64, F32Sum.Double, isa);
    },
  );
  test.skipIf(!has)("float32 summed in double rounds as the reference does, within one ulp", () => {
    addon.set_isa(isa);
    check(float32, F32Sum.Double, isa);
  });
  test.skipIf(!has)(
    "float32 at highest precision (depth blocks of float32 FMAs summed in double) stays within kc ulps of the exact product",
    () => {
      addon.set_isa(isa);
      check(float32, F32Sum.BlocksInDouble, isa);
    },
  );
  test.skipIf(!has)(
    "float32 at high precision (float32 fused multiply-adds) stays within k ulps of the exact product",
    () => {
      addon.set_isa(isa);
      check(float32, F32Sum.Float, isa);
    },
  );
});

test("the best instruction set of this CPU is chosen by default", () => {
  addon.set_isa(startIsa);
  const best = ["avx512", "avx2", "generic"].find((i) => addon.set_isa(i as Isa))!;
  expect(process.env.GRADLAB_NATIVE_ISA ?? best).toBe(startIsa);
  addon.set_isa(startIsa);
});

test("the GEMM runs on one thread or several with the same result", () => {
  const threads = addon.info().threads;
  const rnd = filler(7);
  const a = Float32Array.from({ length: 300 * 200 }, rnd),
    b = Float32Array.from({ length: 200 * 250 }, rnd);
  const run = () => {
    const c = new Float32Array(300 * 250);
    gemm(
      addon,
      { data: a, offset: 0, strides: [0, 200, 1] },
      { data: b, offset: 0, strides: [0, 250, 1] },
      { data: c, offset: 0, strides: [0, 250, 1] },
      1,
      300,
      250,
      200,
    );
    return c;
  };
  addon.set_num_threads(1);
  const one = run();
  addon.set_num_threads(3);
  const three = run();
  addon.set_num_threads(threads);
  expect(addon.info().threads).toBe(threads);
  expect(three).toEqual(one);
});

describe("the thread pool between back-to-back jobs", () => {
  // Workers watch for the next job before sleeping and the caller watches for them to finish
  // (thread_pool.h): hundreds of threaded products in a row, each split over the pool, must each
  // give the one-thread result, whether a worker was awake, asleep or late.
  test("300 threaded products in a row equal the single-threaded ones", () => {
    const threads = addon.info().threads;
    const n = 128; // 2M multiply-adds: above the pool's threshold
    const next = filler(7);
    const A = new Float32Array(n * n).map(next),
      B = new Float32Array(n * n).map(next);
    const product = () => {
      const c = new Float32Array(n * n);
      gemm(
        addon,
        { data: A, offset: 0, strides: [0, n, 1] },
        { data: B, offset: 0, strides: [0, n, 1] },
        { data: c, offset: 0, strides: [n * n, n, 1] },
        1,
        n,
        n,
        n,
        F32Sum.Float,
      );
      return c;
    };
    addon.set_num_threads(1);
    const expected = product();
    addon.set_num_threads(Math.max(2, threads));
    try {
      for (let i = 0; i < 300; i++) expect(product()).toEqual(expected);
    } finally {
      addon.set_num_threads(threads);
    }
  });
});
