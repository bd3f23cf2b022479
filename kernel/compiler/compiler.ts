/**
 * The cell compiler: one TypeScript cell in, a checked and transformed JavaScript function body
 * out. Pipeline per cell:
 *
 *   1. the cell becomes a virtual module in the notebook's folder, with a hidden suffix that
 *      brings in earlier cells' names and the prelude (cell_chain.ts);
 *   2. the typing pass wraps tensor operator sites in type assertions until the checker's types
 *      settle (typing_pass.ts);
 *   3. remaining errors are reported with cell positions (diagnostics.ts);
 *   4. the program emits the cell through two `before` transformers: tensor operators
 *      (transform_tensor.ts), then the session scope (transform_scope.ts), with a source map.
 *
 * After the cell runs, commit() stores it so later cells type-check against its declarations.
 * Steps 2–4 check the cell in the last cell's program and checker when the result is the same
 * (kept_checker.ts): a new checker costs most of a compile.
 */
import ts from "./ts.cjs";
import { isBuiltin } from "node:module";
import { join } from "node:path";
import { CellChain, snapshotType, TENSOR_ALIAS } from "./cell_chain.js";
import { CompiledCells, selfContained } from "./compiled_cells.js";
import { cellDiagnostics, type CellDiagnostic } from "./diagnostics.js";
import { VirtualHost } from "./host.js";
import { KeptChecker, loadInProgram } from "./kept_checker.js";
import { cellOptions, gradlabModule, paths } from "./options.js";
import { isModuleRow, PRELUDE, PRELUDE_NAMES } from "../session/prelude.js";
import { lineColumn, ShadowText } from "./positions.js";
import { decodeMappings, type DecodedMap } from "./source_map.js";
import { TensorTypes } from "./tensor_types.js";
import { topLevelNames, type TopLevelName } from "./top_level.js";
import { guessTensorSites } from "./site_guess.js";
import { joinHint, statementLines, type LineJoin } from "./statement_lines.js";
import { bareAssignments } from "./bare_assignments.js";
import { scopeTransform, type ScopeInfo } from "./transform_scope.js";
import { tensorTransform } from "./transform_tensor.js";
import { typeCell } from "./typing_pass.js";

export { PRELUDE_NAMES };

export interface CompiledCell {
  /** The virtual module's path (also names the cell's script for stack traces). */
  file: string;
  user: string;
  shadow: ShadowText;
  /** Blocking errors: when non-empty, there is no code to run. */
  diagnostics: CellDiagnostic[];
  /** The body of the cell function `(__s, __gl) => { ... }`. */
  js: string;
  /** Maps lines/columns of `js` to the shadow text (whose lines are the user's lines). */
  map: DecodedMap;
  /** Uses top-level await: the body runs in an async function. */
  isAsync: boolean;
  /** Module specifiers to load before running, indexed as in the body. */
  imports: string[];
  hasResult: boolean;
  names: TopLevelName[];
  /** Type-check rounds the typing pass needed. */
  rounds: number;
  /** The last round was checked in the kept program, without a new one (kept_checker.ts). */
  keptProgram: boolean;
  /** Simple types of the cell's variables, for later cells (cell_chain.ts snapshotType). */
  snapshots: Map<string, string>;
  /** The text that was type-checked (shadow + suffix): what commit() stores. */
  checkedText: string;
  /** The slots the suffix refers to. */
  suffixRefs: Set<string>;
}

function hasTopLevelAwait(sf: ts.SourceFile): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (
      ts.isAwaitExpression(n) ||
      (ts.isForOfStatement(n) && n.awaitModifier) ||
      (ts.isVariableDeclarationList(n) && (n.flags & ts.NodeFlags.AwaitUsing) === ts.NodeFlags.AwaitUsing)
    ) {
      found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** A diagnostic that Node's types would answer: a Node global or built-in module not found. */
function needsNodeTypes(d: CellDiagnostic): boolean {
  if (d.code === 2580 || d.code === 2591) return true; // Cannot find name 'Buffer'. Do you need to install type definitions for node?
  if (d.code === 2503 && d.message.includes("'NodeJS'")) return true;
  const m = /^Cannot find module '([^']+)'/.exec(d.message);
  return !!m && isBuiltin(m[1]);
}

/**
 * Every name the code mentions (a superset of the names it uses), from its syntax tree.
 * NOTE: not from a token scan: a scanner that does not re-scan `}` inside a template literal, or
 * a `/` that starts a regular expression, reads the rest of the cell as one string, and names
 * after it (`const t = \`a${1}b\`; print(t)`) would not come in from the prelude.
 */
function identifiers(sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Type snapshots of the cell's top-level variables. */
function snapshots(sf: ts.SourceFile, types: TensorTypes, own: TopLevelName[]): Map<string, string> {
  const out = new Map<string, string>();
  const wanted = new Set(own.filter((n) => n.kind !== "alias").map((n) => n.name));
  const locals = (sf as unknown as { locals?: Map<string, ts.Symbol> }).locals;
  for (const name of wanted) {
    const sym = locals?.get(name);
    const t = sym && snapshotType(types.checker.getTypeOfSymbol(sym), types);
    if (t) out.set(name, t);
  }
  return out;
}

/** Errors that fall on a line join JavaScript kept (statement_lines.ts) say so, and how to write the line. */
function withJoinHints(code: string, diagnostics: CellDiagnostic[], kept: readonly LineJoin[]): CellDiagnostic[] {
  if (!kept.length) return diagnostics;
  const before = (a: { line: number; column: number }, b: { line: number; column: number }) =>
    a.line < b.line || (a.line === b.line && a.column <= b.column);
  const hinted = new Set<LineJoin>();
  return diagnostics.map((d) => {
    const j = kept.find(
      (k) => !hinted.has(k) && before(lineColumn(code, k.start), d) && before(d, lineColumn(code, k.end)),
    );
    if (!j) return d;
    hinted.add(j);
    return { ...d, message: `${d.message}\n${joinHint(code, j)}` };
  });
}

/** The prelude module a cell imports its free names from: one declaration per row of kernel/session/prelude.ts. */
function preludeText(hasNodeTypes: boolean): string {
  const lines = PRELUDE.map((row) => {
    if (!isModuleRow(row)) return row.declaration(hasNodeTypes);
    const from = JSON.stringify(gradlabModule(row.from));
    if (row.export === "*") return `export * as ${row.name} from ${from};`;
    return `export { ${row.export === row.name ? row.name : `${row.export} as ${row.name}`} } from ${from};`;
  });
  if (!hasNodeTypes) lines.push(NO_NODE_TYPES);
  return lines.join("\n");
}

/** Without @types/node, just enough for console.log and timers. */
const NO_NODE_TYPES = `declare global {
  var console: { log(...a: any[]): void; error(...a: any[]): void; warn(...a: any[]): void; info(...a: any[]): void; table(...a: any[]): void; time(l?: string): void; timeEnd(l?: string): void };
  var process: any;
  function setTimeout(fn: (...a: any[]) => void, ms?: number, ...a: any[]): any;
  function clearTimeout(id: any): void;
  function setInterval(fn: (...a: any[]) => void, ms?: number, ...a: any[]): any;
  function clearInterval(id: any): void;
}`;

export class CellCompiler {
  readonly host: VirtualHost;
  readonly chain: CellChain;
  readonly preludeFile: string;
  readonly configErrors: string[];
  /** The options with Node's types, until a cell needs them (see cellOptions). */
  private nodeTypes: ts.CompilerOptions | null;
  /** Executed cells' texts by virtual file, to show user code (not the shadow) in `f??`. */
  readonly cellSources = new Map<string, ShadowText>();
  /** Cells compiled before, for cells run again (compiled_cells.ts). */
  private readonly compiled: CompiledCells;
  /** The last compile's program and checker, for the next cells (kept_checker.ts). */
  readonly kept: KeptChecker;

  constructor(readonly cwd: string) {
    const { options, configErrors, hasNodeTypes, withNodeTypes, lib } = cellOptions(cwd);
    this.configErrors = configErrors;
    this.nodeTypes = withNodeTypes;
    this.host = new VirtualHost(cwd, options);
    this.compiled = new CompiledCells((path) => this.host.version(path));
    this.kept = new KeptChecker(this.host);
    this.preludeFile = join(cwd, "__gradlab_prelude.ts");
    this.host.set(this.preludeFile, preludeText(hasNodeTypes));
    this.chain = new CellChain(
      paths.engine,
      { module: this.preludeFile, names: PRELUDE_NAMES },
      (i) => join(cwd, `__gradlab_slot_${i}.ts`),
      paths.ndarray,
    );
    this.currentFile = join(cwd, "__gradlab_cell.ts");
    this.toolsFile = join(cwd, "__gradlab_tools.ts");
    this.host.set(this.toolsFile, "");
    if (lib) this.host.set(lib.path, lib.text, lib.version);
    // Fixed roots: a new cell changes one file's text and imports, so the program is reused.
    this.host.setRoots([this.currentFile, this.toolsFile, ...(lib ? [lib.path] : [])]);
  }

  /** Where the cell being compiled lives; a run cell is copied to a file of its own (commit). */
  readonly currentFile: string;
  /** Where completion and inspection requests are typed. */
  readonly toolsFile: string;

  /**
   * Put `code` (with its suffix) in `file` and run the typing pass: for compile, completion and
   * inspection (`allNames`: bring in every name, not only the ones the code mentions).
   */
  typed(
    file: string,
    code: string,
    maxRounds?: number,
    allNames = false,
    prepared = this.prepare(file, code, allNames),
  ) {
    const { parsed, own, suffix, lines, guesses, insertions } = prepared;
    // Compiles check in the kept program when they can; completion and inspection need the file in the language service's program.
    const alone = file === this.currentFile && selfContained(parsed);
    const load =
      file === this.currentFile
        ? (text: string) => this.kept.load(file, text, suffix.refs, alone)
        : (text: string) => loadInProgram(this.host, file, text);
    return {
      ...typeCell(load, code, suffix.text, maxRounds, guesses, insertions),
      parsed,
      own,
      suffix,
      kept: lines.kept,
    };
  }

  /** The cell's syntax, statement boundaries, names, suffix and guessed tensor sites: what comes before the checker. */
  private prepare(file: string, code: string, allNames: boolean) {
    for (const [path, text] of this.chain.reserve()) this.host.set(path, text);
    const asWritten = ts.createSourceFile(file, code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const lines = statementLines(asWritten);
    let base = new ShadowText(code, lines.semicolons);
    let parsed = lines.semicolons.length
      ? ts.createSourceFile(file, base.text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
      : asWritten;
    // `x = 1` with x declared nowhere declares it (bare_assignments.ts).
    const lets = bareAssignments(
      parsed,
      (n) => this.chain.has(n) || n in globalThis,
      new Set(topLevelNames(parsed).map((n) => n.name)),
    ).map((i) => ({ ...i, at: base.toUser(i.at) }));
    const insertions = [...lines.semicolons, ...lets];
    if (lets.length) {
      base = new ShadowText(code, insertions);
      parsed = ts.createSourceFile(file, base.text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    }
    const own = topLevelNames(parsed);
    const suffix = this.chain.suffix(new Set(own.map((n) => n.name)), allNames ? undefined : identifiers(parsed));
    const guesses = guessTensorSites(parsed, this.chain.namesTyped(TENSOR_ALIAS)).map((g) => ({
      ...g,
      start: base.toUser(g.start),
      end: base.toUser(g.end),
    }));
    return { parsed, own, suffix, lines, guesses, insertions };
  }

  compile(code: string, file = this.currentFile): CompiledCell {
    const prepared = this.prepare(file, code, false);
    const { parsed, suffix } = prepared;
    const reusable = selfContained(parsed);
    const hit = reusable ? this.compiled.get(file, code, suffix.text) : undefined;
    if (hit) return hit;
    const cell = this.check(code, file, prepared);
    if (reusable) this.compiled.set(file, code, suffix.text, cell);
    return cell;
  }

  /** Type-check and emit a cell (compile, without reuse). */
  private check(code: string, file: string, prepared?: ReturnType<CellCompiler["prepare"]>): CompiledCell {
    const { shadow, program, sourceFile, checked, rounds, own, suffix, kept } = this.typed(
      file,
      code,
      undefined,
      false,
      prepared,
    );
    const checker = program.getTypeChecker();
    const types = new TensorTypes(checker);
    const base = {
      file,
      user: code,
      shadow,
      js: "",
      map: [] as DecodedMap,
      isAsync: false,
      imports: [] as string[],
      hasResult: false,
      names: own,
      rounds,
      keptProgram: checked.side,
      snapshots: new Map<string, string>(),
      checkedText: shadow.text + suffix.text,
      suffixRefs: suffix.refs,
    };
    const diagnostics = cellDiagnostics(checked, shadow, types);
    if (diagnostics.length) {
      if (this.nodeTypes && diagnostics.some(needsNodeTypes)) {
        this.host.setOptions(this.nodeTypes);
        this.host.set(this.preludeFile, preludeText(true));
        this.nodeTypes = null;
        this.compiled.clear();
        return this.check(code, file);
      }
      if (diagnostics.some((d) => d.code === 2307 || d.code === 2792)) {
        this.host.clearResolutionCache();
        this.compiled.clear();
      }
      return { ...base, diagnostics: withJoinHints(code, diagnostics, kept) };
    }
    const info: ScopeInfo = { imports: [], hasResult: false };
    let js = "",
      mapText = "";
    const userEnd = shadow.text.length;
    program.emit(
      sourceFile,
      (name, text) => {
        if (name.endsWith(".map")) mapText = text;
        else if (/\.[cm]?js$/.test(name)) js = text;
      },
      undefined,
      false,
      { before: [tensorTransform(types, userEnd), scopeTransform(checker, sourceFile, userEnd, info)] },
    );
    js = js.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n").replace(/^export \{\};\s*$/m, "");
    const map = mapText ? decodeMappings((JSON.parse(mapText) as { mappings: string }).mappings) : [];
    return {
      ...base,
      diagnostics,
      js,
      map,
      isAsync: hasTopLevelAwait(sourceFile),
      imports: info.imports,
      hasResult: info.hasResult,
      snapshots: snapshots(sourceFile, types, own),
    };
  }

  /** The cell ran (even if it then failed): later cells see its declarations. */
  commit(cell: CompiledCell): void {
    const { slot, freed } = this.chain.commit(cell.names, cell.snapshots, cell.suffixRefs);
    for (const [path, text] of freed) {
      this.host.set(path, text);
      this.cellSources.delete(path);
    }
    if (!slot) return;
    this.host.set(slot, CellChain.stored(cell.checkedText, cell.names));
    this.cellSources.set(slot, cell.shadow);
  }
}
