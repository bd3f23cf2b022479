/**
 * Give the memory of one very large output back promptly. A 20 MB print passes through several
 * 20 MB strings and buffers on both threads (JSON, UTF-8, the wire message); they are garbage as
 * soon as the message is sent, but an idle kernel runs no garbage collection, so V8's memory
 * reducer returns them only ~8 s later. After a large message we ask for a full collection on
 * this thread (each thread has its own heap), a moment later, however many came.
 *
 * NOTE: the wire frame of a large message is sent without a copy, so ZeroMQ holds it until every
 * subscriber's connection has taken it: seconds, for a client that reads slowly on a loaded
 * machine, and a collection before that frees nothing. So while large buffers are still alive
 * on this thread, the collection is repeated, less and less often, a few times.
 *
 *   releaseMemorySoon(bytes)   // after handing on a message of `bytes` bytes
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Below this, garbage is ordinary and V8's own schedule is fine. */
export const LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Collections after a large message: the first after FIRST_DELAY_MS, each next one twice as late. */
const FIRST_DELAY_MS = 100;
const COLLECTIONS = 7;

let collect: (() => void) | null | undefined;
let timer: ReturnType<typeof setTimeout> | null = null;
let timerDelay = 0;

/** The `gc` function, made available without --expose-gc on the command line (as jest-leak-detector does). */
function gcFunction(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/** After a message of `bytes` bytes has been handed on: collect garbage shortly if it was large. */
export function releaseMemorySoon(bytes: number): void {
  if (bytes < LARGE_MESSAGE_BYTES || (timer && timerDelay === FIRST_DELAY_MS)) return;
  if (timer) clearTimeout(timer);
  schedule(FIRST_DELAY_MS, COLLECTIONS);
}

function schedule(delayMs: number, left: number): void {
  timerDelay = delayMs;
  timer = setTimeout(() => {
    timer = null;
    const gc = gcFunction();
    if (!gc) return;
    gc();
    // Large buffers still alive here (ZeroMQ may still be sending one): look again later.
    if (left > 1 && process.memoryUsage().arrayBuffers >= LARGE_MESSAGE_BYTES) schedule(delayMs * 2, left - 1);
  }, delayMs);
  timer.unref?.();
}
