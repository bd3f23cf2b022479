/**
 * Node module hooks that run the project's TypeScript sources directly (type-stripped with the
 * TypeScript compiler): `./x.js` resolves to `./x.ts` when only the .ts exists, as tsc maps it.
 * For tests that must run engine code in a child process (e.g. under a timeout); register with
 * `node --import ./test/support/register_ts.mjs file.ts`.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import ts from "typescript";

export async function resolve(specifier, context, next) {
  if (/^(\.{1,2}\/|\/|file:)/.test(specifier) && specifier.endsWith(".js") && context.parentURL?.startsWith("file:")) {
    const js = new URL(specifier, context.parentURL);
    const tsUrl = new URL(js.href.slice(0, -3) + ".ts");
    if (!existsSync(js) && existsSync(tsUrl)) return { url: tsUrl.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith(".ts")) return next(url, context);
  const source = await readFile(new URL(url), "utf8");
  const out = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: false },
  });
  return { format: "module", source: out.outputText, shortCircuit: true };
}
