/**
 * Errors as IPython shows them: Python's exception name and message (engine errors carry the
 * Python class name), and a traceback whose frames point at cell lines (`Cell In[3], line 2`)
 * through the cells' source maps, not at generated code. Engine internals are left out, as
 * IPython leaves out nothing but shows library frames as files; here library frames would be
 * JavaScript the user never wrote. Type errors are shown with their cell line and column.
 */
import { decodeMappings, originalPosition, type DecodedMap } from "../compiler/source_map.js";
import type { CellDiagnostic } from "../compiler/diagnostics.js";

export interface FormattedError {
  ename: string;
  evalue: string;
  traceback: string[];
}

interface Script {
  label: string;
  lines: string[];
  map: DecodedMap;
  isCell: boolean;
}

const RULE = "-".repeat(75);
const HEADER = "Traceback (most recent call last)";
const FRAME = /^\s*at (?:async )?(?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/** IPython's numbered source lines: `----> 2 d.backward()` for the failing line. */
function context(lines: string[], line: number, before = 2, after = 2): string[] {
  const out: string[] = [];
  for (let l = Math.max(1, line - before); l <= Math.min(lines.length, line + after); l++) {
    const n = String(l);
    const prefix =
      l === line ? `${"-".repeat(Math.max(0, 5 - n.length))}> ${n}` : `${" ".repeat(Math.max(0, 7 - n.length))}${n}`;
    out.push(`${prefix} ${lines[l - 1]}`);
  }
  return out;
}

/** Scripts kept for tracebacks: every cell that declares names (its functions may run later), and the latest others. */
const KEEP_TRANSIENT = 200;

export class TraceRegistry {
  private readonly scripts = new Map<string, Script>();
  private readonly transient: string[] = [];

  /**
   * A cell's script: `label` like "Cell In[3]"; `map` maps the script's lines to the cell's.
   * `declares`: the cell declared names (functions, classes) that later cells may call.
   */
  addCell(scriptName: string, label: string, source: string, map: DecodedMap, declares: boolean): void {
    this.scripts.set(scriptName, { label, lines: source.split("\n"), map, isCell: true });
    if (declares) return;
    this.transient.push(scriptName);
    if (this.transient.length > KEEP_TRANSIENT) this.scripts.delete(this.transient.shift()!);
  }

  /** A local module compiled by the session (frames show as `File path:line`). */
  addModule(path: string, source: string, sourceMapText: string): void {
    const map = sourceMapText ? decodeMappings((JSON.parse(sourceMapText) as { mappings: string }).mappings) : [];
    this.scripts.set(path, {
      label: `File ${path}`,
      lines: source.replace(/\r?\n$/, "").split("\n"),
      map,
      isCell: false,
    });
  }

  /** Python-style name, message and traceback of a thrown value. */
  format(err: unknown): FormattedError {
    const e = err as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown } | null;
    if (e && e.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED")
      return {
        ename: "KeyboardInterrupt",
        evalue: "",
        traceback: [RULE, `KeyboardInterrupt${" ".repeat(75 - 17 - HEADER.length)}${HEADER}`, "KeyboardInterrupt: "],
      };
    const isError = e !== null && typeof e === "object" && typeof e.message === "string";
    const ename = isError && typeof e.name === "string" && e.name ? e.name : "Error";
    const evalue = isError ? String(e.message) : typeof err === "string" ? err : String(err);
    const frames = isError && typeof e.stack === "string" ? this.frames(e.stack) : [];
    const pad = " ".repeat(Math.max(1, 75 - ename.length - HEADER.length));
    return { ename, evalue, traceback: [RULE, `${ename}${pad}${HEADER}`, ...frames, `${ename}: ${evalue}`] };
  }

  /** The stack's frames in our scripts, outermost first, with source lines. */
  private frames(stack: string): string[] {
    const out: string[] = [];
    for (const raw of stack.split("\n").reverse()) {
      const m = FRAME.exec(raw);
      if (!m) continue;
      const script = this.scripts.get(m[2]);
      if (!script) continue;
      const genLine = Number(m[3]) - 1,
        genCol = Number(m[4]) - 1;
      const pos = originalPosition(script.map, genLine, genCol);
      if (!pos) continue;
      const line = pos.line + 1;
      const fn = m[1] && !/^(Object\.)?<anonymous>$/.test(m[1]) ? m[1].replace(/^(Object\.|__s\.)/, "") : "";
      const where = script.isCell ? `${script.label}, line ${line}` : `${script.label}:${line}`;
      out.push([fn ? `${where}, in ${fn}` : where, ...context(script.lines, line)].join("\n") + "\n");
    }
    return out;
  }
}

/** A blocked cell's type or syntax errors as an error reply: each with its line, column and a caret. */
export function formatDiagnostics(diags: CellDiagnostic[], label: string, source: string): FormattedError {
  const lines = source.split("\n");
  const syntax = diags.some((d) => d.code < 2000);
  const ename = syntax ? "SyntaxError" : "TSError";
  const tb: string[] = [];
  for (const d of diags) {
    const text = lines[d.line - 1] ?? "";
    const width =
      d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, [...text].length - d.column + 1);
    tb.push(
      `  ${label}, line ${d.line}, column ${d.column}\n    ${text}\n    ${" ".repeat(d.column - 1)}${"^".repeat(width)}\n${ename}: ${d.message} (TS${d.code})`,
    );
  }
  const evalue = diags.map((d) => `${d.message} (line ${d.line}, column ${d.column}, TS${d.code})`).join("\n");
  return { ename, evalue, traceback: tb };
}
