import { describe, expect, test } from "vitest";
import { compile } from "./compile.js";

/**
 * The hidden suffix brings in only the prelude and earlier names the cell mentions, so finding
 * those names must not be fooled by what comes before them: a template literal, a regular
 * expression, or an initialiser the typing pass or scope transform rewrites.
 */
const INITIALISERS = [
  "1",
  "'s'",
  '"s"',
  "`s`",
  "`a${1}b`",
  "`a${`b${2}c`}d`",
  "`a${'}'}b`",
  "String.raw`a${1}b`",
  "/'/",
  "/`/g",
  "/a}b/",
  "1 / 2 / 3",
  "[1, `x${2}`]",
  "{k: `${3}`}",
  "() => `${4}`",
  "function () { return `}` }",
  "class { s = `${5}` }",
  "new Map<string, number>()",
  "true ? `a${1}` : 'b'",
  "(`a${1}` as string)",
  "`a${1}` satisfies string",
  "torch.ones(2) * 2",
  "torch.ones(2)[0]",
  "-torch.ones(2)",
  "torch.ones(2) > 0",
  "`${torch.ones(2) * 2}`",
];

describe("a declaration followed by a prelude name in the same cell finds the prelude", () => {
  for (const init of INITIALISERS) {
    test.each([
      [`const t = ${init}; print(t)`],
      [`let t = ${init}\ndisplay(t)`],
      [`var t = ${init}; torch.ones(1); print(range(2))`],
      [`const [t] = [${init}]; print(t)`],
      [`const {t} = {t: ${init}}; display(t)`],
      [`(${init}); print(1)`],
      [`display([${init}, print])`],
    ])("%s", (code) => expect(compile(code).diagnostics).toEqual([]));
  }
});
