/**
 * The worker thread that stops an in-process session's cells (the REPL, `gradlab run`) where
 * SIGINT cannot: code after an `await` (cell_interrupter.ts). The kernel's I/O worker does the
 * same job for the kernel. The main thread marks the running cell in a shared slot, readable
 * here while the main thread is busy, and may give a cell a time limit (`gradlab run
 * --timeout`): when it passes, this thread raises SIGINT on the process, as Ctrl-C would.
 */
import { writeSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { startCellInterrupter } from "./cell_interrupter.js";

export interface InterruptWorkerData {
  /** Int32Array over it: [0] is the running cell's number, 0 when none runs. */
  running: SharedArrayBuffer;
}

/** From the main thread: stop cell `cell` if it still runs after `ms`. */
export interface Deadline { cell: number; ms: number }

const running = new Int32Array((workerData as InterruptWorkerData).running);
const log = (line: string) => {
  try {
    writeSync(2, `[gradlab] ${line}\n`);
  } catch {
    // stderr closed
  }
};
const interrupter = startCellInterrupter(() => Atomics.load(running, 0) !== 0, log);

/** After a deadline, SIGINT again this often while the cell still runs (a signal that came while it compiled stops nothing). */
const REPEAT_MS = 1000;

parentPort!.on("message", (d: Deadline) => {
  const fire = () => {
    if (Atomics.load(running, 0) !== d.cell) return;
    process.kill(process.pid, "SIGINT");
    interrupter.afterSigint();
    setTimeout(fire, REPEAT_MS);
  };
  setTimeout(fire, d.ms);
});
