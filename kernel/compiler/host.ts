/**
 * A TypeScript LanguageService over in-memory files (cells, the prelude) with the disk behind
 * them (lib files, the engine, npm packages, local modules). One document registry is shared by
 * all sessions in a process, so lib and engine files are parsed once.
 */
import ts from "typescript";
import { statSync } from "node:fs";

const registry = ts.createDocumentRegistry();

export class VirtualHost {
  private readonly files = new Map<string, { text: string; version: number; snapshot: ts.IScriptSnapshot }>();
  private roots: string[] = [];
  private projectVersion = 0;
  private readonly diskFiles = new Map<string, { snapshot: ts.IScriptSnapshot; version: string }>();
  private readonly resolutionCache: ts.ModuleResolutionCache;
  readonly service: ts.LanguageService;

  constructor(readonly cwd: string, private readonly options: ts.CompilerOptions) {
    const moduleHost: ts.ModuleResolutionHost = {
      fileExists: (f) => this.files.has(f) || ts.sys.fileExists(f),
      readFile: (f) => this.files.get(f)?.text ?? ts.sys.readFile(f),
      directoryExists: (d) => ts.sys.directoryExists(d),
      realpath: ts.sys.realpath,
      getCurrentDirectory: () => cwd,
    };
    // Resolutions are cached across programs (a new cell re-resolves only what is new); the
    // compiler clears the cache when a cell cannot find a module, so a package installed later is found.
    const cache = (this.resolutionCache = ts.createModuleResolutionCache(cwd, (f) => f, options));
    const typeCache = ts.createTypeReferenceDirectiveResolutionCache(cwd, (f) => f, options, cache.getPackageJsonInfoCache());
    const host: ts.LanguageServiceHost = {
      resolveModuleNameLiterals: (literals, containingFile, redirected, opts) =>
        literals.map((lit) => ts.resolveModuleName(lit.text, containingFile, opts, moduleHost, cache, redirected)),
      resolveTypeReferenceDirectiveReferences: (refs, containingFile, redirected, opts) =>
        refs.map((ref) => {
          const name = typeof ref === "string" ? ref : ref.fileName.toLowerCase();
          return ts.resolveTypeReferenceDirective(name, containingFile, opts, moduleHost, redirected, typeCache);
        }),
      getProjectVersion: () => String(this.projectVersion),
      getScriptFileNames: () => this.roots,
      getScriptVersion: (f) => String(this.files.get(f)?.version ?? this.disk(f)?.version ?? 0),
      getScriptSnapshot: (f) => this.files.get(f)?.snapshot ?? this.disk(f)?.snapshot,
      getCurrentDirectory: () => cwd,
      getCompilationSettings: () => this.options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: (f) => this.files.has(f) || ts.sys.fileExists(f),
      readFile: (f, enc) => this.files.get(f)?.text ?? ts.sys.readFile(f, enc),
      directoryExists: (d) => ts.sys.directoryExists(d),
      getDirectories: (d) => ts.sys.getDirectories(d),
      readDirectory: (p, ext, exc, inc, depth) => ts.sys.readDirectory(p, ext, exc, inc, depth),
      realpath: ts.sys.realpath,
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
    };
    // NOTE: not in the public LanguageServiceHost type, but the language service uses it: one
    // package.json cache for all programs instead of re-reading package.json files per program.
    (host as { getModuleResolutionCache?: () => ts.ModuleResolutionCache }).getModuleResolutionCache = () => cache;
    this.service = ts.createLanguageService(host, registry);
  }

  /**
   * A file on disk, read once. Files in node_modules and lib are taken as immutable; others (the
   * notebook's local modules) are re-read when their modification time changes.
   */
  private disk(path: string): { snapshot: ts.IScriptSnapshot; version: string } | undefined {
    const cached = this.diskFiles.get(path);
    const immutable = /[\\/]node_modules[\\/]/.test(path);
    let mtime = "0";
    if (!immutable || !cached) {
      try { mtime = String(statSync(path).mtimeMs); } catch { this.diskFiles.delete(path); return undefined; }
    }
    if (cached && (immutable || cached.version === mtime)) return cached;
    const text = ts.sys.readFile(path);
    if (text === undefined) return undefined;
    const entry = { snapshot: ts.ScriptSnapshot.fromString(text), version: mtime };
    this.diskFiles.set(path, entry);
    return entry;
  }

  /** Create or replace an in-memory file. */
  set(path: string, text: string): void {
    const old = this.files.get(path);
    if (old?.text === text) return;
    this.files.set(path, { text, version: (old?.version ?? 0) + 1, snapshot: ts.ScriptSnapshot.fromString(text) });
    this.projectVersion++;
  }

  get(path: string): string | undefined {
    return this.files.get(path)?.text;
  }

  delete(path: string): void {
    if (this.files.delete(path)) this.projectVersion++;
  }

  /** The files the program starts from (the cell being compiled; the rest comes in through imports). */
  setRoots(roots: string[]): void {
    if (roots.join("\n") === this.roots.join("\n")) return;
    this.roots = roots;
    this.projectVersion++;
  }

  /** Forget cached module resolutions (after "Cannot find module": the user may install it). */
  clearResolutionCache(): void {
    this.resolutionCache.clear();
    this.projectVersion++;
  }

  program(): ts.Program {
    const p = this.service.getProgram();
    if (!p) throw new Error("gradlab: the TypeScript language service has no program");
    return p;
  }
}
