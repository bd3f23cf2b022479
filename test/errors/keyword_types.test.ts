/**
 * The options-object forms learners write (fixtures/keyword_types.ts: backward, autograd.grad,
 * reductions, factories, shapes, nn.functional, init, optimizers) type-check as a cell does (not
 * strict) and run.
 */
import { describe, expect, test } from "vitest";
import { messageText, typeDiagnostics } from "../support/typecheck.js";
import { fileURLToPath } from "node:url";

const file = fileURLToPath(new URL("./fixtures/keyword_types.ts", import.meta.url));

describe("options objects in the types", () => {
  test("every line of the fixture type-checks without casts", () => {
    const errors = typeDiagnostics(file, { strict: false, cellLib: true }).map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start!);
      return `${line + 1}: ${d.file!.text.split("\n")[line].trim()}: ${messageText(d, " ")}`;
    });
    expect(errors).toEqual([]);
  }, 60_000);
  test("and the fixture runs", async () => {
    await expect(import("./fixtures/keyword_types.js")).resolves.toBeDefined();
  });
});
