/**
 * Warnings print as PyTorch's do, once each (Python's default filter prints a warning once per
 * place that issues it): the same calls as generate_warning_goldens.py, compared with what real
 * PyTorch printed on stderr.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test, vi } from "vitest";
import * as torch from "../../engine/index.js";

const goldens = JSON.parse(readFileSync(new URL("./warning_goldens.json", import.meta.url), "utf8")) as {
  cases: { name: string; warnings: string[] }[];
};

const CASES: Record<string, () => void> = {
  "backward with create_graph, twice": () => {
    const x = torch.tensor([1.0, 2.0], { dtype: torch.float32, requires_grad: true });
    for (let i = 0; i < 2; i++) x.mul(x).sum().backward({ create_graph: true });
  },
  "gradcheck of a float32 input, twice": () => {
    const a = torch.tensor([1.0, 2.0], { dtype: torch.float64, requires_grad: true });
    const b = torch.tensor([3.0, 4.0], { dtype: torch.float32, requires_grad: true });
    for (let i = 0; i < 2; i++) {
      try {
        torch.autograd.gradcheck((p, q) => p.mul(q), [a, b]);
      } catch {
        // a float32 input may fail the check; only the warning is compared here
      }
    }
  },
};

afterEach(() => vi.restoreAllMocks());

describe("warnings, as PyTorch prints them", () => {
  for (const { name, warnings } of goldens.cases) {
    test(name, () => {
      const printed: string[] = [];
      vi.spyOn(process.stderr, "write").mockImplementation(
        (chunk: string | Uint8Array) => (printed.push(String(chunk)), true),
      );
      CASES[name]!();
      vi.restoreAllMocks();
      expect(
        printed
          .join("")
          .split("\n")
          .filter((l) => /^\w+Warning: /.test(l)),
      ).toEqual(warnings);
    });
  }
  test("every golden case has its TypeScript translation", () => {
    expect(Object.keys(CASES).sort()).toEqual(goldens.cases.map((c) => c.name).sort());
  });
});
