import { describe, expect, test } from "vitest";
import { CellCompiler, type CompiledCell } from "../../kernel/compiler/compiler.js";
import { notebookDir } from "../session/fixtures.js";

/**
 * A notebook's cells, in order: each is compiled (and committed when it compiles) by a compiler
 * that keeps its checker across cells and by one that builds a new program for every cell.
 */
const NOTEBOOK = [
  "const x = torch.arange(4, {dtype: torch.float32, requires_grad: true})",
  "const y = 2 * torch.dot(x, x)",
  "const y = 2 * torch.dot(x, x) + 1",
  "y.backward()\nx.grad",
  "const z = x.nosuch(2)", // an error...
  "const z = x.nosuch(2)", // ...run again: reported again...
  "const z = x * 2", // ...that must not come back in the next cells
  "const w: string = z.sum().item()",
  "function f(a: number) { return a * 2 }",
  "const r: number = f(3)",
  "function f(a: string) { return a + '!' }", // f's slot is newer than the kept program
  "const s = f(3)",
  "const s = f('ok')",
  "class Box { constructor(public t: torch.Tensor) {} double() { return this.t * 2 } }",
  "const b = new Box(x).double().sum()",
  "interface Point { px: number }\nconst p: Point = { px: 1 }",
  "const q: Point = { py: 2 }",
  "// @ts-expect-error\nconst bad: number = 'no'",
  "// @ts-expect-error\nconst good: number = 1",
  "declare global { var gl_answer: number }\nglobalThis.gl_answer = 42",
  "const g = gl_answer + 1",
  "let k = 2\nk = k * 3",
  "let k = torch.ones(2)\nk += 1",
  "const msg = 'loss: ' + y + ` ${x.shape}`",
  "await Promise.resolve(torch.zeros(1) + 1)",
  "for (const i of range(3)) { x.grad.zero_() }",
  "const n = [1, 2, 3].map((v) => v * 2)\nn",
  "undefinedName + 1",
  "const y = ",
];

function run(c: CellCompiler, code: string, fresh: boolean): CompiledCell {
  c.kept.reuse = !fresh;
  const cell = c.compile(code);
  if (!cell.diagnostics.length) c.commit(cell);
  return cell;
}

describe("cells checked in the kept program (kept_checker.ts)", () => {
  test("compile exactly as with a new program for every cell", () => {
    const kept = new CellCompiler(notebookDir),
      fresh = new CellCompiler(notebookDir);
    let inKept = 0;
    for (const code of NOTEBOOK) {
      const a = run(kept, code, false),
        b = run(fresh, code, true);
      expect(b.keptProgram).toBe(false);
      if (a.keptProgram) inKept++;
      if (code.includes("nosuch"))
        expect(a.diagnostics.map((d) => d.message)).toEqual(["Property 'nosuch' does not exist on type 'Tensor'."]);
      expect({
        code,
        diagnostics: a.diagnostics,
        js: a.js,
        imports: a.imports,
        hasResult: a.hasResult,
        isAsync: a.isAsync,
        snapshots: a.snapshots,
      }).toEqual({
        code,
        diagnostics: b.diagnostics,
        js: b.js,
        imports: b.imports,
        hasResult: b.hasResult,
        isAsync: b.isAsync,
        snapshots: b.snapshots,
      });
    }
    // Most cells, not those after a new function, a comment directive or a global augmentation.
    expect(inKept).toBeGreaterThan(NOTEBOOK.length / 2);
  });

  test("a tensor cell with new text after declaring cells needs no new program", () => {
    const c = new CellCompiler(notebookDir);
    run(c, "const x = torch.arange(4., {requires_grad: true})", false);
    for (let i = 0; i < 5; i++) run(c, `const a${i} = torch.ones(2) * ${i}`, false);
    const cell = run(c, "const y = 2 * torch.dot(x, x) + 7", false);
    expect(cell.diagnostics).toEqual([]);
    expect(cell.keptProgram).toBe(true);
    expect(cell.js).toContain("__s.torch.dot(__s.x, __s.x).mul(2)).add(7)");
  });

  test("cells that load modules, augment the global scope or carry comment directives get a new program", () => {
    const c = new CellCompiler(notebookDir);
    run(c, "const x = torch.ones(2)", false);
    expect(run(c, "const x2 = x * 2", false).keptProgram).toBe(true);
    expect(run(c, "import { readFileSync } from 'node:fs'\nconst rf = readFileSync", false).keptProgram).toBe(false);
    expect(run(c, "declare global { var gl_kept: number }", false).keptProgram).toBe(false);
    expect(run(c, "// @ts-ignore\nconst x3: number = 'a'", false).keptProgram).toBe(false);
  });
});
