import { expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import * as nn from "../../engine/nn/index.js";
import * as optim from "../../engine/optim/index.js";
import { models } from "../../engine/vision/index.js";
import * as np from "../../engine/numpy/np.js";
import { from_numpy } from "../../engine/numpy/bridge.js";
import { formatFixed, pyFloatRepr } from "../../engine/format/py_format.js";
import { G, expectTensor, nextFns, type Tol } from "./golden.js";
import { describeBackends } from "../support/backends.js";

type T = torch.Tensor;
const EXACT = { rtol: 0, atol: 0 };

/** The loop of generate_nn_goldens.py's train_record, compared step by step. */
function trainAndCompare(
  gold: any,
  model: nn.Module,
  x: T,
  y: T,
  opt: optim.Optimizer,
  lossFn: (o: T, y: T) => T,
  tol: { out: Tol; grads: Tol; params1: Tol; params3: Tol; loss: number },
): void {
  for (const [k, v] of model.state_dict()) expectTensor(v, gold.params0[k], `params0 ${k}`, EXACT);
  for (let step = 0; step < 3; step++) {
    opt.zero_grad();
    const out = model(x) as T;
    const loss = lossFn(out, y);
    loss.backward();
    if (step === 0) {
      expectTensor(out, gold.out0, "output", tol.out);
      expect(out.grad_fn!.name()).toBe(gold.grad_fn);
      for (const [k, p] of model.named_parameters()) expectTensor(p.grad, gold.grads0[k], `grad ${k}`, tol.grads);
    }
    expect(Math.abs(loss.item() - gold.losses[step]), `loss at step ${step}`).toBeLessThanOrEqual(
      tol.loss * Math.max(1, Math.abs(gold.losses[step])),
    );
    opt.step();
    if (step === 0)
      for (const [k, v] of model.state_dict())
        expectTensor(v, gold.params1[k], `params after 1 step ${k}`, tol.params1);
  }
  for (const [k, v] of model.state_dict()) expectTensor(v, gold.params3[k], `params after 3 steps ${k}`, tol.params3);
  model.eval();
  torch.no_grad(() => expectTensor(model(x) as T, gold.eval_out, "eval output", tol.params3));
}

const F32 = { rtol: 1e-4, atol: 1e-5 };

describeBackends(
  "models train as in PyTorch (same seed: parameters, outputs, losses, gradients, 3 optimizer steps)",
  () => {
    test("MLP with Adam and CrossEntropyLoss", () => {
      torch.manual_seed(0);
      const mlp = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 3));
      const x = torch.randn(5, 4),
        y = torch.randint(0, 3, [5]);
      expectTensor(x, G.mlp.x, "x", EXACT);
      expectTensor(y, G.mlp.y, "y", EXACT);
      expect(String(mlp)).toBe(G.mlp.repr);
      const crit = new nn.CrossEntropyLoss();
      trainAndCompare(G.mlp, mlp, x, y, new optim.Adam(mlp.parameters(), { lr: 0.01 }), (o, t) => crit(o, t), {
        out: F32,
        grads: F32,
        params1: F32,
        params3: F32,
        loss: 1e-5,
      });
    });

    test("CNN (conv, batch norm, relu, max pool, dropout, linear) with SGD momentum", () => {
      torch.manual_seed(0);
      const cnn = new nn.Sequential(
        new nn.Conv2d(1, 4, 3, { padding: 1 }),
        new nn.BatchNorm2d(4),
        new nn.ReLU(),
        new nn.MaxPool2d(2),
        new nn.Flatten(),
        new nn.Dropout(0.25),
        new nn.Linear(4 * 4 * 4, 3),
      );
      const x = torch.randn(6, 1, 8, 8),
        y = torch.randint(0, 3, [6]);
      expectTensor(x, G.cnn.x, "x", EXACT);
      expect(String(cnn)).toBe(G.cnn.repr);
      const crit = new nn.CrossEntropyLoss();
      trainAndCompare(
        G.cnn,
        cnn,
        x,
        y,
        new optim.SGD(cnn.parameters(), { lr: 0.1, momentum: 0.9 }),
        (o, t) => crit(o, t),
        { out: F32, grads: F32, params1: F32, params3: { rtol: 1e-3, atol: 1e-4 }, loss: 1e-5 },
      );
    });

    // ResNet-18 (seed 004's three steps, float64 and float32): resnet18.test.ts.

    test("freezing: all ResNet-18 parameters frozen, a new fc, only fc gets gradients", () => {
      const g = G.freeze;
      torch.manual_seed(0);
      const model = models.resnet18();
      for (const p of model.parameters()) p.requires_grad = false;
      model.fc = new nn.Linear(512, 10);
      const opt = new optim.SGD(model.fc.parameters(), { lr: 1e-2, momentum: 0.9 });
      const data = torch.rand(1, 3, 64, 64),
        labels = torch.rand(1, 10);
      const pred = model(data);
      const loss = pred.sub(labels).sum();
      loss.backward();
      expectTensor(pred, g.pred, "pred", F32);
      expect(Math.abs(loss.item() - g.loss)).toBeLessThan(1e-4 * Math.abs(g.loss));
      expect(
        model
          .named_parameters()
          .filter(([, p]) => p.grad !== null)
          .map(([k]) => k),
      ).toEqual(g.with_grad);
      expect(pred.grad_fn!.name()).toBe(g.grad_fn);
      expect(nextFns(pred)).toEqual(g.next_functions);
      for (const [k, p] of model.fc.named_parameters()) expectTensor(p.grad, g.fc_grad[k], `fc.${k}.grad`, F32);
      opt.step();
      for (const [k, v] of model.fc.state_dict()) expectTensor(v, g.fc_after[k], `fc.${k} after step`, F32);
    }, 120_000);

    test("pretrained weights cannot be downloaded: the error says how to load a state dict", () => {
      expect(() => models.resnet18({ pretrained: true })).toThrow(/cannot be downloaded.*load_state_dict/s);
      expect(() => models.resnet18({ weights: "IMAGENET1K_V1" })).toThrow(/state dict/);
    });
  },
);

describeBackends("seed 002: linear regression with nn.MSELoss", () => {
  test("prints the document's table and final weight/bias", () => {
    const L = G.linreg;
    np.random.seed(0);
    const Xn = from_numpy(np.random.rand(100, 1) as np.ndarray);
    const Yn = Xn.mul(3)
      .add(2)
      .add(from_numpy(np.random.randn(100, 1) as np.ndarray).mul(0.1));
    const X = Xn.float(),
      Y = Yn.float();
    expectTensor(X.reshape(-1).narrow(0, 0, 5), { shape: [5], dtype: "float32", values: L.X_head }, "X", EXACT);
    expectTensor(Y.reshape(-1).narrow(0, 0, 5), { shape: [5], dtype: "float32", values: L.Y_head }, "Y", EXACT);
    const w = torch.tensor([1], { dtype: torch.float32, requires_grad: true });
    const b = torch.tensor([1], { dtype: torch.float32, requires_grad: true });
    const loss_fn = new nn.MSELoss();
    const lines: string[] = [];
    for (let epoch = 0; epoch < 1000; epoch++) {
      const loss = loss_fn(w.mul(X).add(b), Y);
      loss.backward();
      torch.no_grad(() => {
        w.sub_(w.grad!.mul(0.01));
        b.sub_(b.grad!.mul(0.01));
      });
      w.grad!.zero_();
      b.grad!.zero_();
      if ((epoch + 1) % 100 === 0) lines.push(`Epoch [${epoch + 1}/1000], Loss: ${formatFixed(loss.item(), 4)}`);
    }
    expect(lines).toEqual(L.lines);
    expect(lines[0]).toBe("Epoch [100/1000], Loss: 0.1273");
    expect(lines[9]).toBe("Epoch [1000/1000], Loss: 0.0179");
    expect(formatFixed(w.item(), 4)).toBe("2.6868");
    expect(formatFixed(b.item(), 4)).toBe("2.1777");
    expect(`Final weights: ${pyFloatRepr(w.item())} bias: ${pyFloatRepr(b.item())}`).toBe(L.final);
  });
});
