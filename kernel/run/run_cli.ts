/**
 * `gradlab run`'s command line: a notebook (.ipynb), a plain JavaScript file (.js/.mjs), or a
 * script in the cell language (anything else, usually .ts). See kernel/cli.ts for the options.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { LocalInterrupts } from "../session/local_interrupts.js";
import { errorText, outText, useColour } from "../repl/prompts.js";
import { terminalSink } from "../repl/terminal_sink.js";
import { isJavaScript, runJavaScript, runScriptInSession } from "./run_script.js";
import { notebookJson, runNotebook, type Notebook } from "./run_notebook.js";
import type { NotebookOutput } from "./notebook_sink.js";

const USAGE =
  "usage: gradlab run SCRIPT.ts [ARGS...] | gradlab run NOTEBOOK.ipynb [-o OUT.ipynb | --inplace] [--allow-errors] [--timeout S]";

function fail(message: string): number {
  process.stderr.write(`gradlab run: ${message}\n${USAGE}\n`);
  return 2;
}

async function newSession(cwd: string) {
  const { createSession } = await import("../session/session.js");
  return createSession({ cwd });
}

export async function runCli(args: string[]): Promise<number> {
  const file = args[0];
  if (!file) return fail("which file? Give a script (.ts, .js, .mjs) or a notebook (.ipynb)");
  if (file.endsWith(".ipynb")) return runNotebookCli(file, args.slice(1));
  if (isJavaScript(file)) return runJavaScript(file, args.slice(1));
  const path = resolve(file);
  try {
    readFileSync(path);
  } catch (e) {
    return fail(
      `can't open file '${path}': ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "No such file or directory" : (e as Error).message}`,
    );
  }
  const session = await newSession(dirname(path));
  const interrupts = new LocalInterrupts(session);
  try {
    const r = await interrupts.run(() =>
      runScriptInSession(session, path, args.slice(1), terminalSink({ outputDir: dirname(path) })),
    );
    if (r.status === "error") {
      process.stderr.write(errorText(r.traceback, r.ename, r.evalue, useColour(process.stderr)));
      return 1;
    }
    return 0;
  } finally {
    interrupts.close();
  }
}

async function runNotebookCli(file: string, rest: string[]): Promise<number> {
  let output: string | null = null,
    inplace = false,
    allowErrors = false,
    timeout: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "-o" || a === "--output") {
      output = rest[++i] ?? null;
      if (!output) return fail(`${a} needs a file name`);
    } else if (a.startsWith("--output=")) output = a.slice(9);
    else if (a === "--inplace") inplace = true;
    else if (a === "--allow-errors") allowErrors = true;
    else if (a === "--timeout" || a.startsWith("--timeout=")) {
      const v = a.includes("=") ? a.slice(10) : rest[++i];
      timeout = Number(v);
      if (!(timeout > 0)) return fail(`--timeout needs a number of seconds, not '${v}'`);
    } else return fail(`unknown option '${a}'`);
  }
  if (output && inplace) return fail("give -o OUT.ipynb or --inplace, not both");
  const path = resolve(file);
  let nb: Notebook;
  try {
    nb = JSON.parse(readFileSync(path, "utf8")) as Notebook;
  } catch (e) {
    return fail(`can't read notebook '${path}': ${(e as Error).message}`);
  }
  const target = inplace ? path : output ? resolve(output) : null;
  const colour = useColour(process.stdout);
  // Without a file to write, each cell's outputs are printed as they come.
  const echo = target
    ? undefined
    : (o: NotebookOutput, _cell: number, update: boolean) => {
        if (update) return;
        switch (o.output_type) {
          case "stream":
            (o.name === "stdout" ? process.stdout : process.stderr).write(o.text);
            return;
          case "display_data": {
            const t = o.data["text/plain"];
            if (typeof t === "string") process.stdout.write(t + "\n");
            return;
          }
          case "execute_result":
            process.stdout.write(outText(o.execution_count, String(o.data["text/plain"] ?? ""), colour));
            return;
          case "error":
            process.stderr.write(errorText(o.traceback, o.ename, o.evalue, useColour(process.stderr)));
            return;
        }
      };
  const session = await newSession(dirname(path));
  const interrupts = new LocalInterrupts(session);
  try {
    const { notebook, failure } = await runNotebook(nb, session, interrupts, { allowErrors, timeout, echo });
    if (target) writeFileSync(target, notebookJson(notebook));
    if (failure) {
      const why = failure.timedOut ? `timed out after ${timeout} s` : `raised ${failure.ename}: ${failure.evalue}`;
      process.stderr.write(
        `gradlab run: cell ${failure.cell} of ${path} ${why}; the cells after it were not run` +
          `${failure.timedOut ? "" : " (tag the cell raises-exception, or pass --allow-errors, to go on)"}\n`,
      );
      if (target)
        process.stderr.write(errorText(failure.traceback, failure.ename, failure.evalue, useColour(process.stderr)));
      return 1;
    }
    return 0;
  } finally {
    interrupts.close();
  }
}
