/**
 * The TypeScript compiler API, for every module of the cell compiler: `import ts from "./ts.cjs"`.
 * NOTE: not `import ts from "typescript"`: importing the 9 MB CommonJS file from an ES module
 * makes Node scan it twice (module-format detection, then the CommonJS export lexer), about
 * 0.4 s of a fresh kernel's start-up; `require` does neither, and goes through the code cache.
 * A process started from the kernel's startup snapshot has the compiler loaded already
 * (snapshot_state.ts); it is then put in require's cache, so every `require("typescript")`
 * in the process gets that one.
 */
import codeCache = require("./code_cache.cjs");
const tsFile = require.resolve("typescript");
const fromSnapshot = (globalThis as { __gradlab_snapshot?: { ts: object; typescript: string } }).__gradlab_snapshot;
if (fromSnapshot && fromSnapshot.typescript === tsFile) codeCache.install(tsFile, fromSnapshot.ts);
else codeCache.preload(tsFile);
import ts = require("typescript");
export = ts;
