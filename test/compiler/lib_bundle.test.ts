/**
 * The lib files joined into one (kernel/compiler/lib_bundle.ts): each program then has one lib
 * file instead of about sixty, and cells see the same global types as with TypeScript's own.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CellCompiler } from "../../kernel/compiler/compiler.js";
import { libBundle } from "../../kernel/compiler/lib_bundle.js";
import { notebookDir } from "../session/fixtures.js";

const libFiles = (c: CellCompiler) =>
  c.host
    .program()
    .getSourceFiles()
    .filter((f) => /[\\/]typescript[\\/]lib[\\/]lib\./.test(f.fileName));

describe("libBundle", () => {
  test("every referenced lib once, dependencies first, without the reference lines", () => {
    const b = libBundle(["lib.es2023.d.ts", "lib.esnext.disposable.d.ts"])!;
    const files = [...b.text.matchAll(/^\/\/ ---- (\S+)$/gm)].map((m) => m[1]);
    expect(new Set(files).size).toBe(files.length);
    expect(files.indexOf("lib.es5.d.ts")).toBeLessThan(files.indexOf("lib.es2015.core.d.ts"));
    expect(files.indexOf("lib.es2022.d.ts")).toBeLessThan(files.indexOf("lib.es2023.d.ts"));
    expect(files).toContain("lib.decorators.d.ts");
    expect(b.text).not.toMatch(/<reference lib=/);
    expect(b.text.startsWith('/// <reference no-default-lib="true"/>')).toBe(true);
    expect(libBundle(["lib.es2023.d.ts", "lib.esnext.disposable.d.ts"])).toBe(b);
    expect(libBundle(["lib.nosuchlib.d.ts"])).toBeUndefined();
  });
});

describe("cells with the bundled lib", () => {
  const c = new CellCompiler(notebookDir);

  test("the program holds one lib file", () => {
    c.compile("1");
    expect(libFiles(c).map((f) => f.fileName)).toEqual([expect.stringMatching(/lib\.gradlab\.[0-9a-f]+\.d\.ts$/)]);
  });

  test("the same global types: es5 to es2023 and esnext.disposable", () => {
    const code = [
      "const a: number | undefined = [1, 2, 3].findLast((v) => v > 1)",
      "const s: string = 'a-a'.replaceAll('-', '+')",
      "const m = new Map<string, number>([['k', 1]]); const n: number = m.get('k')!",
      "const p: Promise<number[]> = Promise.all([Promise.resolve(1)])",
      "const d: symbol = Symbol.dispose",
      "const o = Object.groupBy === undefined ? 0 : 1",
    ].join("\n");
    const diags = c.compile(code).diagnostics;
    // Object.groupBy is es2024: not in the notebook's lib, as with TypeScript's own files.
    expect(diags.map((d) => [d.line, d.code])).toEqual([[6, 2550]]);
  });

  test("type errors against lib types are still reported", () => {
    expect(c.compile("const bad: string = [1, 2].at(0)").diagnostics.map((d) => d.code)).toEqual([2322]);
  });

  test("a tsconfig.json's lib is bundled instead (here with the DOM)", () => {
    const dir = mkdtempSync(join(tmpdir(), "gradlab-lib-"));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { lib: ["es2020", "dom"] } }));
    const dom = new CellCompiler(dir);
    expect(dom.compile("const el: HTMLElement | null = document.getElementById('x')").diagnostics).toEqual([]);
    expect(dom.compile("const r = 'x'.replaceAll('x', 'y')").diagnostics.map((d) => d.code)).toEqual([2550]);
    expect(libFiles(dom)).toHaveLength(1);
  });
});
