/**
 * Run a TypeScript snippet with `torch` and a capturing `print` in scope, the way the golden
 * transcripts do: an uncaught exception becomes a final line `<ExceptionName>: <message>`.
 */
import ts from "typescript";
import * as torch from "../../engine/index.js";
import { pyStr } from "../../engine/format/py_repr.js";

export function transpile(code: string): string {
  return ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, lib: ["esnext"] },
  }).outputText;
}

export function runSnippet(code: string): string {
  let out = "";
  const print = (...args: unknown[]) => {
    out += args.map(pyStr).join(" ") + "\n";
  };
  const js = transpile(code);
  const origWrite = process.stderr.write;
  try {
    // Warnings go to stderr, as Python's do; keep the test output quiet.
    process.stderr.write = (() => true) as typeof process.stderr.write;
    new Function("torch", "print", js)(torch, print);
  } catch (e) {
    const err = e as Error;
    out += `${err.name}: ${err.message}\n`;
  } finally {
    process.stderr.write = origWrite;
  }
  return out;
}

/** Node addresses differ between runs and implementations. */
export function normaliseAddresses(s: string): string {
  return s.replace(/0x[0-9a-f]+/g, "0x…");
}
