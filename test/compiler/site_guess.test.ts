/**
 * Guessed tensor sites (kernel/compiler/site_guess.ts): a right guess saves the typing pass a
 * round (one program and checker fewer per cell); a wrong guess is caught by the checker and
 * changes nothing in what the cell means.
 */
import { beforeAll, describe, expect, test } from "vitest";
import ts from "typescript";
import { guessTensorSites } from "../../kernel/compiler/site_guess.js";
import { compile } from "./compile.js";

beforeAll(() => {
  compile("const x = torch.ones(3, {requires_grad: true})\nconst w = torch.ones(3)\nlet n = 2", { commit: true });
});

function guessed(code: string, tensors: string[]): string[] {
  const sf = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  return guessTensorSites(sf, new Set(tensors)).map((g) => code.slice(g.start, g.end));
}

describe("what looks like a tensor site", () => {
  test("names earlier cells typed as Tensor, calls into torch, and sites built from them", () => {
    expect(guessed("const y = 2 * torch.dot(x, x) + 1", ["x"])).toEqual([
      "2 * torch.dot(x, x)",
      "2 * torch.dot(x, x) + 1",
    ]);
    expect(guessed("z = -(x ** 2)[0] > w.sum()", ["x", "w"])).toEqual([
      "x ** 2",
      "(x ** 2)[0]",
      "-(x ** 2)[0]",
      "-(x ** 2)[0] > w.sum()",
    ]);
    expect(guessed("torch.nn.functional.relu(x) * 3", ["x"])).toEqual(["torch.nn.functional.relu(x) * 3"]);
  });

  test("not plain numbers, strings, methods that return plain values, or a declaration's own name", () => {
    expect(guessed("n * 2 + m", ["x"])).toEqual([]);
    expect(guessed("'loss ' + x", ["x"])).toEqual([]);
    expect(guessed("x.item() * 2 + x.size(0)", ["x"])).toEqual([]);
    expect(guessed("x += 1; x[0] = 2", ["x"])).toEqual([]);
  });
});

describe("the typing pass with guesses", () => {
  test("a right guess: the cell is checked once", () => {
    const cell = compile("const y = 2 * torch.dot(x, x)\ny.backward()");
    expect(cell.diagnostics).toEqual([]);
    expect(cell.rounds).toBe(1);
    expect(cell.js).toContain("mul(2)");
  });

  test("a statement that starts with a guessed site keeps its semicolon (ASI)", () => {
    const cell = compile("let k = 1\nx * 2\nk");
    expect(cell.diagnostics).toEqual([]);
    expect(cell.rounds).toBe(1);
  });

  test("a wrong guess (x shadowed by a number) is dropped: same types, same code as without it", () => {
    const cell = compile("function f(x: number) { return x * 2 }\nconst r: string = f(3).toFixed(1)");
    expect(cell.diagnostics).toEqual([]);
    expect(cell.js).toContain("x * 2");
    expect(cell.js).not.toContain(".mul(");
  });

  test("a wrong guess still reports the cell's real type errors", () => {
    const cell = compile("const x = 'text'\nconst bad: number = x * 2");
    expect(cell.diagnostics.map((d) => d.code)).toContain(2362);
  });

  test("a method that looks tensor-valued but is not (a property chain) is checked, not trusted", () => {
    const cell = compile("const g = x.sum().tolist\nconst q = w.max(0).values * 2");
    expect(cell.diagnostics).toEqual([]);
    expect(cell.js).toContain("mul(2)");
  });
});
