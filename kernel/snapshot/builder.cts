/**
 * The script V8 runs to make the kernel's startup snapshot (see build.ts):
 *
 *   node --snapshot-blob kernel.blob --build-snapshot <builder.cjs with an `exports` object>
 *
 * Most of a fresh kernel's first cell is TypeScript itself: loading the 9 MB compiler, then
 * parsing and binding the ~700 KB of lib and engine declarations every program needs. Here
 * that is done once: the compiler is loaded, and the cell compiler checks a few cells, which
 * fills a document registry with parsed, bound declaration files. V8 saves the heap; a kernel
 * started from the blob finds both on globalThis (kernel/compiler/snapshot_state.ts) and only
 * checks its own cells. A registry entry is used only when its file's path and modification
 * time still match (host.ts), so a rebuilt engine is parsed afresh.
 *
 * V8 snapshots cannot hold ES modules, and this script's `require` only knows Node's built-in
 * modules, so the cell compiler's ES modules (dist/kernel/compiler) are turned into CommonJS
 * here with TypeScript's own transpiler. That copy of the compiler is used for the warm-up and
 * then dropped; the kernel runs its usual modules, which share the registry.
 */
// NOTE: V8's snapshot builder runs this with a `require` that knows only Node's built-in
// modules, and without `exports` (build.ts supplies one).
import fs = require("node:fs");
import path = require("node:path");
import url = require("node:url");
import vm = require("node:vm");

type Exports = Record<string, unknown>;
type TS = typeof import("typescript");

const KEY = "__gradlab_snapshot"; // kernel/compiler/snapshot_state.ts reads it
const tsFile = process.env.GRADLAB_SNAPSHOT_TS;
const compilerDir = process.env.GRADLAB_SNAPSHOT_COMPILER;
const warmDir = process.env.GRADLAB_SNAPSHOT_CWD ?? process.cwd();
if (!tsFile || !compilerDir)
  throw new Error(
    "GRADLAB_SNAPSHOT_TS (typescript.js) and GRADLAB_SNAPSHOT_COMPILER (dist/kernel/compiler) must be set",
  );

/** Run CommonJS source as a module; `req` answers its require() calls. */
function runCommonJs(
  file: string,
  source: string,
  req: (spec: string) => unknown,
  extra: Record<string, unknown> = {},
): Exports {
  const module = { exports: {} as Exports };
  const names = ["exports", "require", "module", "__filename", "__dirname", ...Object.keys(extra)];
  const fn = vm.runInThisContext(`(function (${names.join(", ")}) {${source}\n})`, { filename: file }) as (
    ...a: unknown[]
  ) => void;
  fn(module.exports, req, module, file, path.dirname(file), ...Object.values(extra));
  return module.exports;
}

const ts = runCommonJs(tsFile, fs.readFileSync(tsFile, "utf8"), require) as unknown as TS;
const registry = ts.createDocumentRegistry();
// Console: see snapshot_state.ts.
(globalThis as Record<string, unknown>)[KEY] = {
  ts,
  registry,
  typescript: tsFile,
  Console: (require("node:console") as typeof import("node:console")).Console,
};

const loaded = new Map<string, Exports>();

/** Only what the compiler modules use of node:module; the real one is not snapshot-safe. */
const moduleShim = {
  isBuiltin: (s: string) => s.startsWith("node:"),
  createRequire: () => {
    throw new Error("not in the snapshot builder");
  },
};

function load(file: string): Exports {
  const hit = loaded.get(file);
  if (hit) return hit;
  const esm = fs.readFileSync(file, "utf8").replace(/\bimport\.meta\.url\b/g, "__gl_meta_url");
  const cjs = ts.transpileModule(esm, {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  const exports: Exports = {};
  loaded.set(file, exports); // import cycles see the partly filled exports, as in Node
  const req = (spec: string): unknown => {
    if (spec.endsWith("/ts.cjs")) return ts;
    if (spec === "node:module" || spec === "module") return moduleShim;
    if (spec.startsWith(".")) return load(path.resolve(path.dirname(file), spec));
    return require(spec);
  };
  Object.assign(exports, runCommonJs(file, cjs, req, { __gl_meta_url: url.pathToFileURL(file).href }));
  return exports;
}

/** Cells that touch what notebooks use at first: tensors, their operators and methods, printing. */
const WARM_UP = [
  "const x = torch.ones(2, 2, {requires_grad: true})",
  "const y = x * 2 + 1\nconst out = y.mean()\nout.backward()\nprint(x.grad)",
  "const w = torch.randn(3, {requires_grad: true}); w.sum().item() * 2",
];

const { CellCompiler } = load(path.join(compilerDir, "compiler.js")) as {
  CellCompiler: new (cwd: string) => { compile(code: string): { diagnostics: unknown[] }; commit(c: unknown): void };
};
const compiler = new CellCompiler(warmDir);
for (const code of WARM_UP) {
  const cell = compiler.compile(code);
  if (cell.diagnostics.length)
    throw new Error(`snapshot warm-up cell failed to compile: ${code}\n${JSON.stringify(cell.diagnostics)}`);
  compiler.commit(cell);
}
loaded.clear();
