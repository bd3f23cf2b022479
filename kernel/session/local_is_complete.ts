/**
 * is_complete that never keeps a frontend waiting. jupyter console stops asking the kernel for
 * good after one reply slower than a second (its kernel_is_complete_timeout), and the session
 * answers on the main thread, which may be compiling its warm-up cell or running a cell. So the
 * I/O worker asks the session, and if the answer has not come after a moment, a bracket
 * scanner answers instead: open brackets, strings, templates or comments at the end mean
 * `incomplete`, a closing bracket that matches nothing means `invalid`.
 *
 * NOTE: not the TypeScript parser on this thread: loading it blocks the worker for a few hundred
 * milliseconds (seconds on a busy machine), heartbeat included.
 *
 * The REPL uses the scanner too, for the lines typed before its session has loaded, so this lives
 * with the session, not in the kernel's channels.
 */
import type { IsCompleteResult } from "../session/types.js";

/** How long the session gets to answer before the scanner does. */
const SESSION_WAIT_MS = 300;

const CLOSE: Record<string, string> = { ")": "(", "]": "[", "}": "{" };

/** The bracket scanner: what is still open at the end of `code`. */
export function scanBrackets(code: string): IsCompleteResult {
  const stack: string[] = [];
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i]!;
    if (c === "/" && code[i + 1] === "/") {
      while (i < n && code[i] !== "\n") i++;
    } else if (c === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      if (end < 0) return { status: "incomplete", indent: "" };
      i = end + 2;
      continue;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < n && code[i] !== c && code[i] !== "\n") i += code[i] === "\\" ? 2 : 1;
      if (i >= n) return { status: "incomplete", indent: "" };
      if (code[i] === "\n") return { status: "invalid" };
    } else if (c === "`" || (c === "}" && stack.at(-1) === "${")) {
      // A template's text, up to its end or the next `${`.
      if (c === "}") stack.pop();
      i++;
      while (i < n && code[i] !== "`" && !(code[i] === "$" && code[i + 1] === "{")) i += code[i] === "\\" ? 2 : 1;
      if (i >= n) return { status: "incomplete", indent: "" };
      if (code[i] === "$") {
        stack.push("${");
        i += 2;
        continue;
      }
    } else if (c === "(" || c === "[" || c === "{") {
      stack.push(c);
    } else if (c in CLOSE) {
      const open = stack.pop();
      if (open !== CLOSE[c] && !(c === "}" && open === "${")) return { status: "invalid" };
    }
    i++;
  }
  return stack.length ? { status: "incomplete", indent: "  ".repeat(stack.length) } : { status: "complete" };
}

/** The session's answer, or the scanner's when the session is slow. */
export function quickIsComplete(
  ask: (code: string) => Promise<IsCompleteResult>,
): (code: string) => Promise<IsCompleteResult> {
  return (code) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fallback = new Promise<IsCompleteResult>(
      (resolve) => (timer = setTimeout(() => resolve(scanBrackets(code)), SESSION_WAIT_MS)),
    );
    const asked = ask(code).then(
      (r) => (clearTimeout(timer), r),
      () => fallback,
    );
    return Promise.race([asked, fallback]);
  };
}
