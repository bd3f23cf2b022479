/**
 * What every outgoing queue of the kernel shares (shell, control and stdin's SendQueue, iopub's
 * IopubPublisher): messages kept in order until sent, their count and bytes for back-pressure
 * (`below()`), one pump at a time, and a close after which nothing more is queued. NOTE:
 * zeromq.js allows a single pending send() per socket (a second one rejects with EBUSY), so every
 * send of a socket goes through its queue. Subclasses say how the queue is sent: whether there
 * is something to do now (`hasWork()`, synchronous) and one step of doing it (`step()`).
 */
import { releaseMemorySoon } from "./release_memory.js";

/** What a send came to: "sent", "full" (EAGAIN: try again later) or "failed" (logged, not retried). */
export type SendOutcome = "sent" | "full" | "failed";

/** First and longest pause before trying a full socket (or subscriber) again. */
export const RETRY_FIRST_MS = 1;
export const RETRY_MAX_MS = 20;

export abstract class OutgoingQueue {
  /** The queue is items[head..]; items[i] has absolute index base + i. The sent prefix is cut off now and then (shift() on a long array is slow). */
  protected items: Buffer[][] = [];
  protected head = 0;
  protected base = 0;
  private queuedBytes = 0;
  private pumping = false;
  protected closed = false;
  private toldClosed = false;
  private readonly waiters: { messages: number; bytes: number; resolve(): void }[] = [];

  constructor(
    protected readonly name: string,
    protected readonly log: (line: string) => void,
  ) {}

  /** Queue one message. */
  push(frames: Buffer[]): void {
    if (this.closed) {
      if (!this.toldClosed)
        this.log(`${this.name}: output after the socket closed (the kernel is shutting down) is not sent`);
      this.toldClosed = true;
      return;
    }
    this.items.push(frames);
    this.queuedBytes += byteLength(frames);
    if (!this.pumping) void this.runPump();
  }

  /** Messages not yet sent (to every subscriber that reads, for iopub). */
  get size(): number {
    return this.items.length - this.head;
  }

  /** Bytes of those messages. */
  get bytes(): number {
    return this.queuedBytes;
  }

  /** Resolves when fewer than `messages` messages and `bytes` bytes wait (at once if that is already so). */
  below(messages: number, bytes = Infinity): Promise<void> {
    if (this.isBelow(messages, bytes)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ messages, bytes, resolve }));
  }

  /** Resolves when everything queued so far has been handed to ZeroMQ. */
  flush(): Promise<void> {
    return this.below(1);
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Absolute index one past the last queued message. */
  protected get tail(): number {
    return this.base + this.items.length;
  }

  /** Whether a step is due now. Synchronous, so the pump stops in the same step that finds nothing to do. */
  protected abstract hasWork(): boolean;

  /** Send one message (or one round of them), waiting first if a socket was full. */
  protected abstract step(): Promise<void>;

  /** Hand one message to ZeroMQ. */
  protected async sendOnce(send: (frames: Buffer[]) => Promise<void>, frames: Buffer[]): Promise<SendOutcome> {
    try {
      await send(frames);
      return "sent";
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === "EAGAIN") return "full";
      this.log(`${this.name}: a message could not be sent and is lost: ${err.message}`);
      return "failed";
    }
  }

  /** Forget the messages before absolute index `upTo` (sent to everyone). */
  protected trim(upTo: number): void {
    let freed = 0;
    let largest = 0;
    const from = this.head;
    while (this.base + this.head < upTo) {
      const size = byteLength(this.items[this.head]!);
      freed += size;
      largest = Math.max(largest, size);
      this.items[this.head++] = [];
    }
    if (this.head === from) return;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
    this.queuedBytes -= freed;
    this.notify();
    if (largest > 0) releaseMemorySoon(largest);
  }

  private async runPump(): Promise<void> {
    // NOTE: the flag is cleared in the same synchronous step that finds nothing left to do, so a
    // push() in any later microtask starts a new pump. (Clearing it in a promise's .finally left
    // a gap where a message waited for the next push: it once held back a cell's final `idle`.)
    this.pumping = true;
    try {
      while (!this.closed && this.hasWork()) await this.step();
    } finally {
      this.pumping = false;
    }
    if (this.closed) this.notify();
  }

  private isBelow(messages: number, bytes: number): boolean {
    return this.closed || (this.size < messages && this.queuedBytes < bytes);
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
}

function byteLength(frames: Buffer[]): number {
  let n = 0;
  for (const f of frames) n += f.length;
  return n;
}
