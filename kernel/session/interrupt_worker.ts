/**
 * The worker thread that stops an in-process session's cells (the REPL, `gradlab run`) where
 * SIGINT cannot: code after an `await` (cell_interrupter.ts). The kernel's I/O worker does the
 * same job for the kernel. The main thread marks the running cell in a shared slot, readable
 * here while the main thread is busy, and may give a cell a time limit (`gradlab run
 * --timeout`): when it passes, this thread raises SIGINT on the process, as Ctrl-C would.
 *
 * The REPL keeps its terminal in raw mode while a cell runs, so Ctrl-C is a key, not a signal
 * to the terminal's whole process group (under `npx`, npm and its shell would get it too, and
 * the shell would end with it once the REPL leaves, failing `npx gradlab`'s exit status). While
 * a cell runs this thread reads the terminal (the main thread may be busy): Ctrl-C raises SIGINT
 * on this process only; other keys go to the main thread as typed-ahead input.
 */
import { closeSync, constants, openSync, readSync, writeSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { startCellInterrupter } from "./cell_interrupter.js";

export interface InterruptWorkerData {
  /** Int32Array over it: [0] is the running cell's number, 0 when none runs; [1] is 1 while the cell reads input(). */
  running: SharedArrayBuffer;
  /** Read Ctrl-C from the controlling terminal while a cell runs. */
  readTerminal: boolean;
}

/** From the main thread: stop cell `cell` if it still runs after `ms`; or "SIGINT was raised". */
export type ToInterruptWorker = { type: "deadline"; cell: number; ms: number } | { type: "sigint" };
/** To the main thread: keys typed while a cell ran. */
export interface TypedAhead {
  type: "typed";
  text: string;
}

const { running: shared, readTerminal } = workerData as InterruptWorkerData;
const running = new Int32Array(shared);
const log = (line: string) => {
  try {
    writeSync(2, `[gradlab] ${line}\n`);
  } catch {
    // stderr closed
  }
};
const interrupter = startCellInterrupter(() => Atomics.load(running, 0) !== 0, log);
const sigint = () => {
  process.kill(process.pid, "SIGINT");
  interrupter.afterSigint();
};

/** After a deadline, SIGINT again this often while the cell still runs (a signal that came while it compiled stops nothing). */
const REPEAT_MS = 1000;

parentPort!.on("message", (m: ToInterruptWorker) => {
  if (m.type === "sigint") return interrupter.afterSigint();
  const fire = () => {
    if (Atomics.load(running, 0) !== m.cell) return;
    sigint();
    setTimeout(fire, REPEAT_MS);
  };
  setTimeout(fire, m.ms);
});

/** How often the terminal is looked at while a cell runs. */
const POLL_MS = 30;

if (readTerminal) {
  let tty = -1;
  try {
    // Its own open file description: non-blocking here leaves the main thread's stdin as it is.
    tty = openSync("/dev/tty", constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    log(`no terminal to read Ctrl-C from (${(e as Error).message})`);
  }
  const buf = Buffer.alloc(256);
  const poll = setInterval(() => {
    if (tty < 0 || Atomics.load(running, 0) === 0 || Atomics.load(running, 1) === 1) return;
    let n = 0;
    try {
      n = readSync(tty, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") log(`reading the terminal: ${(e as Error).message}`);
      return;
    }
    const text = buf.toString("utf8", 0, n);
    const keys = text.replace(/\x03/g, "");
    if (keys.length !== text.length) sigint();
    if (keys) parentPort!.postMessage({ type: "typed", text: keys } satisfies TypedAhead);
  }, POLL_MS);
  poll.unref();
  process.on("exit", () => {
    if (tty >= 0) closeSync(tty);
  });
}
