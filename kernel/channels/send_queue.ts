/**
 * One outgoing queue per socket, sending in order. NOTE: zeromq.js allows a single pending
 * send() per socket (a second one rejects with EBUSY), so every send goes through here.
 *
 * Nothing queued here is dropped silently. iopub is an XPUB with ZMQ_XPUB_NODROP (sockets.ts):
 * when a subscriber's queue is full, send() fails with EAGAIN instead of dropping the message,
 * and this queue holds it and tries again (zeromq.js cannot wait for an XPUB to become
 * writable: libzmq always reports it writable). The queue's length is what the I/O worker
 * watches to stop reading the cell's output (back-pressure up to the cell, see ring.ts).
 *
 *   const q = new SendQueue(socket, "iopub", log, { stuckAfterMs: 10_000, lossy: (on) => (socket.noDrop = !on) });
 *   q.push(frames); await q.below(100, 8 << 20); await q.flush();
 */
import type { Socket } from "zeromq";
import { releaseMemorySoon } from "./release_memory.js";

type Sendable = Socket & { send(frames: Buffer[]): Promise<void> };

/** When the socket stays full: a client connected to iopub that reads nothing at all. */
export interface WhenStuck {
  /** How long a full socket may hold the queue before the queue gives way. */
  stuckAfterMs: number;
  /**
   * true: let messages through to the subscribers that read, the socket dropping them for the
   * full ones (the queue says so in the log); false: back to never dropping.
   */
  lossy(on: boolean): void;
}

/** First and longest pause before trying a full socket again. */
const RETRY_FIRST_MS = 1;
const RETRY_MAX_MS = 20;
/** While giving way, how often to check whether the stuck subscriber reads again. */
const PROBE_MS = 1000;

export class SendQueue {
  /** The queue is items[head..]; the sent prefix is cut off now and then (shift() on a long array is slow). */
  private items: Buffer[][] = [];
  private head = 0;
  private queuedBytes = 0;
  private pumping = false;
  private closed = false;
  private toldClosed = false;
  private readonly waiters: { messages: number; bytes: number; resolve(): void }[] = [];
  /** Since when the socket has refused the message at the head of the queue. */
  private fullSince = 0;
  /** Giving way (see WhenStuck): since when, and how many messages went out meanwhile. */
  private givingWay: { since: number; probed: number; sent: number } | null = null;

  constructor(
    private readonly socket: Sendable,
    private readonly name: string,
    private readonly log: (line: string) => void,
    private readonly whenStuck?: WhenStuck,
  ) {}

  push(frames: Buffer[]): void {
    if (this.closed) {
      if (!this.toldClosed) this.log(`${this.name}: output after the socket closed (the kernel is shutting down) is not sent`);
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
    const now = Date.now();
    const way = this.givingWay;
    // While giving way, try now and then whether the stuck subscriber has room again.
    const probing = way !== null && now - way.probed >= PROBE_MS;
    if (probing) {
      way.probed = now;
      this.whenStuck!.lossy(false);
    }
    try {
      await this.socket.send(frames);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== "EAGAIN") {
        this.log(`${this.name}: a message could not be sent and is lost: ${err.message}`);
        return "failed";
      }
      if (probing) {
        // Still stuck: give way again for this message.
        this.whenStuck!.lossy(true);
        return this.sendOnce(frames);
      }
      this.fullSince ||= now;
      const stuck = this.whenStuck;
      if (stuck && !way && now - this.fullSince >= stuck.stuckAfterMs) {
        this.givingWay = { since: now, probed: now, sent: 0 };
        stuck.lossy(true);
        this.log(
          `${this.name}: a client connected to this kernel has taken no output for ${((now - this.fullSince) / 1000).toFixed(1)} s ` +
            `(its queue is full: it does not read ${this.name}). So that the other clients still get theirs, messages are now ` +
            `DROPPED for clients whose queues are full, until they read again.`,
        );
        return this.sendOnce(frames);
      }
      return "full";
    }
    this.fullSince = 0;
    if (probing) {
      this.givingWay = null;
      this.log(
        `${this.name}: every client takes its output again; nothing is dropped any more. ` +
          `${way.sent} messages went out meanwhile: a client that was not reading missed up to that many.`,
      );
    } else if (way) {
      way.sent++;
    }
    return "sent";
  }
}

function byteLength(frames: Buffer[]): number {
  let n = 0;
  for (const f of frames) n += f.length;
  return n;
}
