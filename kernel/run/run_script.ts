/**
 * `gradlab run script.ts [args]`: a file in the cell language (tensor operators, float literals,
 * top-level await, torch/np/plt in scope) run by the same session that runs notebook cells, with
 * `process.argv` = [node, script, ...args] as Node gives a script. An uncaught error prints its
 * traceback on stderr and the exit status is 1. Plain `.js` / `.mjs` files are imported as Node
 * would run them.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ExecuteResult, OutputSink, Session } from "../session/types.js";

/** Run a cell-language script in `session`; its last expression is not shown (a script prints what it wants). */
export async function runScriptInSession(
  session: Session,
  file: string,
  args: string[],
  sink: OutputSink,
): Promise<ExecuteResult> {
  const path = resolve(file);
  const code = readFileSync(path, "utf8").replace(/^#!.*\n/, "\n");
  const argv = process.argv;
  process.argv = [argv[0]!, path, ...args];
  try {
    return await session.execute(code, sink, { silent: true, label: `File "${path}"` });
  } finally {
    process.argv = argv;
  }
}

/** A plain JavaScript file, run as `node file args` runs it; resolves with its exit status. */
export async function runJavaScript(file: string, args: string[]): Promise<number> {
  const path = resolve(file);
  process.argv = [process.argv[0]!, path, ...args];
  try {
    await import(pathToFileURL(path).href);
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}

export const isJavaScript = (file: string) => /\.(m?js|cjs)$/.test(file);
