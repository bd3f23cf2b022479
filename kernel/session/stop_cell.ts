/**
 * Stopping a cell that SIGINT cannot reach. vm's breakOnSigint stops a cell's synchronous part,
 * but code after an `await` runs from Node's microtask queue, outside any vm call, so
 * `await sleep(10); while (true) {}` keeps the main thread's SIGINT listener from ever running.
 *
 * A worker thread (the kernel's I/O worker, or the REPL's interrupt_worker.ts) then stops it through the inspector, connected to the main thread (inspector
 * messages are served between JavaScript statements, even in a busy loop): pause, look at the
 * stack, terminate execution there, resume. V8 unwinds to the event loop and cancels the
 * termination; the pending SIGINT listener then runs and the cell ends with KeyboardInterrupt.
 * The cell's earlier declarations live on the session's scope object, so they survive.
 *
 * Terminating skips `finally` blocks, so it only happens where that is harmless: in user code
 * (a cell, the engine, the user's modules) that the event loop called, never in the kernel's
 * own driving code (a cell's synchronous part, which SIGINT stops, or the session between
 * cells). Kernel helpers that user code calls are fine to cut short: the output ring finishes
 * a torn record on its next send (ring.ts), the session drops the cell's stdout route, and grad
 * mode is restored (session.ts). Inside Node's own JavaScript (a stream's internals) the stopper
 * resumes and pauses again a moment later.
 */
import { Session } from "node:inspector";
import { dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** How many times to pause the loop looking for a place outside Node's internals before terminating anyway. */
const ATTEMPTS = 50;
const RETRY_MS = 10;
/** With nothing running on the main thread, no pause comes: it is waiting on a promise. */
const PAUSE_WAIT_MS = 300;
const REPLY_WAIT_MS = 2000;

/** The kernel's own code (this file is kernel/session/stop_cell.js; kernel/repl and kernel/run are the REPL's), as a path (CommonJS) and a file URL (ES modules). */
const KERNEL_PATH = dirname(dirname(fileURLToPath(import.meta.url))) + "/";
const KERNEL_URL = pathToFileURL(KERNEL_PATH).href;
const isKernel = (u: string) => u.startsWith(KERNEL_URL) || u.startsWith(KERNEL_PATH);

type Place = "idle" | "kernel" | "node-internals" | "user";

interface PausedEvent {
  params: { callFrames: { location: { scriptId: string }; url: string }[] };
}

/**
 * Where the main thread is, from the script URLs of its stack (innermost first): "idle" (no
 * JavaScript of ours), "kernel" (the kernel's code drives it), "node-internals" (user code that
 * is inside Node's own JavaScript just now), or "user" (safe to stop).
 */
export function classify(urls: readonly string[]): Place {
  const own = urls.filter((u) => u && !u.startsWith("node:"));
  if (own.length === 0) return "idle";
  if (isKernel(own[own.length - 1]!)) return "kernel";
  return urls[0]!.startsWith("node:") ? "node-internals" : "user";
}

export class CellStopper {
  private active = false;

  constructor(private readonly log: (line: string) => void) {}

  /**
   * Stop user code that runs on the main thread outside a cell's synchronous part, while
   * `stillRunning()` says the cell has not ended. Resolves with what it found.
   */
  async stop(stillRunning: () => boolean): Promise<Place | "stopped" | "busy"> {
    if (this.active) return "busy";
    this.active = true;
    const session = new Session();
    session.connectToMainThread();
    // NOTE: in Node 20 a reply to a worker's inspector session does not wake the worker's event
    // loop by itself; a pending timer keeps the loop turning until the reply is read.
    const awake = setInterval(() => {}, 5);
    const scripts = new Map<string, string>();
    session.on("Debugger.scriptParsed", (e: { params: { scriptId: string; url: string } }) =>
      scripts.set(e.params.scriptId, e.params.url),
    );
    const post = (method: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method}: no answer from the main thread`)), REPLY_WAIT_MS);
        session.post(method, (err) => {
          clearTimeout(timer);
          if (err) reject(err);
          else resolve();
        });
      });
    try {
      await post("Debugger.enable");
      let found: Place = "idle";
      for (let attempt = 0; attempt < ATTEMPTS && stillRunning(); attempt++) {
        const paused = new Promise<PausedEvent | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), PAUSE_WAIT_MS);
          session.once("Debugger.paused", (e: PausedEvent) => {
            clearTimeout(timer);
            resolve(e);
          });
        });
        await post("Debugger.pause");
        const event = await paused;
        if (!event) return "idle";
        found = classify(event.params.callFrames.map((f) => scripts.get(f.location.scriptId) ?? f.url));
        const last = attempt === ATTEMPTS - 1;
        if (found === "user" || (found === "node-internals" && last)) {
          const terminated = post("Runtime.terminateExecution");
          await post("Debugger.resume");
          // Answered once the main thread's stack has unwound.
          await terminated.catch(() => {});
          if (found !== "user") this.log("interrupt: stopped the cell inside Node's internals (no other place found)");
          return "stopped";
        }
        await post("Debugger.resume");
        if (found !== "node-internals") return found;
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
      return found;
    } catch (e) {
      this.log(`interrupt: could not stop the main thread: ${(e as Error).message}`);
      return "idle";
    } finally {
      await post("Debugger.disable").catch(() => {});
      session.disconnect();
      clearInterval(awake);
      this.active = false;
    }
  }
}
