import { describe, expect, test } from "vitest";
import { CellCompiler } from "../../kernel/compiler/compiler.js";
import { notebookDir } from "../session/fixtures.js";

function run(c: CellCompiler, code: string) {
  const cell = c.compile(code);
  expect(cell.diagnostics).toEqual([]);
  c.commit(cell);
  return cell;
}

describe("a cell run again is not type-checked again while what it depends on is unchanged", () => {
  test("the same cell after other cells ran is the same compiled cell", () => {
    const c = new CellCompiler(notebookDir);
    run(c, "const x = torch.arange(4., {requires_grad: true})");
    const first = run(c, "const y = 2 * torch.dot(x, x)");
    run(c, "const unrelated = 1");
    expect(run(c, "const y = 2 * torch.dot(x, x)")).toBe(first);
  });

  test("a cell whose earlier names changed type is checked again", () => {
    const c = new CellCompiler(notebookDir);
    run(c, "let k = 2");
    const first = c.compile("const m = k * 3");
    run(c, "let k = torch.ones(2)");
    const again = c.compile("const m = k * 3");
    expect(again).not.toBe(first);
    expect(again.js).toContain(".mul(3)");
  });

  test("a slot that now holds another cell with the same names is checked again", () => {
    const c = new CellCompiler(notebookDir);
    run(c, "function f() { return 1 }");
    expect(c.compile("const r: number = f()").diagnostics).toEqual([]);
    run(c, "function f() { return 2 }"); // frees the first cell's slot
    run(c, "function f() { return 's' }"); // takes it again: the suffix reads the same, the slot does not
    expect(c.compile("const r: number = f()").diagnostics.map((d) => d.message)).toEqual([
      "Type 'string' is not assignable to type 'number'.",
    ]);
  });

  test("cells with errors, and cells that load modules, are always checked", () => {
    const c = new CellCompiler(notebookDir);
    const bad = c.compile("nosuch + 1");
    expect(c.compile("nosuch + 1")).not.toBe(bad);
    const imp = c.compile("import * as path from 'node:path'\nconst sep = path.sep");
    expect(c.compile("import * as path from 'node:path'\nconst sep = path.sep")).not.toBe(imp);
  });
});
