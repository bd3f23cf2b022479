/** A recording OutputSink and helpers for driving a Session in tests. */
import type { ExecuteResult, MimeBundle, OutputSink, Session } from "../../kernel/session/types.js";

export interface Recorded {
  stdout: string;
  stderr: string;
  displays: { data: MimeBundle; transient: { display_id?: string }; update: boolean }[];
  clears: boolean[];
}

export function recordingSink(inputReply?: (prompt: string) => string): OutputSink & { out: Recorded } {
  const out: Recorded = { stdout: "", stderr: "", displays: [], clears: [] };
  return {
    out,
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    display: (data, _m, transient, update) => {
      out.displays.push({ data, transient, update });
    },
    clearOutput: (wait) => {
      out.clears.push(wait);
    },
    ...(inputReply ? { input: async (p: string) => inputReply(p) } : {}),
  };
}

export interface CellRun {
  reply: ExecuteResult;
  text: string | null;
  out: Recorded;
}

/** Execute one cell; `text` is the result's text/plain (null when there is none). */
export async function run(session: Session, code: string, opts: { silent?: boolean } = {}): Promise<CellRun> {
  const sink = recordingSink();
  const reply = await session.execute(code, sink, opts);
  const text = reply.status === "ok" && reply.result ? String(reply.result["text/plain"]) : null;
  return { reply, text, out: sink.out };
}

/** Execute a cell that must succeed; returns its result text and stdout. */
export async function ok(
  session: Session,
  code: string,
): Promise<{ text: string | null; stdout: string; stderr: string }> {
  const r = await run(session, code);
  if (r.reply.status !== "ok") {
    const e =
      r.reply.status === "error" ? `${r.reply.ename}: ${r.reply.evalue}\n${r.reply.traceback.join("\n")}` : "aborted";
    throw new Error(`cell failed:\n${code}\n---\n${e}\n${r.out.stderr}`);
  }
  return { text: r.text, stdout: r.out.stdout, stderr: r.out.stderr };
}

/** Execute a cell that must fail; returns the error reply. */
export async function fails(
  session: Session,
  code: string,
): Promise<Extract<ExecuteResult, { status: "error" }> & { stdout: string }> {
  const r = await run(session, code);
  if (r.reply.status !== "error")
    throw new Error(`cell should have failed:\n${code}\n(result: ${r.text}, stdout: ${r.out.stdout})`);
  return { ...r.reply, stdout: r.out.stdout };
}

export const addresses = (s: string) => s.replace(/0x[0-9a-f]+/g, "0x…");
