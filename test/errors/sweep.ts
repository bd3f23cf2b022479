/**
 * The bad-argument sweep behind bad_arguments.test.ts: every exported torch function,
 * torch.nn.functional function and Tensor method, called with each set of bad arguments. Run as
 * a script (in a child process, so that an endless loop can be stopped by a timeout) it prints
 * `SWEEP <name>` to stderr before each target and the result as JSON on stdout.
 */
import { pathToFileURL } from "node:url";
import * as torch from "../../engine/index.js";
import { PyError } from "../../engine/errors.js";

type Fn = (...args: unknown[]) => unknown;

// Fresh tensors per call: a call that succeeds may write into its arguments.
export const BAD_ARGS: [string, () => unknown[]][] = [
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
  ['tensor, 0, "abc"', () => [torch.ones(2, 3), 0, "abc"]],
  ["tensor, 0, null", () => [torch.ones(2, 3), 0, null]],
  ['tensor, "abc", 0', () => [torch.ones(2, 3), "abc", 0]],
  ['tensor, 0, index, "abc"', () => [torch.ones(2, 3), 0, torch.tensor([0, 1]), "abc"]],
  ["tensor, 0, index, null", () => [torch.ones(2, 3), 0, torch.tensor([0, 1]), null]],
  ["tensor, 1, 2, 3, {}", () => [torch.ones(2, 3), 1, 2, 3, {}]],
  ['2, 3, "abc"', () => [2, 3, "abc"]],
  ["0, 1, NaN", () => [0, 1, NaN]],
  ["a function", () => [() => 1]],
  ["a Map", () => [new Map()]],
];

// Global switches and context managers (no tensor arguments to check), print (writes stdout) and save (writes files).
const SKIP = new Set([
  "manual_seed",
  "seed",
  "set_printoptions",
  "set_default_dtype",
  "set_grad_enabled",
  "no_grad",
  "enable_grad",
  "inference_mode",
  "use_deterministic_algorithms",
  "print",
  "save", // writes files (save(x, "abc") would leave one in the working directory)
]);
// Classes (Tensor, Size, dtype, Generator) are not called as functions.
const isClass = (f: unknown) => /^class\b/.test(Function.prototype.toString.call(f));
export const functionsOf = (ns: object) =>
  Object.entries(ns)
    .filter(([name, f]) => typeof f === "function" && !isClass(f) && !SKIP.has(name))
    .map(([name, f]) => [name, f as Fn] as const);

export interface SweepResult {
  /** How many functions of each group were called. */
  counts: { torch: number; functional: number; methods: number };
  /** One line per call that failed with something other than a Python exception. */
  bad: { torch: string[]; functional: string[]; methods: string[] };
}

function sweepOne(label: string, f: Fn, progress: (label: string) => void): string[] {
  progress(label);
  const bad: string[] = [];
  for (const [desc, make] of BAD_ARGS) {
    try {
      f(...make());
    } catch (e) {
      if (!(e instanceof PyError))
        bad.push(`${label}(${desc}): ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    }
  }
  return bad;
}

export function runSweep(progress: (label: string) => void = () => {}): SweepResult {
  const state = torch.get_rng_state();
  const fns = functionsOf(torch);
  const F = functionsOf(torch.nn.functional);
  const proto = torch.Tensor.prototype as unknown as Record<string, Fn>;
  const methods = Object.getOwnPropertyNames(proto).filter(
    (name) =>
      name !== "constructor" &&
      !name.startsWith("_") &&
      typeof Object.getOwnPropertyDescriptor(proto, name)!.value === "function",
  );
  const result: SweepResult = {
    counts: { torch: fns.length, functional: F.length, methods: methods.length },
    bad: {
      torch: fns.flatMap(([name, f]) => sweepOne(name, f, progress)),
      functional: F.flatMap(([name, f]) => sweepOne(`F.${name}`, f, progress)),
      methods: methods.flatMap((name) =>
        sweepOne(`Tensor.${name}`, (...a) => (torch.ones(2, 3) as unknown as Record<string, Fn>)[name](...a), progress),
      ),
    },
  };
  torch.set_rng_state(state);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = runSweep((label) => process.stderr.write(`SWEEP ${label}\n`));
  process.stdout.write(JSON.stringify(result));
}
