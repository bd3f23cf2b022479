/**
 * Seed 004 on ResNet-18: torch.rand(1, 3, 64, 64), loss = (prediction - labels).sum(), backward,
 * SGD(lr=1e-2, momentum=0.9).step(), three times.
 *
 * Three steps on this loss are chaotic (-478, -4450, -16239): float32 rounding differences grow
 * until PyTorch's own float32 runs (CPU convolutions with mkldnn on or off) land up to 0.68 x RMS
 * from its float64 run on some batch-norm parameters after step 3. So exactness is proven in
 * float64, where gradlab follows PyTorch's float64 run to ~1e-10 (tested at 1e-9) at every step;
 * the float32 run gets tolerances measured from PyTorch (f32_spread in resnet18_goldens.json,
 * written by generate_resnet18_goldens.py), not picked here.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import type * as nn from "../../engine/nn/index.js";
import * as optim from "../../engine/optim/index.js";
import { models } from "../../engine/vision/index.js";
import { G, expectTensor } from "./golden.js";
import { describeBackends } from "../support/backends.js";

type T = torch.Tensor;

interface Summary {
  shape: number[];
  sum?: number;
  abs_sum?: number;
  sq_sum?: number;
  picks?: [number, number][];
  values?: number[];
}
interface StepGold {
  out: Summary;
  grads: Record<string, Summary>;
  state: Record<string, Summary>;
}
interface Spread {
  loss: number;
  out: number;
  grads: number;
  state: number;
}
const R = JSON.parse(readFileSync(new URL("./resnet18_goldens.json", import.meta.url), "utf8")) as {
  f64: { losses: number[]; steps: StepGold[]; eval_out: Summary };
  f32_spread: { steps: Spread[]; eval_out: number };
};

/**
 * t against a summary, within k: the picked elements within k x RMS, the sum within k x abs_sum,
 * abs_sum and sq_sum within k relative. The same measure generate_resnet18_goldens.py's
 * deviation() uses to measure PyTorch's float32 spread. Integer tensors must be equal.
 */
function expectSummary(t: T, e: Summary, what: string, k: number): void {
  expect([...t.shape], `${what} shape`).toEqual(e.shape);
  const v = t.contiguous()._values();
  if (e.values) {
    expect(v, what).toEqual(e.values);
    return;
  }
  let sum = 0,
    abs = 0,
    sq = 0;
  for (const x of v) {
    sum += x;
    abs += Math.abs(x);
    sq += x * x;
  }
  const rms = Math.sqrt(e.sq_sum! / v.length) || 1;
  const within = (got: number, exp: number, scale: number, name: string) => {
    if (!(Math.abs(got - exp) <= k * scale))
      expect.fail(`${what} ${name}: got ${got}, expected ${exp} (within ${k} x ${scale})`);
  };
  for (const [i, x] of e.picks!) within(v[i], x, rms, `[${i}]`);
  within(sum, e.sum!, e.abs_sum! || 1, "sum");
  within(abs, e.abs_sum!, e.abs_sum! || 1, "abs_sum");
  within(sq, e.sq_sum!, e.sq_sum! || 1, "sq_sum");
}

interface StepRecord {
  loss: number;
  out: T;
  model: nn.Module;
}

/** Seed 004's three steps, as generate_resnet18_goldens.py's run(): built in float32 from seed 0, then cast. */
function seed004(
  dtype: torch.dtype,
  onStep: (step: number, r: StepRecord) => void,
  onStart?: (model: nn.Module, data: T) => void,
): nn.Module {
  torch.manual_seed(0);
  const model = models.resnet18();
  const data0 = torch.rand(1, 3, 64, 64),
    labels0 = torch.rand(1, 1000);
  onStart?.(model, data0);
  model.to(dtype);
  const data = data0.to(dtype),
    labels = labels0.to(dtype);
  const opt = new optim.SGD(model.parameters(), { lr: 1e-2, momentum: 0.9 });
  for (let step = 0; step < 3; step++) {
    opt.zero_grad();
    const out = model(data) as T;
    const loss = out.sub(labels).sum();
    loss.backward();
    const rec = { loss: loss.item(), out, model };
    onStep(step, rec);
    opt.step();
    onStep(step + 0.5, rec); // after the update: parameters and running stats
  }
  model.eval();
  torch.no_grad(() => onStep(3, { loss: NaN, out: model(data) as T, model }));
  return model;
}

/** Compare one step (or, at .5, the state after it) with the float64 goldens, k per kind of tensor. */
function compareWithF64(step: number, r: StepRecord, k: (kind: keyof Spread | "eval_out", s: number) => number): void {
  const s = Math.floor(step);
  if (step === 3) {
    expectSummary(r.out, R.f64.eval_out, "eval output", k("eval_out", 2));
    return;
  }
  const g = R.f64.steps[s];
  if (step === s) {
    const lossTol = k("loss", s) * Math.abs(R.f64.losses[s]);
    expect(Math.abs(r.loss - R.f64.losses[s]), `loss at step ${s}`).toBeLessThanOrEqual(lossTol);
    expectSummary(r.out, g.out, `output at step ${s}`, k("out", s));
    for (const [name, p] of r.model.named_parameters())
      expectSummary(p.grad!, g.grads[name], `grad ${name} at step ${s}`, k("grads", s));
  } else {
    for (const [name, v] of r.model.state_dict())
      expectSummary(v, g.state[name], `${name} after step ${s}`, k("state", s));
  }
}

describeBackends("ResNet-18, seed 004's three SGD steps, against PyTorch", () => {
  test("in float64 it follows PyTorch's float64 run to 1e-9: losses, outputs, gradients, parameters and running stats at every step", () => {
    // Observed worst ~1.1e-10 x RMS (layer4.1.bn2.running_var after step 3): float64 rounding, amplified by the same chaos.
    let steps = 0;
    seed004(torch.float64, (step, r) => {
      compareWithF64(step, r, () => 1e-9);
      steps++;
    });
    expect(steps).toBe(7);
  }, 300_000);

  test("in float32 it stays within twice PyTorch's own float32 spread, of PyTorch's float32 run and of the float64 run", () => {
    // spread(kind, step) = how far PyTorch's float32 runs (mkldnn on and off) land from its float64
    // run. Two float32 runs that each lie within that of the float64 trajectory lie within twice it
    // of each other; gradlab's float32 may be as far from float64 as PyTorch's, with the same margin.
    const sp = R.f32_spread;
    const k2 = (kind: keyof Spread | "eval_out", s: number) =>
      2 * (kind === "eval_out" ? sp.eval_out : sp.steps[s][kind]);
    const g = G.resnet18;
    seed004(
      torch.float32,
      (step, r) => {
        compareWithF64(step, r, k2);
        const m = r.model;
        if (step === 3) expectTensor(r.out, g.eval_out, "eval output vs PyTorch float32", { rms: k2("eval_out", 2) });
        else if (step === Math.floor(step))
          expect(Math.abs(r.loss - g.losses[step]), `loss at step ${step} vs PyTorch float32`).toBeLessThanOrEqual(
            k2("loss", step) * Math.abs(g.losses[step]),
          );
        if (step === 0) {
          expectTensor(r.out, g.out0, "output vs PyTorch float32", { rms: k2("out", 0) });
          for (const [k, p] of m.named_parameters())
            expectTensor(p.grad, g.grads0[k], `grad ${k} vs PyTorch float32`, { rms: k2("grads", 0) });
        }
        if (step === 0.5)
          for (const [k, v] of m.state_dict())
            expectTensor(v, g.params1[k], `${k} after 1 step vs PyTorch float32`, { rms: k2("state", 0) });
        if (step === 2.5)
          for (const [k, v] of m.state_dict())
            expectTensor(v, g.params3[k], `${k} after 3 steps vs PyTorch float32`, { rms: k2("state", 2) });
      },
      (model, data) => {
        // Construction is exact: the same random stream and initialisation order as torchvision.
        expectTensor(data, g.data, "data", { rtol: 0, atol: 0 });
        for (const [k, v] of model.state_dict())
          expectTensor(v, g.params0[k], `${k} after construction`, { rtol: 0, atol: 0 });
        expect(model.parameters().reduce((n, p) => n + p.numel(), 0)).toBe(11689512);
        expect(g.n_params).toBe(11689512);
        expect([...model.state_dict().keys()]).toEqual(g.state_dict_keys);
        expect(String(model)).toBe(g.repr);
      },
    );
  }, 300_000);
});
