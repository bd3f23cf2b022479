/**
 * Interrupting a running cell from a worker thread, the one service the kernel's I/O worker and
 * the REPL's interrupt worker share. SIGINT (from the terminal's Ctrl-C, Jupyter's signal
 * interrupt, or the kernel raising it for an interrupt_request) stops a cell's synchronous part
 * (vm's breakOnSigint) and ends a pending await (the session's SIGINT listener). A cell still
 * running a moment later is busy in code after an `await`, which the signal cannot reach: the
 * inspector stops it (stop_cell.ts). The process group's SIGINT is heard by a small watcher
 * (sigint_watch.ts), because the main thread may be too busy to hear it.
 *
 *   const interrupter = startCellInterrupter(() => running(), log);
 *   interrupter.afterSigint();   // after raising SIGINT yourself (interrupt_request)
 */
import { watchSigint } from "./sigint_watch.js";
import { CellStopper } from "./stop_cell.js";

/** SIGINT ends a synchronous cell or a pending await at once; a cell still running after this is busy after an await. */
const STOP_AFTER_AWAIT_MS = 200;

export interface CellInterrupter {
  /** SIGINT has been sent: stop the cell through the inspector if it is still running shortly. */
  afterSigint(): void;
  close(): void;
}

/** Watch the process group's SIGINT and stop cells that it cannot reach; `executing()` says a cell is running. */
export function startCellInterrupter(executing: () => boolean, log: (line: string) => void): CellInterrupter {
  const stopper = new CellStopper(log);
  const afterSigint = () => {
    setTimeout(() => {
      if (executing()) void stopper.stop(executing);
    }, STOP_AFTER_AWAIT_MS);
  };
  const watch = watchSigint(afterSigint, log);
  return { afterSigint, close: () => watch.close() };
}
