/**
 * One outgoing queue per socket. NOTE: zeromq.js allows a single pending send() per socket
 * (a second one rejects with EBUSY), so every send goes through here, in order.
 */
import type { Socket } from "zeromq";

type Sendable = Socket & { send(frames: Buffer[]): Promise<void> };

export class SendQueue {
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  private pending = 0;

  constructor(private readonly socket: Sendable, private readonly name: string, private readonly log: (line: string) => void) {}

  push(frames: Buffer[]): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.pending++;
    this.tail = this.tail.then(async () => {
      try {
        if (!this.closed) await this.socket.send(frames);
      } catch (e) {
        this.log(`${this.name}: send failed: ${(e as Error).message}`);
      } finally {
        this.pending--;
      }
    });
    return this.tail;
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves when everything queued so far has been handed to ZeroMQ. */
  flush(): Promise<void> {
    return this.tail;
  }

  close(): void {
    this.closed = true;
  }
}
