import { afterAll, beforeAll, expect, test } from "vitest";
import ts from "typescript";
import { createRequire } from "node:module";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** kernel/compiler/code_cache.cts, compiled to CommonJS here (Vite does not load .cts files). */
interface CodeCache {
  preload(file: string, dirs?: string[]): void;
  loadedFrom(file: string): "code cache" | "source" | null;
  saveCodeCaches(): void;
}

let dir: string;
let cache: CodeCache;
let module: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gradlab-code-cache-"));
  const source = readFileSync(new URL("../../kernel/compiler/code_cache.cts", import.meta.url), "utf8");
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  writeFileSync(join(dir, "code_cache.cjs"), js);
  cache = createRequire(join(dir, "x.cjs"))("./code_cache.cjs") as CodeCache;
  module = join(dir, "lib.cjs");
  writeFileSync(
    module,
    "exports.loads = (exports.loads || 0) + 1;\nexports.double = (n) => n * 2;\nexports.where = __filename;\n",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a preloaded CommonJS module is what require returns, loaded once, with its own __filename", () => {
  const cacheDir = join(dir, "first");
  cache.preload(module, [cacheDir]);
  const req = createRequire(module);
  const m = req(module) as { loads: number; double(n: number): number; where: string };
  expect(m.loads).toBe(1);
  expect(m.double(21)).toBe(42);
  expect(m.where).toBe(module);
  expect(cache.loadedFrom(module)).toBe("source");
  expect(readdirSync(dir)).not.toContain("first"); // nothing written until saved
});

test("the code cache is written once and the next load compiles from it", () => {
  cache.saveCodeCaches();
  const files = readdirSync(join(dir, "first"));
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^lib\.cjs-[0-9a-f]{16}\.v8cache$/);
  // A new process would find it; here, forget the module and load it again.
  const req = createRequire(module);
  delete req.cache[module];
  cache.preload(module, [join(dir, "first")]);
  expect(cache.loadedFrom(module)).toBe("code cache");
  expect((req(module) as { double(n: number): number }).double(4)).toBe(8);
});

test("a file that cannot be compiled is left to plain require, which reports the error", () => {
  const broken = join(dir, "broken.cjs");
  writeFileSync(broken, "exports.x = ;\n");
  cache.preload(broken, [join(dir, "first")]);
  expect(cache.loadedFrom(broken)).toBe(null);
  expect(() => createRequire(broken)(broken)).toThrow(SyntaxError);
});

test("a cache folder other users can write is not trusted: nothing is read from it or written to it", () => {
  const open = join(dir, "shared");
  mkdirSync(open, { mode: 0o777 });
  chmodSync(open, 0o777);
  const other = join(dir, "other.cjs");
  writeFileSync(other, "exports.v = 1;\n");
  cache.preload(other, [open]);
  cache.saveCodeCaches();
  expect(readdirSync(open)).toEqual([]);
  expect(cache.loadedFrom(other)).toBe("source");
});
