/**
 * Tensor methods come with every entry point: a program that starts from any of the package's
 * entries (or from engine/methods.ts) gets Tensors with all their methods and in-place ops on
 * views that record PyTorch's graph (CopySlices), not only one that imports engine/index.ts.
 * Each case loads its entry into a fresh module graph.
 */
import { beforeEach, describe, expect, test, vi } from "vitest";

const ENTRIES: Record<string, string> = {
  "gradlab/pyplot": "../../kernel/display/pyplot/index.js",
  "gradlab/torchviz": "../../kernel/display/torchviz/index.js",
  "gradlab/tqdm": "../../kernel/display/tqdm/index.js",
  "engine/methods.ts": "../../engine/methods.js",
};

beforeEach(() => {
  vi.resetModules();
});

describe("every entry point gives Tensors all their methods", () => {
  for (const [entry, path] of Object.entries(ENTRIES)) {
    test(`${entry} alone: methods of each family, keyword binding, and x.view(...).mul_() rewriting the base's graph`, async () => {
      await import(path);
      const { Tensor } = await import("../../engine/tensor/tensor.js");
      const { tensor } = await import("../../engine/tensor/creation.js");
      // One method of each family, the rows' generated ones, autograd's and numpy's.
      for (const m of [
        "add",
        "mul_",
        "hypot",
        "hypot_",
        "gt_",
        "exp",
        "sum",
        "view",
        "matmul",
        "chunk",
        "sort",
        "gather",
        "masked_fill",
        "softmax",
        "tril",
        "uniform_",
        "retain_grad",
        "numpy",
      ])
        expect(typeof (Tensor.prototype as unknown as Record<string, unknown>)[m], m).toBe("function");
      const x = tensor([1, 2, 3], {
        dtype: (await import("../../engine/tensor/dtype.js")).float32,
        requires_grad: true,
      });
      expect(x.sum({ dim: 0 }).item()).toBe(6); // keyword arguments bound on the installed methods
      const a = x.clone();
      a.narrow(0, 0, 2).mul_(2);
      expect(a.grad_fn?.name()).toBe("torch::autograd::CopySlices");
      a.sum().backward();
      expect(x.grad?.tolist()).toEqual([2, 2, 1]);
    });
  }
});
