/**
 * The functions every cell has in scope without imports, as IPython has them: print, display,
 * clear_output (kernel/display), input, range, len, zip, enumerate, dir. They write to the running cell's output (set
 * by the session while a cell runs).
 */
import { print as pyPrint } from "../../engine/format/py_repr.js";
import { RuntimeError, TypeError as PyTypeError, ValueError, pyTypeName } from "../../engine/errors.js";
import { setDisplaySink } from "../display/publisher.js";
import type { OutputSink } from "./types.js";
import { pyDir } from "../../engine/format/py_dir.js";

let currentSink: OutputSink | null = null;
/** @internal The session sets the sink of the running cell. */
export function _setSink(sink: OutputSink | null): OutputSink | null {
  const old = currentSink;
  currentSink = sink;
  setDisplaySink(sink);
  return old;
}

export { clear_output, display, DisplayHandle } from "../display/display.js";

/**
 * Python's print: `print(x, y)` writes `str(x) str(y)\n` to stdout, tensors as PyTorch prints them.
 * @example print("loss:", loss.item(), {sep: " ", end: "\n"})
 */
export function print(...args: unknown[]): void {
  pyPrint(...args);
}

/**
 * Ask the user for a line of text (Python's input): `const name = await input("Name? ")`.
 * Resolves with the reply; fails when the frontend does not allow input.
 */
export async function input(prompt = "", opts: { password?: boolean } = {}): Promise<string> {
  if (!currentSink?.input) {
    const e = new Error("raw_input was called, but this frontend does not support input requests.");
    e.name = "StdinNotImplementedError";
    throw e;
  }
  return currentSink.input(String(prompt), opts.password ?? false);
}

/** Python's range: iterable, indexable and sized; `for (const i of range(10))`. */
export class Range implements Iterable<number> {
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {
    if (step === 0) throw new ValueError("range() arg 3 must not be zero");
    for (const v of [start, stop, step])
      if (!Number.isInteger(v)) throw new PyTypeError(`'float' object cannot be interpreted as an integer`);
  }
  get length(): number {
    return Math.max(0, Math.ceil((this.stop - this.start) / this.step));
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = this.start; this.step > 0 ? i < this.stop : i > this.stop; i += this.step) yield i;
  }
  /** The i-th value (negative counts from the end). */
  at(i: number): number {
    const n = this.length;
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw new RuntimeError("range object index out of range");
    return this.start + i * this.step;
  }
  toArray(): number[] {
    return [...this];
  }
  toString(): string {
    return this.step === 1 ? `range(${this.start}, ${this.stop})` : `range(${this.start}, ${this.stop}, ${this.step})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Python's range: `range(stop)`, `range(start, stop)`, `range(start, stop, step)`.
 * @example for (const epoch of range(100)) { ... }
 */
export function range(stop: number): Range;
export function range(start: number, stop: number, step?: number): Range;
export function range(a: number, b?: number, step = 1): Range {
  return b === undefined ? new Range(0, a, 1) : new Range(a, b, step);
}

/**
 * Python's len: a tensor's first dimension (`__len__`), an array's or string's length, a Map's or
 * Set's size.
 * @example for (const i of range(len(X))) { ... }
 */
export function len(obj: { __len__(): number } | ArrayLike<unknown> | { readonly size: number }): number {
  const o = obj as { __len__?: () => number; length?: number; size?: number };
  if (typeof o.__len__ === "function") return o.__len__();
  if (typeof o.length === "number") return o.length;
  if (typeof o.size === "number") return o.size;
  throw new PyTypeError(`object of type '${pyTypeName(obj)}' has no len()`);
}

/**
 * Python's zip: tuples of the iterables' items, as many as the shortest has.
 * @example for (const [x, y] of zip(xs, ys)) { ... }
 */
export function* zip<T extends unknown[]>(
  ...iterables: { [K in keyof T]: Iterable<T[K]> }
): Generator<T, void, undefined> {
  const its = iterables.map((it) => it[Symbol.iterator]());
  for (;;) {
    const items: unknown[] = [];
    for (const it of its) {
      const r = it.next();
      if (r.done) return;
      items.push(r.value);
    }
    yield items as T;
  }
}

/**
 * Python's enumerate: [index, item] pairs, counting from `start`.
 * @example for (const [i, batch] of enumerate(loader)) { ... }
 */
export function* enumerate<T>(iterable: Iterable<T>, start = 0): Generator<[number, T], void, undefined> {
  let i = start;
  for (const item of iterable) yield [i++, item];
}

/**
 * Python's dir(obj): the sorted names of an object's properties and methods, prototype chain
 * included (Object.prototype's left out), or what its `__dir__` lists (engine/format/py_dir.ts).
 * Without an argument, the names the cells declared.
 */
export function dir(obj?: unknown): string[] {
  return obj === undefined ? scopeNames().sort() : pyDir(obj);
}

let scopeNames: () => string[] = () => [];
/** @internal The session tells dir() which names the cells have declared. */
export function _setScopeNames(f: () => string[]): void {
  scopeNames = f;
}
