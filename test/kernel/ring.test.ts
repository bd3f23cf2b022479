import { describe, expect, test } from "vitest";
import { createRingBuffer, RingReader, RingWriter } from "../../kernel/channels/ring.js";

describe("the ring between the main thread and the I/O worker", () => {
  test("records arrive in order and intact, across many wrap-arounds of the ring", () => {
    const sab = createRingBuffer(256);
    const w = new RingWriter(sab);
    const r = new RingReader(sab);
    const got: unknown[] = [];
    for (let i = 0; i < 500; i++) {
      expect(w.send({ i, text: "x".repeat(i % 37) })).toBe(true);
      if (i % 3 === 2) r.drain((rec) => got.push(rec));
    }
    r.drain((rec) => got.push(rec));
    expect(got).toEqual(Array.from({ length: 500 }, (_, i) => ({ i, text: "x".repeat(i % 37) })));
  });

  test("unicode text survives, including characters split across the ring's end", () => {
    const sab = createRingBuffer(128);
    const w = new RingWriter(sab);
    const r = new RingReader(sab);
    const got: unknown[] = [];
    const sent: string[] = [];
    const texts = ["∇ grad 梯度", "🔥tensor(1.)", "é".repeat(10)];
    for (let round = 0; round < 20; round++) {
      for (const t of texts.slice(0, 1 + (round % 3))) {
        w.send(t);
        sent.push(t);
      }
      r.drain((rec) => got.push(rec));
    }
    expect(got).toEqual(sent);
  });

  test("a record arriving in pieces is held until it is complete", () => {
    const sab = createRingBuffer(1024);
    const w = new RingWriter(sab);
    const r = new RingReader(sab);
    w.send({ a: 1 });
    const got: unknown[] = [];
    r.drain((rec) => got.push(rec));
    r.drain((rec) => got.push(rec));
    expect(got).toEqual([{ a: 1 }]);
  });

  test("once the reader is closed the writer drops records instead of blocking", () => {
    const sab = createRingBuffer(64);
    const w = new RingWriter(sab);
    new RingReader(sab).close();
    const t0 = Date.now();
    expect(w.send("x".repeat(1000))).toBe(false);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test("a record cut short by an interrupt is finished by the next send, so the reader never sees a torn one", () => {
    const sab = createRingBuffer(64);
    const w = new RingWriter(sab);
    const r = new RingReader(sab);
    // The ring fills up half way through the record; the interrupt comes while the writer waits.
    const wait = Atomics.wait;
    Atomics.wait = () => {
      throw new Error("interrupted");
    };
    try {
      expect(() => w.send("x".repeat(100))).toThrow("interrupted");
    } finally {
      Atomics.wait = wait;
    }
    const got: unknown[] = [];
    r.drain((rec) => got.push(rec));
    expect(got).toEqual([]);
    w.send("after");
    r.drain((rec) => got.push(rec));
    expect(got).toEqual(["x".repeat(100), "after"]);
  });

  test("a reader that throws on one record keeps reading the next", () => {
    const sab = createRingBuffer(256);
    const w = new RingWriter(sab);
    const r = new RingReader(sab);
    w.send(1);
    w.send(2);
    const got: unknown[] = [];
    const saved = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      r.drain((rec) => {
        if (rec === 1) throw new Error("bad record");
        got.push(rec);
      });
    } finally {
      process.stderr.write = saved;
    }
    expect(got).toEqual([2]);
  });

  test("run() reads nothing while `ready` holds it back (iopub is full), then everything in order", async () => {
    const sab = createRingBuffer(1024);
    const w = new RingWriter(sab);
    const r = new RingReader(sab);
    let open = () => {};
    let gate: Promise<void> | undefined = new Promise<void>((resolve) => (open = resolve));
    const got: unknown[] = [];
    w.send("a");
    w.send("b");
    const running = r.run(
      (rec) => got.push(rec),
      () => gate,
    );
    await new Promise((res) => setTimeout(res, 50));
    expect(got).toEqual([]);
    gate = undefined;
    open();
    await new Promise((res) => setTimeout(res, 50));
    expect(got).toEqual(["a", "b"]);
    r.close();
    await running;
  });

  test("a record of many encoding chunks arrives intact, a surrogate pair on a chunk's edge included", () => {
    const sab = createRingBuffer(1 << 21);
    const w = new RingWriter(sab);
    const r = new RingReader(sab);
    // In the JSON (a quote first), the 🔥 starts at the last character of the first 64K-character chunk.
    const text = "a".repeat(65534) + "🔥" + "∇ grad 梯度 🔥".repeat(20000) + "é";
    expect(w.send(text)).toBe(true);
    const got: unknown[] = [];
    r.drain((rec) => got.push(rec));
    expect(got).toEqual([text]);
  });
});
