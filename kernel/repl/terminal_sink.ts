/**
 * A cell's output in a terminal (the REPL and `gradlab run script.ts`): streams go straight to
 * the process's stdout and stderr, `display()` of a rich bundle shows its text/plain (figures and
 * graph drawings have already written their files and hand us the line that names them, because
 * the frontend is a terminal), clear_output has nothing to clear, and input() reads a line.
 */
import { createInterface } from "node:readline";
import type { Frontend, MimeBundle, OutputSink } from "../session/types.js";

export interface TerminalSinkOptions {
  /** Where plots and graph drawings write their files. */
  outputDir: string;
  /** input(): read a reply (the REPL uses its line editor's terminal); default: a line from stdin. */
  input?: (prompt: string, password: boolean) => Promise<string>;
}

/** A line from stdin, as Python's input() reads it from a terminal or a pipe. */
export function readLine(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
    process.stdout.write(prompt);
    let answered = false;
    rl.once("line", (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once("close", () => {
      if (!answered) reject(Object.assign(new Error("EOF when reading a line"), { name: "EOFError" }));
    });
  });
}

export function terminalSink(opts: TerminalSinkOptions): OutputSink {
  const frontend: Frontend = { kind: "terminal", tty: Boolean(process.stderr.isTTY), outputDir: opts.outputDir };
  return {
    frontend,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    display(data: MimeBundle, _metadata, _transient, update: boolean) {
      // A terminal cannot redraw an earlier output: an update shows nothing (progress bars redraw themselves on stderr).
      if (update) return;
      const text = data["text/plain"];
      if (typeof text === "string") process.stdout.write(text.endsWith("\n") ? text : text + "\n");
    },
    clearOutput: () => {},
    input: (prompt, password) => (opts.input ?? readLine)(prompt, password),
  };
}
