/**
 * `gradlab run notebook.ipynb`: execute a notebook's code cells in order, in one session in this
 * process, and store their outputs as Jupyter (nbclient, `jupyter nbconvert --execute`) stores
 * what the kernel sends: execute_result with every MIME type, display_data, merged streams,
 * errors, `execution_count` 1, 2, ... The result is nbformat 4.5 (cell ids added where missing),
 * written as nbformat writes it (one-space indent, sorted keys, text split into lines).
 *
 * A failing cell stops the run (exit status 1) unless it is tagged `raises-exception` or the run
 * has `allowErrors`; markdown and raw cells are kept as they are.
 */
import { randomBytes } from "node:crypto";
import { kernelInfoContent } from "../handlers/kernel_info.js";
import type { LocalInterrupts } from "../session/local_interrupts.js";
import type { Session } from "../session/types.js";
import { notebookSink, type NotebookOutput } from "./notebook_sink.js";

type MultilineString = string | string[];

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown> & { tags?: string[] };
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  attachments?: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

export interface RunNotebookOptions {
  allowErrors: boolean;
  /** Seconds a cell may run before it is interrupted (and the run fails). */
  timeout?: number;
  /** Each output as it comes, for printing (no -o). */
  echo?: (o: NotebookOutput, cell: number, update: boolean) => void;
}

export interface RunNotebookResult {
  notebook: Notebook;
  /** The first cell that failed and stopped the run (not tagged raises-exception, no allowErrors). */
  failure: { cell: number; ename: string; evalue: string; traceback: string[]; timedOut: boolean } | null;
}

const text = (s: MultilineString): string => (Array.isArray(s) ? s.join("") : s);

/** The kernelspec and language_info a notebook run by gradlab carries (kept if it names one already). */
function notebookMetadata(meta: Record<string, unknown>): Record<string, unknown> {
  const info = (kernelInfoContent() as { language_info: Record<string, unknown> }).language_info;
  return {
    ...meta,
    kernelspec: meta.kernelspec ?? { display_name: "TypeScript (gradlab)", language: "typescript", name: "gradlab" },
    language_info: info,
  };
}

export async function runNotebook(
  nb: Notebook,
  session: Session,
  interrupts: LocalInterrupts,
  opts: RunNotebookOptions,
): Promise<RunNotebookResult> {
  if (nb.nbformat !== 4)
    throw new Error(
      `gradlab run reads nbformat 4 notebooks; this one is nbformat ${nb.nbformat}. Convert it with: jupyter nbconvert --to notebook --nbformat 4`,
    );
  const out: Notebook = {
    ...nb,
    nbformat: 4,
    nbformat_minor: Math.max(5, nb.nbformat_minor ?? 0),
    metadata: notebookMetadata(nb.metadata ?? {}),
    cells: [],
  };
  let count = 0;
  let failure: RunNotebookResult["failure"] = null;
  for (let i = 0; i < nb.cells.length; i++) {
    const cell: NotebookCell = { ...nb.cells[i]!, id: nb.cells[i]!.id ?? randomBytes(4).toString("hex") };
    out.cells.push(cell);
    if (cell.cell_type !== "code") continue;
    const source = text(cell.source);
    // As nbclient: a cell with nothing to run keeps what it had; after a failure the rest are left unrun.
    if (failure || source.trim() === "") {
      if (failure) {
        cell.outputs = [];
        cell.execution_count = null;
      }
      continue;
    }
    const n = ++count;
    const sink = notebookSink(opts.echo && ((o, update) => opts.echo!(o, i, update)));
    const r = await interrupts.run(
      () => session.execute(source, sink, { executionCount: n }),
      opts.timeout !== undefined ? opts.timeout * 1000 : undefined,
    );
    let timedOut = false;
    if (r.status === "ok" && r.result)
      sink.add({ output_type: "execute_result", execution_count: n, data: r.result, metadata: {} });
    if (r.status === "error") {
      sink.add({ output_type: "error", ename: r.ename, evalue: r.evalue, traceback: r.traceback });
      timedOut = opts.timeout !== undefined && r.ename === "KeyboardInterrupt";
      const allowed = cell.metadata?.tags?.includes("raises-exception") ?? false;
      if (timedOut || (!allowed && !opts.allowErrors))
        failure = { cell: i, ename: r.ename, evalue: r.evalue, traceback: r.traceback, timedOut };
    }
    cell.outputs = sink.outputs;
    cell.execution_count = n;
  }
  return { notebook: out, failure };
}

const isJsonMime = (mime: string) => mime === "application/json" || mime.endsWith("+json");

/** nbformat's split_lines: text kept as a list of lines, each with its newline. */
function splitLines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function forDisk(nb: Notebook): unknown {
  const data = (bundle: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(bundle).map(([k, v]) => [k, typeof v === "string" && !isJsonMime(k) ? splitLines(v) : v]),
    );
  return {
    ...nb,
    cells: nb.cells.map((c) => ({
      ...c,
      source: splitLines(text(c.source)),
      ...(c.outputs
        ? {
            outputs: c.outputs.map((o) => {
              if (o.output_type === "stream") return { ...o, text: splitLines(o.text) };
              if (o.output_type === "display_data" || o.output_type === "execute_result")
                return { ...o, data: data(o.data) };
              return o;
            }),
          }
        : {}),
    })),
  };
}

/** JSON as nbformat.write lays it out: keys sorted, one-space indent, non-ASCII kept, a final newline. */
export function notebookJson(nb: Notebook): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sorted(forDisk(nb)), null, 1) + "\n";
}
