/**
 * Compiler options for cells: lenient by default (no `strict`, so Python code translates line
 * by line), a `tsconfig.json` next to the notebook honoured, and the few options the cell
 * compiler needs forced (ES modules for top-level await, one module per cell, inline helpers,
 * source maps).
 *
 * Strictness is the cells' own choice, not the folder's build settings: the type-checking
 * options of a tsconfig.json's `compilerOptions` (`strict`, `noImplicitAny`, ...) are written
 * for building a library (gradlab's own checkout has `strict: true`) and are left out; a folder
 * opts its cells into stricter checking with a `gradlab` section in that tsconfig.json, which
 * tsc ignores: `{"gradlab": {"compilerOptions": {"strict": true}}}`. The kernel, the REPL and
 * `gradlab run` all read options here, so the rule is the same in each.
 */
import ts from "./ts.cjs";
import { libBundle, type LibBundle } from "./lib_bundle.js";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SUBPATH_MODULES } from "../session/prelude.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of a gradlab module (`engine/index.js`), as TypeScript resolves it: `.ts` in the repo, `.d.ts` in dist. */
export function gradlabModule(rel: string): string {
  return join(here, "..", "..", rel);
}

export const paths = {
  /** The engine's public namespace (`torch`). */
  engine: gradlabModule("engine/index.js"),
  tensor: gradlabModule("engine/tensor/tensor.js"),
  ndarray: gradlabModule("engine/numpy/ndarray.js"),
};

/** Where @types/node is, if anywhere (the notebook's folder, then gradlab's own dependencies). */
function nodeTypesRoot(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", "@types", "node", "package.json")))
      return join(dir, "node_modules", "@types");
    if (dirname(dir) === dir) break;
  }
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", "@types", "node", "package.json")))
      return join(dir, "node_modules", "@types");
    if (dirname(dir) === dir) return undefined;
  }
}

export interface CellOptions {
  options: ts.CompilerOptions;
  /** Diagnostics from reading tsconfig.json, if any. */
  configErrors: string[];
  /** Whether `options` include Node's types. */
  hasNodeTypes: boolean;
  /**
   * The options with @types/node added, when they are left out at first (null when not
   * installed, or when tsconfig.json chose `types` itself). Node's ~100 declaration files
   * double a program's size; most notebooks never need them, so they come in on first use.
   */
  withNodeTypes: ts.CompilerOptions | null;
  /** The lib files joined into one (lib_bundle.ts), an in-memory root file; `options` then have `noLib`. */
  lib: LibBundle | undefined;
}

const LENIENT: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts"],
  strict: false, // noImplicitAny, strictNullChecks ... follow it, so a tsconfig's `strict: true` turns them all on
  esModuleInterop: true,
  allowSyntheticDefaultImports: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  allowJs: true,
  checkJs: false,
  experimentalDecorators: false,
};

/** tsconfig's "Type Checking" options: a project's build settings, not the cells' (see the header). */
const CHECKING = new Set([
  "strict",
  "noImplicitAny",
  "strictNullChecks",
  "strictFunctionTypes",
  "strictBindCallApply",
  "strictPropertyInitialization",
  "strictBuiltinIteratorReturn",
  "noImplicitThis",
  "useUnknownInCatchVariables",
  "alwaysStrict",
  "exactOptionalPropertyTypes",
  "noFallthroughCasesInSwitch",
  "noImplicitOverride",
  "noImplicitReturns",
  "noPropertyAccessFromIndexSignature",
  "noUncheckedIndexedAccess",
  "noUnusedLocals",
  "noUnusedParameters",
  "allowUnreachableCode",
  "allowUnusedLabels",
]);

/** Options for a session in `cwd`: lenient defaults, then the notebook's tsconfig.json, then what cells need. */
export function cellOptions(cwd: string): CellOptions {
  let user: ts.CompilerOptions = {};
  const configErrors: string[] = [];
  const configPath = join(cwd, "tsconfig.json");
  if (existsSync(configPath)) {
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    if (read.error) configErrors.push(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
    else {
      const config = read.config as {
        compilerOptions?: Record<string, unknown>;
        gradlab?: { compilerOptions?: Record<string, unknown> };
      };
      const building = Object.fromEntries(
        Object.entries(config.compilerOptions ?? {}).filter(([k]) => !CHECKING.has(k)),
      );
      const forCells = { ...config, compilerOptions: { ...building, ...(config.gradlab?.compilerOptions ?? {}) } };
      const parsed = ts.parseJsonConfigFileContent(forCells, ts.sys, cwd, undefined, configPath);
      user = parsed.options;
      for (const d of parsed.errors)
        if (d.code !== 18003) configErrors.push(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    }
  }
  const typeRoot = nodeTypesRoot(cwd);
  const options: ts.CompilerOptions = { ...LENIENT, types: [], ...user };
  // What the cell compiler needs, whatever tsconfig.json says.
  Object.assign(options, {
    module: ts.ModuleKind.ESNext,
    moduleDetection: ts.ModuleDetectionKind.Force,
    target: Math.max(options.target ?? ts.ScriptTarget.ES2022, ts.ScriptTarget.ES2022),
    noEmit: false,
    emitDeclarationOnly: false,
    declaration: false,
    declarationMap: false,
    composite: false,
    incremental: false,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: false,
    noEmitOnError: false,
    isolatedModules: false,
    verbatimModuleSyntax: false,
    importHelpers: false,
    noEmitHelpers: false,
    preserveConstEnums: true,
    allowImportingTsExtensions: true,
    outDir: undefined,
    outFile: undefined,
    rootDir: undefined,
    tsBuildInfoFile: undefined,
  } satisfies ts.CompilerOptions);
  const mr = options.moduleResolution;
  if (
    mr === undefined ||
    mr === ts.ModuleResolutionKind.Node16 ||
    mr === ts.ModuleResolutionKind.NodeNext ||
    mr === ts.ModuleResolutionKind.Classic
  )
    options.moduleResolution = ts.ModuleResolutionKind.Bundler;
  // `import * as torch from "gradlab"` in a cell is the engine, wherever the notebook is.
  options.paths = { ...(options.paths ?? {}), gradlab: [paths.engine] };
  for (const [spec, rel] of Object.entries(SUBPATH_MODULES)) options.paths[spec] = [gradlabModule(rel)];
  const lib = options.noLib ? undefined : libBundle(options.lib ?? [ts.getDefaultLibFileName(options)]);
  if (lib) Object.assign(options, { noLib: true, lib: undefined });
  const onDemand = user.types === undefined && typeRoot !== undefined;
  return {
    options,
    configErrors,
    lib,
    hasNodeTypes: user.types?.includes("node") ?? false,
    withNodeTypes: onDemand ? { ...options, types: ["node"], typeRoots: [typeRoot!] } : null,
  };
}
