import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createSession, type GradlabSession } from "../../kernel/session/session.js";
import { notebookSession } from "./fixtures.js";
import { fails, ok } from "./sink.js";

/** A notebook folder with an ESM-only package, a CommonJS package and local TypeScript modules. */
let dir: string;
function write(rel: string, text: string): void {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "gradlab-nb-"));
  write(
    "node_modules/esm-only/package.json",
    JSON.stringify({
      name: "esm-only",
      type: "module",
      exports: {
        ".": { types: "./index.d.ts", import: "./index.js" },
        "./extra": { types: "./extra.d.ts", import: "./extra.js" },
      },
    }),
  );
  write("node_modules/esm-only/index.js", "export const hello = (n) => `hello ${n}`;\nexport default 42;\n");
  write(
    "node_modules/esm-only/index.d.ts",
    "export declare const hello: (n: string) => string;\ndeclare const answer: number;\nexport default answer;\n",
  );
  write("node_modules/esm-only/extra.js", "export const extra = 'extra';\n");
  write("node_modules/esm-only/extra.d.ts", "export declare const extra: string;\n");
  write(
    "node_modules/cjs-pkg/package.json",
    JSON.stringify({ name: "cjs-pkg", main: "index.js", types: "index.d.ts" }),
  );
  write("node_modules/cjs-pkg/index.js", "exports.add = (a, b) => a + b;\nexports.name = 'cjs';\n");
  write(
    "node_modules/cjs-pkg/index.d.ts",
    "export declare function add(a: number, b: number): number;\nexport declare const name: string;\n",
  );
  write(
    "util.ts",
    'import { hello } from "esm-only";\nimport { add } from "cjs-pkg";\nexport const greet = (n: string): string => hello(n);\nexport const sum3 = (a: number, b: number, c: number): number => add(add(a, b), c);\nexport default class Counter { n = 0; inc(): number { return ++this.n; } }\n',
  );
  write("broken.ts", "export function fail(): never {\n  throw new Error('from a local module');\n}\n");
  write("helper.mjs", "export const fromJs = 'js module';\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("import in cells", () => {
  let s: GradlabSession;
  beforeAll(() => {
    s = createSession({ cwd: dir });
  });

  test("an ESM-only package: default, named and namespace imports, and a subpath export", async () => {
    expect(
      (
        await ok(
          s,
          "import answer, { hello } from 'esm-only'\nimport * as esm from 'esm-only'\n;[answer, hello('you'), esm.default]",
        )
      ).text,
    ).toBe("[42, 'hello you', 42]");
    expect((await ok(s, "import { extra } from 'esm-only/extra'\nextra")).text).toBe("'extra'");
  });

  test("a CommonJS package: named, default (module.exports) and namespace imports, and require()", async () => {
    expect(
      (
        await ok(
          s,
          "import { add } from 'cjs-pkg'\nimport cjs from 'cjs-pkg'\nimport * as ns from 'cjs-pkg'\n;[add(1, 2), cjs.name, ns.add(2, 3)]",
        )
      ).text,
    ).toBe("[3, 'cjs', 5]");
    expect((await ok(s, "const c2 = require('cjs-pkg')\nc2.add(5, 5)")).text).toBe("10");
  });

  test("imported names persist into later cells with their types", async () => {
    expect((await ok(s, "hello('again')")).text).toBe("'hello again'");
    expect((await fails(s, "add('a', 1)")).evalue).toContain(
      "Argument of type 'string' is not assignable to parameter of type 'number'",
    );
  });

  test("a local .ts module next to the notebook (itself importing an ESM-only package)", async () => {
    expect(
      (
        await ok(
          s,
          "import Counter, { greet, sum3 } from './util'\nconst counter = new Counter()\ncounter.inc()\n;[greet('ts'), sum3(1, 2, 3), counter.inc()]",
        )
      ).text,
    ).toBe("['hello ts', 6, 2]");
    expect((await ok(s, "import { fromJs } from './helper.mjs'\nfromJs")).text).toBe("'js module'");
  });

  test("a traceback through a local module shows its file and line", async () => {
    const e = await fails(s, "import { fail } from './broken.ts'\nfail()");
    expect(e.evalue).toBe("from a local module");
    expect(e.traceback.slice(2, 4)).toEqual([
      "Cell In[9], line 2\n      1 import { fail } from './broken.ts'\n----> 2 fail()\n",
      `File ${join(dir, "broken.ts")}:2, in fail\n      1 export function fail(): never {\n----> 2   throw new Error('from a local module');\n      3 }\n`,
    ]);
  });

  test("Node built-ins, gradlab itself, and dynamic import()", async () => {
    expect(
      (await ok(s, "import path from 'node:path'\nimport { readFileSync } from 'fs'\npath.basename('/a/b.txt')")).text,
    ).toBe("'b.txt'");
    expect((await ok(s, "import * as gl from 'gradlab'\ngl.ones(1) === gl.ones(1) || gl === torch")).text).toBe("True");
    expect((await ok(s, "const m = await import('esm-only')\nm.hello('dyn')")).text).toBe("'hello dyn'");
  });

  test("a module that does not exist is a type error, and then a run-time one under @ts-nocheck", async () => {
    const e = await fails(s, "import nothing from 'no-such-package'");
    expect(e.evalue).toContain("Cannot find module 'no-such-package'");
    const r = await fails(s, "// @ts-nocheck\nimport nothing from 'no-such-package'");
    expect(r.ename).toBe("ModuleNotFoundError");
  });
});

test("typescript (a CommonJS package) imports from the repository's node_modules", async () => {
  const s = notebookSession();
  expect(
    (
      await ok(
        s,
        "import ts from 'typescript'\nimport * as ts2 from 'typescript'\nts.version === ts2.version && typeof ts2.createSourceFile",
      )
    ).text,
  ).toBe("'function'");
});

test("Node's types come in when a cell first needs them", async () => {
  const s = notebookSession();
  expect((await ok(s, "process.platform.length > 0")).text).toBe("True"); // typed any until then
  expect((await ok(s, "Buffer.from('héllo').length")).text).toBe("6");
  expect((await fails(s, "Buffer.from(1, 2, 3, 4)")).evalue).toContain("Expected 1-3 arguments, but got 4.");
});

test("a folder's strict tsconfig.json (a library's build settings) leaves cells lenient; its `gradlab` section makes them strict", async () => {
  const libraryDir = mkdtempSync(join(tmpdir(), "gradlab-library-"));
  const strictDir = mkdtempSync(join(tmpdir(), "gradlab-strict-"));
  try {
    writeFileSync(
      join(libraryDir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, noUnusedLocals: true } }),
    );
    expect((await ok(createSession({ cwd: libraryDir }), "function f(a) { return a }\nf(1)")).text).toBe("1");
    writeFileSync(join(strictDir, "tsconfig.json"), JSON.stringify({ gradlab: { compilerOptions: { strict: true } } }));
    const strict = createSession({ cwd: strictDir });
    expect((await fails(strict, "function f(a) { return a }")).evalue).toContain(
      "Parameter 'a' implicitly has an 'any' type.",
    );
    // Lenient by default.
    expect((await ok(notebookSession(), "function f(a) { return a }\nf(1)")).text).toBe("1");
  } finally {
    rmSync(libraryDir, { recursive: true, force: true });
    rmSync(strictDir, { recursive: true, force: true });
  }
});
