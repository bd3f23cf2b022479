/**
 * One outgoing queue per ROUTER socket (shell, control, stdin), sending in order. NOTE:
 * zeromq.js allows a single pending send() per socket (outgoing_queue.ts), so every send goes
 * through here. A send refused with EAGAIN waits and is tried again; nothing is
 * dropped silently. (iopub has its own queue, one position per subscriber: iopub_publisher.ts.)
 *
 *   const q = new SendQueue(socket, "shell", log);
 *   q.push(frames); await q.flush();
 */
import type { Socket } from "zeromq";
import { OutgoingQueue, RETRY_FIRST_MS, RETRY_MAX_MS } from "./outgoing_queue.js";

type Sendable = Socket & { send(frames: Buffer[]): Promise<void> };

export class SendQueue extends OutgoingQueue {
  private pause = RETRY_FIRST_MS;

  constructor(
    private readonly socket: Sendable,
    name: string,
    log: (line: string) => void,
  ) {
    super(name, log);
  }

  protected hasWork(): boolean {
    return this.size > 0;
  }

  protected async step(): Promise<void> {
    const at = this.base + this.head;
    const outcome = await this.sendOnce((f) => this.socket.send(f), this.items[this.head]!);
    if (outcome === "full") {
      await new Promise((r) => setTimeout(r, this.pause));
      this.pause = Math.min(this.pause * 2, RETRY_MAX_MS);
      return;
    }
    this.pause = RETRY_FIRST_MS;
    this.trim(at + 1);
  }
}
