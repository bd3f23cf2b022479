/**
 * SPEC: every PyTorch keyword argument can be passed in a trailing options object, also as the
 * only argument. Table-wide (keyword_sweep.ts): every gradlab Tensor method, torch function,
 * nn.functional and nn.init function, autograd.grad/backward, and the constructors of nn layers and
 * losses, optimizers and lr schedulers that PyTorch has, called with each
 * suffix of its positional arguments moved into an options object, gives what the positional call
 * gives. The parameter names and slots come from PyTorch 1.13's own signatures
 * (test/golden/signatures.json, written by generate_signatures.py).
 */
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import { KEYWORD_TABLE } from "../../engine/api/keyword_table.js";
import { runKeywordSweep, signatures } from "./keyword_sweep.js";

const outcome = runKeywordSweep();

describe("keyword arguments as a trailing options object, over the whole API", () => {
  test("the signatures come from real PyTorch", () => {
    expect(signatures.header.torch).toMatch(/^1\.13/);
    expect(Object.keys(signatures.signatures).length).toBeGreaterThan(1000);
  });

  test("every options form gives what the positional form gives", () => {
    expect(outcome.failures).toEqual([]);
  });

  test("the sweep reaches the API: at least 450 callables compared, 800 calls", () => {
    expect(outcome.covered.length).toBeGreaterThanOrEqual(450);
    expect(outcome.compared).toBeGreaterThanOrEqual(800);
  });

  test("the callables the issue names are all compared", () => {
    const must = [
      "Tensor.backward",
      "autograd.grad",
      "autograd.backward",
      "Tensor.sum",
      "torch.sum",
      "Tensor.mean",
      "Tensor.max",
      "Tensor.std",
      "torch.softmax",
      "torch.randint",
      "torch.arange",
      "torch.full",
      "torch.linspace",
      "torch.normal",
      "torch.cat",
      "nn.functional.softmax",
      "nn.functional.mse_loss",
      "nn.functional.cross_entropy",
      "nn.functional.conv2d",
      "nn.functional.max_pool2d",
      "nn.functional.dropout",
      "nn.init.uniform_",
      "nn.init.kaiming_uniform_",
      "Tensor.transpose",
      "Tensor.clamp",
      "Tensor.topk",
      "Tensor.scatter",
      "Tensor.index_add",
      "torch.where",
      "torch.lerp",
      "optim.SGD",
      "optim.Adam",
      "optim.lr_scheduler.StepLR",
      "nn.Linear",
      "nn.Conv2d",
      "nn.MaxPool2d",
      "nn.BatchNorm2d",
      "nn.Dropout",
      "nn.CrossEntropyLoss",
      "nn.MSELoss",
      "nn.Embedding",
      "nn.LayerNorm",
      "nn.Module.zero_grad",
      "nn.Module.load_state_dict",
      "nn.Module.named_parameters",
      "nn.Module.train",
      "nn.Module.requires_grad_",
      "optim.Optimizer.zero_grad",
      "autograd.functional.jacobian",
      "autograd.functional.hessian",
      "autograd.functional.vjp",
      "autograd.functional.jvp",
      "autograd.functional.hvp",
      "autograd.functional.vhp",
      "nn.Conv1d",
      "nn.Bilinear",
    ];
    expect(must.filter((k) => !outcome.covered.includes(k))).toEqual([]);
  });

  test("callables left uncovered have no positional parameter a sample could fill (listed with the reason)", () => {
    // Methods without arguments (x.exp()) have nothing to move; the rest need a hand-made sample.
    const needsSample = Object.entries(outcome.uncovered).filter(
      ([, why]) => !/only a call without arguments|no positional parameters/.test(why),
    );
    expect(needsSample.length, needsSample.map(([k, w]) => `${k}: ${w}`).join("\n")).toBeLessThanOrEqual(25);
  });

  test("the engine's keyword table is the one derived from the golden signatures", () => {
    for (const [key, sig] of Object.entries(signatures.signatures)) {
      if (!(key in KEYWORD_TABLE)) continue;
      const derived = sig.overloads
        .map((ov) => {
          const names: string[] = [];
          for (const t of ov) {
            if (t === "*" || t.startsWith("**")) break;
            names.push(t.replace(/^\*/, "").replace(/=$/, ""));
            if (t.startsWith("*")) break;
          }
          return names;
        })
        .filter((v, i, a) => a.findIndex((w) => w.join() === v.join()) === i);
      expect(KEYWORD_TABLE[key], key).toEqual(derived);
    }
  });
});

describe("the forms the issue names", () => {
  test("backward({retain_graph: true}) keeps the graph for a second backward", () => {
    const x = torch.tensor([1.5, 2], { dtype: torch.float32, requires_grad: true });
    const r = x.mul(x).sum();
    r.backward({ retain_graph: true });
    r.backward();
    expect(String(x.grad)).toBe("tensor([6., 8.])");
  });
  test("backward(null, true) is PyTorch's positional form", () => {
    const x = torch.tensor([1.5, 2], { dtype: torch.float32, requires_grad: true });
    const r = x.mul(x).sum();
    r.backward(null, true);
    r.backward({ gradient: torch.tensor(2, { dtype: torch.float32 }) });
    expect(String(x.grad)).toBe("tensor([ 9., 12.])");
  });
  test("autograd.grad(outputs, inputs, {grad_outputs, retain_graph, create_graph, allow_unused})", () => {
    const x = torch.tensor([1.5, 2], { dtype: torch.float32, requires_grad: true });
    const y = torch.tensor([1], { dtype: torch.float32, requires_grad: true });
    const r = x.pow(3).sum();
    const [g, unused] = torch.autograd.grad([r], [x, y], {
      grad_outputs: [torch.tensor(1, { dtype: torch.float32 })],
      retain_graph: true,
      create_graph: true,
      allow_unused: true,
    });
    expect(String(g)).toBe("tensor([ 6.7500, 12.0000], grad_fn=<MulBackward0>)");
    expect(unused).toBeNull();
    const [g2] = torch.autograd.grad([r], [x], null, true, false);
    expect(String(g2)).toBe("tensor([ 6.7500, 12.0000])");
  });
  test("a keyword given twice is Python's TypeError", () => {
    expect(() => torch.ones(2, 3).sum(0, { dim: 1 } as never)).toThrow("sum() got multiple values for argument 'dim'");
  });
  test("keyword-only options stay with the op: x.sum({dim: 0, dtype}) and x.sum(0, {keepdim: true, dtype})", () => {
    const x = torch.tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(String(x.sum({ dim: 0, dtype: torch.float64 }))).toBe("tensor([4., 6.], dtype=torch.float64)");
    expect(String(x.sum(0, { keepdim: true, dtype: torch.float64 } as never))).toBe(
      "tensor([[4., 6.]], dtype=torch.float64)",
    );
  });
});
