import { beforeAll, describe, expect, test } from "vitest";
import { compile } from "./compile.js";

beforeAll(() => {
  compile("const x = torch.ones(3, {requires_grad: true})", { commit: true });
});

const diags = (code: string) =>
  compile(code).diagnostics.map((d) => ({ line: d.line, column: d.column, code: d.code }));

describe("type errors are reported with the cell's line and column", () => {
  test("an assignment of the wrong type", () => {
    expect(diags("const n: number = 1\nconst s: string = n")).toEqual([{ line: 2, column: 7, code: 2322 }]);
  });

  test("a property a Tensor does not have", () => {
    const [d] = compile("const y = x * 2\n\ny.requires_gradd").diagnostics;
    expect(d).toMatchObject({ line: 3, column: 3, endLine: 3, endColumn: 17, code: 2551 });
    expect(d.message).toContain(
      "Property 'requires_gradd' does not exist on type 'Tensor'. Did you mean 'requires_grad'?",
    );
  });

  test("columns count code points and ignore the typing pass's insertions", () => {
    // "😀" is two UTF-16 units, one code point; `x * 2` gets a type assertion inserted before `.foo`.
    expect(diags("const s = '😀'; (x * 2).foo")).toEqual([{ line: 1, column: 24, code: 2339 }]);
  });

  test("a syntax error at the end of the cell", () => {
    expect(diags("if (x.sum() > 0) {\n  print(1)")).toEqual([{ line: 2, column: 11, code: 1005 }]);
  });

  test("a call of an undeclared name", () => {
    expect(diags("\n  undefinedThing(1)")).toEqual([{ line: 2, column: 3, code: 2304 }]);
  });
});

describe("errors the operator transform makes valid are not reported", () => {
  test.each([
    ["x * 2"],
    ["2 * x"],
    ["x + x"],
    ["-x"],
    ["x ** 2 + x ** 3"],
    ["x < 1000"],
    ["x == 2"],
    ["2 != x"],
    ["x -= 1"],
    ["x[0]"],
    ["x[x > 0]"],
    ["x['1:, None']"],
    ["x[0] = 5"],
    ["x[0] += 5"],
    ["if (x.sum() > 0) x.add_(1)"],
    ["const b = x.norm() < 1000 ? x : -x"],
    ["function f(a: unknown) { return a * 2 }"],
  ])("%s", (code) => expect(diags(code)).toEqual([]));

  test("but a wrong operand inside an operator is", () => {
    expect(diags("x * x.nope")).toEqual([{ line: 1, column: 7, code: 2339 }]);
  });

  test("and operators on other objects are", () => {
    expect(diags("const o = {a: 1}\no * 2")).toEqual([{ line: 2, column: 1, code: 2362 }]);
  });
});

test("// @ts-nocheck lets a cell with type errors run", () => {
  expect(diags("// @ts-nocheck\nconst n: number = 'text'\nn.foo")).toEqual([]);
});
