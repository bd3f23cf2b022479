/**
 * Messages that print a shape, one per form (engine/format/shape_text.ts): `3x2x2` in pooling,
 * `[2, 4]` from c10's IntArrayRef, `torch.Size([2, 3])` from Python-side checks. Compared with
 * what PyTorch raised for the same calls (generate_shape_messages.py).
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";

const F = torch.nn.functional;
const long = { dtype: torch.int64 };
const goldens = JSON.parse(readFileSync(new URL("./shape_messages.json", import.meta.url), "utf8")) as {
  cases: { name: string; error: string }[];
};

const CASES: Record<string, () => unknown> = {
  "max_pool2d output too small": () => F.max_pool2d(torch.ones(1, 3, 2, 2), 3),
  "avg_pool2d output too small": () => F.avg_pool2d(torch.ones(1, 3, 2, 2), 3),
  "max_pool2d empty non-batch dimension": () => F.max_pool2d(torch.ones(1, 0, 2, 2), 1),
  "nll_loss target size": () => F.nll_loss(torch.zeros(2, 3, 4), torch.zeros([2, 5], long)),
  "nll_loss weight size": () => F.nll_loss(torch.zeros(2, 3), torch.zeros([2], long), { weight: torch.ones(2) }),
  "conv_transpose2d output_size out of range": () =>
    new torch.nn.ConvTranspose2d(1, 1, 3).forward(torch.ones(1, 1, 4, 4), [10, 10]),
  "view of an impossible shape": () => torch.ones(6).view(4, 2),
  "layer_norm with a mismatched normalized_shape": () => F.layer_norm(torch.ones(2, 3), [4]),
  "binary_cross_entropy target size": () => F.binary_cross_entropy(torch.full([2, 3], 0.5), torch.zeros(3, 2)),
  "batch_norm of one value per channel": () => F.batch_norm(torch.ones(1, 3), null, null, null, null, true),
};

describe("shapes in error messages, in the form each PyTorch message writes them", () => {
  for (const { name, error } of goldens.cases) {
    test(name, () => {
      let caught: Error | undefined;
      try {
        CASES[name]!();
      } catch (e) {
        caught = e as Error;
      }
      expect(caught && `${caught.name}: ${caught.message}`).toBe(error);
    });
  }
  test("every golden case has its TypeScript translation", () => {
    expect(Object.keys(CASES).sort()).toEqual(goldens.cases.map((c) => c.name).sort());
  });
});
