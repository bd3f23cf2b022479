import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import { OP_TABLE } from "../../engine/ops/table.js";
import { SAMPLES as CORE_SAMPLES } from "./op_samples.js";
import { INDEX_SAMPLES } from "../ops/op_samples_index.js";
import { NN_SAMPLES } from "../nn/op_samples_nn.js";
import { describeBackends } from "../support/backends.js";

const SAMPLES = { ...CORE_SAMPLES, ...INDEX_SAMPLES, ...NN_SAMPLES };

// Entries exempt from gradcheck here say why in `internal.gradcheck` (differentiated through the public op that records them...).
const differentiable = [...OP_TABLE.values()].filter((d) => d.backward && !d.internal?.gradcheck);

describeBackends("every differentiable op passes gradcheck in float64", () => {
  test("every differentiable op in the table has a sample", () => {
    const missing = differentiable.map((d) => d.name).filter((n) => !SAMPLES[n]);
    expect(missing).toEqual([]);
  });
  for (const def of differentiable) {
    const s = SAMPLES[def.name];
    if (!s) continue;
    test(`${def.name}: gradcheck`, () => {
      expect(torch.autograd.gradcheck(s.fn, s.inputs(), s.opts)).toBe(true);
    });
    if (s.secondOrder !== false)
      test(`${def.name}: gradgradcheck`, () => {
        expect(torch.autograd.gradgradcheck(s.fn, s.inputs(), null, s.opts)).toBe(true);
      });
  }
  test("gradcheck catches a wrong derivative", () => {
    class Wrong extends torch.autograd.Function {
      static override forward(_ctx: torch.autograd.FunctionCtx, x: torch.Tensor) {
        return x.mul(x);
      }
      static override backward(_ctx: torch.autograd.FunctionCtx, g: torch.Tensor) {
        return g;
      }
    }
    const x = torch.tensor([1.5, 2], { dtype: torch.float64, requires_grad: true });
    expect(() => torch.autograd.gradcheck((t) => Wrong.apply(t), [x])).toThrow(/Jacobian mismatch/);
  });
});

describe("backward is iterative", () => {
  test("a chain of 200,000 ops backpropagates without a stack overflow", () => {
    const x = torch.tensor([1], { dtype: torch.float32, requires_grad: true });
    let y = x;
    for (let i = 0; i < 200_000; i++) y = y.add(1);
    y.sum().backward();
    expect(x.grad!.item()).toBe(1);
  });
});
