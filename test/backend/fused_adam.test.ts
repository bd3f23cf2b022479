/**
 * The fused Adam/AdamW update (the backends' optim.adam: TypeScript, and the native addon) gives
 * the bits of the tensor-op composition it replaces (torch/optim/adam.py's _single_tensor_adam
 * as engine/optim/adam.ts wrote it with tensor ops), over several steps, every option, float32 and
 * float64, sizes around the SIMD widths and large enough for threads.
 */
import { afterEach, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import type { AdamScalars, OptimKernels } from "../../engine/backend/backend.js";
import { backend, set_backend } from "../../engine/backend/index.js";
import { adamKernel } from "../../engine/backend/js/optim_kernels.js";
import { loadAddon } from "../../engine/backend/native/addon.js";
import { NativeBackend } from "../../engine/backend/native/native_backend.js";

type T = torch.Tensor;
const original = backend();
afterEach(() => {
  set_backend(original);
});

interface Opts {
  lr: number;
  betas: [number, number];
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
  decoupled: boolean;
}

/** One step of the composition, in place on p, m, v, mx (the tensor ops of _single_tensor_adam). */
function composite(p: T, grad0: T, m: T, v: T, mx: T | null, step: number, o: Opts): void {
  const [b1, b2] = o.betas,
    { lr, eps, weight_decay: wd } = o;
  let grad = o.maximize ? grad0.neg() : grad0;
  if (o.decoupled) p.mul_(1 - lr * wd);
  else if (wd !== 0) grad = grad.add(p, { alpha: wd });
  m.mul_(b1).add_(grad, { alpha: 1 - b1 });
  v.mul_(b2).add_(grad.mul(grad), { alpha: 1 - b2 });
  const stepSize = lr / (1 - b1 ** step),
    bc2Sqrt = Math.sqrt(1 - b2 ** step);
  let denom: T;
  if (mx) {
    mx.copy_(mx.maximum(v));
    denom = mx.sqrt().div(bc2Sqrt).add_(eps);
  } else denom = v.sqrt().div(bc2Sqrt).add_(eps);
  p.add_(m.div(denom), { alpha: -stepSize });
}

const OPTS: Partial<Opts>[] = [
  {},
  { weight_decay: 0.1 },
  { amsgrad: true, weight_decay: 0.05, betas: [0.8, 0.99] },
  { maximize: true, lr: 0.01 },
  { decoupled: true, weight_decay: 0.01 },
  { decoupled: true, amsgrad: true, weight_decay: 0.3, eps: 0.1, betas: [0.7, 0.9] },
];

const loaded = loadAddon();
const kernels: [string, OptimKernels["adam"]][] = [["typescript", adamKernel]];
if (loaded.ok) {
  const nb = new NativeBackend(loaded.addon);
  nb.minWork = 0;
  kernels.push(["native", nb.optim.adam]);
}

/** The first position where two tensors' bits differ (NaN equal to NaN), or -1. */
function firstDifference(a: T, b: T): number {
  const x = a._data,
    y = b._data;
  for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i]) && !(x[i] !== x[i] && y[i] !== y[i])) return i;
  return x.length === y.length ? -1 : x.length;
}

for (const [name, kernel] of kernels)
  for (const dtype of [torch.float32, torch.float64])
    test(`${name} ${dtype.name}: the fused update gives the composition's parameters and state, step after step`, () => {
      set_backend("ts");
      // 140001 elements: the native update runs on several threads
      for (const n of [1, 7, 16, 33, 1001, 140001])
        for (const partial of n > 2000 ? OPTS.slice(2, 3) : OPTS) {
          const o: Opts = {
            lr: 0.1,
            betas: [0.9, 0.999],
            eps: 1e-8,
            weight_decay: 0,
            amsgrad: false,
            maximize: false,
            decoupled: false,
            ...partial,
          };
          torch.manual_seed(n);
          const p = torch.randn(n, { dtype }),
            ref = {
              p: p.clone(),
              m: torch.zeros(n, { dtype }),
              v: torch.zeros(n, { dtype }),
              mx: o.amsgrad ? torch.zeros(n, { dtype }) : null,
            };
          const got = {
            p: p.clone(),
            m: torch.zeros(n, { dtype }),
            v: torch.zeros(n, { dtype }),
            mx: o.amsgrad ? torch.zeros(n, { dtype }) : null,
          };
          for (let step = 1; step <= 3; step++) {
            const g = torch.randn(n, { dtype }).mul(step === 2 ? 1e-3 : 2);
            composite(ref.p, g, ref.m, ref.v, ref.mx, step, o);
            const s: AdamScalars = {
              lr: o.lr,
              beta1: o.betas[0],
              beta2: o.betas[1],
              eps: o.eps,
              weight_decay: o.weight_decay,
              stepSize: o.lr / (1 - o.betas[0] ** step),
              bc2Sqrt: Math.sqrt(1 - o.betas[1] ** step),
              decoupled: o.decoupled,
              amsgrad: o.amsgrad,
              maximize: o.maximize,
              f32: dtype === torch.float32,
            };
            kernel(got.p._data, g._data, got.m._data, got.v._data, got.mx?._data ?? null, s);
            for (const k of ["p", "m", "v", "mx"] as const)
              if (ref[k])
                expect(
                  firstDifference(got[k]!, ref[k]!),
                  `${k} after step ${step}, n=${n}, ${JSON.stringify(partial)}`,
                ).toBe(-1);
          }
        }
    });

test("optim.Adam and AdamW run the fused kernel for contiguous float parameters", () => {
  const calls: number[] = [];
  const b = backend(),
    orig = b.optim.adam;
  b.optim.adam = (...a) => {
    calls.push(a[0].length);
    orig(...a);
  };
  try {
    const w = torch.randn(5, 3, { requires_grad: true });
    for (const opt of [
      new torch.optim.Adam([w], { lr: 0.1 }),
      new torch.optim.AdamW([w], { lr: 0.1, amsgrad: true }),
    ]) {
      w.pow(2).sum().backward();
      opt.step();
    }
  } finally {
    b.optim.adam = orig;
  }
  expect(calls).toEqual([15, 15]);
});
