/**
 * Run-time module loading for cells' `import`s, relative to the notebook's folder:
 *   - "gradlab" is the engine (the same `torch` the cells have);
 *   - Node built-ins (`fs`, `node:path`);
 *   - npm packages, CommonJS (through require) and ESM-only (through import(), resolved with
 *     the package's "exports" under the "import" condition);
 *   - local files: `.js`/`.mjs`/`.cjs` natively, `.ts` compiled here to CommonJS with a
 *     source map, its own imports loaded first so ESM-only dependencies work too.
 * Modules load before the cell runs (imports are hoisted in ES modules too), so the cell body
 * stays synchronous and interruptible.
 */
import ts from "../compiler/ts.cjs";
import vm from "node:vm";
import { createRequire, isBuiltin } from "node:module";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";

type Obj = Record<string, unknown>;

/** A loaded module with ES-module interop as TypeScript's esModuleInterop describes it. */
export class LoadedModule {
  constructor(
    readonly kind: "esm" | "cjs",
    readonly value: unknown,
  ) {}
  private get esModule(): boolean {
    return this.kind === "cjs" && !!(this.value as Obj | null)?.__esModule;
  }
  importDefault(): unknown {
    if (this.kind === "esm") return (this.value as Obj).default;
    return this.esModule ? (this.value as Obj).default : this.value;
  }
  importStar(): unknown {
    if (this.kind === "esm" || this.esModule) return this.value;
    const exp = this.value;
    const ns: Obj = Object.create(null);
    if (exp && (typeof exp === "object" || typeof exp === "function"))
      for (const k of Object.keys(exp)) ns[k] = (exp as Obj)[k];
    ns.default = exp;
    return ns;
  }
  importNamed(name: string): unknown {
    const v = this.value as Obj;
    if (this.kind === "esm" && !(name in v) && v.default && typeof v.default === "object")
      return (v.default as Obj)[name];
    return v?.[name];
  }
  importRequire(): unknown {
    return this.value;
  }
  /** What `require()` returns to compiled TypeScript (its `__importDefault` checks `__esModule`). */
  forRequire(): unknown {
    return this.kind === "cjs" ? this.value : Object.assign(Object.create(null), this.value, { __esModule: true });
  }
}

export class ModuleNotFoundError extends Error {
  constructor(spec: string, from: string) {
    super(`Cannot find module '${spec}' from '${from}'`);
    this.name = "ModuleNotFoundError";
  }
}

const TS_EXT = /\.(ts|tsx|mts|cts)$/;
const CANDIDATES = [
  "",
  ".ts",
  ".tsx",
  ".mts",
  ".cts",
  ".js",
  ".mjs",
  ".cjs",
  ".json",
  "/index.ts",
  "/index.js",
  "/index.mjs",
];

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

function packageType(file: string): "module" | "commonjs" {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pj = join(dir, "package.json");
    if (existsSync(pj)) {
      try {
        return (JSON.parse(readFileSync(pj, "utf8")) as { type?: string }).type === "module" ? "module" : "commonjs";
      } catch {
        return "commonjs";
      }
    }
    if (dirname(dir) === dir) return "commonjs";
  }
}

/** Resolve a package.json "exports" entry under the "import" conditions. */
function exportTarget(exp: unknown, subpath: string): string | null {
  if (typeof exp === "string") return subpath === "." ? exp : null;
  if (Array.isArray(exp)) {
    for (const e of exp) {
      const r = exportTarget(e, subpath);
      if (r) return r;
    }
    return null;
  }
  if (!exp || typeof exp !== "object") return null;
  const entries = Object.entries(exp as Obj);
  if (entries.some(([k]) => k.startsWith("."))) {
    const hit = (exp as Obj)[subpath];
    if (hit !== undefined) return exportTarget(hit, ".");
    for (const [k, v] of entries) {
      const star = k.indexOf("*");
      if (star >= 0 && subpath.startsWith(k.slice(0, star)) && subpath.endsWith(k.slice(star + 1))) {
        const t = exportTarget(v, ".");
        return t && t.replace("*", subpath.slice(star, subpath.length - (k.length - star - 1)));
      }
    }
    return null;
  }
  for (const cond of ["import", "node", "module", "default"])
    if (cond in (exp as Obj)) {
      const r = exportTarget((exp as Obj)[cond], subpath);
      if (r) return r;
    }
  return null;
}

/** ESM resolution of a bare specifier (for packages without a "require" export). */
function resolveEsmPackage(spec: string, fromDir: string): string | null {
  const parts = spec.split("/");
  const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  const subpath = "." + spec.slice(name.length);
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const pkgDir = join(dir, "node_modules", name);
    const pj = join(pkgDir, "package.json");
    if (existsSync(pj)) {
      const pkg = JSON.parse(readFileSync(pj, "utf8")) as { exports?: unknown; module?: string; main?: string };
      const target =
        pkg.exports !== undefined
          ? exportTarget(pkg.exports, subpath)
          : subpath === "."
            ? (pkg.module ?? pkg.main ?? "index.js")
            : subpath;
      if (target) {
        const p = join(pkgDir, target);
        if (isFile(p)) return p;
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

export class ModuleLoader {
  private readonly records = new Map<string, LoadedModule>();
  private readonly pending = new Map<string, Promise<LoadedModule>>();

  /**
   * @param builtins modules by specifier that the session provides itself ("gradlab")
   * @param onScript called with each compiled local .ts module (for source-mapped tracebacks)
   */
  constructor(
    readonly cwd: string,
    private readonly builtins: Record<string, LoadedModule>,
    private readonly onScript?: (file: string, source: string, sourceMap: string) => void,
  ) {}

  /** The file a specifier names, or a built-in's name. */
  resolve(spec: string, fromDir: string): string {
    if (spec in this.builtins || isBuiltin(spec)) return spec;
    if (spec.startsWith(".") || isAbsolute(spec)) {
      const base = resolvePath(fromDir, spec);
      const swapped = base.replace(/\.([cm]?)js$/, ".$1ts");
      for (const c of [swapped !== base ? swapped : null, ...CANDIDATES.map((e) => base + e)])
        if (c && isFile(c)) return c;
      throw new ModuleNotFoundError(spec, fromDir);
    }
    for (const dir of [fromDir, this.cwd]) {
      try {
        return createRequire(join(dir, "__gradlab__.js")).resolve(spec);
      } catch {
        /* try ESM resolution */
      }
      const esm = resolveEsmPackage(spec, dir);
      if (esm) return esm;
    }
    throw new ModuleNotFoundError(spec, fromDir);
  }

  async load(spec: string, fromDir: string): Promise<LoadedModule> {
    const builtin = this.builtins[spec];
    if (builtin) return builtin;
    const path = this.resolve(spec, fromDir);
    const done = this.records.get(path);
    if (done) return done;
    let p = this.pending.get(path);
    if (!p) {
      p = this.loadFile(path);
      this.pending.set(path, p);
      p.then(
        (m) => this.records.set(path, m),
        () => this.pending.delete(path),
      );
    }
    return p;
  }

  private async loadFile(path: string): Promise<LoadedModule> {
    if (isBuiltin(path)) return new LoadedModule("esm", await import(path));
    if (TS_EXT.test(path)) return this.loadTypeScript(path);
    if (path.endsWith(".json") || path.endsWith(".cjs") || (path.endsWith(".js") && packageType(path) === "commonjs"))
      return new LoadedModule("cjs", createRequire(path)(path));
    return new LoadedModule("esm", await import(pathToFileURL(path).href));
  }

  /** A local TypeScript module: compiled to CommonJS, its imports loaded first. */
  private async loadTypeScript(path: string): Promise<LoadedModule> {
    const source = readFileSync(path, "utf8");
    const module = { exports: {} as Obj };
    const record = new LoadedModule("cjs", undefined);
    Object.defineProperty(record, "value", { get: () => module.exports });
    this.records.set(path, record); // a cycle sees the partial exports, as in Node
    const deps = new Map<string, LoadedModule>();
    for (const f of ts.preProcessFile(source, true, true).importedFiles) {
      deps.set(
        f.fileName,
        this.records.get(this.safeResolve(f.fileName, dirname(path)) ?? "") ??
          (await this.load(f.fileName, dirname(path))),
      );
    }
    const out = ts.transpileModule(source, {
      fileName: path,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: true,
        inlineSources: false,
      },
    });
    const js = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
    this.onScript?.(path, source, out.sourceMapText ?? "");
    const fn = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${js}\n})`, {
      filename: path,
    }).runInThisContext() as (...a: unknown[]) => void;
    const nodeRequire = createRequire(path);
    const require = (id: string) => deps.get(id)?.forRequire() ?? nodeRequire(id);
    fn(module.exports, require, module, path, dirname(path));
    return record;
  }

  private safeResolve(spec: string, fromDir: string): string | null {
    try {
      return this.resolve(spec, fromDir);
    } catch {
      return null;
    }
  }
}
