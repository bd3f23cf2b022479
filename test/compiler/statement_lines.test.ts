import { beforeAll, describe, expect, test } from "vitest";
import { compile, js } from "./compile.js";
import { originalPosition } from "../../kernel/compiler/source_map.js";

beforeAll(() => {
  compile("const x = torch.ones(3)\nlet a = 1, b = 2", { commit: true });
});

/** The cell's JavaScript statements, one per entry (whitespace squeezed). */
const statements = (code: string) =>
  js(code)
    .split(/;\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

describe("a line starting with ( [ or ` after a complete statement starts a new statement", () => {
  test.each([
    [
      "const v = torch.randn(3, {requires_grad: true})\n(v * 2).sum().backward()",
      ["__s.v = __s.torch.randn(3, { requires_grad: true })", "return (__s.v.mul(2)).sum().backward()"],
    ],
    [
      "const h = torch.ones(2, {requires_grad: true})\nh.register_hook((g) => g.mul(2))\n(h * 3).sum().backward()",
      [
        "__s.h = __s.torch.ones(2, { requires_grad: true })",
        "__s.h.register_hook((g) => g.mul(2))",
        "return (__s.h.mul(3)).sum().backward()",
      ],
    ],
    ["a = 3\n[a, b] = [b, a]", ["__s.a = 3", "[__s.a, __s.b] = [__s.b, __s.a]"]],
    ["let t = a\n[a, b] = [b, a]", ["__s.t = __s.a", "[__s.a, __s.b] = [__s.b, __s.a]"]],
    ["const s = 'x'\n`a${s}`", ["__s.s = 'x'", "return `a${__s.s}`"]],
    ["print(x)  // a comment\n(x * 2).sum()", ["__s.print(__s.x)", "// a comment return (__s.x.mul(2)).sum()"]],
    ["print(x) /* a */\n/* b */ (x * 2).sum()", ["__s.print(__s.x)", "/* a */ /* b */ return (__s.x.mul(2)).sum()"]],
    ["const f = () => 1\n(x + 1).sum()", ["__s.f = () => 1", "return (__s.x.add(1)).sum()"]],
    ["x.sum()\n\n(x * 2)\n[0]", ["__s.x.sum()", "(__s.x.mul(2))", "return [0]"]],
  ])("%j", (code, want) => expect(statements(code)).toEqual(want));

  test("also at statement level inside function bodies, blocks, loops and case clauses", () => {
    const out = js(
      [
        "function f(t) {",
        "  const u = t * 2",
        "  (u + 1).sum()",
        "  return u",
        "}",
        "if (a > 0) {",
        "  let k = a",
        "  [a, b] = [b, k]",
        "}",
        "for (const i of [1]) {",
        "  print(i)",
        "  (x * i).sum()",
        "}",
        "switch (a) {",
        "  case 1:",
        "    print(a)",
        "    (x * 2).sum()",
        "}",
        "const g = () => {",
        "  print(a)",
        "  `${a}`",
        "}",
      ].join("\n"),
    );
    expect(out).toContain('const u = (__gl.binop("*", t, 2)); (__gl.binop("+", u, 1)).sum();');
    expect(out).toContain("let k = __s.a; [__s.a, __s.b] = [__s.b, k];");
    expect(out).toContain("__s.print(i); (__s.x.mul(i)).sum();");
    expect(out).toContain("__s.print(__s.a); (__s.x.mul(2)).sum();");
    expect(out).toContain("__s.print(__s.a); `${__s.a}`;");
  });

  test("the cell's result is the new statement's value", () => {
    const cell = compile("const w = torch.ones(2)\n(w * 2).sum()");
    expect(cell.diagnostics).toEqual([]);
    expect(cell.hasResult).toBe(true);
  });
});

describe("explicit continuations and method chains stay one statement", () => {
  test.each([
    ["const y = x\n  .add(1)\n  .mul(2)", ["__s.y = __s.x .add(1) .mul(2)"]],
    ["const k = 1 +\n  (2)", ["__s.k = 1 + (2)"]],
    ["print(1,\n  (2))", ["return __s.print(1, (2))"]],
    ["print(\n  (x * 2).sum())", ["return __s.print((__s.x.mul(2)).sum())"]],
    ["const m = [\n  [1, 2],\n  [3, 4]\n]", ["__s.m = [ [1, 2], [3, 4] ]"]],
    ["const r = a > 1 ?\n  (a) :\n  (b)", ["__s.r = __s.a > 1 ? (__s.a) : (__s.b)"]],
    ["const z = x.sum() &&\n  [1]", ["__s.z = (_a = __s.x.sum(), _a.__bool__() ? [1] : _a)"]],
    ["const q = `a\n${a}`", ["__s.q = `a ${__s.a}`"]],
  ])("%j", (code, want) => expect(statements(code).filter((s) => !s.startsWith("var _a"))).toEqual(want));
});

describe("code that already has semicolons is unchanged", () => {
  test.each([
    ["const v = torch.ones(3);\n(v * 2).sum();", ["__s.v = __s.torch.ones(3)", "return (__s.v.mul(2)).sum()"]],
    ["const v = torch.ones(3)\n;(v * 2).sum()", ["__s.v = __s.torch.ones(3)", "return (__s.v.mul(2)).sum()"]],
    ["let t = a;\n[a, b] = [b, t];", ["__s.t = __s.a", "[__s.a, __s.b] = [__s.b, __s.t]"]],
  ])("%j", (code, want) => expect(statements(code)).toEqual(want));
});

describe("positions stay the user's", () => {
  test("an error after a cut line has the line and column of the user's text", () => {
    const cell = compile("const v = torch.ones(3)\n(v * 2).sum().nosuch()");
    expect(cell.diagnostics.map((d) => [d.line, d.column, d.endColumn])).toEqual([[2, 15, 21]]);
  });

  test("an error on the cut line itself, after where the `;` goes, keeps its column", () => {
    const cell = compile("const v = torch.ones(3).nosuch() // note\n(v * 2)");
    expect(cell.diagnostics.map((d) => [d.line, d.column])).toEqual([[1, 25]]);
  });

  test("the source map takes each statement to its own line", () => {
    const cell = compile("const v = torch.ones(3)\n\n(v * 2).sum()");
    const lines = cell.js.split("\n");
    const at = lines.findIndex((l) => l.includes(".sum()"));
    expect(originalPosition(cell.map, at, lines[at].indexOf(".sum()"))?.line).toBe(2);
  });
});

describe("a join the rule cannot cut says what happened and how to write it", () => {
  test("a missing comma between rows of a nested list", () => {
    const cell = compile("const m = [\n  [1, 2]\n  [3, 4]\n]");
    expect(cell.diagnostics).toHaveLength(1);
    expect(cell.diagnostics[0].message).toContain(
      "Line 3 starts with '[', which JavaScript reads as indexing the end of line 2.",
    );
    expect(cell.diagnostics[0].message).toContain(
      "begin it with a semicolon: ';[3, 4]'; if it is the next item of a list, end line 2 with a comma.",
    );
  });

  test("a call across lines inside an argument list", () => {
    const cell = compile("print(x\n  (2))");
    expect(cell.diagnostics.map((d) => d.message)).toEqual([
      "This expression is not callable.\n  Type 'Tensor' has no call signatures.\n" +
        "Line 2 starts with '(', which JavaScript reads as calling the end of line 1. If line 2 is a new statement, begin it with a semicolon: ';(2))'; if it is the next item of a list, end line 1 with a comma.",
    ]);
  });
});
