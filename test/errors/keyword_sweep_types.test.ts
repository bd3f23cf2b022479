/**
 * The keyword sweep's calls in the types: every call keyword_sweep.ts makes at run time (each
 * callable's positional form as PyTorch's signature orders it, and each form with a suffix of its
 * arguments in a trailing options object) is written out as TypeScript and type-checked as a cell
 * is (not strict). SPEC's rule holds "in both types and runtime": a form that runs but does not
 * type-check (`torch.allclose(a, b, 1e-5, 1e-8)` once did not) is a failure here.
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import { runKeywordSweep, type SweepCall } from "./keyword_sweep.js";
import { typeDiagnostics, messageText } from "../support/typecheck.js";

const ENGINE = JSON.stringify(join(import.meta.dirname, "..", "..", "engine", "index.js"));

/** A TypeScript expression of the sample value's type (tensors, generators, modules as declared names). */
function expr(v: unknown): string {
  if (v instanceof torch.Tensor) return "T";
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN";
  if (typeof v === "string" || typeof v === "boolean") return JSON.stringify(v);
  if (v instanceof torch.nn.Module) return "MOD"; // (modules are callable: before functions)
  if (typeof v === "function") return "FN";
  if (Array.isArray(v)) return `[${v.map(expr).join(", ")}]`;
  if (v instanceof torch.Generator) return "G";
  if (v instanceof Set) return "new Set<torch.nn.Module>()";
  if (v instanceof Map) return "MOD.state_dict()";
  if (v instanceof torch.optim.Optimizer) return "OPT";
  const dtype = Object.entries(torch).find(([, d]) => d === v && d instanceof torch.float32.constructor);
  if (dtype) return `torch.${dtype[0]}`;
  if (Object.getPrototypeOf(v) === Object.prototype)
    return `{ ${Object.entries(v as object)
      .map(([k, x]) => `${k}: ${expr(x)}`)
      .join(", ")} }`;
  throw new Error(`no TypeScript expression for a sample value: ${String(v)}`);
}

/** The expression that calls the callable `key` (as keyword_sweep.ts's targets name them). */
function callee(key: string): string {
  const name = key.slice(key.lastIndexOf(".") + 1);
  if (key.startsWith("Tensor.")) return `T.${name}`;
  if (key.startsWith("nn.Module.")) return `MOD.${name}`;
  if (key === "optim.Optimizer.zero_grad") return "OPT.zero_grad";
  if (/^(nn|optim|optim\.lr_scheduler)\.[A-Z]/.test(key)) return `new torch.${key}`;
  return key.startsWith("torch.") ? key : `torch.${key}`;
}

/**
 * Forms the sweep runs that are not gradlab's API on purpose: signatures.json lists F.relu's
 * `inplace` for Tensor.relu (PyTorch's Tensor.relu takes no arguments), and gradlab has no memory
 * formats (every tensor is strided; there is no torch.channels_last to pass).
 */
const NOT_API = [/^Tensor\.relu_?\(/, /^Tensor\.is_contiguous\(/, /memory_format/];

function source(calls: SweepCall[]): string {
  const head = [
    `import * as torch from ${ENGINE};`,
    "declare const T: torch.Tensor;",
    "declare const G: torch.Generator;",
    "declare const OPT: torch.optim.SGD;",
    "declare const MOD: torch.nn.Linear;",
    "declare const FN: (...xs: any[]) => any;",
  ];
  return [...head, ...calls.map((c) => `${callee(c.key)}(${c.args.map(expr).join(", ")});`)].join("\n");
}

describe("keyword sweep in the types", () => {
  test("every positional and options form that runs also type-checks, as a cell", () => {
    const calls = runKeywordSweep().calls.filter((c) => !NOT_API.some((re) => re.test(c.text)));
    expect(calls.length).toBeGreaterThan(1000);
    const file = join(import.meta.dirname, "__keyword_sweep_types__.ts");
    const offset = 6; // header lines
    const errors = typeDiagnostics(file, { code: source(calls), strict: false, cellLib: true }).map((d) => {
      const line = d.file!.getLineAndCharacterOfPosition(d.start!).line;
      const c = calls[line - offset];
      return `${c ? c.text : `line ${line + 1}`}: ${messageText(d, " ").slice(0, 300)}`;
    });
    expect(errors).toEqual([]);
  }, 300_000);
});
