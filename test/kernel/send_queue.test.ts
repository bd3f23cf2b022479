import { describe, expect, test } from "vitest";
import type { Socket } from "zeromq";
import { SendQueue } from "../../kernel/channels/send_queue.js";

/** A stand-in for a zeromq.js socket whose peer is full: send() rejects with EAGAIN while `full`. */
class FakeSocket {
  full = false;
  sent: string[] = [];
  refusals = 0;
  failNext: Error | null = null;
  async send(frames: Buffer[]): Promise<void> {
    const text = frames.map(String).join("|");
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    if (this.full) {
      this.refusals++;
      throw Object.assign(new Error("Resource temporarily unavailable"), { code: "EAGAIN" });
    }
    this.sent.push(text);
  }
}

const msg = (s: string) => [Buffer.from(s)];
const asSocket = (f: FakeSocket) => f as unknown as Socket & { send(frames: Buffer[]): Promise<void> };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the send queue (shell, control, stdin)", () => {
  test("a message the socket refuses (EAGAIN: a subscriber is full) waits and goes out later, in order", async () => {
    const sock = new FakeSocket();
    const q = new SendQueue(asSocket(sock), "iopub", () => {});
    q.push(msg("a"));
    sock.full = true;
    q.push(msg("b"));
    q.push(msg("c"));
    await sleep(30);
    expect(sock.refusals).toBeGreaterThan(1);
    expect(sock.sent).toEqual(["a"]);
    expect(q.size).toBe(2);
    sock.full = false;
    await q.flush();
    expect(sock.sent).toEqual(["a", "b", "c"]);
    expect(q.size).toBe(0);
    expect(q.bytes).toBe(0);
  });

  test("a message pushed just as the queue runs empty is sent without waiting for another push", async () => {
    const sock = new FakeSocket();
    const q = new SendQueue(asSocket(sock), "iopub", () => {});
    q.push(msg("output"));
    await q.flush();
    // The continuation of flush() runs before the pump's own promise settles.
    q.push(msg("idle"));
    await sleep(20);
    expect(sock.sent).toEqual(["output", "idle"]);
  });

  test("below() resolves once fewer messages and bytes wait than asked", async () => {
    const sock = new FakeSocket();
    sock.full = true;
    const q = new SendQueue(asSocket(sock), "iopub", () => {});
    for (let i = 0; i < 10; i++) q.push(msg(`m${i}`));
    let below = false;
    void q.below(3, 1000).then(() => (below = true));
    await sleep(20);
    expect(below).toBe(false);
    sock.full = false;
    await q.below(3, 1000);
    expect(q.size).toBeLessThan(3);
    await q.flush();
    expect(sock.sent).toHaveLength(10);
  });

  test("a send that fails for another reason is logged, not retried, and the queue goes on", async () => {
    const sock = new FakeSocket();
    const log: string[] = [];
    const q = new SendQueue(asSocket(sock), "shell", (l) => log.push(l));
    sock.failNext = new Error("Socket is closed");
    q.push(msg("lost"));
    q.push(msg("next"));
    await q.flush();
    expect(sock.sent).toEqual(["next"]);
    expect(log).toEqual(["shell: a message could not be sent and is lost: Socket is closed"]);
  });
});
