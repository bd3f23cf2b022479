/**
 * torch.autograd.gradcheck on inputs that are views (a transpose, a column), as the op
 * tests pass them: PyTorch's gradcheck returns True for these calls (it perturbs each element
 * where it lives in storage), and so must ours.
 */
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";

const f64 = { dtype: torch.float64 };

describe("gradcheck of inputs that are views", () => {
  test("a transposed leaf", () => {
    const x = torch.arange(6, f64).reshape(2, 3).add(0.5).t().detach().requires_grad_();
    expect(x.is_contiguous()).toBe(false);
    expect(torch.autograd.gradcheck((a) => a.pow(3).mul(torch.arange(6, f64).reshape(3, 2)), [x])).toBe(true);
  });

  test("a column (a strided view with an offset), beside a contiguous input", () => {
    const x = torch.arange(12, f64).add(1).reshape(4, 3).select(1, 2).detach().requires_grad_();
    expect(x.stride()).toEqual([3]);
    const y = torch.arange(4, f64).sub(1.5).requires_grad_();
    expect(torch.autograd.gradcheck((a, b) => a.mul(b).exp(), [x, y])).toBe(true);
  });
});
