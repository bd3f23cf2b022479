/**
 * The options-object forms learners write (fixtures/keyword_types.ts: backward, autograd.grad,
 * reductions, factories, shapes, nn.functional, init, optimizers) type-check as a cell does (not
 * strict) and run.
 */
import { describe, expect, test } from "vitest";
import ts from "typescript";
import { fileURLToPath } from "node:url";

const file = fileURLToPath(new URL("./fixtures/keyword_types.ts", import.meta.url));

describe("options objects in the types", () => {
  test("every line of the fixture type-checks without casts", () => {
    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts"],
      types: ["node"],
      strict: false,
      noEmit: true,
      skipLibCheck: true,
    });
    const sf = program.getSourceFile(file)!;
    const errors = ts.getPreEmitDiagnostics(program, sf).map((d) => {
      const { line } = sf.getLineAndCharacterOfPosition(d.start!);
      return `${line + 1}: ${sf.text.split("\n")[line].trim()}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
    expect(errors).toEqual([]);
  }, 60_000);
  test("and the fixture runs", async () => {
    await expect(import("./fixtures/keyword_types.js")).resolves.toBeDefined();
  });
});
