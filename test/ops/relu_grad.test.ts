/**
 * ReLU's gradient is ATen's threshold_backward(grad, result, 0): the gradient where the result is
 * positive or NaN, +0 (not grad * false = -0) elsewhere, on every backend; the recorded form
 * (create_graph) keeps the same values where both are defined.
 */
import { expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import { set_backend } from "../../engine/backend/index.js";
import { available_backends } from "../../engine/backend/registry.js";

for (const name of available_backends())
  test(`${name}: relu's gradient is threshold_backward's, +0 where the result is not positive`, () => {
    const prev = set_backend(name);
    try {
      for (const dtype of [torch.float32, torch.float64]) {
        const x = torch.tensor([-1, 0, -0, 2, Number.NaN, 3], { dtype, requires_grad: true });
        x.relu().backward(torch.tensor([-3, -3, 5, -3, -3, 4], { dtype }));
        const got = x.grad!.tolist() as number[];
        expect(got.map((v) => Object.is(v, 0))).toEqual([true, true, true, false, false, false]);
        expect(got.slice(3)).toEqual([-3, -3, 4]);
        // large enough for the native kernels
        const y = torch.randn(4096, { dtype }).requires_grad_();
        const g = torch.randn(4096, { dtype });
        y.relu().backward(g);
        expect(y.grad!.equal(torch.where(y.detach().gt(0), g, torch.zeros_like(g)))).toBe(true);
        const z = y.detach().requires_grad_();
        const [gz] = torch.autograd.grad([z.relu()], [z], [g], { create_graph: true });
        expect(gz!.detach().equal(y.grad!)).toBe(true);
      }
    } finally {
      set_backend(prev);
    }
  });
