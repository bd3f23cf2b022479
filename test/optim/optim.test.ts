import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import * as nn from "../../engine/nn/index.js";
import * as optim from "../../engine/optim/index.js";
import { G, errorText, expectTensor, type Enc } from "../nn/golden.js";
import { describeBackends } from "../support/backends.js";

type T = torch.Tensor;
const F32 = { rtol: 1e-5, atol: 1e-6 };

/** The tiny problem of nn_golden_models.py: loss = sum(tanh(x w^T + b)^2) + 0.1 * sum(w^2). */
function tinyProblem(): [T, T, () => T] {
  const w = torch.tensor(
    [
      [0.5, -1.0, 0.25],
      [1.5, 0.3, -0.7],
    ],
    { requires_grad: true },
  );
  const b = torch.tensor([0.1, -0.2], { requires_grad: true });
  const x = torch.tensor([
    [1.0, 2.0, -1.0],
    [0.5, -0.3, 0.8],
    [-1.2, 0.4, 0.9],
  ]);
  return [w, b, () => x.matmul(w.t()).add(b).tanh().pow(2).sum().add(w.pow(2).sum().mul(0.1))];
}

const MAKE: Record<string, (p: T[]) => optim.Optimizer> = {
  SGD: (p) => new optim.SGD(p, { lr: 0.1 }),
  SGD_momentum_nesterov_wd: (p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.01 }),
  SGD_dampening_maximize: (p) => new optim.SGD(p, { lr: 0.05, momentum: 0.5, dampening: 0.3, maximize: true }),
  Adam: (p) => new optim.Adam(p, { lr: 0.1 }),
  Adam_amsgrad_wd: (p) => new optim.Adam(p, { lr: 0.05, betas: [0.8, 0.99], amsgrad: true, weight_decay: 0.1 }),
  AdamW: (p) => new optim.AdamW(p, { lr: 0.1 }),
  RMSprop: (p) => new optim.RMSprop(p, { lr: 0.01 }),
  RMSprop_centered_momentum: (p) =>
    new optim.RMSprop(p, { lr: 0.01, centered: true, momentum: 0.9, weight_decay: 0.1 }),
  Adagrad: (p) => new optim.Adagrad(p, { lr: 0.1 }),
  Adagrad_decay: (p) =>
    new optim.Adagrad(p, { lr: 0.1, lr_decay: 0.1, weight_decay: 0.05, initial_accumulator_value: 0.2 }),
};

/**
 * SPEC: follow PyTorch 2.x where it differs from the 1.13 goldens. We follow 2.4's param_group
 * keys: each entry adds a key (after the named one) or changes a 1.13 default.
 */
const TORCH_2_4: Record<
  string,
  { insert?: [key: string, value: unknown, after: string][]; set?: Record<string, unknown> }
> = {
  SGD: { insert: [["fused", null, "differentiable"]] },
  Adam: { set: { fused: null } },
  AdamW: {
    insert: [
      ["differentiable", false, "capturable"],
      ["fused", null, "differentiable"],
    ],
  },
  RMSprop: { insert: [["capturable", false, "weight_decay"]] },
  Adagrad: {
    insert: [
      ["differentiable", false, "maximize"],
      ["fused", null, "differentiable"],
    ],
  },
};
const pyValue = (v: unknown): string => (v === null ? "None" : v === false ? "False" : v === true ? "True" : String(v));

function torch2Group(name: string, g: Record<string, unknown>): Record<string, unknown> {
  const rule = TORCH_2_4[name.split("_")[0]] ?? {};
  const entries = Object.entries({ ...g, ...rule.set });
  for (const [key, value, after] of rule.insert ?? [])
    entries.splice(entries.findIndex(([k]) => k === after) + 1, 0, [key, value]);
  return Object.fromEntries(entries);
}
/** The repr lists each group's options sorted by key (torch/optim/optimizer.py __repr__). */
function torch2Repr(name: string, repr: string): string {
  const rule = TORCH_2_4[name.split("_")[0]] ?? {};
  const blocks = repr.split(/(?=Parameter Group \d+\n)/);
  return blocks
    .map((block) => {
      if (!block.startsWith("Parameter Group")) return block;
      const lines = block.split("\n");
      const head = lines.filter((l) => !l.startsWith("    ")),
        opts = new Map<string, string>();
      for (const l of lines.filter((l) => l.startsWith("    "))) opts.set(l.slice(4, l.indexOf(":")), l);
      for (const [k, v] of Object.entries(rule.set ?? {})) if (opts.has(k)) opts.set(k, `    ${k}: ${pyValue(v)}`);
      for (const [k, v] of rule.insert ?? []) opts.set(k, `    ${k}: ${pyValue(v)}`);
      const sorted = [...opts.keys()].sort().map((k) => opts.get(k)!);
      return [head[0], ...sorted, ...head.slice(1)].join("\n");
    })
    .join("");
}

describeBackends("optimizers match PyTorch: 3 steps, reprs, param_groups and state_dict", () => {
  for (const [name, make] of Object.entries(MAKE)) {
    test(name, () => {
      const gold = G.optim[name];
      const [w, b, lossFn] = tinyProblem();
      const opt = make([w, b]);
      const keys = torch2Group(name, Object.fromEntries(gold.keys.map((k: string) => [k, 0])));
      expect(Object.keys(opt.param_groups[0]), "param_groups keys").toEqual(Object.keys(keys));
      for (let i = 0; i < 3; i++) {
        opt.zero_grad();
        const loss = lossFn();
        loss.backward();
        expect(Math.abs(loss.item() - gold.losses[i])).toBeLessThan(1e-5 * Math.abs(gold.losses[i]) + 1e-6);
        opt.step();
      }
      expectTensor(w, gold.w, "w", F32);
      expectTensor(b, gold.b, "b", F32);
      expect(String(opt)).toBe(torch2Repr(name, gold.repr));
      const sd = opt.state_dict();
      expect(sd.param_groups.map((g) => torch2Group(name, g))).toEqual(
        gold.state_dict.param_groups.map((g: Record<string, unknown>) => torch2Group(name, g)),
      );
      const goldState = gold.state_dict.state as Record<string, Record<string, Enc | number | null>>;
      expect([...sd.state.keys()].map(String)).toEqual(Object.keys(goldState));
      for (const [i, s] of sd.state) {
        const gs = goldState[String(i)];
        expect(Object.keys(s), `state ${i} keys`).toEqual(Object.keys(gs));
        for (const [k, v] of Object.entries(s)) {
          const e = gs[k];
          if (e === null || typeof e === "number") expect(v, `state ${i}.${k}`).toBe(e);
          else expectTensor(v as T, e, `state ${i}.${k}`, F32);
        }
      }
    });
  }

  test("two parameter groups print as PyTorch (plus 2.x's fused key)", () => {
    const [w, b] = tinyProblem();
    const opt = new optim.SGD([{ params: [w] }, { params: [b], lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
    expect(String(opt)).toBe(torch2Repr("SGD", G.optim.two_groups_repr));
  });

  test("zero_grad sets grads to None by default (2.x) and to zeros with set_to_none: false", () => {
    const [w, b, lossFn] = tinyProblem();
    const opt = new optim.SGD([w, b], { lr: 0.1 });
    lossFn().backward();
    opt.zero_grad({ set_to_none: false });
    expect(w.grad!.abs().sum().item()).toBe(0);
    opt.zero_grad();
    expect(w.grad).toBeNull();
  });

  test("step(closure) re-evaluates the loss and returns it", () => {
    const [w, b, lossFn] = tinyProblem();
    const opt = new optim.SGD([w, b], { lr: 0.1 });
    const loss = opt.step(() => {
      opt.zero_grad();
      const l = lossFn();
      l.backward();
      return l;
    }) as T;
    expect(Math.abs(loss.item() - G.optim.SGD.losses[0])).toBeLessThan(1e-5);
  });

  test("add_param_group fills defaults; load_state_dict restores state", () => {
    const [w, b, lossFn] = tinyProblem();
    const opt = new optim.SGD([w], { lr: 0.1, momentum: 0.9 });
    opt.add_param_group({ params: [b], lr: 0.01 });
    expect(opt.param_groups[1].momentum).toBe(0.9);
    expect(opt.param_groups[1].lr).toBe(0.01);
    lossFn().backward();
    opt.step();
    const sd = opt.state_dict();
    const [w2, b2] = tinyProblem();
    const opt2 = new optim.SGD([w2], { lr: 0.5, momentum: 0.9 });
    opt2.add_param_group({ params: [b2] });
    opt2.load_state_dict(sd);
    expect(opt2.param_groups[0].lr).toBe(0.1);
    expect(opt2.param_groups[0].params[0]).toBe(w2);
    expect(torch.equal(opt2.state.get(w2)!.momentum_buffer as T, opt.state.get(w)!.momentum_buffer as T)).toBe(true);
  });

  test("an optimizer over a model's parameters steps every parameter", () => {
    torch.manual_seed(0);
    const model = new nn.Linear(3, 1);
    const opt = new optim.SGD(model.parameters(), { lr: 0.1 });
    const before = model.weight.clone();
    model(torch.ones(2, 3)).sum().backward();
    opt.step();
    expect(torch.allclose(model.weight, before.sub(model.weight.grad!.mul(0.1)))).toBe(true);
  });
});

describe("optimizer argument errors are PyTorch's", () => {
  const w = torch.zeros(2, { requires_grad: true });
  const ERR: Record<string, () => unknown> = {
    sgd_lr: () => new optim.SGD([w], { lr: -0.1 }),
    sgd_momentum: () => new optim.SGD([w], { lr: 0.1, momentum: -0.5 }),
    sgd_wd: () => new optim.SGD([w], { lr: 0.1, weight_decay: -1e-5 }),
    sgd_nesterov: () => new optim.SGD([w], { lr: 0.1, nesterov: true }),
    adam_lr: () => new optim.Adam([w], { lr: -1e-3 }),
    adam_eps: () => new optim.Adam([w], { eps: -1.0 }),
    adam_beta0: () => new optim.Adam([w], { betas: [1.0, 0.999] }),
    adam_beta1: () => new optim.Adam([w], { betas: [0.9, 1.5] }),
    rmsprop_alpha: () => new optim.RMSprop([w], { alpha: -0.5 }),
    adagrad_lr_decay: () => new optim.Adagrad([w], { lr_decay: -0.5 }),
    empty_params: () => new optim.SGD([], { lr: 0.1 }),
    tensor_params: () => new optim.SGD(w as unknown as T[], { lr: 0.1 }),
    duplicate_groups: () => new optim.SGD([{ params: [w] }, { params: [w] }], { lr: 0.1 }),
    non_leaf: () => new optim.SGD([w.mul(2)], { lr: 0.1 }),
  };
  for (const [name, f] of Object.entries(ERR)) test(name, () => expect(errorText(f)).toBe(G.errors[name]));
});
