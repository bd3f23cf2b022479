/**
 * The I/O worker thread: owns every socket, so heartbeat, control (interrupt, shutdown) and
 * iopub keep working while a cell blocks the main thread. It verifies and dispatches every
 * request (handlers/), calls the session on the main thread through the bridge, and turns the
 * output the main thread writes into the ring into iopub messages.
 */
import { writeSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import type { ConnectionInfo } from "../protocol/connection.js";
import { MessageFactory, replyType, type Header } from "../protocol/messages.js";
import { createSigner } from "../protocol/signing.js";
import { decode, encode } from "../protocol/wire.js";
import type { KernelContext, KernelState, Request, ShellOrControl } from "../handlers/context.js";
import { dispatch } from "../handlers/dispatch.js";
import { defaultHistoryFile, HistoryStore } from "../session/history_store.js";
import { handlers } from "../handlers/index.js";
import { runHeartbeat } from "./heartbeat.js";
import { quickIsComplete } from "../session/local_is_complete.js";
import { RingReader } from "./ring.js";
import { RemoteSession, type ToMain, type ToWorker } from "./session_bridge.js";
import { asIopubSocket, IopubPublisher } from "./iopub_publisher.js";
import { SendQueue } from "./send_queue.js";
import { bindSockets } from "./sockets.js";
import { startCellInterrupter } from "../session/cell_interrupter.js";
import { overriding } from "../session/async_session.js";

export interface WorkerData {
  info: ConnectionInfo;
  ring: SharedArrayBuffer;
  /** The process's parent when the kernel started (read before the worker exists: a parent that dies meanwhile is still noticed). */
  ppid: number;
}

const PARENT_POLL_MS = 1000;
/**
 * Back-pressure: with this much iopub output waiting, the worker stops reading the cell's output
 * from the ring until the queue is down to the low mark; the ring fills and the cell waits in
 * its next print (ring.ts). Memory stays bounded and nothing is dropped. NOTE: the bound is
 * generous on purpose: a client that reads the execute_reply before it reads iopub (as many
 * scripts do) gets a flood of this size whole, since the cell can finish meanwhile.
 */
const IOPUB_HIGH = { messages: 20_000, bytes: 64 << 20 };
const IOPUB_LOW = { messages: 10_000, bytes: 32 << 20 };
/**
 * A client that reads nothing from iopub at all for this long (a script that only reads shell
 * replies) would otherwise hold every cell forever: then messages are dropped for it alone,
 * loudly (iopub_publisher.ts). GRADLAB_IOPUB_STUCK_MS changes it.
 */
const IOPUB_STUCK_MS = Number(process.env.GRADLAB_IOPUB_STUCK_MS) || 10_000;
const IOPUB_JOIN_WAIT_MS = 2000;

function log(line: string): void {
  // NOTE: a worker's process.stderr is relayed through the main thread, which may be blocked.
  try {
    writeSync(2, `[gradlab kernel] ${line}\n`);
  } catch {
    // stderr closed: nothing to do
  }
}

async function main(): Promise<void> {
  const port = parentPort!;
  const { info, ring, ppid } = workerData as WorkerData;
  const post = (m: ToMain) => port.postMessage(m);
  const signer = createSigner(info.signature_scheme, info.key);
  const messages = new MessageFactory();
  const sockets = await bindSockets(info);
  const queues = {
    shell: new SendQueue(sockets.shell, "shell", log),
    control: new SendQueue(sockets.control, "control", log),
    stdin: new SendQueue(sockets.stdin, "stdin", log),
    iopub: new IopubPublisher(asIopubSocket(sockets.iopub), messages.session, log, { stuckAfterMs: IOPUB_STUCK_MS }),
  };
  const remote = new RemoteSession(post);
  // interrupt_mode "signal": the frontend's SIGINT went to our process group; code after an await
  // is stopped through the inspector (kernel/session/cell_interrupter.ts).
  const sigint = startCellInterrupter(() => remote.executing, log);
  const reader = new RingReader(ring);
  const iopubFull = () => queues.iopub.size >= IOPUB_HIGH.messages || queues.iopub.bytes >= IOPUB_HIGH.bytes;
  void reader.run(
    (rec) => remote.onRecord(rec as ToWorker),
    () => (iopubFull() ? queues.iopub.below(IOPUB_LOW.messages, IOPUB_LOW.bytes) : undefined),
  );

  const loops: Promise<unknown>[] = [];
  const state: KernelState = { executionCount: 1, shellReceived: 0, abortThrough: 0 };
  type PendingInput = { resolve(v: string): void; reject(e: Error): void };
  let pendingInput = null as PendingInput | null;
  let stopping = false;

  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log(reason);
    const flushed = Promise.all(Object.values(queues).map((q) => q.flush()));
    await Promise.race([flushed, new Promise((r) => setTimeout(r, 1000))]);
    for (const q of Object.values(queues)) q.close();
    sockets.close();
    sigint.close();
    remote.failAll("kernel is shutting down");
    // NOTE: let every receive loop see its socket closed before the process exits; tearing the
    // worker down under a pending zeromq receive aborts the process ("terminate called ...").
    await Promise.race([
      Promise.allSettled([...loops, queues.iopub.subscriptionLoop]),
      new Promise((r) => setTimeout(r, 500)),
    ]);
    post({ type: "exit", code: 0 });
    // The main thread reads "exit" when it is idle. If a cell blocks it, interrupt the cell;
    // if even that does not free it, end the process: a kernel must never outlive its shutdown.
    setTimeout(() => process.kill(process.pid, "SIGINT"), 500);
    setTimeout(() => process.kill(process.pid, "SIGKILL"), 3000);
  };

  const ctx: KernelContext = {
    // is_complete never waits long for the main thread (local_is_complete.ts).
    session: overriding(remote.session, { isComplete: quickIsComplete((code) => remote.session.isComplete(code)) }),
    messages,
    state,
    history: HistoryStore.open(defaultHistoryFile(), log),
    reply(req: Request, content: object, metadata: Record<string, unknown> = {}) {
      const msg = messages.message(replyType(req.msg.header.msg_type), content, req.msg.header, metadata);
      void queues[req.channel].push(encode(msg, signer, req.msg.idents));
    },
    publish(msg_type: string, content: object, parent: Header | null, metadata: Record<string, unknown> = {}) {
      const topic = Buffer.from(`kernel.${messages.session}.${msg_type}`);
      void queues.iopub.push(encode(messages.message(msg_type, content, parent, metadata), signer, [topic]));
    },
    requestInput(req: Request, prompt: string, password: boolean) {
      pendingInput?.reject(new Error("superseded by a new input request"));
      const msg = messages.message("input_request", { prompt, password }, req.msg.header);
      void queues.stdin.push(encode(msg, signer, req.msg.idents));
      return new Promise<string>((resolve, reject) => (pendingInput = { resolve, reject }));
    },
    interrupt() {
      process.kill(process.pid, "SIGINT");
      sigint.afterSigint();
    },
    shutdown(restart: boolean) {
      void stop(restart ? "restart requested" : "shutdown requested");
    },
    log,
  };

  // NOTE: the slow-joiner problem. A client that sends its first execute right after the
  // kernel_info reply (jupyter console fed from a pipe) loses busy/idle if its iopub SUB has not
  // joined yet, and waits for `idle` forever. So shell requests wait for the first iopub
  // subscriber (at most IOPUB_JOIN_WAIT_MS); control never waits.
  const iopubJoined = queues.iopub.firstSubscriber(IOPUB_JOIN_WAIT_MS).then(() => {});
  const serve = (channel: ShellOrControl, socket: AsyncIterable<Buffer[]>) => {
    let chain = channel === "shell" ? iopubJoined : Promise.resolve();
    let seq = 0;
    loops.push(
      (async () => {
        try {
          for await (const frames of socket) {
            const n = channel === "shell" ? ++state.shellReceived : ++seq;
            chain = chain.then(() => dispatch(ctx, handlers, signer, channel, n, frames));
          }
        } catch (e) {
          if (!stopping) log(`${channel} receive loop ended: ${(e as Error).message}`);
        }
      })(),
    );
  };
  serve("shell", sockets.shell);
  serve("control", sockets.control);

  loops.push(
    (async () => {
      try {
        for await (const frames of sockets.stdin) {
          const d = decode(frames, signer);
          if (!d.ok) {
            log(`dropped a stdin message: ${d.reason}`);
            continue;
          }
          if (d.msg.header.msg_type !== "input_reply" || !pendingInput) continue;
          const p = pendingInput;
          pendingInput = null;
          p.resolve(String((d.msg.content as { value?: unknown }).value ?? ""));
        }
      } catch (e) {
        if (!stopping) log(`stdin receive loop ended: ${(e as Error).message}`);
      }
    })(),
  );
  loops.push(runHeartbeat(sockets.hb, log));

  // No orphans: leave when the process that started us is gone.
  const jpyParent = Number(process.env.JPY_PARENT_PID) || 0;
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === "EPERM";
    }
  };
  setInterval(() => {
    if (process.ppid !== ppid || (jpyParent > 1 && !alive(jpyParent))) void stop("parent process is gone; exiting");
  }, PARENT_POLL_MS);

  port.on("message", (m: { type: string }) => {
    if (m.type === "stop") void stop("stopping");
  });
  port.postMessage({ type: "ready" });
}

main().catch((e) => {
  log(`I/O worker failed: ${(e as Error).stack ?? String(e)}`);
  parentPort?.postMessage({ type: "exit", code: 1 });
});
