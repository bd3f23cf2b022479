/**
 * The engine's matrix products and convolutions on the native backend give what the TypeScript
 * backend gives (forward and gradients), and do run in the addon: matmul, mm, bmm, addmm, linear,
 * conv2d, conv_transpose2d, unfold/fold, in float32 and float64; small and integer products stay
 * in TypeScript.
 */
import { afterEach, expect, test, vi } from "vitest";
import * as torch from "../../../engine/index.js";
import { functional as F } from "../../../engine/nn/index.js";
import { backend, set_backend } from "../../../engine/backend/index.js";
import { JsBackend } from "../../../engine/backend/js/js_backend.js";
import { builtAddon } from "./built_addon.js";
import { NativeBackend } from "../../../engine/backend/native/native_backend.js";

const { addon } = builtAddon();
const original = backend();
afterEach(() => {
  set_backend(original);
  vi.restoreAllMocks();
  torch.set_float32_matmul_precision("highest");
});

type T = torch.Tensor;
/** Runs `work` with seeded inputs; returns its outputs and the inputs' gradients as flat arrays. */
function run(dtype: torch.dtype, work: (x: () => T) => T[]): number[][] {
  torch.manual_seed(0);
  const inputs: T[] = [];
  const x = () => {
    const t = torch.randn(...SHAPES[inputs.length], { dtype }).requires_grad_();
    inputs.push(t);
    return t;
  };
  const outs = work(x);
  outs.reduce((s, o) => s.add(o.pow(2).sum()), torch.zeros([], { dtype })).backward();
  return [...outs.map((o) => o.detach().contiguous()._values()), ...inputs.map((i) => i.grad!.contiguous()._values())];
}
const SHAPES: number[][] = [
  [40, 30],
  [30, 50],
  [3, 40, 30],
  [3, 30, 20],
  [50],
  [2, 6, 15, 14],
  [8, 6, 3, 3],
  [2, 8, 9, 9],
  [8, 5, 4, 4],
  [20, 30],
];
const WORK = (x: () => T): T[] => {
  const a = x(),
    b = x(),
    ba = x(),
    bb = x(),
    bias = x(),
    img = x(),
    w = x(),
    timg = x(),
    tw = x(),
    lw = x();
  return [
    a.matmul(b),
    torch.mm(a, b),
    torch.bmm(ba, bb),
    torch.addmm(bias, a, b, { beta: 0.5, alpha: 2 }),
    F.linear(a, lw),
    F.conv2d(img, w, null, { stride: 2, padding: 1 }),
    F.conv_transpose2d(timg, tw, null, { stride: 2, padding: 1 }),
    F.fold(F.unfold(img, 3, { padding: 1 }), [15, 14], 3, { padding: 1 }),
    ba.transpose(1, 2).matmul(ba),
  ];
};

function compare(dtype: torch.dtype, rtol: number): void {
  const native = new NativeBackend(addon);
  native.minWork = 0;
  const gemm32 = vi.spyOn(addon, "gemm_f32"),
    gemm64 = vi.spyOn(addon, "gemm_f64");
  const im2col = vi.spyOn(addon, dtype === torch.float32 ? "im2col_f32" : "im2col_f64");
  const col2im = vi.spyOn(addon, dtype === torch.float32 ? "col2im_f32" : "col2im_f64");
  const im2colFolded = vi.spyOn(addon, "im2col_folded"),
    col2imFolded = vi.spyOn(addon, "col2im_folded");
  set_backend(native);
  const got = run(dtype, WORK);
  expect((dtype === torch.float32 ? gemm32 : gemm64).mock.calls.length).toBeGreaterThan(20);
  expect(im2col).toHaveBeenCalled();
  expect(col2im).toHaveBeenCalled();
  // a batch of small maps: the forward and the weight gradient as one product over the batch
  expect(im2colFolded).toHaveBeenCalled();
  expect(col2imFolded).toHaveBeenCalled();
  set_backend(new JsBackend());
  const want = run(dtype, WORK);
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    const scale = Math.max(...want[i].map(Math.abs));
    g.forEach((v, j) => {
      if (!(Math.abs(v - want[i][j]) <= rtol * scale))
        expect.fail(`result ${i} [${j}]: native ${v}, TypeScript ${want[i][j]}`);
    });
  });
}

test("float64 matrix products and convolutions, forward and backward, agree with the TypeScript backend", () =>
  compare(torch.float64, 1e-13));
test("float32 ones agree at highest precision (double accumulation, as the TypeScript backend)", () =>
  compare(torch.float32, 1e-6));
test("float32 ones agree at high precision (float32 accumulation) within float32 rounding", () => {
  torch.set_float32_matmul_precision("high");
  compare(torch.float32, 1e-5);
});

test("small and integer products stay in TypeScript", () => {
  const env = process.env.GRADLAB_NATIVE_MIN_WORK;
  delete process.env.GRADLAB_NATIVE_MIN_WORK; // the default threshold (the goldens are also run with it at 0)
  const native = new NativeBackend(addon);
  if (env !== undefined) process.env.GRADLAB_NATIVE_MIN_WORK = env;
  const gemm32 = vi.spyOn(addon, "gemm_f32");
  set_backend(native);
  expect(native.minWork).toBeGreaterThan(8 * 8 * 8);
  torch.ones(8, 8).matmul(torch.ones(8, 8));
  expect(
    String(
      torch
        .ones(64, 64, { dtype: torch.int64 })
        .matmul(torch.ones(64, 64, { dtype: torch.int64 }))
        .sum(),
    ),
  ).toBe("tensor(262144)");
  expect(gemm32).not.toHaveBeenCalled();
  torch.ones(64, 64).matmul(torch.ones(64, 64));
  expect(gemm32).toHaveBeenCalledTimes(1);
});

test("transcendental kernels and broadcast binaries use the addon from about a hundred elements", () => {
  const env = process.env.GRADLAB_NATIVE_MIN_WORK;
  delete process.env.GRADLAB_NATIVE_MIN_WORK; // the default threshold
  const native = new NativeBackend(addon);
  if (env !== undefined) process.env.GRADLAB_NATIVE_MIN_WORK = env;
  set_backend(native);
  const softmax = vi.spyOn(addon, "softmax"),
    math = vi.spyOn(addon, "unary_math"),
    binary = vi.spyOn(addon, "binary");
  const logits = torch.rand(64, 10); // the course MLP's batch of 64 over 10 classes
  logits.log_softmax(1);
  logits.exp();
  logits.mul(torch.rand(64, 1));
  expect([softmax, math, binary].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
  // Small or dense-and-cheap work stays in TypeScript.
  torch.rand(8).exp();
  torch.rand(8).log_softmax(0);
  logits.mul(torch.rand(64, 10));
  expect([softmax, math, binary].map((f) => f.mock.calls.length)).toEqual([1, 1, 1]);
});

test("set_float32_matmul_precision takes PyTorch's three choices and rejects others", () => {
  expect(torch.get_float32_matmul_precision()).toBe("highest");
  torch.set_float32_matmul_precision("medium");
  expect(torch.get_float32_matmul_precision()).toBe("medium");
  expect(() => torch.set_float32_matmul_precision("low" as "high")).toThrow(
    'set_float32_matmul_precision expects "highest", "high" or "medium", but got "low"',
  );
});

test("copies of permuted, expanded and cast float views run in the addon and give the TypeScript backend's bits", () => {
  const native = new NativeBackend(addon);
  native.minWork = 0;
  const copy = vi.spyOn(addon, "copy");
  const views = () => {
    torch.manual_seed(1);
    const x = torch.randn(3, 4, 5, 6, { dtype: torch.float64 }),
      y = torch.randn(7, 1, 9);
    return [
      x.permute(2, 0, 3, 1).contiguous(),
      x.to(torch.float32).transpose(0, 3).contiguous(),
      y.expand(7, 8, 9).contiguous(),
      y.to(torch.float64).transpose(0, 2).contiguous(),
      x.select(0, 1).select(0, 2).t().to(torch.float32),
    ].map((t) => [t.dtype.name, ...t._values()]);
  };
  set_backend(native);
  const got = views();
  expect(copy.mock.calls.length).toBeGreaterThanOrEqual(5);
  set_backend(new JsBackend());
  expect(got).toEqual(views());
});
