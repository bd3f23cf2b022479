/**
 * Seeing the frontend's SIGINT from the I/O worker. Jupyter interrupts a kernel whose
 * interrupt_mode is "signal" by sending SIGINT to the kernel's process group. Node delivers
 * signals to the main thread's event loop only, and a cell's code after an `await`
 * (`await sleep(10); while (true) {}`) keeps that loop from turning, so the signal would wait
 * forever. A tiny shell in our process group receives the same SIGINT and tells the worker on
 * a pipe; the worker then stops the cell as it does for an interrupt_request (stop_cell.ts).
 *
 * The shell leaves when the kernel does (it checks its parent every second) and is optional:
 * where there is no `sh`, signal interrupts still stop synchronous code and pending awaits.
 */
import { spawn, type ChildProcess } from "node:child_process";

const SCRIPT = [
  "trap 'echo int' INT",
  "trap 'exit 0' TERM HUP",
  // `wait` returns at once when a trapped signal arrives; `sleep` alone would delay the trap.
  "while kill -0 $PPID 2>/dev/null; do sleep 1 & wait $!; done",
].join("\n");

export interface SigintWatch {
  close(): void;
}

/** Call `onSigint` whenever the process group gets SIGINT. */
export function watchSigint(onSigint: () => void, log: (line: string) => void): SigintWatch {
  let child: ChildProcess | null = null;
  try {
    child = spawn("sh", ["-c", SCRIPT], { stdio: ["ignore", "pipe", "ignore"] });
  } catch (e) {
    log(`interrupt: no SIGINT watcher (${(e as Error).message}); signal interrupts reach the main thread only`);
    return { close() {} };
  }
  child.on("error", (e) =>
    log(`interrupt: no SIGINT watcher (${e.message}); signal interrupts reach the main thread only`),
  );
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (text: string) => {
    for (const line of text.split("\n")) if (line === "int") onSigint();
  });
  // The watcher must not keep the worker's event loop alive on its own.
  child.unref();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  return {
    close() {
      child?.kill("SIGTERM");
      child = null;
    },
  };
}
