/**
 * SPEC: every PyTorch keyword argument can be passed in a trailing options object, also as the
 * only argument, and the types say so. Through the cell compiler (TypeScript's own checker), for
 * every callable engine/api/keyword_types.ts covers (generated from PyTorch 1.13's signatures,
 * test/golden/keyword_types.json) and each of its PyTorch overloads, a generated cell calls it
 *   - with every parameter by name, as the only argument:   x.sum({dim: v<...>(), keepdim: v<...>(), dtype: v<...>()})
 *   - with its required positional parameters given, the rest by name:   x.sum(v<...>(), {keepdim: ...})
 * and that cell must type-check; and with one key misspelled, which must be an error naming the key.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { compile } from "./compile.js";
// @ts-expect-error: a plain ES module script (the generator), without declarations
import { namedParams, render } from "../golden/generate_keyword_types.mjs";

type Param = [name: string, kind: string, required: boolean, type: string];
type Overload = { params: Param[]; tuple: boolean };

const table: Record<string, Overload[]> = JSON.parse(
  readFileSync(new URL("../golden/keyword_types.json", import.meta.url), "utf8"),
);
const generated = readFileSync(new URL("../../engine/api/keyword_types.ts", import.meta.url), "utf8");

/** The cell expression that reaches a table key: `x.sum`, `torch.nn.functional.softmax`, `new torch.nn.Linear`. */
function callee(key: string): string {
  const ns = key.slice(0, key.lastIndexOf("."));
  const name = key.slice(key.lastIndexOf(".") + 1);
  if (ns === "Tensor") return `x.${name}`;
  const path = ns === "torch" ? `torch.${name}` : `torch.${key}`;
  return /^[A-Z]/.test(name) ? `new ${path}` : path;
}

const value = (type: string) => `v<${type}>()`;
const object = (params: Param[], rename?: string) =>
  "{ " + params.map(([n, , , t], i) => `${i === 0 && rename ? rename : n}: ${value(t)}`).join(", ") + " }";

interface Call {
  key: string;
  code: string;
  misspelled?: string;
}

function calls(covered: string[]): Call[] {
  const out: Call[] = [];
  for (const key of covered) {
    for (const ov of table[key] as Overload[]) {
      const params: Param[] = namedParams(ov);
      if (!params.length) continue;
      const positional = params.filter(([, kind]) => kind !== "keyword");
      const f = callee(key);
      out.push({ key, code: `${f}(${object(params)})` });
      const required = positional.filter(([, kind, req]) => req && kind === "positional");
      const rest = params.slice(required.length);
      if (required.length && rest.length && required.length === positional.findIndex(([, , req]) => !req)) {
        out.push({ key, code: `${f}(${[...required.map(([, , , t]) => value(t)), object(rest)].join(", ")})` });
      }
      // The first named key, misspelled as a user might (`dims` for `dim`).
      const wrong = params[0][0] + "s";
      // (not where PyTorch takes **kwargs: any name goes there)
      if (!params.some(([n]) => n === wrong) && !ov.params.some(([, kind]) => kind === "varkw"))
        out.push({ key, code: `${f}(${object(params, wrong)})`, misspelled: wrong });
    }
  }
  return out;
}

const PRELUDE = [
  "function v<T>(): T { return undefined as unknown as T }",
  "type Tensor = torch.Tensor; type DType = torch.dtype; type Scalar = number | boolean | bigint",
  "type DeviceLike = string; type Generator = torch.Generator",
  "const x = torch.ones(2, 3)",
];

let covered: string[] = [];
beforeAll(() => {
  covered = render().covered;
}, 120_000);

describe("the options-object types cover the keyword table", () => {
  test("keyword_types.ts is what generate_keyword_types.mjs writes from the golden signatures", () => {
    expect(render().text).toBe(generated);
  }, 120_000);

  test("they cover the public API: Tensor methods, torch functions, nn.functional, autograd, constructors", () => {
    expect(covered.length).toBeGreaterThanOrEqual(450);
    for (const key of [
      "Tensor.sum",
      "Tensor.backward",
      "torch.zeros",
      "torch.sum",
      "autograd.grad",
      "nn.functional.cross_entropy",
      "nn.Linear",
      "nn.Conv2d",
      "optim.SGD",
    ]) {
      expect(covered, key).toContain(key);
    }
  });

  test("every entry's options form type-checks in a cell, and a misspelled key is an error naming it", () => {
    const all = calls(covered);
    const lines = [...PRELUDE, ...all.map((c) => c.code)];
    const cell = compile(lines.join("\n"));
    const byLine = new Map<number, string[]>();
    for (const d of cell.diagnostics) byLine.set(d.line, [...(byLine.get(d.line) ?? []), d.message]);
    const wrongAccepted: string[] = [],
      rightRejected: string[] = [];
    all.forEach((c, i) => {
      const msgs = byLine.get(PRELUDE.length + i + 1) ?? [];
      if (c.misspelled) {
        if (!msgs.some((m) => m.includes(`'${c.misspelled}'`)))
          wrongAccepted.push(`${c.code}: ${msgs.join(" | ") || "no error"}`);
      } else if (msgs.length) rightRejected.push(`${c.code}: ${msgs.join(" | ")}`);
    });
    const prelude = [...byLine.entries()].filter(([line]) => line <= PRELUDE.length);
    expect(prelude).toEqual([]);
    expect(rightRejected).toEqual([]);
    expect(wrongAccepted).toEqual([]);
    expect(all.filter((c) => c.misspelled).length).toBeGreaterThanOrEqual(450);
  }, 300_000);
});

describe("the forms the issue names, in a cell", () => {
  const ok = (code: string) =>
    expect(
      compile(`const x = torch.ones(2, 3, {requires_grad: true})\n${code}`).diagnostics.map((d) => d.message),
    ).toEqual([]);
  test("reductions, autograd.grad, nn.functional, factories, constructors", () => {
    ok("const s: torch.Tensor = x.sum({dim: 1, keepdim: true})");
    ok("const s: torch.Tensor = x.sum(1, {keepdim: true, dtype: torch.float64})");
    ok("const r = x.max({dim: 1}); const v: torch.Tensor = r.values");
    ok(
      "const [g] = torch.autograd.grad([x.sum()], [x], {grad_outputs: [torch.tensor(1.0)], retain_graph: true, create_graph: false, allow_unused: true})",
    );
    ok(
      "const l: torch.Tensor = torch.nn.functional.cross_entropy(x, torch.tensor([0, 1]), {reduction: 'sum', label_smoothing: 0.1})",
    );
    ok("const z: torch.Tensor = torch.zeros(2, 3, {dtype: torch.float64, requires_grad: true})");
    ok(
      "const lin = new torch.nn.Linear(3, 4, {bias: false}); const c = new torch.nn.Conv2d(1, 2, 3, {stride: 2, padding: 1})",
    );
    ok("const t: torch.Tensor[] = x.nonzero({as_tuple: true})");
  });
  test("nn.Module and optimizer methods, autograd.functional", () => {
    ok(
      [
        "const m = new torch.nn.Linear(3, 2)",
        "m.zero_grad({set_to_none: true})",
        "const sd = m.state_dict({prefix: 'net.', keep_vars: false})",
        "m.load_state_dict(m.state_dict(), {strict: false})",
        "const names: [string, torch.nn.Parameter][] = m.named_parameters({prefix: 'net', recurse: true})",
        "m.to({dtype: torch.float64}).train({mode: false}).requires_grad_({requires_grad: false})",
        "const opt = new torch.optim.SGD(m.parameters({recurse: true}), {lr: 0.1, momentum: 0.9})",
        "opt.zero_grad({set_to_none: false})",
        "const j = torch.autograd.functional.jacobian((t) => t * t, x, {create_graph: false, strict: false, vectorize: false, strategy: 'reverse-mode'})",
        "const [o, hv] = torch.autograd.functional.hvp((t) => t.sum(), x, x, {create_graph: false})",
      ].join("\n"),
    );
  });
  test("x.sum({dims: 1}) is a type error naming 'dims'", () => {
    const [d] = compile("const x = torch.ones(2, 3)\nx.sum({dims: 1})").diagnostics;
    expect(d.line).toBe(2);
    expect(d.message).toContain("'dims' does not exist");
  });
  test("a value of the wrong type is an error too: x.sum({keepdim: 'yes'})", () => {
    expect(compile("const x = torch.ones(2, 3)\nx.sum({dim: 1, keepdim: 'yes'})").diagnostics.length).toBe(1);
  });
});
