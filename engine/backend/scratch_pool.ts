/**
 * Arrays that ops hand back when they are done with them (a convolution's im2col columns, the
 * product before col2im), kept for the next allocation of the same type and length.
 *
 * Why: every tensor's array is a fresh ArrayBuffer that only V8's garbage collector frees, and V8
 * counts ArrayBuffer bytes as external memory: a ResNet-18 training step allocated 215 MB of them,
 * which triggered several full (mark-compact) collections per step and page faults on the fresh
 * memory. A training loop repeats the same shapes, so exact-length reuse serves it; the pool keeps
 * only large arrays (small ones die young and cheaply) and at most `maxBytes` in all.
 */
import type { StorageArray, TypedArray } from "../tensor/dtype.js";

type ArrayType = {
  new (n: number): TypedArray;
  new (b: ArrayBuffer, offset: number, n: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

/** Node's Buffer, where there is one: its allocUnsafeSlow makes an ArrayBuffer without zero-filling it. */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(bytes: number): Uint8Array } }).Buffer;

/** A new array whose memory is not zero-filled (malloc instead of calloc), where the platform allows. */
function unfilled(type: ArrayType, n: number): TypedArray {
  if (!NodeBuffer) return new type(n);
  return new type(NodeBuffer.allocUnsafeSlow(n * type.BYTES_PER_ELEMENT).buffer as ArrayBuffer, 0, n);
}

/** Below this many bytes an array is not worth keeping. */
export const MIN_BYTES = 64 * 1024;
/** How many arrays of one type and length are kept. */
const PER_SIZE = 4;

export class ScratchPool {
  private readonly free = new Map<ArrayType, Map<number, TypedArray[]>>();
  private bytes = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  /**
   * A kept array of this type and length when there is one, else a new one: zero-filled, or with
   * `zeroed` false, holding whatever it held (for a caller that writes every element).
   */
  take(type: ArrayType, n: number, zeroed = true): TypedArray {
    // Small arrays are never kept; `!(... >= ...)` also sends a NaN size (arguments an op has not
    // checked yet) to `new type`, which makes an empty array as it always did.
    if (!(n * type.BYTES_PER_ELEMENT >= MIN_BYTES)) return new type(n);
    const kept = this.free.get(type)?.get(n)?.pop();
    if (!kept) return zeroed ? new type(n) : unfilled(type, n);
    this.bytes -= kept.byteLength;
    return zeroed ? kept.fill(0 as never) : kept;
  }

  /**
   * Keeps `a` for a later `take`. The caller promises nothing refers to `a` any more (no tensor,
   * no view, no saved value): the array will be handed out again and overwritten.
   */
  give(a: StorageArray): void {
    if (a instanceof BigInt64Array) return; // exact int64 storage: never allocated by take
    const n = a.length,
      bytes = a.byteLength;
    if (bytes < MIN_BYTES || this.bytes + bytes > this.maxBytes) return;
    // Only whole arrays: a subarray's buffer may hold other data.
    if (a.byteOffset !== 0 || a.buffer.byteLength !== bytes) return;
    const type = a.constructor as ArrayType;
    let sizes = this.free.get(type);
    if (!sizes) this.free.set(type, (sizes = new Map()));
    let list = sizes.get(n);
    if (!list) sizes.set(n, (list = []));
    if (list.length >= PER_SIZE || list.includes(a)) return;
    list.push(a);
    this.bytes += bytes;
  }

  /** Bytes kept now. */
  get keptBytes(): number {
    return this.bytes;
  }

  /** Lets everything kept go (to the garbage collector). */
  clear(): void {
    this.free.clear();
    this.bytes = 0;
  }
}
