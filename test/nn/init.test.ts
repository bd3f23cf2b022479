import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import * as nn from "../../engine/nn/index.js";
import { G, expectTensor } from "./golden.js";

const EXACT = { rtol: 0, atol: 0 };
const LAYERS: Record<string, () => nn.Module> = {
  "Linear(3,4)": () => new nn.Linear(3, 4),
  "Linear(784,128)": () => new nn.Linear(784, 128),
  "Linear(4,2,bias=False)": () => new nn.Linear(4, 2, false),
  "Conv2d(3,8,3)": () => new nn.Conv2d(3, 8, 3),
  "Conv2d(4,6,(2,3),groups=2)": () => new nn.Conv2d(4, 6, [2, 3], { groups: 2 }),
  "Conv1d(2,4,3)": () => new nn.Conv1d(2, 4, 3),
  "ConvTranspose2d(4,2,3,stride=2)": () => new nn.ConvTranspose2d(4, 2, 3, { stride: 2 }),
  "BatchNorm2d(4)": () => new nn.BatchNorm2d(4),
  "LayerNorm(5)": () => new nn.LayerNorm(5),
  "Embedding(10,3)": () => new nn.Embedding(10, 3),
  "Embedding(10,3,padding_idx=2)": () => new nn.Embedding(10, 3, { padding_idx: 2 }),
  "Embedding(20,4)": () => new nn.Embedding(20, 4),
  "Bilinear(2,3,4)": () => new nn.Bilinear(2, 3, 4),
};

describe("default initialisations reproduce PyTorch's parameters bit for bit after manual_seed", () => {
  for (const [name, make] of Object.entries(LAYERS)) {
    test(name, () => {
      torch.manual_seed(7);
      const sd = make().state_dict();
      const exp = G.init[name];
      expect([...sd.keys()]).toEqual(Object.keys(exp));
      for (const [k, v] of sd) expectTensor(v, exp[k], `${name}.${k}`, EXACT);
    });
  }
  test("torch.manual_seed(0); nn.Linear(2, 1) prints torch-spec's numbers", () => {
    torch.manual_seed(0);
    const lin = new nn.Linear(2, 1);
    expect(String(lin.weight)).toBe("Parameter containing:\ntensor([[-0.0053,  0.3793]], requires_grad=True)");
    expect(String(lin.bias)).toBe("Parameter containing:\ntensor([-0.5820], requires_grad=True)");
  });
});

describe("nn.init", () => {
  const INITS: Record<string, (t: torch.Tensor) => unknown> = {
    uniform_: (t) => nn.init.uniform_(t, -0.5, 2.0),
    normal_: (t) => nn.init.normal_(t, 0.5, 2.0),
    xavier_uniform_: (t) => nn.init.xavier_uniform_(t, nn.init.calculate_gain("tanh")),
    xavier_normal_: (t) => nn.init.xavier_normal_(t),
    kaiming_uniform_: (t) => nn.init.kaiming_uniform_(t, { mode: "fan_out", nonlinearity: "relu" }),
    kaiming_normal_: (t) => nn.init.kaiming_normal_(t, { a: 0.1 }),
    constant_: (t) => nn.init.constant_(t, 0.25),
  };
  for (const [name, f] of Object.entries(INITS))
    test(`${name} draws PyTorch's stream`, () => {
      torch.manual_seed(3);
      const t = torch.empty(6, 5);
      f(t);
      expectTensor(t, G.init.init[name], name, EXACT);
    });
  test("calculate_gain gives PyTorch's gains", () => {
    for (const [k, v] of Object.entries(G.init.gains as Record<string, number>)) {
      const [name, p] = k.split(",");
      expect(nn.init.calculate_gain(name, p === undefined ? null : Number(p)), k).toBe(v);
    }
  });
  test("init on a parameter does not record autograd history", () => {
    const p = new nn.Parameter(torch.zeros(3, 2));
    nn.init.xavier_uniform_(p);
    expect(p.is_leaf).toBe(true);
    expect(p.requires_grad).toBe(true);
  });
  test("zeros_ and ones_ fill a parameter in place, draw nothing from the random stream, and record no history", () => {
    const p = new nn.Parameter(torch.randn(2, 3));
    torch.manual_seed(4);
    expect(nn.init.ones_(p)).toBe(p);
    expect(p.tolist()).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(nn.init.zeros_(p)).toBe(p);
    expect(p.tolist()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(p.grad_fn).toBeNull();
    const next = torch.rand(2);
    torch.manual_seed(4);
    expect(next.tolist()).toEqual(torch.rand(2).tolist());
  });
  test("fan computation needs two dims", () => {
    expect(() => nn.init.xavier_uniform_(torch.zeros(3))).toThrow(
      "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions",
    );
  });
});
