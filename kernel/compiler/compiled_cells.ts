/**
 * Cells compiled before, for a cell run again: the same text with the same hidden suffix, while
 * the earlier cells the suffix refers to are unchanged, type-checks and emits exactly as it did,
 * so the checker is skipped. Re-running cells is most of notebook work (a training step run
 * again, Run All, a loop of executes), and a new checker for the same cell costs the most.
 *
 * Why the conditions are enough: a cell's types depend on its text, its suffix (which spells out
 * every earlier name it uses, with simple types written in), the prelude and the engine (fixed
 * while the session lives), and the slots the suffix refers to. A slot is rewritten only after it
 * is freed, and a slot is freed only when no current name leads to it, through any chain of
 * references: so when each referred slot still holds the same text, so does every slot behind
 * it. A cell that loads modules (`import`, `require`, a reference directive) can change with
 * files on disk: it is never reused.
 */
import ts from "./ts.cjs";
import type { CompiledCell } from "./compiler.js";

/** Enough for the cells a notebook re-runs; each entry holds one cell's JavaScript and source map. */
const CAPACITY = 64;

/** True when the cell's meaning depends only on its text and the chain of cells (no modules of its own). */
export function selfContained(sf: ts.SourceFile): boolean {
  if (/\/\/\/\s*<reference|\bimport\s*\(|\brequire\b/.test(sf.text)) return false;
  return !sf.statements.some(
    (st) =>
      ts.isImportDeclaration(st) ||
      ts.isImportEqualsDeclaration(st) ||
      ts.isExportDeclaration(st) ||
      ts.isExportAssignment(st),
  );
}

export class CompiledCells {
  private readonly entries = new Map<string, { cell: CompiledCell; versions: Map<string, unknown> }>();

  /** @param version the text version of an in-memory file (VirtualHost.version) */
  constructor(private readonly version: (path: string) => unknown) {}

  private static key(file: string, code: string, suffix: string): string {
    return `${file}\0${code}\0${suffix}`;
  }

  get(file: string, code: string, suffix: string): CompiledCell | undefined {
    const key = CompiledCells.key(file, code, suffix);
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    for (const [path, v] of hit.versions)
      if (this.version(path) !== v) {
        this.entries.delete(key);
        return undefined;
      }
    // Most recently used last, so the oldest goes first when full.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.cell;
  }

  /** Keep a cell that compiled without errors. */
  set(file: string, code: string, suffix: string, cell: CompiledCell): void {
    if (cell.diagnostics.length) return;
    const versions = new Map([...cell.suffixRefs].map((p) => [p, this.version(p)]));
    this.entries.set(CompiledCells.key(file, code, suffix), { cell, versions });
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}
