/**
 * Graph nodes a learner can walk without casts: `z.grad_fn.next_functions[0][0].next_functions[0][0].variable`
 * (the seed notebook's walk) type-checks, in a cell and under `strict`, and at run time `variable` is the
 * leaf on AccumulateGrad and absent on every other node; `name()`, `metadata`, `next_functions`,
 * `register_hook` and `register_prehook` behave as torch.autograd.graph.Node documents them.
 */
import { describe, expect, test } from "vitest";
import { messageText, typeDiagnostics } from "../support/typecheck.js";
import { fileURLToPath } from "node:url";
import * as torch from "../../engine/index.js";
import { compile } from "../compiler/compile.js";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

// Only the fixture's own errors: the engine's sources are written for (and checked by) the strict build.
const typeErrors = (file: string, strict: boolean): string[] =>
  typeDiagnostics(file, { strict, cellLib: true }).map(
    (d) => `${d.file ? d.file.fileName.replace(/.*\//, "") + ": " : ""}${messageText(d)}`,
  );

describe("graph nodes type-check as a learner walks them", () => {
  test("the seed's walk compiles without casts in a non-strict file, as cells are", () => {
    expect(typeErrors(fixture("graph_walk_cell.ts"), false)).toEqual([]);
  }, 60_000);
  test("under strict, variable is Tensor | undefined and narrowing to AccumulateGrad gives the Tensor", () => {
    expect(typeErrors(fixture("graph_walk_strict.ts"), true)).toEqual([]);
  }, 60_000);
  test("the cell compiler accepts the walk", () => {
    const cell = compile(
      "const x = torch.tensor([2.0], {requires_grad: true})\nconst y = torch.tensor([3.0], {requires_grad: true})\n" +
        "const z = x ** 2 + y ** 3\nconst x_leaf = z.grad_fn.next_functions[0][0].next_functions[0][0].variable\nx_leaf.grad",
    );
    expect(cell.diagnostics).toEqual([]);
  }, 60_000);
});

describe("graph nodes at run time", () => {
  const x = torch.tensor([2.0], { requires_grad: true, dtype: torch.float32 });
  const y = torch.tensor([3.0], { requires_grad: true, dtype: torch.float32 });
  const z = x.pow(2).add(y.pow(3));
  const pow = z.grad_fn!.next_functions[0][0]!;
  const acc = pow.next_functions[0][0]!;

  test("variable is the leaf itself on AccumulateGrad, and absent elsewhere (Python: hasattr is False)", () => {
    expect(acc.variable).toBe(x);
    expect(z.grad_fn!.next_functions[1][0]!.next_functions[0][0]!.variable).toBe(y);
    expect(pow.variable).toBeUndefined();
    expect("variable" in pow).toBe(false);
    expect("variable" in z.grad_fn!).toBe(false);
  });
  test("name(), next_functions and metadata as PyTorch shows them", () => {
    expect(z.grad_fn!.name()).toBe("AddBackward0");
    expect(pow.name()).toBe("PowBackward0");
    expect(acc.name()).toBe("torch::autograd::AccumulateGrad");
    expect(acc.next_functions).toEqual([]);
    expect(z.grad_fn!.next_functions.map(([n, i]) => [n?.name(), i])).toEqual([
      ["PowBackward0", 0],
      ["PowBackward0", 0],
    ]);
    expect(z.grad_fn!.metadata).toEqual({});
    z.grad_fn!.metadata["step"] = 1;
    expect(z.grad_fn!.metadata).toEqual({ step: 1 });
  });
  test("register_hook sees (grad_inputs, grad_outputs); register_prehook may replace grad_outputs", () => {
    const a = torch.tensor([2.0], { requires_grad: true, dtype: torch.float32 });
    const b = a.mul(3);
    const seen: string[] = [];
    const h1 = b.grad_fn!.register_hook((gi, go) => {
      seen.push(`${gi[0]} ${go[0]}`);
    });
    const h2 = b.grad_fn!.register_prehook((go) => [go[0]!.mul(10)]);
    b.sum().backward();
    expect(seen).toEqual(["tensor([30.]) tensor([10.])"]);
    expect(String(a.grad)).toBe("tensor([30.])");
    h1.remove();
    h2.remove();
  });
});
