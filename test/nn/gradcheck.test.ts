import { expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import * as nn from "../../engine/nn/index.js";
import * as F from "../../engine/nn/functional.js";
import { OP_TABLE } from "../../engine/ops/table.js";
import { NN_SAMPLES, r } from "./op_samples_nn.js";
import { describeBackends } from "../support/backends.js";

type T = torch.Tensor;
const f64 = { dtype: torch.float64 };

describeBackends("every nn op in the op table passes gradcheck and gradgradcheck in float64", () => {
  test("every nn op has a sample", () => {
    for (const name of Object.keys(NN_SAMPLES)) expect(OP_TABLE.get(name)?.backward, name).toBeTruthy();
  });
  for (const [name, s] of Object.entries(NN_SAMPLES)) {
    test(`${name}: gradcheck`, () => expect(torch.autograd.gradcheck(s.fn, s.inputs(), s.opts)).toBe(true));
    if (s.secondOrder !== false)
      test(`${name}: gradgradcheck`, () =>
        expect(torch.autograd.gradgradcheck(s.fn, s.inputs(), null, s.opts)).toBe(true));
  }
});

/** gradcheck of a module's output w.r.t. its input and every parameter (module in float64). */
function checkModule(m: nn.Module, input: T, opts: { atol?: number } = {}, extra: T[] = []): boolean {
  m.double();
  const params = m.parameters();
  return torch.autograd.gradcheck((x: T, ..._ps: T[]) => m(x, ...extra) as T, [input, ...params], opts);
}

describeBackends("every layer passes gradcheck in float64 (input and parameters)", () => {
  const LAYERS: Record<string, [() => nn.Module, () => T]> = {
    Linear: [() => new nn.Linear(3, 2), () => r([4, 3])],
    Linear_3d: [() => new nn.Linear(3, 2), () => r([2, 2, 3])],
    Conv1d: [() => new nn.Conv1d(2, 3, 3, { stride: 2, padding: 1 }), () => r([2, 2, 6])],
    Conv2d: [() => new nn.Conv2d(2, 4, 3, { padding: 1, groups: 2 }), () => r([1, 2, 4, 4])],
    Conv2d_same: [() => new nn.Conv2d(2, 2, 2, { padding: "same", dilation: 1 }), () => r([1, 2, 4, 4])],
    ConvTranspose2d: [
      () => new nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1, output_padding: 1 }),
      () => r([1, 2, 3, 3]),
    ],
    ConvTranspose1d: [() => new nn.ConvTranspose1d(2, 2, 3, { stride: 2 }), () => r([1, 2, 3])],
    MaxPool2d: [() => new nn.MaxPool2d(2), () => r([1, 2, 4, 4])],
    AvgPool2d: [() => new nn.AvgPool2d(3, { stride: 2, padding: 1 }), () => r([1, 2, 5, 5])],
    AdaptiveAvgPool2d: [() => new nn.AdaptiveAvgPool2d(1), () => r([2, 2, 3, 3])],
    BatchNorm1d: [() => new nn.BatchNorm1d(3), () => r([5, 3])],
    BatchNorm2d: [() => new nn.BatchNorm2d(2), () => r([3, 2, 2, 2])],
    BatchNorm2d_eval: [
      () => {
        const b = new nn.BatchNorm2d(2);
        b.eval();
        return b;
      },
      () => r([3, 2, 2, 2]),
    ],
    LayerNorm: [() => new nn.LayerNorm([2, 3]), () => r([2, 2, 3])],
    Embedding: [
      () => new nn.Embedding(5, 2, { padding_idx: 0 }),
      () =>
        torch.tensor([
          [1, 0],
          [4, 4],
        ]),
    ],
    Flatten: [() => new nn.Flatten(), () => r([2, 2, 2])],
    Identity: [() => new nn.Identity(), () => r([3])],
    ReLU: [() => new nn.ReLU(), () => r([5], 0.1, 1)],
    LeakyReLU: [() => new nn.LeakyReLU(0.2), () => r([5], 0.1, 1)],
    GELU: [() => new nn.GELU(), () => r([5])],
    Sigmoid: [() => new nn.Sigmoid(), () => r([5])],
    Tanh: [() => new nn.Tanh(), () => r([5])],
    Softmax: [() => new nn.Softmax(1), () => r([2, 3])],
    LogSoftmax: [() => new nn.LogSoftmax(1), () => r([2, 3])],
    Sequential: [() => new nn.Sequential(new nn.Linear(3, 4), new nn.Tanh(), new nn.Linear(4, 1)), () => r([2, 3])],
  };
  for (const [name, [make, input]] of Object.entries(LAYERS))
    test(name, () => {
      const x = input();
      if (name === "Embedding") {
        const m = make().double();
        // padding_idx 0's row gets no gradient by design: keep it out of the checked function.
        const w = m.parameters()[0],
          mask = torch.tensor([[0], [1], [1], [1], [1]], f64);
        expect(torch.autograd.gradcheck((v: T) => F.embedding(x, v.mul(mask), { padding_idx: 0 }), [w])).toBe(true);
        void m;
      } else expect(checkModule(make(), x, { atol: 1e-4 })).toBe(true);
    });
  test("Bilinear", () => {
    const m = new nn.Bilinear(2, 3, 2).double();
    const x2 = r([4, 3]);
    expect(torch.autograd.gradcheck((a: T, b: T) => m(a, b), [r([4, 2]), x2])).toBe(true);
  });
  test("Dropout (fixed mask: same seed before every evaluation)", () => {
    const m = new nn.Dropout(0.4);
    expect(
      torch.autograd.gradcheck(
        (x: T) => {
          torch.manual_seed(5);
          return m(x);
        },
        [r([6])],
      ),
    ).toBe(true);
  });
});

describeBackends("every loss passes gradcheck in float64", () => {
  const t = torch.tensor([2, 0, 1, 2]);
  const LOSSES: Record<string, [() => T[], (...xs: T[]) => T]> = {
    MSELoss: [() => [r([4, 3]), r([4, 3])], (a, b) => new nn.MSELoss()(a, b)],
    MSELoss_none: [() => [r([4, 3]), r([4, 3])], (a, b) => new nn.MSELoss({ reduction: "none" })(a, b)],
    L1Loss: [() => [r([4, 3], 0.5, 1), r([4, 3], -1, 0)], (a, b) => new nn.L1Loss()(a, b)],
    SmoothL1Loss: [() => [r([4, 3], 0.5, 1), r([4, 3], -0.3, 0.3)], (a, b) => new nn.SmoothL1Loss({ beta: 0.5 })(a, b)],
    NLLLoss: [() => [r([4, 3])], (a) => new nn.NLLLoss({ weight: torch.tensor([1, 2, 0.5], f64) })(a, t)],
    CrossEntropyLoss: [() => [r([4, 3])], (a) => new nn.CrossEntropyLoss()(a, t)],
    CrossEntropyLoss_smoothing_ignore: [
      () => [r([4, 3])],
      (a) => new nn.CrossEntropyLoss({ label_smoothing: 0.1, ignore_index: 0 })(a, t),
    ],
    CrossEntropyLoss_probs: [
      () => [r([4, 3]), r([4, 3], 0.1, 0.9)],
      (a, p) => new nn.CrossEntropyLoss({ reduction: "sum" })(a, p),
    ],
    CrossEntropyLoss_4d: [
      () => [r([2, 3, 2, 2])],
      (a) =>
        new nn.CrossEntropyLoss()(
          a,
          torch.tensor([
            [
              [0, 1],
              [2, 1],
            ],
            [
              [1, 1],
              [0, 2],
            ],
          ]),
        ),
    ],
    BCELoss: [
      () => [r([4, 3], 0.1, 0.9), r([4, 3], 0.1, 0.9)],
      (a, b) => new nn.BCELoss({ weight: torch.tensor([1, 2, 3], f64) })(a, b),
    ],
    BCEWithLogitsLoss: [
      () => [r([4, 3]), r([4, 3], 0.1, 0.9)],
      (a, b) => new nn.BCEWithLogitsLoss({ pos_weight: torch.tensor([1, 2, 3], f64) })(a, b),
    ],
    l1_loss_sum: [() => [r([3], 0.5, 1), r([3], -1, 0)], (a, b) => F.l1_loss(a, b, { reduction: "sum" })],
  };
  for (const [name, [inputs, fn]] of Object.entries(LOSSES)) {
    test(name, () => expect(torch.autograd.gradcheck(fn, inputs())).toBe(true));
    test(`${name} (second order)`, () => expect(torch.autograd.gradgradcheck(fn, inputs())).toBe(true));
  }
});
