/** A compiler in the test notebook folder, and a helper that returns a cell's emitted JavaScript. */
import { CellCompiler, type CompiledCell } from "../../kernel/compiler/compiler.js";
import { notebookDir } from "../session/fixtures.js";

let shared: CellCompiler | undefined;

/** One compiler for a test file (cells compiled with `emit` are not committed unless asked). */
export function compiler(): CellCompiler {
  return (shared ??= new CellCompiler(notebookDir));
}

export function compile(code: string, opts: { commit?: boolean } = {}): CompiledCell {
  const c = compiler();
  const cell = c.compile(code);
  if (opts.commit && !cell.diagnostics.length) c.commit(cell);
  return cell;
}

/** The cell's JavaScript with whitespace squeezed, for `toContain` checks. */
export function js(code: string): string {
  const cell = compile(code);
  if (cell.diagnostics.length) throw new Error(`unexpected diagnostics: ${JSON.stringify(cell.diagnostics)}`);
  return cell.js.replace(/\s+/g, " ");
}
