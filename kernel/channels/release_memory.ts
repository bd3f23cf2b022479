/**
 * Give the memory of one very large output back promptly. A 20 MB print passes through several
 * 20 MB strings and buffers on both threads (JSON, UTF-8, the wire message); they are garbage as
 * soon as the message is sent, but an idle kernel runs no garbage collection, so V8's memory
 * reducer returns them only ~8 s later. After a large message we ask for one full collection on
 * this thread (each thread has its own heap), a moment later, once, however many came.
 *
 *   releaseMemorySoon(bytes)   // after handing on a message of `bytes` bytes
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Below this, garbage is ordinary and V8's own schedule is fine. */
export const LARGE_MESSAGE_BYTES = 4 * 1024 * 1024;
const DELAY_MS = 100;

let collect: (() => void) | null | undefined;
let timer: ReturnType<typeof setTimeout> | null = null;

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
  if (bytes < LARGE_MESSAGE_BYTES || timer) return;
  timer = setTimeout(() => {
    timer = null;
    gcFunction()?.();
  }, DELAY_MS);
  timer.unref?.();
}
