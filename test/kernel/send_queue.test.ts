import { describe, expect, test } from "vitest";
import type { Socket } from "zeromq";
import { SendQueue } from "../../kernel/channels/send_queue.js";

/**
 * A stand-in for zeromq.js's XPUB with ZMQ_XPUB_NODROP: send() rejects with EAGAIN while
 * `full` (unless `lossy`, when it accepts and drops, as libzmq does for a full subscriber).
 */
class FakeXpub {
  full = false;
  lossy = false;
  sent: string[] = [];
  dropped: string[] = [];
  refusals = 0;
  failNext: Error | null = null;
  async send(frames: Buffer[]): Promise<void> {
    const text = frames.map(String).join("|");
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    if (this.full && this.lossy) {
      this.dropped.push(text);
      return;
    }
    if (this.full) {
      this.refusals++;
      throw Object.assign(new Error("Resource temporarily unavailable"), { code: "EAGAIN" });
    }
    this.sent.push(text);
  }
}

const msg = (s: string) => [Buffer.from(s)];
const asSocket = (f: FakeXpub) => f as unknown as Socket & { send(frames: Buffer[]): Promise<void> };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the iopub send queue", () => {
  test("a message the socket refuses (EAGAIN: a subscriber is full) waits and goes out later, in order", async () => {
    const sock = new FakeXpub();
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
    const sock = new FakeXpub();
    const q = new SendQueue(asSocket(sock), "iopub", () => {});
    q.push(msg("output"));
    await q.flush();
    // The continuation of flush() runs before the pump's own promise settles.
    q.push(msg("idle"));
    await sleep(20);
    expect(sock.sent).toEqual(["output", "idle"]);
  });

  test("below() resolves once fewer messages and bytes wait than asked", async () => {
    const sock = new FakeXpub();
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

  test("a socket that stays full (a client reading nothing): the queue gives way, says so loudly, and stops dropping once it takes messages again", async () => {
    const sock = new FakeXpub();
    const log: string[] = [];
    const q = new SendQueue(asSocket(sock), "iopub", (l) => log.push(l), { stuckAfterMs: 50, lossy: (on) => (sock.lossy = on) });
    sock.full = true;
    q.push(msg("held"));
    await sleep(20);
    expect(sock.dropped).toEqual([]);
    expect(log).toEqual([]);
    await q.flush();
    expect(sock.dropped).toEqual(["held"]);
    expect(log.join("\n")).toMatch(/has taken no output for .* s .*DROPPED for clients whose queues are full/);
    // The stuck client reads again: the next probe (within a second) turns dropping off.
    sock.full = false;
    await sleep(1050);
    q.push(msg("after"));
    await q.flush();
    expect(sock.lossy).toBe(false);
    expect(sock.sent).toEqual(["after"]);
    expect(log.at(-1)).toMatch(/nothing is dropped any more/);
  });

  test("a send that fails for another reason is logged, not retried, and the queue goes on", async () => {
    const sock = new FakeXpub();
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
