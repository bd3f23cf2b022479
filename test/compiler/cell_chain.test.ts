import { describe, expect, test } from "vitest";
import { CellCompiler } from "../../kernel/compiler/compiler.js";
import { notebookDir } from "../session/fixtures.js";

function run(c: CellCompiler, code: string) {
  const cell = c.compile(code);
  expect(cell.diagnostics).toEqual([]);
  c.commit(cell);
  return cell;
}

describe("earlier cells stay in the program only while their names are current", () => {
  test("re-declaring the same names many times keeps the program bounded", () => {
    const c = new CellCompiler(notebookDir);
    run(c, "function helper(t: torch.Tensor) { return t.sum() }\ninterface Point { x: number }");
    for (let i = 0; i < 60; i++) run(c, `const v = torch.ones(${i + 1})\nlet p: Point = {x: ${i}}`);
    for (let i = 0; i < 60; i++) run(c, "print(1)"); // declares nothing: not kept
    expect(c.chain.slotCount).toBeLessThanOrEqual(16);
    // The early cell's function and interface are still there, and v has its latest type.
    expect(c.compile("helper(v).grad_fn\nconst q: Point = p").diagnostics).toEqual([]);
  });

  test("a cell that refers to an earlier cell keeps it alive after its names are re-declared", () => {
    const c = new CellCompiler(notebookDir);
    run(c, "class Net { forward(x: number) { return x * 2 } }");
    run(c, "const net = new Net()");
    run(c, "class Net { other() { return 1 } }"); // Net re-declared; `net` still has the first Net's type
    for (let i = 0; i < 20; i++) run(c, `const filler${i % 3} = ${i}`);
    const cell = c.compile("net.forward(2)\nconst n2 = new Net()\nn2.other()");
    expect(cell.diagnostics).toEqual([]);
  });
});

describe("a cell's hidden suffix does not grow with the notebook", () => {
  test("after 40 cells that each declare a new name, a cell imports one hub and only the names it uses", () => {
    const c = new CellCompiler(notebookDir);
    run(c, "const first = torch.ones(2)");
    const early = c.compile("const y = first * 2");
    for (let i = 0; i < 40; i++) run(c, `const n${i} = torch.ones(2) * ${i}`);
    expect(c.chain.slotCount).toBeGreaterThan(40);
    const late = c.compile("const y = first * 2 + n39");
    expect(late.diagnostics).toEqual([]);
    const suffix = (cell: typeof late) => cell.checkedText.slice(cell.shadow.text.length);
    expect(suffix(late).match(/^import \* as /gm)).toHaveLength(1);
    // The same imports as in a fresh notebook, plus the one line that brings in n39.
    expect(suffix(late).split("\n").length).toBe(suffix(early).split("\n").length + 1);
  });
});
