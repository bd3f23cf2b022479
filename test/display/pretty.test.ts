/**
 * Out[n] text: IPython's pretty printer (kernel/display/pretty.ts) on values built as
 * generate_pretty_cases.py builds them in Python, against IPython's own output.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import { tuple } from "../../engine/format/py_repr.js";
import { plainText } from "../../kernel/display/mime_bundle.js";

const CASES = JSON.parse(readFileSync(new URL("./pretty_cases.json", import.meta.url), "utf8")) as Record<
  string,
  string
>;
const range = (a: number, b?: number): number[] =>
  b === undefined ? [...Array(a).keys()] : [...Array(b - a).keys()].map((i) => i + a);

function sgdState(): Map<number, unknown> {
  torch.manual_seed(0);
  const lin = new torch.nn.Linear(3, 1);
  const opt = new torch.optim.SGD(lin.parameters(), { lr: 0.1, momentum: 0.9 });
  lin(torch.tensor([[1, 2, 3]], { dtype: torch.float32 }))
    .sum()
    .backward();
  opt.step();
  return opt.state_dict().state as Map<number, unknown>;
}

const values: Record<string, () => unknown> = {
  short_list: () => [1, 2, 3],
  dir_members: () => [
    "backward",
    "data",
    "detach",
    "grad",
    "grad_fn",
    "is_leaf",
    "register_hook",
    "requires_grad",
    "requires_grad_",
    "retain_grad",
    "retains_grad",
  ],
  range_40: () => range(40),
  floats: () => range(30).map((i) => i / 8 + 0.0625),
  nested_rows: () => range(4).map((j) => range(12).map((i) => j * 10 + i)),
  tuple_1: () => tuple([5]),
  tuple_long: () => tuple(range(12).map((i) => `name_${i}`)),
  truncated_1200: () => range(1200),
  quotes: () => ["it's", 'say "hi"', "back\\slash", "a\nb\t\x01", "both ' \"", "中文"],
  none_bool: () => [null, true, false, 2.5, -0],
  tensor_in_dict: () => ({ a: torch.ones(2, 2) }),
  tensors_in_list: () => [torch.arange(3, { dtype: torch.float32 }), torch.zeros(2, 2), torch.tensor(1.5)],
  sizes: () => [torch.ones(2, 3).shape, torch.ones(10, 512).shape],
  parameters: () => {
    torch.manual_seed(0);
    return [...new torch.nn.Linear(3, 1).parameters()];
  },
  sgd_state: sgdState,
  dict_nested: () => ({ state: sgdState(), lr: 0.1, names: ["weight", "bias"], flag: true }),
  dict_of_lists: () => ({ ...Object.fromEntries(range(5).map((i) => [`k${i}`, range(i, i + 6)])), t: torch.ones(3) }),
};

describe("Out[n] text as IPython's pretty printer lays it out", () => {
  test("every generated case has a TypeScript value", () => {
    expect(Object.keys(values).sort()).toEqual(Object.keys(CASES).sort());
  });
  for (const [name, make] of Object.entries(values)) {
    test(name, () => expect(plainText(make())).toBe(CASES[name]));
  }
});

test("graph nodes inside containers print as IPython prints them", () => {
  const x = torch.ones(2, { requires_grad: true });
  const z = x.mul(2).sum();
  expect(plainText(z.grad_fn!.next_functions)).toMatch(/^\(\(<MulBackward0 at 0x[0-9a-f]+>, 0\),\)$/);
});

test("plain objects without tensors keep Node's look", () => {
  expect(plainText({ a: 1, b: [1, 2] })).toBe("{ a: 1, b: [ 1, 2 ] }");
});
