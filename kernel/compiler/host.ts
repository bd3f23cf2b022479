/**
 * A TypeScript LanguageService over in-memory files (cells, the prelude) with the disk behind
 * them (lib files, the engine, npm packages, local modules). One document registry is shared by
 * all sessions in a process, so lib and engine files are parsed once.
 */
import ts from "./ts.cjs";
import { statSync } from "node:fs";
import { snapshotState } from "./snapshot_state.js";

/** From the startup snapshot, if the process has one: lib and engine declarations already parsed. */
const registry = snapshotState()?.registry ?? ts.createDocumentRegistry();

/**
 * Versions of in-memory files, unique in the process: the registry shares a parsed file between
 * hosts when path and version match, and two sessions in one folder have cell files at the same
 * paths (a per-host count would hand one session the other's cell).
 */
let nextVersion = 1;

export class VirtualHost {
  private readonly files = new Map<string, { text: string; version: number | string; snapshot: ts.IScriptSnapshot }>();
  private roots: string[] = [];
  private projectVersion = 0;
  /**
   * Bumped when what every program shares changes (options, module resolutions): a program
   * kept from before (kept_checker.ts) no longer stands for a new one.
   */
  generation = 0;
  private readonly diskFiles = new Map<string, { snapshot: ts.IScriptSnapshot; version: string }>();
  readonly service: ts.LanguageService;

  private resolutionCache!: ts.ModuleResolutionCache;
  private typeCache!: ts.TypeReferenceDirectiveResolutionCache;

  constructor(
    readonly cwd: string,
    private options: ts.CompilerOptions,
  ) {
    const moduleHost: ts.ModuleResolutionHost = {
      fileExists: (f) => this.files.has(f) || ts.sys.fileExists(f),
      readFile: (f) => this.files.get(f)?.text ?? ts.sys.readFile(f),
      directoryExists: (d) => ts.sys.directoryExists(d),
      realpath: ts.sys.realpath,
      getCurrentDirectory: () => cwd,
    };
    this.newCaches();
    const host: ts.LanguageServiceHost = {
      resolveModuleNameLiterals: (literals, containingFile, redirected, opts) =>
        literals.map((lit) =>
          ts.resolveModuleName(lit.text, containingFile, opts, moduleHost, this.resolutionCache, redirected),
        ),
      resolveTypeReferenceDirectiveReferences: (refs, containingFile, redirected, opts) =>
        refs.map((ref) => {
          const name = typeof ref === "string" ? ref : ref.fileName.toLowerCase();
          return ts.resolveTypeReferenceDirective(name, containingFile, opts, moduleHost, redirected, this.typeCache);
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
    (host as { getModuleResolutionCache?: () => ts.ModuleResolutionCache }).getModuleResolutionCache = () =>
      this.resolutionCache;
    this.service = ts.createLanguageService(host, registry);
  }

  /**
   * A file on disk, read once. Files outside the notebook's folder and in node_modules are taken
   * as immutable; the notebook's local modules are re-read when their modification time changes.
   */
  private disk(path: string): { snapshot: ts.IScriptSnapshot; version: string } | undefined {
    const cached = this.diskFiles.get(path);
    // The notebook's own files can change under us; lib, the engine and packages do not.
    const immutable = !path.startsWith(this.cwd) || /[\\/]node_modules[\\/]/.test(path);
    let mtime = "0";
    if (!immutable || !cached) {
      try {
        mtime = String(statSync(path).mtimeMs);
      } catch {
        this.diskFiles.delete(path);
        return undefined;
      }
    }
    if (cached && (immutable || cached.version === mtime)) return cached;
    const text = ts.sys.readFile(path);
    if (text === undefined) return undefined;
    const entry = { snapshot: ts.ScriptSnapshot.fromString(text), version: mtime };
    this.diskFiles.set(path, entry);
    return entry;
  }

  /**
   * Create or replace an in-memory file.
   * @param version a version that names this text in every process (lib_bundle.ts), so the
   *   startup snapshot's registry can hold it; by default a fresh one
   */
  set(path: string, text: string, version?: string): void {
    const old = this.files.get(path);
    if (old?.text === text) return;
    this.files.set(path, { text, version: version ?? nextVersion++, snapshot: ts.ScriptSnapshot.fromString(text) });
    this.projectVersion++;
  }

  /** The versions of every in-memory file's text, by path. */
  versions(): Map<string, unknown> {
    return new Map([...this.files].map(([path, f]) => [path, f.version]));
  }

  /** The version of an in-memory file's text (a new one for each new text), undefined if absent. */
  version(path: string): number | string | undefined {
    return this.files.get(path)?.version;
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

  /**
   * Resolutions are cached across programs (a new cell re-resolves only what is new); the
   * compiler clears the cache when a cell cannot find a module, so a package installed later is found.
   */
  private newCaches(): void {
    this.resolutionCache = ts.createModuleResolutionCache(this.cwd, (f) => f, this.options);
    this.typeCache = ts.createTypeReferenceDirectiveResolutionCache(
      this.cwd,
      (f) => f,
      this.options,
      this.resolutionCache.getPackageJsonInfoCache(),
    );
  }

  /** Forget cached module resolutions (after "Cannot find module": the user may install it). */
  clearResolutionCache(): void {
    this.resolutionCache.clear();
    this.typeCache.clear();
    this.projectVersion++;
    this.generation++;
  }

  /** Change the compiler options (the next program is built from scratch, files stay parsed). */
  setOptions(options: ts.CompilerOptions): void {
    this.options = options;
    this.newCaches();
    this.projectVersion++;
    this.generation++;
  }

  program(): ts.Program {
    const p = this.service.getProgram();
    if (!p) throw new Error("gradlab: the TypeScript language service has no program");
    return p;
  }
}
