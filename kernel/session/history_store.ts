/**
 * Input history (the kernel's history_request, the REPL's Up, Ctrl-R and %history), numbered as IPython numbers it: (session, line), where the
 * line is the cell's execution_count and each kernel start is a new session.
 *
 * Persisted as JSON lines in `<jupyter data dir>/gradlab/history.jsonl` (GRADLAB_HISTORY_FILE
 * overrides the path; `:memory:` keeps it in memory only), so `tail` and `search` reach earlier
 * sessions as IPython's SQLite history does. If the file cannot be written, memory is used.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { jupyterDataDir } from "../protocol/jupyter_paths.js";

export interface HistoryEntry {
  session: number;
  line: number;
  input: string;
  output: string | null;
}

export type HistoryRow = [number, number, string] | [number, number, [string, string | null]];

const KEEP = 10000;

export function defaultHistoryFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.GRADLAB_HISTORY_FILE;
  if (v === ":memory:") return null;
  return v || join(jupyterDataDir(env), "gradlab", "history.jsonl");
}

/**
 * The REPL's history, kept apart from notebooks' (IPython keeps the terminal's in its profile):
 * `~/.gradlab_history`, or GRADLAB_REPL_HISTORY (`:memory:` keeps it in memory only).
 */
export function defaultReplHistoryFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.GRADLAB_REPL_HISTORY;
  if (v === ":memory:") return null;
  return v || join(env.HOME || homedir(), ".gradlab_history");
}

/** SQLite GLOB, which IPython's search uses: `*`, `?`, `[...]` (`[^...]`), case-sensitive, whole string. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") re += "[\\s\\S]*";
    else if (c === "?") re += "[\\s\\S]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export class HistoryStore {
  readonly session: number;
  private readonly entries: HistoryEntry[] = [];

  private constructor(
    private file: string | null,
    private readonly log: (line: string) => void,
  ) {
    let last = 0;
    if (file) {
      try {
        const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
        for (const l of lines) {
          try {
            const r = JSON.parse(l) as { s: number; l?: number; i?: string; o?: string | null };
            last = Math.max(last, r.s);
            if (r.l !== undefined && r.i !== undefined)
              this.entries.push({ session: r.s, line: r.l, input: r.i, output: r.o ?? null });
          } catch {
            // a torn line from a crash: skip it
          }
        }
        if (lines.length > 2 * KEEP) this.compact();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") this.fallBack(e);
      }
    }
    this.session = last + 1;
    this.append({ s: this.session, start: new Date().toISOString() });
  }

  static open(file: string | null, log: (line: string) => void = () => {}): HistoryStore {
    return new HistoryStore(file, log);
  }

  private fallBack(e: unknown): void {
    this.log(`history: ${String((e as Error).message ?? e)}; keeping history in memory`);
    this.file = null;
  }

  private append(record: object): void {
    if (!this.file) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, JSON.stringify(record) + "\n");
    } catch (e) {
      this.fallBack(e);
    }
  }

  private compact(): void {
    this.entries.splice(0, Math.max(0, this.entries.length - KEEP));
    try {
      writeFileSync(
        this.file!,
        this.entries.map((e) => JSON.stringify({ s: e.session, l: e.line, i: e.input, o: e.output })).join("\n") + "\n",
      );
    } catch (e) {
      this.fallBack(e);
    }
  }

  /** Record one stored cell of this session. */
  add(line: number, input: string, output: string | null): void {
    this.entries.push({ session: this.session, line, input, output });
    this.append({ s: this.session, l: line, i: input, o: output });
  }

  private rows(entries: HistoryEntry[], output: boolean): HistoryRow[] {
    return entries.map((e) => (output ? [e.session, e.line, [e.input, e.output]] : [e.session, e.line, e.input]));
  }

  /** The last n cells across sessions, oldest first (IPython's get_tail with include_latest). */
  tail(n: number, output: boolean): HistoryRow[] {
    return this.rows(n > 0 ? this.entries.slice(-n) : [], output);
  }

  /** Lines start <= line < stop of a session; session <= 0 counts back from this one (0 = this). */
  range(session: number, start: number, stop: number | null, output: boolean): HistoryRow[] {
    const s = session <= 0 ? session + this.session : session;
    const hits = this.entries.filter((e) => e.session === s && e.line >= start && (stop === null || e.line < stop));
    return this.rows(hits, output);
  }

  /** Cells whose input matches a glob; `unique` keeps the latest of equal inputs; `n` keeps the last n. */
  search(pattern: string, n: number | null, unique: boolean, output: boolean): HistoryRow[] {
    const re = globToRegExp(pattern || "*");
    let hits = this.entries.filter((e) => re.test(e.input));
    if (unique) {
      const latest = new Map<string, HistoryEntry>();
      for (const e of hits) latest.set(e.input, e);
      const keep = new Set(latest.values());
      hits = hits.filter((e) => keep.has(e));
    }
    if (n !== null && n >= 0) hits = hits.slice(-n);
    return this.rows(hits, output);
  }
}
