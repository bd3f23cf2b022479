/**
 * Every exported torch function, torch.nn.functional function and Tensor method, called with bad
 * arguments (a string where a tensor goes, null, undefined, {}, a null options object, [1, "a"],
 * -1, 1.5, NaN, Infinity), either works or raises one of the engine's Python exceptions
 * (engine/errors.ts): never a JavaScript TypeError/RangeError from deep inside a kernel.
 * NOTE: the sweep runs in-process, so an endless loop (as kthvalue("abc") was) hangs this file
 * rather than failing it; PyTorch's exact words are checked by the argument_errors golden cases.
 */
import { describe, expect, it } from "vitest";
import * as torch from "../../engine/index.js";
import { PyError } from "../../engine/errors.js";

// Fresh tensors per call: a call that succeeds may write into its arguments.
const BAD_ARGS: [string, () => unknown[]][] = [
  ['"abc"', () => ["abc"]],
  ["null", () => [null]],
  ["undefined", () => [undefined]],
  ["{}", () => [{}]],
  ['tensor, "x"', () => [torch.ones(2), "x"]],
  ["mismatched tensors", () => [torch.ones(2, 3), torch.ones(4)]],
  ["tensor, null options", () => [torch.ones(2), null]],
  ['[1, "a"]', () => [[1, "a"]]],
  ["-1", () => [-1]],
  ["1.5", () => [1.5]],
  ['"abc", null', () => ["abc", null]],
  ["{}, {}", () => [{}, {}]],
  ["NaN", () => [NaN]],
  ["0, null options", () => [0, null]],
  ['0, "abc"', () => [0, "abc"]],
  ["0, null, null", () => [0, null, null]],
  ["Infinity", () => [Infinity]],
  ["0, Infinity", () => [0, Infinity]],
  ["true", () => [true]],
  ['tensor, tensor, "abc"', () => [torch.ones(2, 3), torch.ones(2, 3), "abc"]],
  ['"abc", "abc", "abc"', () => ["abc", "abc", "abc"]],
  ["[0, 1], {}", () => [[0, 1], {}]],
  ['image, "abc"', () => [torch.ones(1, 1, 4, 4), "abc"]],
  ["image, 2, null options", () => [torch.ones(1, 1, 4, 4), 2, null]],
  ["image, {}", () => [torch.ones(1, 1, 4, 4), {}]],
];

// Global switches and context managers (no tensor arguments to check), and print (writes stdout).
const SKIP = new Set([
  "manual_seed", "seed", "set_printoptions", "set_default_dtype", "set_grad_enabled", "no_grad",
  "enable_grad", "inference_mode", "use_deterministic_algorithms", "print",
]);

/** Calls f with each bad argument set; returns one line per call that failed with a native JS error. */
function sweep(label: string, f: (...args: unknown[]) => unknown): string[] {
  const bad: string[] = [];
  for (const [desc, make] of BAD_ARGS) {
    try {
      f(...make());
    } catch (e) {
      if (!(e instanceof PyError)) bad.push(`${label}(${desc}): ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    }
  }
  return bad;
}

type Fn = (...args: unknown[]) => unknown;
const isClass = (f: unknown) => /^class\b/.test(Function.prototype.toString.call(f));
const torchFunctions = Object.entries(torch)
  // Classes (Tensor, Size, dtype, Generator) are not called as functions.
  .filter(([name, f]) => typeof f === "function" && !isClass(f) && !SKIP.has(name))
  .map(([name]) => name);
const methodNames = Object.getOwnPropertyNames(torch.Tensor.prototype).filter((name) => {
  if (name === "constructor" || name.startsWith("_")) return false;
  return typeof Object.getOwnPropertyDescriptor(torch.Tensor.prototype, name)!.value === "function";
});

describe("bad arguments raise Python exceptions, never JavaScript errors", () => {
  it("the sweep covers the whole torch namespace and every Tensor method", () => {
    expect(torchFunctions.length).toBeGreaterThan(200);
    expect(methodNames.length).toBeGreaterThan(250);
  });

  it("every torch.nn.functional function", () => {
    const F = torch.nn.functional as unknown as Record<string, Fn>;
    const names = Object.keys(F).filter((name) => typeof F[name] === "function" && !isClass(F[name]));
    expect(names.length).toBeGreaterThan(30);
    expect(names.flatMap((name) => sweep(`F.${name}`, F[name]))).toEqual([]);
  });

  it("every torch function", () => {
    const state = torch.get_rng_state();
    const bad = torchFunctions.flatMap((name) => sweep(name, (torch as unknown as Record<string, (...a: unknown[]) => unknown>)[name]));
    torch.set_rng_state(state);
    expect(bad).toEqual([]);
  });

  it("every Tensor method", () => {
    const bad = methodNames.flatMap((name) =>
      sweep(`Tensor.${name}`, (...args) => (torch.ones(2, 3) as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args)));
    expect(bad).toEqual([]);
  });
});
