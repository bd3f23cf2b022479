/**
 * NDArray printing and behaviour against real numpy 1.24 (numpy_goldens.json): repr and str of a
 * few hundred arrays must match character for character.
 */
import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { buildArray, goldens } from "./golden.js";

describe("repr/str match numpy 1.24", () => {
  for (const c of goldens.arrays) {
    it(c.name, () => {
      const a = buildArray(c);
      expect(a.toString()).toBe(c.repr);
      expect(a.str()).toBe(c.str);
    });
  }
  it("inspect and String() give the repr", () => {
    const a = buildArray(goldens.arrays[0]!);
    expect(inspect(a)).toBe(a.toString());
    expect(String(a)).toBe(a.toString());
  });
});
