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

import { releaseMemorySoon } from "./release_memory.js";

const HEAD = 0; // bytes written so far (mod 2^32)
const TAIL = 1; // bytes read so far (mod 2^32)
const CLOSED = 2; // 1 once the reader is gone: writers drop data instead of waiting
const CONTROL_BYTES = 16;

type WaitAsync = (
  ta: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) => { async: boolean; value: Promise<string> | string };

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

/** A record's JSON is encoded to UTF-8 this many characters at a time (at most 3 bytes each). */
const CHUNK_CHARS = 64 * 1024;

export class RingWriter extends Ring {
  private readonly encoder = new TextEncoder();
  private readonly staging = new Uint8Array(3 * CHUNK_CHARS);
  /**
   * The record being written: its JSON, the HEAD it started at, the piece of bytes going out now
   * (the length prefix, then each encoded chunk) with its offset in the record, and the next
   * character to encode. NOTE: an interrupt can unwind send() half way through a record (V8
   * terminates execution without running finally blocks); the next send() finishes it first, so
   * the reader never sees a torn record. This writer is the only one that moves HEAD, so
   * HEAD - start is exactly how much of it went out. The state changes by one assignment.
   */
  private unfinished: { json: string; start: number; piece: Uint8Array; pieceAt: number; nextChar: number } | null =
    null;

  /**
   * Send one JSON record. Returns false if the reader has gone away (the record is dropped).
   * NOTE: the JSON is encoded in chunks through a small buffer, never as a whole: a 20 MB print
   * would otherwise leave a 20 MB buffer behind that the C allocator keeps after it is freed.
   */
  send(record: unknown): boolean {
    if (this.unfinished && !this.finish()) return false;
    const json = JSON.stringify(record);
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, Buffer.byteLength(json, "utf8"), true);
    this.unfinished = { json, start: Atomics.load(this.ctrl, HEAD), piece: header, pieceAt: 0, nextChar: 0 };
    const sent = this.finish();
    releaseMemorySoon(json.length);
    return sent;
  }

  /** Write the rest of the unfinished record. */
  private finish(): boolean {
    for (;;) {
      const u = this.unfinished!;
      const done = (Atomics.load(this.ctrl, HEAD) - u.start) >>> 0;
      if (!this.writeBytes(u.piece, done - u.pieceAt)) return false;
      if (u.nextChar >= u.json.length) break;
      let end = Math.min(u.json.length, u.nextChar + CHUNK_CHARS);
      // A surrogate pair stays in one chunk (split, each half would become U+FFFD).
      const last = u.json.charCodeAt(end - 1);
      if (end < u.json.length && last >= 0xd800 && last <= 0xdbff) end--;
      const { written } = this.encoder.encodeInto(u.json.slice(u.nextChar, end), this.staging);
      this.unfinished = {
        ...u,
        piece: this.staging.subarray(0, written),
        pieceAt: u.pieceAt + u.piece.length,
        nextChar: end,
      };
    }
    this.unfinished = null;
    return true;
  }

  private writeBytes(bytes: Uint8Array, from: number): boolean {
    let off = from;
    while (off < bytes.length) {
      if (Atomics.load(this.ctrl, CLOSED) === 1) return false;
      const head = Atomics.load(this.ctrl, HEAD) >>> 0;
      const tail = Atomics.load(this.ctrl, TAIL);
      const free = this.cap - ((head - (tail >>> 0)) >>> 0);
      if (free === 0) {
        // Back-pressure: sleep until the reader moves the tail (re-check CLOSED every 200 ms).
        // The reader stops reading while iopub cannot take more (io_worker.ts), so a cell that
        // outruns its frontend waits here, with memory bounded by the ring.
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
    return true;
  }
}

export class RingReader extends Ring {
  private readonly decoder = new TextDecoder();
  /** The record being read: its 4-byte length first, then its body, decoded piece by piece. */
  private readonly header = new Uint8Array(4);
  private headerFilled = 0;
  private body: { length: number; filled: number; text: string[] } | null = null;
  private stopped = false;

  /**
   * Read records until close(); `onRecord` gets each one in order. Before each batch, `ready`
   * may return a promise to wait on (iopub is full): the ring then fills up and the writer waits.
   */
  async run(
    onRecord: (record: unknown) => void,
    ready: () => Promise<void> | undefined = () => undefined,
  ): Promise<void> {
    const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
    while (!this.stopped) {
      const wait = ready();
      if (wait) {
        await wait;
        continue;
      }
      this.drain(onRecord);
      const head = Atomics.load(this.ctrl, HEAD);
      if (head >>> 0 !== Atomics.load(this.ctrl, TAIL) >>> 0) {
        // NOTE: more arrived while draining. Yield before the next batch: a cell that writes
        // without pause would otherwise keep this thread's sockets and timers from ever running.
        await new Promise((r) => setImmediate(r));
        continue;
      }
      const w = waitAsync(this.ctrl, HEAD, head, 500);
      if (w.async) await w.value;
    }
  }

  /**
   * Consume everything written so far, synchronously. NOTE: the body is decoded straight out of
   * the ring, a piece at a time (the decoder keeps a character split between pieces): a 20 MB
   * record never becomes a 20 MB byte buffer here, whose memory the C allocator would keep.
   */
  drain(onRecord: (record: unknown) => void): void {
    const head = Atomics.load(this.ctrl, HEAD) >>> 0;
    let tail = Atomics.load(this.ctrl, TAIL) >>> 0;
    while (tail !== head) {
      const start = tail % this.cap;
      // Contiguous bytes available from `start` (up to the ring's end).
      const avail = Math.min((head - tail) >>> 0, this.cap - start);
      let n: number;
      if (this.body === null) {
        n = Math.min(avail, 4 - this.headerFilled);
        this.header.set(this.data.subarray(start, start + n), this.headerFilled);
        this.headerFilled += n;
        if (this.headerFilled === 4)
          this.body = { length: new DataView(this.header.buffer).getUint32(0, true), filled: 0, text: [] };
      } else {
        n = Math.min(avail, this.body.length - this.body.filled);
        this.body.text.push(this.decoder.decode(this.data.subarray(start, start + n), { stream: true }));
        this.body.filled += n;
      }
      tail = (tail + n) >>> 0;
      if (this.body !== null && this.body.filled === this.body.length) {
        const { text, length } = this.body;
        this.body = null;
        this.headerFilled = 0;
        text.push(this.decoder.decode());
        // Free the ring before handling the record, so the writer can go on meanwhile.
        Atomics.store(this.ctrl, TAIL, tail | 0);
        Atomics.notify(this.ctrl, TAIL);
        this.deliver(text.length === 2 ? text[0]! + text[1]! : text.join(""), onRecord);
        releaseMemorySoon(length);
      }
    }
    Atomics.store(this.ctrl, TAIL, tail | 0);
    Atomics.notify(this.ctrl, TAIL);
  }

  private deliver(json: string, onRecord: (record: unknown) => void): void {
    try {
      onRecord(JSON.parse(json));
    } catch (e) {
      // One bad record must not stall the pipe.
      process.stderr.write(`[gradlab kernel] ring record failed: ${(e as Error).stack ?? String(e)}\n`);
    }
  }

  /** Stop reading; writers stop waiting and drop further records. */
  close(): void {
    this.stopped = true;
    Atomics.store(this.ctrl, CLOSED, 1);
    Atomics.notify(this.ctrl, TAIL);
  }
}
