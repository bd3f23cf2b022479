/**
 * An options object naming a keyword PyTorch does not take is PyTorch's TypeError, in PyTorch's
 * words. Golden: test/golden/unexpected_keywords.json, what PyTorch 1.13 says for each callable
 * given one misspelled keyword and nothing else (`x.sum(dtypes=1)`, `F.cross_entropy(inputs=1)`,
 * `nn.Linear(in_featuress=1)`), written by generate_signatures.py. Every one of those callables that
 * gradlab has is called the same way here (`x.sum({dtypes: 1})`) and must raise the same message.
 *
 * NOTE: a builtin with several signatures also says, under some of them, "didn't match because
 * some of the keywords were incorrect: ..."; gradlab leaves those lines out (PyTorch's rule for
 * which signatures get one depends on its argument parser's internals), so they are removed from
 * the golden text before comparing. The rest of the message is compared as is.
 */
import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import * as torch from "../../engine/index.js";
import { isKeywordBound } from "../../engine/api/keywords.js";

type Case = { keyword: string; message: string };
const golden: { torch: string; cases: Record<string, Case> } = JSON.parse(
  readFileSync(new URL("../golden/unexpected_keywords.json", import.meta.url), "utf8"),
);

type Fn = (...args: unknown[]) => unknown;
const NAMESPACES: Record<string, unknown> = {
  torch,
  "nn.functional": torch.nn.functional,
  "nn.init": torch.nn.init,
  autograd: torch.autograd,
  "autograd.functional": torch.autograd.functional,
  nn: torch.nn,
  optim: torch.optim,
  "optim.lr_scheduler": torch.optim.lr_scheduler,
};

/**
 * Where a plain object is the dict PyTorch takes positionally (`load_state_dict(sd)`,
 * `add_param_group(group)`, `ModuleDict({...})`), a misspelled keyword cannot be told from a dict
 * with that key: gradlab takes it as the dict (api/keywords.ts DICT_PARAMS).
 */
const DICT_TAKING = [
  "nn.Module.load_state_dict",
  "optim.Optimizer.load_state_dict",
  "optim.Optimizer.add_param_group",
  "nn.ModuleDict",
  "nn.ModuleList",
];

/** gradlab's counterpart of a table key, called with one options object: "missing" when gradlab lacks it, "unbound" when it does not go through api/keywords.ts. */
function caller(key: string): ((opts: object) => unknown) | "missing" | "unbound" {
  const ns = key.slice(0, key.lastIndexOf("."));
  const name = key.slice(key.lastIndexOf(".") + 1);
  const self = {
    Tensor: () => torch.ones(2, 3),
    "nn.Module": () => new torch.nn.Linear(2, 2),
    "optim.Optimizer": () => new torch.optim.SGD([torch.ones(1, { requires_grad: true })], { lr: 0.1 }),
  }[ns];
  const proto = {
    Tensor: torch.Tensor.prototype,
    "nn.Module": torch.nn.Module.prototype,
    "optim.Optimizer": torch.optim.Optimizer.prototype,
  }[ns];
  const f = (proto ?? (NAMESPACES[ns] as Record<string, unknown> | undefined))?.[name as never] as unknown;
  if (typeof f !== "function") return "missing";
  if (!isKeywordBound(f)) return "unbound";
  if (self) return (o) => (f as Fn).call(self(), o);
  return /^[A-Z]/.test(name) ? (o) => new (f as new (o: object) => unknown)(o) : (o) => (f as Fn)(o);
}

const UNBOUND = [
  "nn.Module",
  "optim.Optimizer",
  "torch.from_numpy",
  "torch.get_default_dtype",
  "torch.get_float32_matmul_precision",
  "torch.get_rng_state",
  "torch.initial_seed",
  "torch.manual_seed",
  "torch.save",
  "torch.seed",
  "torch.set_default_dtype",
  "torch.set_float32_matmul_precision",
  "torch.set_printoptions",
  "torch.set_rng_state",
];

const withoutDidntMatch = (m: string) =>
  m
    .split("\n")
    .filter((l) => !l.startsWith("      didn't match"))
    .join("\n");

describe("an unknown keyword is PyTorch's TypeError, worded as PyTorch words it", () => {
  test("golden from PyTorch 1.13", () => expect(golden.torch).toMatch(/^1\.13/));

  test("every callable gradlab shares with PyTorch's table rejects a misspelled keyword with PyTorch's message", () => {
    const wrong: string[] = [],
      unbound: string[] = [];
    let compared = 0;
    for (const [key, c] of Object.entries(golden.cases)) {
      const call = caller(key);
      if (call === "missing" || DICT_TAKING.includes(key)) continue;
      if (call === "unbound") {
        unbound.push(key);
        continue;
      }
      compared++;
      let got = "(no error)";
      try {
        call({ [c.keyword]: 1 });
      } catch (e) {
        got = `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
      const want = `TypeError: ${withoutDidntMatch(c.message)}`;
      if (got !== want) wrong.push(`${key}\n    got  ${JSON.stringify(got)}\n    want ${JSON.stringify(want)}`);
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
    expect(compared).toBeGreaterThanOrEqual(380);
    // What gradlab exports without the binder: torch's state and settings functions, the abstract bases.
    expect(unbound.sort()).toEqual(UNBOUND);
  });

  test("the forms the issue names", () => {
    const x = torch.ones(2, 3);
    expect(() => x.sum({ dims: 1 } as never)).toThrow(
      "sum() received an invalid combination of arguments - got (dims=int, ), but expected one of:\n * (*, torch.dtype dtype)\n * (tuple of ints dim, bool keepdim, *, torch.dtype dtype)\n",
    );
    expect(() => torch.nn.functional.cross_entropy(x, torch.tensor([0, 1]), { reductio: "sum" } as never)).toThrow(
      "cross_entropy() got an unexpected keyword argument 'reductio'",
    );
    expect(() => new torch.nn.Linear(2, 3, { bia: false } as never)).toThrow(
      "Linear.__init__() got an unexpected keyword argument 'bia'",
    );
    expect(() => x.add(x, { alph: 1 } as never)).toThrow("add() got an unexpected keyword argument 'alph'");
    expect(() => (x.exp as (o: unknown) => unknown)({ foo: 1 })).toThrow(
      "_TensorBase.exp() takes no keyword arguments",
    );
  });

  test("a dict given positionally is not an options object: load_state_dict({weight, bias})", () => {
    const lin = new torch.nn.Linear(2, 2);
    const sd = Object.fromEntries(lin.state_dict());
    expect(() => lin.load_state_dict(sd)).not.toThrow();
  });
});
