import { describe, expect, test } from "vitest";
import { ShadowText, codePointToUtf16, lineColumn, utf16ToCodePoint } from "../../kernel/compiler/positions.js";

describe("code points and UTF-16 offsets", () => {
  const text = "a😀b\nc";
  test("a code point position becomes a UTF-16 offset and back", () => {
    expect(codePointToUtf16(text, 2)).toBe(3);
    expect(utf16ToCodePoint(text, 3)).toBe(2);
    expect(codePointToUtf16(text, 99)).toBe(text.length);
  });
  test("line and column are 1-based, columns in code points", () => {
    expect(lineColumn(text, 3)).toEqual({ line: 1, column: 3 });
    expect(lineColumn(text, 5)).toEqual({ line: 2, column: 1 });
  });
});

describe("the shadow text (the user's code with insertions)", () => {
  const user = "a * b * c";
  // Wrap `a * b` (0..5) and then the whole (0..9), as two rounds of the typing pass would.
  const inner = [
    { at: 0, text: "((", span: 5, closing: false },
    { at: 5, text: ") as T)", span: 5, closing: true },
  ];
  const outer = [
    { at: 0, text: "((", span: 9, closing: false },
    { at: 9, text: ") as T)", span: 9, closing: true },
  ];
  const shadow = new ShadowText(user, inner).with(outer);

  test("nested wraps open outermost first and close innermost first", () => {
    expect(shadow.text).toBe("((((a * b) as T) * c) as T)");
  });
  test("positions map back to the user's text; inserted text maps to its anchor", () => {
    expect(shadow.toUser(shadow.text.indexOf("a"))).toBe(0);
    expect(shadow.toUser(shadow.text.indexOf("c"))).toBe(8);
    expect(shadow.toUser(shadow.text.indexOf("as"))).toBe(5);
    expect(shadow.toShadow(8)).toBe(shadow.text.indexOf("c"));
  });
});
