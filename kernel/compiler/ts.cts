/**
 * The TypeScript compiler API, for every module of the cell compiler: `import ts from "./ts.cjs"`.
 * NOTE: not `import ts from "typescript"`: importing the 9 MB CommonJS file from an ES module
 * makes Node scan it twice (module-format detection, then the CommonJS export lexer), about
 * 0.4 s of a fresh kernel's start-up; `require` does neither, and goes through the code cache.
 */
import codeCache = require("./code_cache.cjs");
codeCache.preload(require.resolve("typescript"));
import ts = require("typescript");
export = ts;
