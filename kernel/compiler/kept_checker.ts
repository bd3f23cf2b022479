/**
 * One type checker kept across cells. A new program means a new checker, and a new checker
 * starts from nothing: it merges the globals again, then resolves the engine's namespace, the
 * Tensor class with its ~500 members and its augmentations, and the lib types a cell touches.
 * For a typical tensor cell that is ~90% of the compile (a checker makes only ~250 types for the
 * cell itself). So a cell is checked, when it can be, as a side file of the last program: a
 * source file parsed and bound here, at the cell file's path (so the checker finds the suffix's
 * imports among the program's resolutions for that path) under a name of its own, given to the
 * program's checker and emitted by the program. NOTE: the name must be new: the checker files
 * diagnostics by file name and drops one equal to a diagnostic it holds, so a cell checked again
 * under the same name (an error cell run twice, a typing round) would lose its errors.
 *
 * When the side file gives the same result as a new program: the checker's answers for a file
 * depend on the file, the program's files and the compiler options. The engine, the lib and the
 * prelude do not change while the options do not (VirtualHost.generation); earlier cells come in
 * through the suffix, by name, as the program had them: a cell that refers to a slot rewritten
 * since the program was built (`suffixRefs`: a name of a function or class an earlier cell
 * declared after it) gets a new program. A slot unchanged since then holds what it held, and so
 * does every slot behind it (see compiled_cells.ts). The cell itself must add nothing to the
 * program as a whole, which a new program would first merge or resolve: no imports, require or
 * reference directives (selfContained), no `declare global` or module augmentation. And it must
 * need nothing the program computes per file: `// @ts-ignore`-style comment directives, unused
 * checks (noUnusedLocals), which the checker keys by path.
 * One difference is left on purpose: a local module that an earlier cell imported and that changed
 * on disk since keeps its old types in a side file (a new program would re-read it); the earlier
 * cell's names hold the module as it was loaded then, which is what the old types describe.
 *
 * The kept checker remembers every side file it checked (links to their nodes and types), so
 * it is dropped after REUSES side files, and the next cell builds a new program.
 */
import ts from "./ts.cjs";
import type { VirtualHost } from "./host.js";

/** A cell's text as the checker sees it, in a program. */
export interface CheckedFile {
  program: ts.Program;
  sourceFile: ts.SourceFile;
  /** True when this is a side file of a kept program (no new program was built). */
  side: boolean;
  syntacticDiagnostics(): readonly ts.Diagnostic[];
  semanticDiagnostics(): readonly ts.Diagnostic[];
}

/** Side files per kept checker: bounds what the checker keeps alive (each is a cell's tree and types). */
const REUSES = 200;

/** Internals of TypeScript 5.x that this module relies on (present on the `ts` object, not in its types). */
interface Internals {
  bindSourceFile(file: ts.SourceFile, options: ts.CompilerOptions): void;
  getSetExternalModuleIndicator(options: ts.CompilerOptions): (file: ts.SourceFile) => void;
}
interface InternalChecker {
  getDiagnostics(file: ts.SourceFile): readonly ts.Diagnostic[];
}
interface InternalFile {
  parseDiagnostics: ts.Diagnostic[];
  externalModuleIndicator?: unknown;
  path: string;
  resolvedPath: string;
  originalFileName: string;
  bindDiagnostics?: ts.Diagnostic[];
  commentDirectives?: unknown[];
}
interface InternalProgram {
  getResolvedModule(
    file: ts.SourceFile,
    name: string,
    mode: ts.ResolutionMode,
  ): { resolvedModule?: unknown } | undefined;
}
interface InternalDiagnostic {
  skippedOn?: keyof ts.CompilerOptions;
}

const internals = ts as unknown as Partial<Internals>;
const usable =
  typeof internals.bindSourceFile === "function" && typeof internals.getSetExternalModuleIndicator === "function";

/** The cell adds nothing to the program as a whole (no augmentation of a module or of the global scope). */
function local(sf: ts.SourceFile): boolean {
  return !sf.statements.some(
    (st) =>
      ts.isModuleDeclaration(st) && (ts.isStringLiteral(st.name) || (st.flags & ts.NodeFlags.GlobalAugmentation) !== 0),
  );
}

/** `text` in `file`, checked in the language service's program (a new one when anything changed). */
export function loadInProgram(host: VirtualHost, file: string, text: string): CheckedFile {
  host.set(file, text);
  const program = host.program();
  const sourceFile = program.getSourceFile(file)!;
  return {
    program,
    sourceFile,
    side: false,
    syntacticDiagnostics: () => program.getSyntacticDiagnostics(sourceFile),
    semanticDiagnostics: () => program.getSemanticDiagnostics(sourceFile),
  };
}

export class KeptChecker {
  private kept:
    | {
        program: ts.Program;
        file: string;
        base: ts.SourceFile;
        generation: number;
        /** In-memory files' versions when the program was built. */
        versions: Map<string, unknown>;
        uses: number;
      }
    | undefined;
  private sideFiles = 0;
  /** False: every text gets a new program, as before this module (to compare against). */
  reuse = true;

  constructor(private readonly host: VirtualHost) {}

  /** Forget the kept program (the next cell builds a new one). */
  drop(): void {
    this.kept = undefined;
  }

  /**
   * `text` in `file`, checked: as a side file of the kept program when the result is the same
   * (see the header), else in a new program (which is then kept).
   * @param refs in-memory files the text refers to (the slots of the suffix), which must be as the kept program has them
   * @param selfContained the user's part of the text loads no modules (compiled_cells.ts selfContained)
   */
  load(file: string, text: string, refs: Iterable<string>, selfContained: boolean): CheckedFile {
    const side = selfContained ? this.side(file, text, refs) : undefined;
    if (side) return side;
    const checked = loadInProgram(this.host, file, text);
    const { program, sourceFile } = checked;
    const options = program.getCompilerOptions();
    const reusable = usable && !options.noUnusedLocals && !options.noUnusedParameters;
    this.kept = reusable
      ? { program, file, base: sourceFile, generation: this.host.generation, versions: this.host.versions(), uses: 0 }
      : undefined;
    return checked;
  }

  private side(file: string, text: string, refs: Iterable<string>): CheckedFile | undefined {
    const k = this.kept;
    if (!k || !this.reuse || k.file !== file || k.generation !== this.host.generation || k.uses >= REUSES)
      return undefined;
    for (const r of refs) if (this.host.version(r) !== k.versions.get(r)) return undefined;
    const { program, base } = k;
    const options = program.getCompilerOptions();
    const name = file.replace(/(\.[cm]?tsx?)$/, `~${++this.sideFiles}$1`);
    const sf = ts.createSourceFile(
      name,
      text,
      {
        languageVersion: base.languageVersion,
        impliedNodeFormat: base.impliedNodeFormat,
        setExternalModuleIndicator: internals.getSetExternalModuleIndicator!(options),
      },
      true,
      ts.ScriptKind.TS,
    );
    const inner = sf as unknown as InternalFile,
      baseInner = base as unknown as InternalFile;
    if (!local(sf) || inner.commentDirectives?.length || !inner.externalModuleIndicator) return undefined;
    // Every import (the suffix's) must be one the program resolved for this path.
    const resolved = program as unknown as InternalProgram;
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      const mode = program.getModeForUsageLocation(sf, st.moduleSpecifier);
      if (!resolved.getResolvedModule(base, st.moduleSpecifier.text, mode)?.resolvedModule) return undefined;
    }
    inner.path = baseInner.path;
    inner.resolvedPath = baseInner.resolvedPath;
    inner.originalFileName = name;
    internals.bindSourceFile!(sf, options);
    k.uses++;
    const checker = program.getTypeChecker() as unknown as InternalChecker;
    return {
      program,
      sourceFile: sf,
      side: true,
      syntacticDiagnostics: () => inner.parseDiagnostics,
      // As Program.getSemanticDiagnostics for a file without comment directives.
      semanticDiagnostics: () =>
        [...(inner.bindDiagnostics ?? []), ...checker.getDiagnostics(sf)].filter((d) => {
          const skip = (d as InternalDiagnostic).skippedOn;
          return !skip || !options[skip];
        }),
    };
  }
}
