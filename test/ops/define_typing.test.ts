/**
 * The op table's entries are typed by their inputs: forward gets one Tensor per input name, a
 * backward key that is not an input and a saved name that is not saved do not compile.
 */
import { describe, expect, test } from "vitest";
import ts from "typescript";
import { typeErrors } from "../support/typecheck.js";
import { fileURLToPath } from "node:url";

describe("defineOp is typed by its entry", () => {
  test("misspelled backward keys, unsaved names, null optional inputs and extra inputs are compile errors", () => {
    const file = fileURLToPath(new URL("./fixtures/define_typing.ts", import.meta.url));
    // Every `@ts-expect-error` in the fixture must meet an error (else TS2578), and nothing else may fail.
    const errors = typeErrors(file, { all: true });
    expect(errors).toEqual([]);
    const source = ts.sys.readFile(file)!;
    expect(source.match(/^\s*\/\/ @ts-expect-error/gm)).toHaveLength(4);
  }, 180_000); // type-checks the whole engine: slow on a loaded machine
});
