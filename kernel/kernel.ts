/**
 * The kernel process's main thread: it runs user code (the Session) and nothing else. The
 * sockets live in an I/O worker (channels/io_worker.ts), so a synchronous training loop here
 * cannot starve the heartbeat, control or iopub; output crosses over through a shared ring.
 *
 *   startKernel("/run/user/1000/jupyter/kernel-1.json")
 */
import { writeSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { WorkerData } from "./channels/io_worker.js";
import { createRingBuffer, RingWriter } from "./channels/ring.js";
import { SessionServer, type ToMain } from "./channels/session_bridge.js";
import { readConnectionFile } from "./protocol/connection.js";
import { captureStdio } from "./session/stdio_capture.js";
import type { Session } from "./session/types.js";

export interface KernelOptions {
  /** The evaluation session; by default the real one from kernel/session/session.ts. */
  createSession?: () => Session | Promise<Session>;
}

function log(line: string): void {
  try {
    writeSync(2, `[gradlab kernel] ${line}\n`);
  } catch {
    // stderr closed
  }
}

/** The real session (kernel/session/session.ts), loaded on demand so the worker starts first. */
export async function loadSession(): Promise<Session> {
  const url = new URL("./session/session.js", import.meta.url);
  const mod = (await import(url.href)) as { createSession(opts?: object): Session | Promise<Session> };
  return await mod.createSession({});
}

/** A session that answers every cell with the reason the real one could not start. */
function brokenSession(error: unknown): Session {
  const err = error as Error;
  const failure = {
    status: "error" as const,
    ename: "KernelStartupError",
    evalue: `the gradlab session failed to start: ${err?.message ?? String(error)}`,
    traceback: String(err?.stack ?? error).split("\n"),
  };
  return {
    execute: async () => failure,
    complete: (_code, pos) => ({ matches: [], cursor_start: pos, cursor_end: pos, metadata: {} }),
    inspect: () => ({ found: false, data: {}, metadata: {} }),
    isComplete: () => ({ status: "unknown" }),
    evaluateExpressions: (exprs) => Object.fromEntries(Object.keys(exprs).map((k) => [k, failure])),
  };
}

function describe(e: unknown): string {
  const err = e as Error;
  return err instanceof Error || (err && typeof err === "object" && "stack" in err)
    ? String(err.stack ?? `${err.name}: ${err.message}`)
    : String(e);
}

/**
 * The I/O worker's young generation stays small: it only moves messages, and V8 grows a young
 * generation up to 32 MB under a burst (one 20 MB print) and gives it back only when the heap is
 * reduced, seconds of idleness later.
 */
const IO_WORKER_LIMITS = { maxYoungGenerationSizeMb: 6 };

export async function startKernel(connectionFile: string, opts: KernelOptions = {}): Promise<void> {
  const ppid = process.ppid;
  const info = readConnectionFile(connectionFile);
  const ring = createRingBuffer();
  const writer = new RingWriter(ring);
  const data: WorkerData = { info, ring, ppid };
  const worker = new Worker(new URL("./channels/io_worker.js", import.meta.url), {
    workerData: data,
    resourceLimits: IO_WORKER_LIMITS,
  });

  let server: SessionServer | null = null;
  const early: ToMain[] = [];
  let exiting = false;
  const exit = (code: number) => {
    exiting = true;
    process.exit(code);
  };

  worker.on("message", (m: ToMain) => {
    if (m.type === "exit") exit(m.code);
    else if (m.type === "ready") return;
    else if (server) server.handle(m);
    else early.push(m);
  });
  worker.on("error", (e) => {
    log(`I/O worker crashed: ${describe(e)}`);
    exit(1);
  });
  worker.on("exit", (code) => {
    if (!exiting) {
      log(`I/O worker exited (${code}); the kernel cannot talk to Jupyter any more`);
      exit(1);
    }
  });

  // A stray SIGINT must never kill the kernel; during synchronous user code vm's breakOnSigint
  // takes the signal instead of this listener, so here a cell can only be awaiting a promise.
  process.on("SIGINT", () => server?.interrupt());
  const report = (kind: string, e: unknown) => {
    const text = `${kind}: ${describe(e)}\n`;
    if (server?.lastRid) server.stray("stderr", text);
    else log(text.trimEnd());
  };
  process.on("uncaughtException", (e) => report("Uncaught exception (after the cell that started it)", e));
  process.on("unhandledRejection", (e) => report("Unhandled promise rejection", e));

  // Output no running cell took (the session routes a cell's own output while it runs): a
  // timer's print after its cell ended, or a session that does not capture output itself.
  captureStdio((stream, text) => {
    if (!server) return false;
    const sink = server.currentSink;
    if (sink) sink[stream](text);
    else if (server.lastRid) server.stray(stream, text);
    else return false;
    return true;
  });

  let session: Session;
  try {
    session = await (opts.createSession ?? loadSession)();
  } catch (e) {
    log(`session failed to start: ${describe(e)}`);
    session = brokenSession(e);
  }
  server = new SessionServer(session, writer);
  for (const m of early.splice(0)) server.handle(m);
}

/** The connection file from a kernel command line: `-f FILE`, `--f=FILE` or a bare `FILE`. */
export function connectionFileFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-f" || a === "--f" || a === "--connection-file") return argv[i + 1] ?? null;
    const m = /^--(?:f|connection-file)=(.+)$/.exec(a);
    if (m) return m[1]!;
    if (!a.startsWith("-")) return a;
  }
  return null;
}
