import { describe, expect, test } from "vitest";
import { isComplete } from "../../kernel/compiler/is_complete.js";

describe("is_complete", () => {
  test.each([
    ["x = 1"],
    ["const y = x * 2\ny"],
    [""],
    ["%time f()"],
    ["torch.ones?"],
    ["??torch.ones"],
    ["%%timeit\nf()"],
  ])("%s is complete", (code) => {
    expect(isComplete(code)).toEqual({ status: "complete" });
  });

  test.each([
    ["function f(a) {", "  "],
    ["while (b.norm() < 1000) {\n  b = b * 2", "  "],
    ["torch.ones(2,", "  "],
    ["const s = `multi\nline", ""],
    ["/* a comment", ""],
    ["if (x) {\n  if (y) {", "    "],
  ])("%s is incomplete", (code, indent) => {
    expect(isComplete(code)).toEqual({ status: "incomplete", indent });
  });

  test.each([["const = 1"], ["x = )"], ["}"], ["let 1x = 2"]])("%s is invalid", (code) => {
    expect(isComplete(code)).toEqual({ status: "invalid" });
  });
});

describe("is_complete reads template literals as the parser does", () => {
  test.each([
    ["if (x) {\n  const s = `a${1}b`", "  "],
    ["print(`${`}`}`,", "  "],
    ["const t = `a${[1, 2].map((v) => {\n  return v", "    "],
  ])("%s is incomplete", (code, indent) => {
    expect(isComplete(code)).toEqual({ status: "incomplete", indent });
  });
});
