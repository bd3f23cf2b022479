import { describe, expect, test } from "vitest";
import { IopubPublisher, type IopubSocket } from "../../kernel/channels/iopub_publisher.js";

/**
 * A stand-in for libzmq's XPUB in manual mode with ZMQ_XPUB_NODROP (xpub.cpp, dist.cpp): a
 * subscriber's subscriptions are the ones set right after its subscription message was
 * received; a message goes to every subscriber with a subscription its topic starts with, and
 * send() rejects with EAGAIN, sending to nobody, if any of them is full.
 */
class FakeManualXpub implements IopubSocket {
  readonly pipes: { name: string; topics: string[]; full: boolean; got: string[] }[] = [];
  private last: (typeof this.pipes)[number] | null = null;
  private pending: { name: string }[] = [];
  private wake: (() => void) | null = null;
  refusals = 0;

  /** A client connects and subscribes to everything, as Jupyter clients do. */
  join(name: string): void {
    this.pending.push({ name });
    this.wake?.();
  }

  pipe(name: string) {
    return this.pipes.find((p) => p.name === name)!;
  }

  setStringOption(option: number, value: string | Buffer): void {
    expect(option).toBe(6); // ZMQ_SUBSCRIBE
    this.last?.topics.push(String(value));
  }

  async send(frames: Buffer[]): Promise<void> {
    const topic = String(frames[0]);
    const matching = this.pipes.filter((p) => p.topics.some((t) => topic.startsWith(t)));
    if (matching.some((p) => p.full)) {
      this.refusals++;
      throw Object.assign(new Error("Resource temporarily unavailable"), { code: "EAGAIN" });
    }
    for (const p of matching) p.got.push(String(frames[1]));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer[]> {
    for (;;) {
      const next = this.pending.shift();
      if (!next) {
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      this.last = { name: next.name, topics: [], full: false, got: [] };
      this.pipes.push(this.last);
      yield [Buffer.from([1])];
    }
  }
}

const SESSION = "s1";
const msg = (body: string, type = "stream") => [Buffer.from(`kernel.${SESSION}.${type}`), Buffer.from(body)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const names = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `m${from + i}`);

async function started(clients: string[], stuckAfterMs = 10_000) {
  const sock = new FakeManualXpub();
  const log: string[] = [];
  const pub = new IopubPublisher(sock, SESSION, (l) => log.push(l), { stuckAfterMs });
  for (const c of clients) sock.join(c);
  expect(await pub.firstSubscriber(1000)).toBe(true);
  while (sock.pipes.length < clients.length) await sleep(1);
  return { sock, pub, log };
}

describe("the iopub publisher", () => {
  test("each subscriber gets the shared topic and one of its own; messages go out once, on the shared topic", async () => {
    const { sock, pub } = await started(["a", "b"]);
    expect(sock.pipe("a").topics).toEqual([`kernel.${SESSION}.`, "kernel.to-1."]);
    expect(sock.pipe("b").topics).toEqual([`kernel.${SESSION}.`, "kernel.to-2."]);
    for (const m of names(3)) pub.push(msg(m));
    await pub.flush();
    expect(sock.pipe("a").got).toEqual(names(3));
    expect(sock.pipe("b").got).toEqual(names(3));
  });

  test("a full subscriber that reads again gets everything, in order, and the others are not held meanwhile", async () => {
    const { sock, pub, log } = await started(["reader", "slow"]);
    pub.push(msg("m0"));
    await pub.flush();
    sock.pipe("slow").full = true;
    for (const m of names(5, 1)) pub.push(msg(m));
    await sleep(30);
    // The reader has everything while the slow one waits; nothing is dropped for it.
    expect(sock.pipe("reader").got).toEqual(names(6));
    expect(sock.pipe("slow").got).toEqual(["m0"]);
    expect(pub.size).toBe(5);
    sock.pipe("slow").full = false;
    pub.push(msg("idle", "status"));
    await pub.flush();
    expect(sock.pipe("slow").got).toEqual([...names(6), "idle"]);
    expect(sock.pipe("reader").got).toEqual([...names(6), "idle"]);
    expect(log).toEqual([]);
    // Everyone has caught up: back to one send on the shared topic.
    const refusals = sock.refusals;
    pub.push(msg("m6"));
    await pub.flush();
    expect(sock.refusals).toBe(refusals);
  });

  test("a subscriber full for stuckAfterMs is dropped for alone, loudly; the reading one gets every message and its idle", async () => {
    // (A reader full for much less than stuckAfterMs: it is behind, not stuck.)
    const { sock, pub, log } = await started(["stuck", "reader"], 1000);
    sock.pipe("stuck").full = true;
    sock.pipe("reader").full = true; // behind too, at first
    for (const m of names(4)) pub.push(msg(m));
    await sleep(20);
    sock.pipe("reader").full = false; // it reads
    for (const m of names(4, 4)) pub.push(msg(m));
    pub.push(msg("idle", "status"));
    await pub.flush();
    expect(sock.pipe("reader").got).toEqual([...names(8), "idle"]);
    expect(sock.pipe("stuck").got).toEqual([]);
    expect(log.join("\n")).toMatch(/client 1 has taken no output for .* s .*DROPPED for that client alone/);
    // It reads again: the next message reaches it, and the log says what it missed.
    sock.pipe("stuck").full = false;
    pub.push(msg("after"));
    await pub.flush();
    expect(sock.pipe("stuck").got).toEqual(["after"]);
    expect(sock.pipe("reader").got.at(-1)).toBe("after");
    expect(log.at(-1)).toMatch(/client 1 takes its output again \(or has left\); it missed 9 messages/);
  });

  test("below() counts what a reading subscriber has not had yet", async () => {
    const { sock, pub } = await started(["a"]);
    sock.pipe("a").full = true;
    for (const m of names(10)) pub.push(msg(m));
    let below = false;
    void pub.below(3, 1000).then(() => (below = true));
    await sleep(20);
    expect(below).toBe(false);
    sock.pipe("a").full = false;
    await pub.below(3, 1000);
    await pub.flush();
    expect(sock.pipe("a").got).toEqual(names(10));
    expect(pub.bytes).toBe(0);
  });

  test("a message pushed just as the queue runs empty is sent without waiting for another push", async () => {
    const { sock, pub } = await started(["a"]);
    pub.push(msg("output"));
    await pub.flush();
    pub.push(msg("idle", "status"));
    await sleep(20);
    expect(sock.pipe("a").got).toEqual(["output", "idle"]);
  });
});
