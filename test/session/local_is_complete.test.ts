import { describe, expect, test } from "vitest";
import { quickIsComplete, scanBrackets } from "../../kernel/session/local_is_complete.js";

describe("the bracket scanner that answers is_complete before the parser has loaded", () => {
  test("open brackets, strings, templates and comments at the end are incomplete, indented per bracket", () => {
    expect(scanBrackets("function f(a: number) {")).toEqual({ status: "incomplete", indent: "  " });
    expect(scanBrackets("const a = [1, {")).toEqual({ status: "incomplete", indent: "    " });
    expect(scanBrackets("const s = `line ${x}")).toEqual({ status: "incomplete", indent: "" });
    expect(scanBrackets("/* still")).toEqual({ status: "incomplete", indent: "" });
  });

  test("balanced code is complete, brackets inside strings, templates and comments included", () => {
    expect(scanBrackets("2 * torch.dot(x, x)")).toEqual({ status: "complete" });
    expect(scanBrackets("print('(' + \"[\") // {\nconst t = `${f({a: 1})} }`")).toEqual({ status: "complete" });
    expect(scanBrackets("torch.ones?")).toEqual({ status: "complete" });
  });

  test("a closing bracket that matches nothing is invalid", () => {
    expect(scanBrackets("1 + )")).toEqual({ status: "invalid" });
    expect(scanBrackets("f(]")).toEqual({ status: "invalid" });
  });
});

describe("is_complete never keeps a frontend waiting on a busy main thread", () => {
  test("the session's answer is used when it comes in time", async () => {
    const ask = quickIsComplete(async () => ({ status: "invalid" }));
    expect(await ask("let = = 5")).toEqual({ status: "invalid" });
  });

  test("a session that does not answer (a cell or the warm-up is running) is replaced by the scanner", async () => {
    const ask = quickIsComplete(() => new Promise(() => {}));
    expect(await ask("function f() {")).toEqual({ status: "incomplete", indent: "  " });
  });
});
