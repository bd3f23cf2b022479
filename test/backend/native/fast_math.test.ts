/**
 * The native transcendental kernels (exp, sigmoid, silu, log, tanh, expm1: native/src/unary_math*), fast
 * reductions (sum, mean, max, min, argmax, argmin: native/src/reduce_fast*) and softmax/log_softmax
 * (native/src/softmax.cc) against the TypeScript backend, bit for bit, on every instruction set this CPU has: special values (NaN, infinities, signed zeros,
 * subnormals, the over- and underflow thresholds of SLEEF's expf and of exp), odd lengths (the
 * float32 scalar tail of a contiguous run, per row when the rows are strided), transposed views
 * (every element through the scalar lambda), and sums built to cross powers of two, cancel, or
 * mix magnitudes (the blocks the exact fast sum must refuse).
 */
import { describe, expect, test } from "vitest";
import type { StridedView } from "../../../engine/backend/backend.js";
import { JsBackend } from "../../../engine/backend/js/js_backend.js";
import { jsSoftmaxKernels } from "../../../engine/backend/js/softmax_kernel.js";
import type { Isa } from "../../../engine/backend/native/addon.js";
import { builtAddon } from "./built_addon.js";
import { FAST_REDUCE_CODES, MATH_CODES } from "../../../engine/backend/native/fast_math.js";
import { NativeBackend } from "../../../engine/backend/native/native_backend.js";
import type { ReduceKernel, UnaryKernel } from "../../../engine/backend/kernels.js";
import { float32, float64, int64, type DType } from "../../../engine/tensor/dtype.js";

const { addon, startIsa, startThreads } = builtAddon();

const ts = new JsBackend();
const native = new NativeBackend(addon);
native.minWork = 0;

const ISAS: Isa[] = ["generic", "avx2", "avx512"];

/** A deterministic uniform stream in [0, 1). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Values where exp, sigmoid and silu change regime: SLEEF's cut-offs (-104, 100), float and double over/underflow, ln2 steps. */
const EDGES = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  1e-45,
  -1e-45,
  1e-40,
  -3e-39,
  1.1754943508222875e-38,
  2 ** -28,
  -(2 ** -28),
  2 ** -25,
  1,
  -1,
  0.5,
  Math.LN2 / 2,
  -Math.LN2 / 2,
  1.5 * Math.LN2,
  -1.5 * Math.LN2,
  4,
  22,
  -22,
  87.33654,
  -87.33654,
  88.72283935546875,
  88.7228,
  89.41598510742188,
  -103.27893,
  -103.97208,
  -104,
  -104.00001,
  100,
  100.00001,
  -100,
  709.782712893384,
  709.79,
  -745.1332191019411,
  -745.2,
  1e10,
  -1e10,
  3.4028234663852886e38,
  -3.4028234663852886e38,
];

/** EDGES, their float neighbours, then `n` values over magnitudes from 1e-8 to 1e3 of either sign. */
function mathValues(dtype: DType, n: number, seed: number): number[] {
  const rnd = uniform(seed);
  const out: number[] = [];
  for (const e of EDGES) {
    out.push(e);
    if (Number.isFinite(e) && e !== 0) out.push(e * (1 + 2 ** -23), e * (1 - 2 ** -23), e * (1 + 2 ** -52));
  }
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const mag = r < 0.4 ? rnd() * 110 : r < 0.8 ? Math.exp((rnd() - 0.5) * 40) : rnd() * 4;
    out.push(rnd() < 0.5 ? -mag : mag);
  }
  return dtype === float32 ? out.map(Math.fround) : out;
}

function contiguousStrides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  for (let d = shape.length - 1, acc = 1; d >= 0; d--) {
    st[d] = acc;
    acc *= shape[d];
  }
  return st;
}

function dense(dtype: DType, values: readonly number[], shape: number[], offset = 0): StridedView {
  const data = new dtype.ArrayType(offset + values.length);
  data.set(values, offset);
  return { data, offset, shape, strides: contiguousStrides(shape), dtype };
}

/** Bit-for-bit equality (any NaN equals any NaN, -0 differs from 0), naming the first difference and its input. */
function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string, input?: (i: number) => number) {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i]) && !(got[i] !== got[i] && want[i] !== want[i]))
      expect.fail(`${what} at ${i}${input ? ` (x = ${input(i)})` : ""}: native ${got[i]}, TypeScript ${want[i]}`);
}

describe.each(ISAS)("native exp, sigmoid and silu on %s", (isa) => {
  const has = addon.set_isa(isa);
  addon.set_isa(startIsa);
  for (const dtype of [float32, float64])
    for (const op of Object.keys(MATH_CODES) as UnaryKernel[])
      test.skipIf(!has)(
        `${op} ${dtype.name}: special values, odd lengths, offset, row-strided and transposed views`,
        () => {
          addon.set_isa(isa);
          const values = mathValues(dtype, 20000, 7);
          const check = (x: StridedView, what: string) =>
            expectSameBits(
              native.unary(op, x, dtype) as Float32Array,
              ts.unary(op, x, dtype) as Float32Array,
              `${op} ${dtype.name} ${what}`,
            );
          // Every length up to 40 from several starting points: tails of 0 to 15 elements, short runs entirely tail.
          for (let n = 0; n <= 40; n++)
            for (const start of [0, 5, 90])
              check(dense(dtype, values.slice(start, start + n), [n], 1), `[${n}] from ${start}`);
          const n = values.length;
          check(dense(dtype, values, [n]), `[${n}]`);
          // Rows of 37 with stride 40: each row is a contiguous run with its own 5-element tail.
          const rows = Math.floor(n / 40);
          check(
            { ...dense(dtype, values, [n]), shape: [rows, 37], strides: [40, 1] },
            `[${rows}, 37] rows of stride 40`,
          );
          // A transposed view: strided rows run through the scalar lambda only.
          check({ ...dense(dtype, values, [n]), shape: [37, rows], strides: [1, 37] }, `[37, ${rows}] transposed`);
          check(
            { ...dense(dtype, values, [n]), shape: [rows, 3, 5], strides: [40, 10, 2] },
            `[${rows}, 3, 5] stride 2`,
          );
          addon.set_isa(startIsa);
        },
      );
});

test("float32 exp, sigmoid, silu, log, tanh and expm1 match the TypeScript kernels on every 997th float32 bit pattern", () => {
  // 4.3 million floats of every exponent and sign, in runs of 2^20 (tails included).
  const bits = new Uint32Array(1 << 20),
    f = new Float32Array(bits.buffer);
  for (let base = 0; base < 2 ** 32; base += bits.length * 997) {
    for (let i = 0; i < bits.length; i++) bits[i] = (base + i * 997) >>> 0;
    const x: StridedView = { data: f, offset: 0, shape: [bits.length - 3], strides: [1], dtype: float32 };
    for (const op of Object.keys(MATH_CODES) as UnaryKernel[])
      expectSameBits(
        native.unary(op, x, float32) as Float32Array,
        ts.unary(op, x, float32) as Float32Array,
        op,
        (i) => f[i],
      );
  }
});

/** Value streams for the sums: each pushes the exact fast sum into refusing blocks in its own way. */
const SUM_STREAMS: Record<string, (r: () => number) => number> = {
  uniform: (r) => Math.fround(r()),
  // torch.rand's grid (multiples of 2^-24): values coarser than their ulp, with some finer ones mixed in.
  "rand grid": (r) => Math.floor(r() * 2 ** 24) / 2 ** 24,
  "rand grid, few fine": (r) =>
    (r() < 0.001 ? Math.fround(r() * 2 ** -20) : Math.floor(r() * 2 ** 24) / 2 ** 24) * 1000,
  normal: (r) => Math.fround(Math.sqrt(-2 * Math.log(r() + 1e-300)) * Math.cos(2 * Math.PI * r())),
  "wide magnitudes": (r) => Math.fround((r() - 0.5) * Math.exp((r() - 0.5) * 60)),
  "large with tiny": (r) => Math.fround(r() < 0.05 ? 1e-30 * r() : 1e6 * r()),
  cancelling: (r) => {
    const v = Math.fround(2 ** Math.floor(r() * 40 - 20) * (1 + r()));
    return r() < 0.5 ? -v : v;
  },
  "signed zeros": (r) => (r() < 0.3 ? -0 : r() < 0.5 ? 0 : Math.fround(-r())),
  specials: (r) => {
    const u = r();
    return u < 0.002 ? NaN : u < 0.004 ? Infinity : u < 0.006 ? -Infinity : u < 0.02 ? 1e-42 : Math.fround(r() * 1e5);
  },
  integers: (r) => Math.floor(r() * 9) - 4,
};

const REDUCE_LAYOUTS: [number[], number[][]][] = [
  [
    [1000, 1000],
    [[1], [0], [0, 1]],
  ],
  [
    [37, 1001],
    [[1], [0], [0, 1]],
  ],
  [
    [3, 5, 129],
    [[2], [0], [1], [0, 2], [1, 2]],
  ],
  [[100003], [[0]]],
  [
    [4, 64, 9],
    [[0, 2], [2], [0]],
  ],
  [
    [5000, 1],
    [[0], [1]],
  ],
  [
    [2, 0, 3],
    [[1], [0]],
  ],
  [[6], [[]]],
];

describe.each(ISAS)("native sum, mean, max, min, argmax and argmin on %s", (isa) => {
  const has = addon.set_isa(isa);
  addon.set_isa(startIsa);
  for (const dtype of [float32, float64])
    test.skipIf(!has)(
      `${dtype.name}: every layout, contiguous and transposed, over value streams that defeat the fast sum`,
      () => {
        addon.set_isa(isa);
        for (const [stream, gen] of Object.entries(SUM_STREAMS))
          for (const [shape, dimsList] of REDUCE_LAYOUTS)
            for (const transposed of [false, true]) {
              const r = uniform(shape.length * 13 + stream.length);
              const n = shape.reduce((a, b) => a * b, 1);
              const values = Array.from({ length: n }, () => gen(r));
              let x = dense(dtype, values, shape, 3);
              if (transposed) x = { ...x, shape: [...shape].reverse(), strides: contiguousStrides(shape).reverse() };
              for (const dims of dimsList)
                for (const op of Object.keys(FAST_REDUCE_CODES) as ReduceKernel[])
                  for (const out of op.startsWith("arg")
                    ? [int64]
                    : op === "max" || op === "min" || dtype === float64
                      ? [dtype]
                      : [float32, float64])
                    expectSameBits(
                      native.reduce(op, x, dims, out) as Float32Array,
                      ts.reduce(op, x, dims, out) as Float32Array,
                      `${op} ${dtype.name} -> ${out.name} ${stream} [${x.shape}] over [${dims}]${transposed ? " transposed" : ""}`,
                    );
            }
        addon.set_isa(startIsa);
      },
    );
});

test("a long float32 sum that crosses many powers of two gives the serial sum's bits", () => {
  // Growing values make the running sum cross a power of two every few blocks.
  const n = 1 << 20;
  const values = Array.from({ length: n }, (_, i) => Math.fround(1 + i / 1000 + (i % 7) * 2 ** -20));
  const x = dense(float32, values, [n]);
  for (const out of [float32, float64])
    expectSameBits(
      native.reduce("sum", x, [0], out) as Float32Array,
      ts.reduce("sum", x, [0], out) as Float32Array,
      "sum",
    );
});

describe("native softmax and log_softmax", () => {
  const SHAPES: [number, number, number][] = [
    [1, 1, 1],
    [7, 10, 1],
    [64, 1000, 1],
    [3, 17, 5],
    [2, 33, 129],
    [1, 0, 4],
  ];
  for (const dtype of [float32, float64])
    for (const log of [false, true])
      test(`${log ? "log_softmax" : "softmax"} ${dtype.name}: lanes of every layout, with NaN, infinities and huge spreads`, () => {
        for (const [outer, size, inner] of SHAPES)
          for (const spread of [1, 30, 1e4]) {
            const r = uniform(outer * 7 + size + inner + spread);
            const n = outer * size * inner;
            const data = new dtype.ArrayType(n);
            for (let i = 0; i < n; i++) {
              const u = r();
              data[i] = u < 0.01 ? NaN : u < 0.02 ? -Infinity : u < 0.025 ? Infinity : (r() - 0.5) * spread;
            }
            // One lane all -inf (0/0 in every element), one lane without specials.
            if (size > 0) for (let i = 0; i < size; i++) data[i * inner] = -Infinity;
            const what = `${log ? "log_softmax" : "softmax"} ${dtype.name} [${outer}, ${size}, ${inner}] spread ${spread}`;
            expectSameBits(
              native.softmax.softmax(data, outer, size, inner, log, dtype),
              jsSoftmaxKernels.softmax(data, outer, size, inner, log, dtype),
              what,
            );
          }
      });
});

test("one thread or several give the same bits for exp, sigmoid and the reductions", () => {
  const values = mathValues(float32, 300000, 3);
  const x = dense(float32, values, [values.length]);
  const m = { ...x, shape: [600, 500], strides: [500, 1] };
  const work = () => [
    native.unary("exp", x, float32),
    native.unary("sigmoid", x, float32),
    native.reduce("sum", m, [1], float32),
    native.reduce("sum", m, [0], float32),
    native.reduce("max", m, [1], float32),
  ];
  addon.set_num_threads(1);
  const one = work();
  addon.set_num_threads(3);
  const three = work();
  addon.set_num_threads(startThreads);
  one.forEach((a, i) => expectSameBits(three[i] as Float32Array, a as Float32Array, `result ${i}`));
});
