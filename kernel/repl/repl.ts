/**
 * `gradlab` / `gradlab repl`: IPython in a terminal, over the kernel's evaluation session
 * (kernel/session), run in this process. The session compiles and runs each entry exactly as it
 * runs a notebook cell; this file only reads entries (line_editor.ts), prints what comes back
 * as IPython prints it (prompts.ts), and keeps the history (kernel/session/history_store.ts).
 *
 *   In [1]: x = torch.arange(4.0)
 *
 *   In [2]: x
 *   Out[2]: tensor([0., 1., 2., 3.])
 *
 * The first prompt is drawn before the session has loaded TypeScript; an entry typed meanwhile
 * waits for it. Ctrl-C stops a running entry (kernel/session/local_interrupts.ts).
 */
import { createInterface } from "node:readline";
import { scanBrackets } from "../session/local_is_complete.js";
import { defaultReplHistoryFile, HistoryStore } from "../session/history_store.js";
import { LocalInterrupts } from "../session/local_interrupts.js";
import type { ExecuteResult, Session } from "../session/types.js";
import { runScriptInSession } from "../run/run_script.js";
import { LineEditor } from "./line_editor.js";
import { errorText, inPrompt, outText, useColour } from "./prompts.js";
import { readLine, terminalSink } from "./terminal_sink.js";
import { historyMagic } from "./history_magic.js";

export interface ReplOptions {
  banner: boolean;
  quiet: boolean;
  /** -c: run this, print as the REPL would, and leave. */
  code?: string;
  /** -i: run this script first, then stay with its variables. */
  script?: string;
  scriptArgs?: string[];
  cwd: string;
}

/** How many entries the editor keeps for Up and Ctrl-R (each input once, newest kept). */
const EDITOR_HISTORY = 1000;

import { VERSION } from "./version.js";

function banner(): string {
  return (
    `gradlab ${VERSION} (Node.js ${process.version}) -- PyTorch's tensors and autograd in TypeScript cells.\n` +
    "torch, np, plt, print, display are in scope. 'torch.ones?' shows docs; exit or Ctrl-D leaves.\n\n"
  );
}

async function loadSession(cwd: string): Promise<Session & { ready: Promise<void> }> {
  const { createSession } = await import("../session/session.js");
  return createSession({ cwd });
}

export async function runRepl(opts: ReplOptions): Promise<number> {
  const out = process.stdout;
  const colour = useColour(out);
  const interactive = Boolean(process.stdin.isTTY) && !opts.code;
  if (opts.banner && !opts.quiet && !opts.code) out.write(banner());

  // The prompt comes first; the session (TypeScript, the engine's declarations) loads meanwhile.
  const sessionP = loadSession(opts.cwd);
  sessionP.catch(() => {});
  let session: (Session & { ready: Promise<void> }) | null = null;
  void sessionP.then(
    (s) => (session = s),
    () => {},
  );

  const history = interactive || opts.script ? HistoryStore.open(defaultReplHistoryFile()) : HistoryStore.open(null);
  const entries = (): string[] => {
    const seen = new Set<string>();
    const list: string[] = [];
    const rows = history.tail(10 * EDITOR_HISTORY, false) as [number, number, string][];
    for (let i = rows.length - 1; i >= 0 && list.length < EDITOR_HISTORY; i--) {
      const text = rows[i]![2];
      if (!seen.has(text)) {
        seen.add(text);
        list.push(text);
      }
    }
    return list.reverse();
  };

  let editor: LineEditor | null = null;
  let interrupts: LocalInterrupts | null = null;
  const interruptsFor = (s: Session) =>
    (interrupts ??= new LocalInterrupts(s, { readTerminal: interactive, onTyped: (t) => editor?.typed(t) }));
  const sink = terminalSink({
    outputDir: opts.cwd,
    // input() in a cell: a line in cooked mode; the editor and the interrupt worker leave the terminal to it.
    input: async (prompt) => {
      if (!editor) return readLine(prompt);
      if (interrupts) interrupts.readingInput = true;
      try {
        return await editor.suspendFor(() => readLine(prompt));
      } finally {
        if (interrupts) interrupts.readingInput = false;
      }
    },
  });

  const execute = async (code: string, n: number): Promise<ExecuteResult> => {
    const s = session ?? (session = await sessionP);
    return interruptsFor(s).run(() => s.execute(code, sink, { executionCount: n }));
  };

  /** Print one entry's outcome; false when it asked to leave. */
  const show = (n: number, r: ExecuteResult): boolean => {
    if (r.status === "error") {
      out.write(errorText(r.traceback, r.ename, r.evalue, colour));
      return true;
    }
    if (r.status !== "ok") return true;
    let leave = false;
    for (const p of r.payload) {
      if (p.source === "page") {
        const text = String(p.data["text/plain"] ?? "");
        out.write(text.endsWith("\n") ? text : text + "\n");
      } else if (p.source === "ask_exit") leave = true;
    }
    const text = r.result?.["text/plain"];
    if (typeof text === "string") out.write(outText(n, text, colour));
    return !leave;
  };

  const failed = (r: ExecuteResult) => r.status === "error";

  try {
    if (opts.code !== undefined) {
      const r = await execute(opts.code, 1);
      show(1, r);
      return failed(r) ? 1 : 0;
    }
    let n = 1;
    if (opts.script) {
      const s = session ?? (session = await sessionP);
      const r = await interruptsFor(s).run(() => runScriptInSession(s, opts.script!, opts.scriptArgs ?? [], sink));
      if (r.status === "error") out.write(errorText(r.traceback, r.ename, r.evalue, colour));
    }

    if (interactive) {
      editor = new LineEditor(process.stdin, out, {
        isComplete: (text) =>
          (session ? session.isComplete(text) : scanBrackets(text)) as { status: string; indent?: string },
        complete: (text, cursor) => {
          if (!session) return { matches: [], start: cursor, end: cursor };
          // The session counts in code points, as Jupyter does; the editor in UTF-16 units.
          const cp = [...text.slice(0, cursor)].length;
          const r = session.complete(text, cp);
          const toUtf16 = (p: number) => [...text].slice(0, p).join("").length;
          return { matches: r.matches, start: toUtf16(r.cursor_start), end: toUtf16(r.cursor_end) };
        },
        onInterruptKey: () => interrupts?.interruptNow(),
      });
      editor.history = entries();
    }

    // Lines from a pipe: entries end where the session says they are complete.
    const piped = interactive
      ? null
      : createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
    const readPiped = async (): Promise<string | null> => {
      let text = "";
      for (;;) {
        const next = await piped!.next();
        if (next.done) return text === "" ? null : text;
        text = text === "" ? next.value : text + "\n" + next.value;
        const s = session ?? (session = await sessionP);
        if (s.isComplete(text).status !== "incomplete") return text;
      }
    };

    let first = true;
    for (;;) {
      if (!first) out.write("\n");
      first = false;
      let text: string | null;
      if (editor) {
        const r = await editor.read(inPrompt(n, colour));
        if (r.kind === "eof") break;
        text = r.text;
        // Start the interrupt worker while the user reads the result, not before the first prompt.
        if (session) interruptsFor(session).start();
      } else {
        out.write(inPrompt(n, false).first);
        text = await readPiped();
        // As IPython reading a pipe: the input is not echoed, output follows the prompt.
        if (text === null) {
          out.write("\n");
          break;
        }
      }
      if (text.trim() === "") continue;
      const magic = /^\s*%hist(ory)?\b/.test(text);
      if (magic) {
        history.add(n, text, null);
        out.write(historyMagic(text, history));
        n++;
        continue;
      }
      history.add(n, text, null);
      if (editor) {
        const i = editor.history.indexOf(text);
        if (i >= 0) editor.history.splice(i, 1);
        editor.history.push(text);
        if (editor.history.length > EDITOR_HISTORY) editor.history.shift();
      }
      const r = await execute(text, n);
      const stay = show(n, r);
      n++;
      if (!stay) break;
    }
    return 0;
  } finally {
    (interrupts as LocalInterrupts | null)?.close();
    (editor as LineEditor | null)?.close();
  }
}
