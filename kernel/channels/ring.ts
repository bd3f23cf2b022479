/**
 * A one-way pipe from the main thread (user code) to the I/O worker over a SharedArrayBuffer.
 *
 * NOTE: why not postMessage? The writer side must work while user code blocks the main event
 * loop, and must push back when a `while (true) print(i)` outruns the frontend: write() copies
 * bytes synchronously and, when the ring is full, waits with Atomics.wait until the reader
 * frees space, so memory stays bounded. The reader wakes with Atomics.waitAsync and never
 * blocks its own event loop. Records are length-prefixed JSON, streamed through the ring in
 * pieces, so a record may be larger than the ring.
 */

const HEAD = 0; // bytes written so far (mod 2^32)
const TAIL = 1; // bytes read so far (mod 2^32)
const CLOSED = 2; // 1 once the reader is gone: writers drop data instead of waiting
const CONTROL_BYTES = 16;

type WaitAsync = (ta: Int32Array, index: number, value: number, timeout?: number) => { async: boolean; value: Promise<string> | string };

export function createRingBuffer(capacity = 1 << 20): SharedArrayBuffer {
  if ((capacity & (capacity - 1)) !== 0) throw new Error("ring capacity must be a power of two");
  return new SharedArrayBuffer(CONTROL_BYTES + capacity);
}

class Ring {
  protected readonly ctrl: Int32Array;
  protected readonly data: Uint8Array;
  protected readonly cap: number;
  constructor(sab: SharedArrayBuffer) {
    this.ctrl = new Int32Array(sab, 0, CONTROL_BYTES / 4);
    this.data = new Uint8Array(sab, CONTROL_BYTES);
    this.cap = this.data.length;
  }
}

export class RingWriter extends Ring {
  private readonly encoder = new TextEncoder();
  /**
   * The record being written, with the HEAD it started at. NOTE: an interrupt can unwind send()
   * half way through a record (V8 terminates execution without running finally blocks); the
   * next send() finishes it first, so the reader never sees a torn record. This writer is the
   * only one that moves HEAD, so HEAD - start is exactly how much of it went out.
   */
  private unfinished: { bytes: Uint8Array; start: number } | null = null;

  /** Send one JSON record. Returns false if the reader has gone away (the record is dropped). */
  send(record: unknown): boolean {
    if (this.unfinished) {
      const { bytes, start } = this.unfinished;
      if (!this.write(bytes, ((Atomics.load(this.ctrl, HEAD) - start) >>> 0))) return false;
    }
    const body = this.encoder.encode(JSON.stringify(record));
    const bytes = new Uint8Array(4 + body.length);
    new DataView(bytes.buffer).setUint32(0, body.length, true);
    bytes.set(body, 4);
    this.unfinished = { bytes, start: Atomics.load(this.ctrl, HEAD) };
    return this.write(bytes, 0);
  }

  private write(bytes: Uint8Array, from: number): boolean {
    let off = from;
    while (off < bytes.length) {
      if (Atomics.load(this.ctrl, CLOSED) === 1) return false;
      const head = Atomics.load(this.ctrl, HEAD) >>> 0;
      const tail = Atomics.load(this.ctrl, TAIL);
      const free = this.cap - ((head - (tail >>> 0)) >>> 0);
      if (free === 0) {
        // Back-pressure: sleep until the reader moves the tail (re-check CLOSED every 200 ms).
        Atomics.wait(this.ctrl, TAIL, tail, 200);
        continue;
      }
      const n = Math.min(free, bytes.length - off);
      const start = head % this.cap;
      const first = Math.min(n, this.cap - start);
      this.data.set(bytes.subarray(off, off + first), start);
      if (n > first) this.data.set(bytes.subarray(off + first, off + n), 0);
      Atomics.store(this.ctrl, HEAD, (head + n) | 0);
      Atomics.notify(this.ctrl, HEAD);
      off += n;
    }
    this.unfinished = null;
    return true;
  }
}

export class RingReader extends Ring {
  private readonly decoder = new TextDecoder();
  private pending = new Uint8Array(0);
  private stopped = false;

  /** Read records until close(); `onRecord` gets each one in order. */
  async run(onRecord: (record: unknown) => void): Promise<void> {
    const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
    while (!this.stopped) {
      this.drain(onRecord);
      const head = Atomics.load(this.ctrl, HEAD);
      if ((head >>> 0) !== (Atomics.load(this.ctrl, TAIL) >>> 0)) {
        // NOTE: more arrived while draining. Yield before the next batch: a cell that writes
        // without pause would otherwise keep this thread's sockets and timers from ever running.
        await new Promise((r) => setImmediate(r));
        continue;
      }
      const w = waitAsync(this.ctrl, HEAD, head, 500);
      if (w.async) await w.value;
    }
  }

  /** Consume everything written so far, synchronously. */
  drain(onRecord: (record: unknown) => void): void {
    const head = Atomics.load(this.ctrl, HEAD) >>> 0;
    const tail = Atomics.load(this.ctrl, TAIL) >>> 0;
    const n = (head - tail) >>> 0;
    if (n === 0) return;
    const chunk = new Uint8Array(this.pending.length + n);
    chunk.set(this.pending, 0);
    const start = tail % this.cap;
    const first = Math.min(n, this.cap - start);
    chunk.set(this.data.subarray(start, start + first), this.pending.length);
    if (n > first) chunk.set(this.data.subarray(0, n - first), this.pending.length + first);
    Atomics.store(this.ctrl, TAIL, (tail + n) | 0);
    Atomics.notify(this.ctrl, TAIL);
    let off = 0;
    const view = new DataView(chunk.buffer);
    while (chunk.length - off >= 4) {
      const len = view.getUint32(off, true);
      if (chunk.length - off - 4 < len) break;
      const text = this.decoder.decode(chunk.subarray(off + 4, off + 4 + len));
      off += 4 + len;
      try {
        onRecord(JSON.parse(text));
      } catch (e) {
        // One bad record must not stall the pipe.
        process.stderr.write(`[gradlab kernel] ring record failed: ${(e as Error).stack ?? String(e)}\n`);
      }
    }
    this.pending = chunk.slice(off);
  }

  /** Stop reading; writers stop waiting and drop further records. */
  close(): void {
    this.stopped = true;
    Atomics.store(this.ctrl, CLOSED, 1);
    Atomics.notify(this.ctrl, TAIL);
  }
}
