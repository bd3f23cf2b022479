/**
 * Ctrl-C for a session that runs in this process (the REPL, `gradlab run`), as the kernel has
 * it for Jupyter: SIGINT stops a cell's synchronous part (vm's breakOnSigint, evaluator.ts) and
 * ends its pending await (session.interrupt()); code after an await is stopped by a worker
 * through the inspector (interrupt_worker.ts). Every variable the cell declared before it was
 * stopped stays in the session. A SIGINT with no cell running goes to `onIdle`.
 *
 *   const interrupts = new LocalInterrupts(session);
 *   const r = await interrupts.run(() => session.execute(code, sink));
 *
 * With `readTerminal` (the REPL on a terminal in raw mode) Ctrl-C during a cell is read as a key
 * (interrupt_worker.ts says why) and other keys typed meanwhile reach `onTyped`.
 */
import { Worker } from "node:worker_threads";
import type { InterruptWorkerData, ToInterruptWorker, TypedAhead } from "./interrupt_worker.js";
import type { Session } from "./types.js";

export interface LocalInterruptOptions {
  onIdle?: () => void;
  readTerminal?: boolean;
  onTyped?: (text: string) => void;
}

export class LocalInterrupts {
  private readonly running = new Int32Array(new SharedArrayBuffer(8));
  private worker: Worker | null = null;
  private cells = 0;
  private readonly onSigint = () => {
    if (Atomics.load(this.running, 0) !== 0) this.session.interrupt?.();
    else this.opts.onIdle?.();
  };

  constructor(
    private readonly session: Session,
    private readonly opts: LocalInterruptOptions = {},
  ) {
    process.on("SIGINT", this.onSigint);
  }

  /** Start the worker that stops code after an await (a few ms; the REPL does it after its first prompt). */
  start(): void {
    if (this.worker) return;
    const data: InterruptWorkerData = {
      running: this.running.buffer as SharedArrayBuffer,
      readTerminal: this.opts.readTerminal ?? false,
    };
    this.worker = new Worker(new URL("./interrupt_worker.js", import.meta.url), { workerData: data });
    this.worker.on("error", (e) => process.stderr.write(`[gradlab] interrupt worker failed: ${e.message}\n`));
    this.worker.on("message", (m: TypedAhead) => this.opts.onTyped?.(m.text));
    this.worker.unref();
  }

  /** Ctrl-C read by the main thread while a cell waits: interrupt it as SIGINT would. */
  interruptNow(): void {
    if (Atomics.load(this.running, 0) === 0) return;
    process.kill(process.pid, "SIGINT");
    this.worker?.postMessage({ type: "sigint" } satisfies ToInterruptWorker);
  }

  /** The running cell reads input(): the terminal is its, not the worker's. */
  set readingInput(on: boolean) {
    Atomics.store(this.running, 1, on ? 1 : 0);
  }

  /** Run one cell as interruptible; with `timeoutMs`, interrupted (as by Ctrl-C) when it runs longer. */
  async run<T>(cell: () => Promise<T>, timeoutMs?: number): Promise<T> {
    this.start();
    const id = ++this.cells;
    Atomics.store(this.running, 0, id);
    if (timeoutMs !== undefined)
      this.worker!.postMessage({ type: "deadline", cell: id, ms: timeoutMs } satisfies ToInterruptWorker);
    // NOTE: signal listeners do not keep Node's event loop alive. When the worker stops code after
    // an await, nothing else may be pending, and Node would exit (status 13, an unsettled
    // top-level await) before the SIGINT listener that ends the cell runs.
    const alive = setInterval(() => {}, 1 << 30);
    try {
      return await cell();
    } finally {
      clearInterval(alive);
      Atomics.store(this.running, 0, 0);
    }
  }

  close(): void {
    process.off("SIGINT", this.onSigint);
    void this.worker?.terminate();
    this.worker = null;
  }
}
