import { describe, expect, test } from "vitest";
import { inspect } from "node:util";
import * as torch from "../../engine/index.js";
import * as nn from "../../engine/nn/index.js";
import * as F from "../../engine/nn/functional.js";
import { G, errorText } from "./golden.js";

type T = torch.Tensor;

class Net extends nn.Module {
  fc1: nn.Linear;
  block: nn.Sequential;
  declare mask: T;
  declare scratch: T;
  out: nn.Linear;
  constructor() {
    super();
    this.fc1 = new nn.Linear(3, 4);
    this.block = new nn.Sequential(new nn.ReLU(), new nn.Linear(4, 4));
    this.register_buffer("mask", torch.ones(2));
    this.register_buffer("scratch", torch.zeros(1), false);
    this.out = new nn.Linear(4, 1);
  }
  override forward(x: T): T {
    return this.out(this.block(this.fc1(x)));
  }
}

const REPR_LAYERS: Record<string, () => nn.Module> = {
  Linear: () => new nn.Linear(3, 4),
  Linear_nobias: () => new nn.Linear(3, 4, false),
  Identity: () => new nn.Identity(),
  Bilinear: () => new nn.Bilinear(2, 3, 4),
  Conv2d: () => new nn.Conv2d(3, 64, 7, { stride: 2, padding: 3, bias: false }),
  Conv2d_same: () => new nn.Conv2d(3, 8, 3, { padding: "same" }),
  Conv2d_groups: () => new nn.Conv2d(4, 8, [3, 5], { stride: [1, 2], dilation: 2, groups: 2 }),
  Conv1d: () => new nn.Conv1d(2, 4, 3),
  ConvTranspose2d: () => new nn.ConvTranspose2d(4, 2, 3, { stride: 2, padding: 1, output_padding: 1 }),
  MaxPool2d: () => new nn.MaxPool2d(3, { stride: 2, padding: 1 }),
  MaxPool2d_2: () => new nn.MaxPool2d(2),
  AvgPool2d: () => new nn.AvgPool2d(2),
  AdaptiveAvgPool2d: () => new nn.AdaptiveAvgPool2d([1, 1]),
  AdaptiveAvgPool2d_5: () => new nn.AdaptiveAvgPool2d(5),
  BatchNorm1d: () => new nn.BatchNorm1d(10, { momentum: null, affine: false }),
  BatchNorm2d: () => new nn.BatchNorm2d(64),
  LayerNorm: () => new nn.LayerNorm(10),
  LayerNorm_2: () => new nn.LayerNorm([3, 4], { eps: 1e-6, elementwise_affine: false }),
  Dropout: () => new nn.Dropout(),
  Dropout_2: () => new nn.Dropout(0.2, true),
  Embedding: () => new nn.Embedding(10, 3),
  Embedding_pad: () => new nn.Embedding(10, 3, { padding_idx: 0, max_norm: 1.5 }),
  Flatten: () => new nn.Flatten(),
  ReLU: () => new nn.ReLU(),
  ReLU_inplace: () => new nn.ReLU(true),
  LeakyReLU: () => new nn.LeakyReLU(0.2),
  GELU: () => new nn.GELU(),
  GELU_tanh: () => new nn.GELU("tanh"),
  Sigmoid: () => new nn.Sigmoid(),
  Tanh: () => new nn.Tanh(),
  Softmax: () => new nn.Softmax(1),
  LogSoftmax: () => new nn.LogSoftmax(-1),
  MSELoss: () => new nn.MSELoss(),
  CrossEntropyLoss: () => new nn.CrossEntropyLoss({ label_smoothing: 0.1 }),
  BCEWithLogitsLoss: () => new nn.BCEWithLogitsLoss(),
  Sequential_dict: () =>
    new nn.Sequential(
      new Map<string, nn.Module>([
        ["conv", new nn.Conv2d(1, 2, 3)],
        ["act", new nn.ReLU()],
      ]),
    ),
  ModuleList: () => new nn.ModuleList([new nn.Linear(2, 3), new nn.ReLU(), new nn.Linear(3, 1)]),
  ModuleDict: () => new nn.ModuleDict({ a: new nn.Linear(2, 2), b: new nn.Tanh() }),
};

describe("module reprs are PyTorch's", () => {
  for (const [name, make] of Object.entries(REPR_LAYERS)) test(name, () => expect(String(make())).toBe(G.reprs[name]));
  test("a custom module's tree, through String, util.inspect and print", () => {
    const net = new Net();
    expect(String(net)).toBe(G.net_repr);
    expect(inspect(net)).toBe(G.net_repr);
  });
  test("print(model) shows the tree", () => {
    expect(torch.pyStr(new Net())).toBe(G.net_repr);
  });
  // NOTE: modules are functions (callable): py_repr.ts looks up the custom inspect symbol on functions too.
  test("repr(model) (a cell's result) shows the tree", () => {
    expect(torch.pyRepr(new Net())).toBe(G.net_repr);
  });
  test("nn.Parameter prints as 'Parameter containing:' and state_dict as an OrderedDict", () => {
    torch.manual_seed(0);
    const lin = new nn.Linear(2, 1);
    expect(String(lin.weight)).toBe(G.parameter_repr);
    expect(String(lin.bias)).toBe(G.bias_repr);
    expect(String(lin.state_dict())).toBe(G.linear_state_dict_repr);
  });
  test("ModuleList folds repeated children as PyTorch 2.x does", () => {
    const ml = new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.ReLU()]);
    expect(String(ml)).toBe(
      "ModuleList(\n  (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)\n  (3): ReLU()\n)",
    );
  });
});

describe("nn.Module behaves like PyTorch's", () => {
  test("instances are callable functions that are still instances of their class", () => {
    const net = new Net();
    expect(net).toBeInstanceOf(Net);
    expect(net).toBeInstanceOf(nn.Module);
    const y = net(torch.randn(2, 3));
    expect([...y.shape]).toEqual([2, 1]);
    expect(y.grad_fn!.name()).toBe("AddmmBackward0");
  });
  test("parameters, buffers, modules and state_dict keys follow registration order", () => {
    const net = new Net();
    expect(net.named_parameters().map(([k]) => k)).toEqual(G.net_named_parameters);
    expect(net.named_buffers().map(([k]) => k)).toEqual(G.net_named_buffers);
    expect(net.named_modules().map(([k]) => k)).toEqual(G.net_named_modules);
    expect([...net.state_dict().keys()]).toEqual(G.net_state_dict_keys);
    expect(net.children().map((m) => m.constructor.name)).toEqual(G.net_children);
    expect(net.parameters().length).toBe(6);
  });
  test("load_state_dict reports matches, and missing/unexpected keys when not strict", () => {
    const net = new Net();
    expect(String(net.load_state_dict(net.state_dict()))).toBe(G.load_ok);
    const partial = new Map<string, T>([
      ["fc1.weight", net.fc1.weight.detach()],
      ["extra", torch.ones(1)],
    ]);
    expect(String(net.load_state_dict(partial, false))).toBe(G.load_nonstrict);
  });
  test("load_state_dict copies values into the existing parameters", () => {
    const a = new nn.Linear(3, 2),
      b = new nn.Linear(3, 2);
    const w = b.weight;
    b.load_state_dict(a.state_dict());
    expect(b.weight).toBe(w);
    expect(torch.equal(b.weight, a.weight)).toBe(true);
    expect(b.weight.requires_grad).toBe(true);
  });
  test("assigning a new submodule replaces it in place (same position)", () => {
    const net = new Net();
    net.fc1 = new nn.Linear(3, 4, false);
    expect(net.named_parameters().map(([k]) => k)).toEqual([
      "fc1.weight",
      "block.1.weight",
      "block.1.bias",
      "out.weight",
      "out.bias",
    ]);
  });
  test("train() and eval() set training recursively; dropout and batch norm follow it", () => {
    const m = new nn.Sequential(new nn.BatchNorm1d(3), new nn.Dropout(0.5));
    expect(m.training).toBe(true);
    m.eval();
    expect((m[0] as nn.BatchNorm1d).training).toBe(false);
    const x = torch.randn(4, 3);
    const y = m(x);
    expect(torch.allclose(y, x.div(Math.sqrt(1 + 1e-5)))).toBe(true);
    expect(Number((m[0] as nn.BatchNorm1d).num_batches_tracked!.item())).toBe(0);
    m.train();
    m(x);
    expect(Number((m[0] as nn.BatchNorm1d).num_batches_tracked!.item())).toBe(1);
  });
  test("zero_grad sets grads to None by default (PyTorch 2.x) or to zeros", () => {
    const lin = new nn.Linear(2, 1);
    lin(torch.ones(1, 2)).sum().backward();
    lin.zero_grad({ set_to_none: false });
    expect(lin.weight.grad!.sum().item()).toBe(0);
    lin.zero_grad();
    expect(lin.weight.grad).toBeNull();
  });
  test("requires_grad_, apply and to(dtype)", () => {
    const net = new Net();
    net.requires_grad_(false);
    expect(net.parameters().every((p) => !p.requires_grad)).toBe(true);
    const seen: string[] = [];
    net.apply((m) => {
      seen.push(m.constructor.name);
    });
    expect(seen).toEqual(["Linear", "ReLU", "Linear", "Sequential", "Linear", "Net"]);
    const w = net.fc1.weight;
    net.to(torch.float64);
    expect(net.fc1.weight).toBe(w);
    expect(net.fc1.weight.dtype).toBe(torch.float64);
    expect(net.mask.dtype).toBe(torch.float64);
    expect(net(torch.randn(2, 3, { dtype: torch.float64 })).dtype).toBe(torch.float64);
  });
  test("forward hooks and pre-hooks see and may replace inputs and outputs", () => {
    const lin = new nn.Linear(2, 2);
    const calls: string[] = [];
    const h1 = lin.register_forward_pre_hook((_m, input) => {
      calls.push(`pre ${input.length}`);
      return (input[0] as T).mul(0);
    });
    const h2 = lin.register_forward_hook((_m, _input, output) => {
      calls.push("post");
      return (output as T).add(1);
    });
    const y = lin(torch.ones(1, 2));
    expect(calls).toEqual(["pre 1", "post"]);
    expect(torch.allclose(y, lin.bias!.add(1).unsqueeze(0))).toBe(true);
    h1.remove();
    h2.remove();
    lin(torch.ones(1, 2));
    expect(calls.length).toBe(2);
  });
  test("containers index, iterate and grow", () => {
    const seq = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());
    expect(seq[0]).toBeInstanceOf(nn.Linear);
    expect(seq.at(-1)).toBeInstanceOf(nn.ReLU);
    seq.append(new nn.Linear(3, 1));
    expect(seq.__len__()).toBe(3);
    expect([...seq].map((m) => m.constructor.name)).toEqual(["Linear", "ReLU", "Linear"]);
    const ml = new nn.ModuleList([new nn.Linear(1, 1)]);
    ml.insert(0, new nn.ReLU());
    expect(ml.named_children().map(([k, m]) => `${k}:${m.constructor.name}`)).toEqual(["0:ReLU", "1:Linear"]);
    const md = new nn.ModuleDict({ a: new nn.Tanh() });
    md.set("b", new nn.ReLU());
    expect(md.keys()).toEqual(["a", "b"]);
    expect(md.get("b")).toBeInstanceOf(nn.ReLU);
  });
  test("Sequential and ModuleList insert and pop renumber their children; ModuleDict pop and clear unregister", () => {
    const names = (m: nn.Module) => m.named_children().map(([k, c]) => `${k}:${c.constructor.name}`);
    const seq = new nn.Sequential(new nn.Linear(2, 2), new nn.Tanh());
    seq.insert(-1, new nn.ReLU());
    expect(names(seq)).toEqual(["0:Linear", "1:ReLU", "2:Tanh"]);
    expect(seq(torch.ones(1, 2)).grad_fn!.name()).toBe("TanhBackward0");
    expect(seq.named_parameters().map(([k]) => k)).toEqual(["0.weight", "0.bias"]);
    const ml = new nn.ModuleList([new nn.ReLU(), new nn.Linear(1, 1), new nn.Tanh()]);
    expect(ml.pop(0)).toBeInstanceOf(nn.ReLU);
    expect(names(ml)).toEqual(["0:Linear", "1:Tanh"]);
    expect(ml.named_parameters().map(([k]) => k)).toEqual(["0.weight", "0.bias"]);
    expect(ml).not.toBeInstanceOf(nn.Sequential);
    const md = new nn.ModuleDict({ a: new nn.Linear(1, 1), b: new nn.ReLU() });
    md.pop("a");
    expect(md.keys()).toEqual(["b"]);
    expect(md.parameters()).toEqual([]);
    md.clear();
    expect(md.__len__()).toBe(0);
  });
  test("modules without forward raise PyTorch's NotImplementedError", () => {
    class NoForward extends nn.Module {}
    expect(errorText(() => new NoForward()(torch.zeros(1)))).toBe(G.errors.no_forward);
  });
  test("Embedding.from_pretrained freezes by default", () => {
    const e = nn.Embedding.from_pretrained(torch.eye(3));
    expect(e.weight.requires_grad).toBe(false);
    expect(e(torch.tensor([2, 0])).tolist()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });
  test("F.pad pads and crops the last dims", () => {
    const x = torch.arange(6, { dtype: torch.float32 }).reshape(2, 3).requires_grad_();
    const y = F.pad(x, [1, 0, 0, 1]);
    expect(y.tolist()).toEqual([
      [0, 0, 1, 2],
      [0, 3, 4, 5],
      [0, 0, 0, 0],
    ]);
    expect(y.grad_fn!.name()).toBe("ConstantPadNdBackward0");
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });
});

const ERRORS: Record<string, () => unknown> = {
  conv_channels: () => F.conv2d(torch.zeros(1, 4, 5, 5), torch.zeros(8, 3, 3, 3)),
  conv_kernel_too_big: () => F.conv2d(torch.zeros(1, 3, 2, 2), torch.zeros(8, 3, 3, 3)),
  conv_bias: () => F.conv2d(torch.zeros(1, 3, 5, 5), torch.zeros(8, 3, 3, 3), torch.zeros(7)),
  conv_groups: () => F.conv2d(torch.zeros(1, 4, 5, 5), torch.zeros(3, 2, 3, 3), null, { groups: 2 }),
  conv_input_dim: () => F.conv2d(torch.zeros(2, 3), torch.zeros(8, 3, 3, 3)),
  conv_transpose_channels: () => F.conv_transpose2d(torch.zeros(1, 3, 5, 5), torch.zeros(4, 2, 3, 3)),
  linear_shapes: () => new nn.Linear(3, 4)(torch.zeros(2, 5)),
  ce_target_oob: () => F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 5])),
  nll_batch: () => F.nll_loss(torch.zeros(3, 4), torch.tensor([0, 1])),
  bce_range: () => F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0])),
  bce_size: () => F.binary_cross_entropy(torch.rand(3), torch.rand(2, 3)),
  bce_logits_size: () => F.binary_cross_entropy_with_logits(torch.rand(3), torch.rand(2, 3)),
  max_pool_pad: () => F.max_pool2d(torch.zeros(1, 1, 4, 4), 2, { padding: 2 }),
  bn_single: () => new nn.BatchNorm1d(4)(torch.zeros(1, 4)),
  bn2d_dim: () => new nn.BatchNorm2d(4)(torch.zeros(2, 4)),
  load_missing: () => new nn.Linear(3, 4).load_state_dict({ weight: torch.zeros(4, 3) }),
  load_unexpected: () =>
    new nn.Linear(3, 4).load_state_dict({ weight: torch.zeros(4, 3), bias: torch.zeros(4), extra: torch.zeros(1) }),
  load_size: () => new nn.Linear(3, 4).load_state_dict({ weight: torch.zeros(5, 3), bias: torch.zeros(4) }),
  dropout_p: () => new nn.Dropout(1.5),
  reduction: () => F.mse_loss(torch.zeros(2), torch.zeros(2), { reduction: "avg" as "mean" }),
  layer_norm_shape: () => F.layer_norm(torch.zeros(2, 3), [4]),
  embedding_oob: () => F.embedding(torch.tensor([5]), torch.zeros(3, 2)),
  conv_groups_module: () => new nn.Conv2d(3, 4, 3, { groups: 2 }),
  conv_padding_string: () => new nn.Conv2d(3, 4, 3, { padding: "full" as "same" }),
  conv_same_stride: () => new nn.Conv2d(3, 4, 3, { padding: "same", stride: 2 }),
};

describe("nn error messages are PyTorch's", () => {
  for (const [name, f] of Object.entries(ERRORS)) test(name, () => expect(errorText(f)).toBe(G.errors[name]));
});
