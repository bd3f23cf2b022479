/**
 * The native elementwise kernels, reductions and fused SGD against the TypeScript backend, bit for
 * bit: every op the addon has, float32 and float64, on every instruction set this CPU has, over
 * awkward shapes (empty, one element, sizes around the SIMD widths, large enough to be threaded),
 * broadcast operands (scalars, rows, columns, per-channel [C, 1, 1]), transposed and offset views,
 * and special values (NaN, -0, infinities, subnormals).
 */
import { describe, expect, test } from "vitest";
import type { SgdScalars, StridedView } from "../../../engine/backend/backend.js";
import { JsBackend } from "../../../engine/backend/js/js_backend.js";
import { sgdKernel } from "../../../engine/backend/js/optim_kernels.js";
import type { Isa } from "../../../engine/backend/native/addon.js";
import { builtAddon } from "./built_addon.js";
import { BINARY_CODES, REDUCE_CODES, UNARY_CODES } from "../../../engine/backend/native/elementwise.js";
import { NativeBackend } from "../../../engine/backend/native/native_backend.js";
import type { BinaryKernel, ReduceKernel, UnaryKernel } from "../../../engine/backend/kernels.js";
import { bool, float32, float64, type DType } from "../../../engine/tensor/dtype.js";

const { addon, startIsa, startThreads } = builtAddon();

const ts = new JsBackend();
const native = new NativeBackend(addon);
native.minWork = 0;

/** A deterministic stream of values in [-2, 2), with special values sprinkled in. */
function filler(seed: number, specials = true): () => number {
  let s = seed >>> 0;
  const SPECIAL = [NaN, -0, 0, Infinity, -Infinity, 1e-40, -3e-39, 1, -1, 0.5];
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return specials && s % 23 === 0 ? SPECIAL[(s >>> 8) % SPECIAL.length] : s / 2 ** 30 - 2;
  };
}

const contiguousStrides = (shape: readonly number[]) => {
  const st = new Array<number>(shape.length);
  for (let d = shape.length - 1, acc = 1; d >= 0; d--) {
    st[d] = acc;
    acc *= shape[d];
  }
  return st;
};

/** A view of `shape` over fresh data: row-major after `offset` elements, or with its last two dims transposed. */
function view(dtype: DType, shape: number[], rnd: () => number, { offset = 0, transposed = false } = {}): StridedView {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new dtype.ArrayType(offset + n);
  for (let i = 0; i < data.length; i++) data[i] = rnd();
  let strides = contiguousStrides(shape);
  if (transposed && shape.length >= 2) {
    const nd = shape.length,
      t = [...shape];
    [t[nd - 1], t[nd - 2]] = [t[nd - 2], t[nd - 1]];
    const ts_ = contiguousStrides(t);
    strides = [...ts_];
    [strides[nd - 1], strides[nd - 2]] = [ts_[nd - 2], ts_[nd - 1]];
  }
  return { data, offset, shape, strides, dtype };
}

/** `v` (of `from` shape) broadcast to `shape` (zero strides on the new and size-1 dims). */
function broadcast(v: StridedView, shape: number[]): StridedView {
  const lead = shape.length - v.shape.length;
  const strides = shape.map((s, d) => (d < lead || v.shape[d - lead] === 1 ? 0 : v.strides[d - lead]));
  return { ...v, shape, strides };
}

/** Bit-for-bit equality (NaN equals NaN, -0 differs from 0), with the first difference in the message. */
function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++)
    if (!Object.is(got[i], want[i]) && !(got[i] !== got[i] && want[i] !== want[i]))
      expect.fail(`${what} at ${i}: native ${got[i]}, TypeScript ${want[i]}`);
}

const SIZES = [0, 1, 7, 15, 16, 17, 31, 33, 100, 70001];
const ISAS: Isa[] = ["generic", "avx2", "avx512"];
const DTYPES = [float32, float64];

const UNARY_PARAMS: Partial<Record<UnaryKernel, number[][]>> = {
  affine: [[0.1, -3]],
  clamp: [
    [-0.5, 0.75],
    [NaN, 0.25],
    [-1, NaN],
  ],
};
const BINARY_PARAMS: Partial<Record<BinaryKernel, number[][]>> = {
  add_alpha: [[0.3]],
  sub_alpha: [[-2.5]],
  threshold_backward: [[0], [0.5]],
  axpby: [
    [0.5, 2],
    [0, 1.5],
    [1, 1],
  ],
};

/** Pairs of operand shapes broadcasting to an output shape. */
const BROADCASTS: [number[], number[]][] = [
  [
    [2, 3, 5, 7],
    [1, 3, 1, 1],
  ],
  [[3, 5, 7], [7]],
  [
    [3, 5, 7],
    [5, 1],
  ],
  [[1], [9, 17]],
  [[4, 33], []],
  [
    [2, 1, 17],
    [2, 9, 1],
  ],
  [
    [8, 64, 16, 16],
    [1, 64, 1, 1],
  ],
  [[0, 5], [5]],
];

describe.each(ISAS)("native elementwise kernels on %s", (isa) => {
  const has = addon.set_isa(isa);
  for (const dtype of DTYPES) {
    test.skipIf(!has)(`unary ${dtype.name}: every kernel, contiguous, offset and transposed`, () => {
      addon.set_isa(isa);
      for (const op of Object.keys(UNARY_CODES) as UnaryKernel[])
        for (const p of UNARY_PARAMS[op] ?? [[]])
          for (const n of SIZES) {
            for (const [shape, layout] of [
              [[n], {}],
              [[n], { offset: 3 }],
              [[3, n], { transposed: true }],
            ] as const) {
              const x = view(dtype, [...shape], filler(n + 11), layout);
              expectSameBits(
                native.unary(op, x, dtype, p) as Float32Array,
                ts.unary(op, x, dtype, p) as Float32Array,
                `${op}(${p}) ${dtype.name} [${shape}] ${JSON.stringify(layout)}`,
              );
            }
          }
      addon.set_isa(startIsa);
    });

    test.skipIf(!has)(`binary ${dtype.name}: every kernel, same shapes, broadcasting and transposed operands`, () => {
      addon.set_isa(isa);
      for (const op of Object.keys(BINARY_CODES) as BinaryKernel[]) {
        const out = BINARY_CODES[op]! >= 8 ? bool : dtype;
        for (const p of BINARY_PARAMS[op] ?? [[]]) {
          const check = (a: StridedView, b: StridedView, shape: number[], what: string) =>
            expectSameBits(
              native.binary(op, a, b, shape, out, p) as Float32Array,
              ts.binary(op, a, b, shape, out, p) as Float32Array,
              `${op}(${p}) ${dtype.name} ${what}`,
            );
          for (const n of SIZES) {
            const a = view(dtype, [n], filler(n + 1)),
              b = view(dtype, [n], filler(n + 2), { offset: 5 });
            check(a, b, [n], `[${n}]`);
            // equal values make ==, <= and threshold_backward's boundary matter
            check(a, a, [n], `[${n}] with itself`);
            const s = view(dtype, [], filler(n + 3));
            check(a, broadcast(s, [n]), [n], `[${n}] and a scalar`);
            check(broadcast(s, [n]), b, [n], `a scalar and [${n}]`);
            const at = view(dtype, [5, n], filler(n + 4), { transposed: true }),
              bt = view(dtype, [5, n], filler(n + 5));
            check(at, bt, [5, n], `[5, ${n}] transposed`);
          }
          for (const [sa, sb] of BROADCASTS) {
            const nd = Math.max(sa.length, sb.length);
            const full = Array.from({ length: nd }, (_, d) => {
              const x = sa[d - (nd - sa.length)] ?? 1,
                y = sb[d - (nd - sb.length)] ?? 1;
              return x === 1 ? y : x;
            });
            const a = view(dtype, sa, filler(full.length + 7)),
              b = view(dtype, sb, filler(full.length + 8));
            check(broadcast(a, full), broadcast(b, full), full, `[${sa}] with [${sb}]`);
          }
        }
      }
      addon.set_isa(startIsa);
    });
  }
});

describe("native reductions", () => {
  const CASES: [number[], number[]][] = [
    [
      [8, 64, 16, 16],
      [0, 2, 3],
    ],
    [
      [3, 5, 7],
      [0, 2],
    ],
    [[3, 5, 7], [1]],
    [[3, 5, 7], [2]],
    [
      [3, 5, 7],
      [0, 1, 2],
    ],
    [[64, 256], [0]],
    [[17], [0]],
    [[0, 5], [0]],
    [[5, 0], [1]],
    [[4, 0, 3], [0]],
    [
      [1, 1, 9],
      [0, 2],
    ],
    [[2, 3], []],
    [[70001], [0]],
    [
      [9, 13, 11],
      [1, 2],
    ],
  ];
  for (const op of Object.keys(REDUCE_CODES) as ReduceKernel[])
    for (const [dtype, out] of [
      [float32, float32],
      [float32, float64],
      [float64, float64],
    ] as const)
      test(`${op} ${dtype.name} -> ${out.name} over dims, contiguous and transposed`, () => {
        for (const [shape, dims] of CASES)
          for (const layout of [{}, { transposed: true, offset: 2 }]) {
            const x = view(dtype, shape, filler(shape.length * 31 + dims.length, false), layout);
            expectSameBits(
              native.reduce(op, x, dims, out) as Float32Array,
              ts.reduce(op, x, dims, out) as Float32Array,
              `${op} [${shape}] over [${dims}] ${JSON.stringify(layout)}`,
            );
          }
      });

  test("NaN and infinities propagate as in the TypeScript reducers", () => {
    const x = view(float32, [6, 40], filler(5));
    expectSameBits(
      native.reduce("sum", x, [1], float32) as Float32Array,
      ts.reduce("sum", x, [1], float32) as Float32Array,
      "sum with specials",
    );
  });
});

describe("native fused SGD", () => {
  const SETTINGS: Partial<SgdScalars>[] = [
    {},
    { momentum: 0.9, initBuffer: true },
    { momentum: 0.9 },
    { momentum: 0.9, nesterov: true, weight_decay: 1e-4 },
    { momentum: 0.8, dampening: 0.1, weight_decay: 0.01, maximize: true },
    { weight_decay: 0.1 },
    { momentum: 0.9, nesterov: true, initBuffer: true },
  ];
  for (const dtype of DTYPES)
    test(`${dtype.name}: every setting gives the TypeScript kernel's parameters and buffers`, () => {
      for (const n of SIZES)
        for (const set of SETTINGS) {
          const s: SgdScalars = {
            lr: 0.01,
            momentum: 0,
            dampening: 0,
            weight_decay: 0,
            nesterov: false,
            maximize: false,
            initBuffer: false,
            f32: dtype === float32,
            ...set,
          };
          const rnd = filler(n + 3, false);
          const p = new dtype.ArrayType(n).map(rnd),
            g = new dtype.ArrayType(n).map(rnd),
            buf = s.momentum ? new dtype.ArrayType(n).map(rnd) : null;
          const [p2, buf2] = [p.slice(), buf?.slice() ?? null];
          native.optim.sgd(p, g, buf, s);
          sgdKernel(p2, g, buf2, s);
          expectSameBits(p, p2, `param ${JSON.stringify(set)} n=${n}`);
          if (buf) expectSameBits(buf, buf2!, `buffer ${JSON.stringify(set)} n=${n}`);
        }
    });
});

test("one thread or several give the same bits", () => {
  const x = view(float32, [4, 64, 33, 17], filler(9)),
    y = view(float32, [1, 64, 1, 1], filler(10));
  const work = () => [
    native.binary("mul", x, broadcast(y, x.shape as number[]), x.shape, float32),
    native.reduce("mean", x, [0, 2, 3], float32),
  ];
  addon.set_num_threads(1);
  const one = work();
  addon.set_num_threads(3);
  const three = work();
  addon.set_num_threads(startThreads);
  expectSameBits(three[0] as Float32Array, one[0] as Float32Array, "mul");
  expectSameBits(three[1] as Float32Array, one[1] as Float32Array, "mean");
});
