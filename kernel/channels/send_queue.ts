/**
 * One outgoing queue per ROUTER socket (shell, control, stdin), sending in order. NOTE:
 * zeromq.js allows a single pending send() per socket (a second one rejects with EBUSY), so
 * every send goes through here. A send refused with EAGAIN waits and is tried again; nothing is
 * dropped silently. (iopub has its own queue, one position per subscriber: iopub_publisher.ts.)
 *
 *   const q = new SendQueue(socket, "shell", log);
 *   q.push(frames); await q.flush();
 */
import type { Socket } from "zeromq";
import { releaseMemorySoon } from "./release_memory.js";

type Sendable = Socket & { send(frames: Buffer[]): Promise<void> };

/** First and longest pause before trying a full socket again. */
const RETRY_FIRST_MS = 1;
const RETRY_MAX_MS = 20;

export class SendQueue {
  /** The queue is items[head..]; the sent prefix is cut off now and then (shift() on a long array is slow). */
  private items: Buffer[][] = [];
  private head = 0;
  private queuedBytes = 0;
  private pumping = false;
  private closed = false;
  private toldClosed = false;
  private readonly waiters: { messages: number; bytes: number; resolve(): void }[] = [];

  constructor(
    private readonly socket: Sendable,
    private readonly name: string,
    private readonly log: (line: string) => void,
  ) {}

  push(frames: Buffer[]): void {
    if (this.closed) {
      if (!this.toldClosed)
        this.log(`${this.name}: output after the socket closed (the kernel is shutting down) is not sent`);
      this.toldClosed = true;
      return;
    }
    this.items.push(frames);
    this.queuedBytes += byteLength(frames);
    if (!this.pumping) void this.pump();
  }

  /** Messages waiting to be handed to ZeroMQ. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Bytes waiting to be handed to ZeroMQ. */
  get bytes(): number {
    return this.queuedBytes;
  }

  /** Resolves when fewer than `messages` messages and `bytes` bytes wait (at once if that is already so). */
  below(messages: number, bytes = Infinity): Promise<void> {
    if (this.isBelow(messages, bytes)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ messages, bytes, resolve }));
  }

  private isBelow(messages: number, bytes: number): boolean {
    return this.closed || (this.size < messages && this.queuedBytes < bytes);
  }

  /** Resolves when everything queued so far has been handed to ZeroMQ. */
  flush(): Promise<void> {
    return this.below(1);
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  private notify(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i]!;
      if (this.isBelow(w.messages, w.bytes)) {
        this.waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  private async pump(): Promise<void> {
    // NOTE: the flag is cleared in the same synchronous step that finds the queue empty, so a
    // push() in any later microtask starts a new pump. (Clearing it in a promise's .finally left
    // a gap where a message waited for the next push: it once held back a cell's final `idle`.)
    this.pumping = true;
    let pause = RETRY_FIRST_MS;
    try {
      while (this.size > 0 && !this.closed) {
        const frames = this.items[this.head]!;
        const outcome = await this.sendOnce(frames);
        if (outcome === "full") {
          await new Promise((r) => setTimeout(r, pause));
          pause = Math.min(pause * 2, RETRY_MAX_MS);
          continue;
        }
        pause = RETRY_FIRST_MS;
        this.items[this.head++] = [];
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        const size = byteLength(frames);
        this.queuedBytes -= size;
        this.notify();
        releaseMemorySoon(size);
      }
    } finally {
      this.pumping = false;
    }
    if (this.closed) this.notify();
  }

  /** Hand one message to ZeroMQ: "sent", "full" (try again later) or "failed" (logged, not retried). */
  private async sendOnce(frames: Buffer[]): Promise<"sent" | "full" | "failed"> {
    try {
      await this.socket.send(frames);
      return "sent";
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "EAGAIN") return "full";
      this.log(`${this.name}: a message could not be sent and is lost: ${err.message}`);
      return "failed";
    }
  }
}

function byteLength(frames: Buffer[]): number {
  let n = 0;
  for (const f of frames) n += f.length;
  return n;
}
