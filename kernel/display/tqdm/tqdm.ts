/**
 * tqdm's progress bar: `for (const x of tqdm(data, {desc: "train"})) ...`, `trange(100)`, or
 * manual `const bar = tqdm({total: 100}); bar.update(10); bar.close()` (also `using bar = ...`).
 *
 * Where it draws follows the running frontend (publisher.currentFrontend()): in a notebook an
 * HTML bar updated in place (update_display_data), in a terminal one line on stderr redrawn with
 * `\r`, or plain lines when stderr is not a terminal. Redraws are throttled as tqdm throttles
 * them: at most one per `mininterval` (0.1 s), and the clock is read only every `miniters`
 * iterations, which adapts to about one `mininterval` worth of iterations. Where tqdm then reads
 * the clock on every iteration until the interval is up (and from the start, before its first
 * estimate), this bar leaves a gap estimated from the rate so far, at most doubling the
 * iterations since the last check: reading the clock costs ~100-200 ns in Node, more than a
 * cheap loop body.
 */
import { performance } from "node:perf_hooks";
import { TypeError as PyTypeError, ValueError } from "../../../engine/errors.js";
import { pyStr } from "../../../engine/format/py_repr.js";
import { Tensor } from "../../../engine/tensor/tensor.js";
import { currentFrontend, newDisplayId, publish } from "../publisher.js";
import { format_meter, format_num, meterParts } from "./format_meter.js";
import { htmlBar } from "./html_bar.js";

export interface TqdmOptions {
  /** Text before the bar: `desc: 45%|...`. */
  desc?: string;
  /** Expected number of iterations; default: the iterable's length or size, if it has one. */
  total?: number | null;
  /** Keep the finished bar (default true); false removes it on close. */
  leave?: boolean;
  /** What one iteration is called (`it`). */
  unit?: string;
  /** Seconds between redraws (0.1; plain lines when stderr is not a terminal: 1). */
  mininterval?: number;
  /** Draw nothing. */
  disable?: boolean;
  /** Starting count. */
  initial?: number;
  /** Line width in a terminal; default: the terminal's width. */
  ncols?: number;
}

/** tqdm's exponential moving average, bias-corrected (tqdm.std.EMA, smoothing 0.3). */
class EMA {
  private last = 0;
  private calls = 0;
  constructor(private readonly alpha = 0.3) {}
  add(x: number): number {
    this.last = this.alpha * x + (1 - this.alpha) * this.last;
    this.calls++;
    return this.value();
  }
  value(): number {
    return this.calls ? this.last / (1 - (1 - this.alpha) ** this.calls) : this.last;
  }
}

/** Where a bar draws: a notebook output, a terminal line, or lines in a log. */
interface Surface {
  draw(bar: Tqdm<unknown>, final: boolean): void;
  close(bar: Tqdm<unknown>, leave: boolean): void;
}

class NotebookSurface implements Surface {
  private readonly id = newDisplayId();
  private shown = false;
  draw(bar: Tqdm<unknown>, final: boolean): void {
    const parts = meterParts(bar.format_dict);
    const done = parts.frac === null ? final : parts.frac >= 1;
    const state = final ? (done ? "success" : "danger") : "running";
    publish({ "text/html": htmlBar(parts, state), "text/plain": bar.toString() }, {}, this.id, this.shown);
    this.shown = true;
  }
  close(bar: Tqdm<unknown>, leave: boolean): void {
    if (leave) this.draw(bar, true);
    else if (this.shown) publish({ "text/html": "", "text/plain": "" }, {}, this.id, true);
  }
}

/** Terminal bars being redrawn, for tqdm.write to step around. */
const liveLines = new Set<TerminalSurface>();

class TerminalSurface implements Surface {
  private lastLen = 0;
  private bar: Tqdm<unknown> | null = null;
  constructor(private readonly tty: boolean) {}
  draw(bar: Tqdm<unknown>): void {
    const line = bar.toString();
    if (!this.tty) {
      process.stderr.write(line + "\n");
      return;
    }
    this.bar = bar;
    liveLines.add(this);
    const len = [...line].length;
    process.stderr.write("\r" + line + " ".repeat(Math.max(this.lastLen - len, 0)));
    this.lastLen = len;
  }
  /** Blank the line (before tqdm.write prints). */
  clear(): void {
    process.stderr.write("\r" + " ".repeat(this.lastLen) + "\r");
    this.lastLen = 0;
  }
  redraw(): void {
    if (this.bar) this.draw(this.bar);
  }
  close(bar: Tqdm<unknown>, leave: boolean): void {
    liveLines.delete(this);
    if (leave) {
      this.draw(bar);
      liveLines.delete(this);
      if (this.tty) process.stderr.write("\n");
    } else if (this.tty) {
      this.clear();
    }
  }
}

/**
 * Print a line without breaking the progress bars (tqdm.write): in a terminal the bar's line is
 * blanked, the text printed, the bar drawn again below it.
 */
export function write(s: string, opts: { file?: "stdout" | "stderr"; end?: string } = {}): void {
  const live = [...liveLines];
  for (const l of live) l.clear();
  process[opts.file ?? "stdout"].write(String(s) + (opts.end ?? "\n"));
  for (const l of live) l.redraw();
}

/** A tensor iterates over its first dimension, as in Python (`t[0]`, `t[1]`, ...). */
function tensorRows(t: Tensor): Iterable<Tensor> & { length: number } {
  if (t.ndim === 0) throw new PyTypeError("iteration over a 0-d tensor");
  const length = t._shape[0]!;
  return {
    length,
    *[Symbol.iterator]() {
      for (let i = 0; i < length; i++) yield t.select(0, i);
    },
  };
}

/** The length tqdm takes as the total: len(iterable), or a size (typed arrays, Maps, Sets, tensors' first dimension). */
function lengthOf(it: unknown): number | null {
  if (it === null || typeof it !== "object") return typeof it === "string" ? [...it].length : null;
  const o = it as { length?: unknown; size?: unknown; shape?: unknown };
  if (typeof o.length === "number") return o.length;
  if (typeof o.size === "number") return o.size;
  if (Array.isArray(o.shape) && o.shape.length > 0 && typeof o.shape[0] === "number") return o.shape[0];
  return null;
}

export class Tqdm<T> implements IterableIterator<T> {
  n: number;
  total: number | null;
  desc: string;
  readonly unit: string;
  readonly leave: boolean;
  readonly disable: boolean;
  readonly mininterval: number;
  /** Iterations between redraws, as tqdm's: adapts to about one mininterval's worth. */
  miniters = 0;
  /** The count at which the clock is read next. */
  private checkN = 0;
  /** When the bar was last drawn (by a due redraw or by set_postfix/set_description). */
  private lastDrawT = 0;
  postfix = "";
  /** @internal */ last_print_n: number;
  /** @internal */ last_print_t: number;
  /** @internal */ readonly start_t: number;
  private readonly ncols: number | null;
  private readonly initial: number;
  private readonly emaDn = new EMA();
  private readonly emaDt = new EMA();
  private readonly emaMiniters = new EMA();
  private readonly surface: Surface | null;
  /** The iterable's iterator; null for arrays (items) and ranges (pos, stop, step). */
  private source: Iterator<T> | null = null;
  private items: readonly T[] | null = null;
  private pos = 0;
  private stop = 0;
  private step = 1;
  private started = false;
  /** Made without an iterable (`tqdm({total})`): counts update() calls and cannot be iterated. */
  private countsOnly = false;
  private closed = false;

  constructor(iterable?: Iterable<T> | null, opts: TqdmOptions = {}) {
    if (iterable instanceof Tensor) iterable = tensorRows(iterable) as Iterable<T>;
    else if (iterable != null && typeof (iterable as Iterable<T>)[Symbol.iterator] !== "function") {
      throw new PyTypeError(
        `tqdm() takes an iterable (an array, a range, a tensor...) and options, got ${typeof iterable}`,
      );
    }
    if (iterable instanceof TqdmRange)
      [this.pos, this.stop, this.step] = [iterable.start, iterable.stop, iterable.step];
    else if (Array.isArray(iterable)) this.items = iterable;
    else if (iterable != null) this.source = iterable[Symbol.iterator]();
    else this.countsOnly = true;
    this.total = opts.total !== undefined ? opts.total : iterable != null ? lengthOf(iterable) : null;
    this.desc = opts.desc ?? "";
    this.unit = opts.unit ?? "it";
    this.leave = opts.leave ?? true;
    this.disable = opts.disable ?? false;
    this.initial = opts.initial ?? 0;
    this.n = this.initial;
    const frontend = currentFrontend();
    const logLines = frontend.kind === "terminal" && !frontend.tty;
    this.mininterval = opts.mininterval ?? (logLines ? 1 : 0.1);
    this.ncols = opts.ncols ?? (frontend.kind === "terminal" && frontend.tty ? process.stderr.columns || 80 : null);
    this.surface = this.disable
      ? null
      : frontend.kind === "jupyter"
        ? new NotebookSurface()
        : new TerminalSurface(frontend.tty);
    this.start_t = this.last_print_t = this.lastDrawT = this.time();
    this.last_print_n = this.n;
    this.surface?.draw(this as Tqdm<unknown>, false);
  }

  private time(): number {
    return performance.now() / 1000;
  }

  [Symbol.iterator](): this {
    return this;
  }

  /**
   * One step of `for..of`: counts the iteration that just finished, as tqdm's loop does after its
   * yield. Arrays and ranges are walked by index here (no inner iterator), which keeps the step
   * small enough for V8 to inline into the loop.
   */
  next(): IteratorResult<T> {
    if (this.started) {
      if (++this.n >= this.checkN) this.tick();
    } else {
      this.started = true;
    }
    const pos = this.pos;
    if (this.items !== null) {
      if (pos < this.items.length) {
        this.pos = pos + 1;
        return { done: false, value: this.items[pos]! };
      }
      return this.finish();
    }
    if (this.source === null) {
      if (this.step > 0 ? pos < this.stop : pos > this.stop) {
        this.pos = pos + this.step;
        return { done: false, value: pos as T };
      }
      return this.finish();
    }
    const r = this.source.next();
    if (r.done) this.close();
    return r;
  }

  private finish(): IteratorResult<T> {
    if (this.countsOnly)
      throw new PyTypeError("this tqdm has no iterable: pass one (tqdm(data)), or count with update(n)");
    this.close();
    return { done: true, value: undefined };
  }

  /** `break` or an exception in the loop body: the bar closes where it stands. */
  return(value?: unknown): IteratorResult<T> {
    this.close();
    this.source?.return?.();
    return { done: true, value: value as T };
  }

  /** The clock check of a throttled redraw (tqdm's update() after its miniters test). */
  private tick(): void {
    const cur = this.time();
    const dt = cur - this.last_print_t;
    const dn = this.n - this.last_print_n;
    if (dt < this.mininterval) {
      // Not due: read the clock again after the iterations the rate so far says are left, at most dn more.
      const left = dt > 0 ? Math.ceil((dn * (this.mininterval - dt)) / dt) : dn;
      this.checkN = this.n + Math.max(1, Math.min(dn, left));
      return;
    }
    if (dt && dn) {
      this.emaDn.add(dn);
      this.emaDt.add(dt);
    }
    this.last_print_n = this.n;
    this.last_print_t = this.lastDrawT = cur;
    this.surface?.draw(this as Tqdm<unknown>, false);
    // About one mininterval's worth of iterations before the clock is read again.
    this.miniters = this.emaMiniters.add(dn * (this.mininterval && dt ? this.mininterval / dt : 1));
    this.checkN = this.n + Math.max(1, Math.floor(this.miniters));
  }

  /** Add `n` (default 1) to the count; redraws when due. */
  update(n = 1): void {
    if (this.closed) return;
    this.n += n;
    if (this.n >= this.checkN) this.tick();
  }

  /** Redraw now. */
  refresh(): void {
    if (this.closed) return;
    this.surface?.draw(this as Tqdm<unknown>, false);
  }

  /**
   * The redraw asked for by set_description/set_postfix: now if a mininterval has passed since the
   * last one, else at the next due redraw (tqdm redraws on every call, which in a notebook would
   * send one message per loop step when the postfix is set each step).
   */
  private refreshSoon(): void {
    if (this.closed) return;
    const cur = this.time();
    if (cur - this.lastDrawT < this.mininterval) return;
    this.lastDrawT = cur;
    this.surface?.draw(this as Tqdm<unknown>, false);
  }

  /** Change the description (`desc: ...`). */
  set_description(desc = "", refresh = true): void {
    this.desc = desc;
    if (refresh) this.refreshSoon();
  }

  /** Values shown after the rate: `set_postfix({loss: 0.25})` shows `loss=0.25` (numbers as tqdm's format_num). */
  set_postfix(postfix: Record<string, unknown> = {}, refresh = true): void {
    this.postfix = Object.entries(postfix)
      .map(([k, v]) => `${k}=${(typeof v === "number" ? format_num(v) : typeof v === "string" ? v : pyStr(v)).trim()}`)
      .join(", ");
    if (refresh) this.refreshSoon();
  }

  /** Postfix text as it is. */
  set_postfix_str(s = "", refresh = true): void {
    this.postfix = s;
    if (refresh) this.refreshSoon();
  }

  /** Final redraw (or removal with leave: false). Later updates are ignored. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.surface?.close(this as Tqdm<unknown>, this.leave);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** The counters tqdm formats (its format_dict): rate is the smoothed one. */
  get format_dict() {
    const dt = this.emaDt.value();
    return {
      n: this.n,
      total: this.total,
      elapsed: this.time() - this.start_t,
      ncols: this.ncols,
      prefix: this.desc,
      unit: this.unit,
      rate: dt ? this.emaDn.value() / dt : null,
      postfix: this.postfix,
      initial: this.initial,
    };
  }

  /** tqdm's line, e.g. `train:  45%|████▌     | 45/100 [00:01<00:01, 40.12it/s]`. */
  toString(): string {
    return format_meter(this.format_dict);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * A progress bar over `iterable` (tqdm's tqdm()): iterate it with for..of. Without an iterable,
 * `tqdm({total: 100})` counts `update(n)` calls.
 */
export const tqdm = Object.assign(
  function tqdm<T>(iterable?: Iterable<T> | null | TqdmOptions, opts: TqdmOptions = {}): Tqdm<T> {
    const isOpts =
      iterable != null &&
      typeof (iterable as Iterable<T>)[Symbol.iterator] !== "function" &&
      Object.getPrototypeOf(iterable) === Object.prototype;
    return isOpts
      ? new Tqdm<T>(null, iterable as TqdmOptions)
      : new Tqdm<T>(iterable as Iterable<T> | null | undefined, opts);
  },
  { write },
);

/** The range of a trange, walked by index inside the bar. */
class TqdmRange implements Iterable<number> {
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {}
  *[Symbol.iterator]() {
    for (let i = this.start; this.step > 0 ? i < this.stop : i > this.stop; i += this.step) yield i;
  }
}

/** `tqdm(range(...))`: `trange(n)`, `trange(start, stop[, step])`, with options last. */
export function trange(...args: (number | TqdmOptions)[]): Tqdm<number> {
  const opts = typeof args[args.length - 1] === "object" ? (args.pop() as TqdmOptions) : {};
  const nums = args as number[];
  if (nums.length < 1 || nums.length > 3 || nums.some((x) => typeof x !== "number")) {
    throw new PyTypeError("trange() takes 1 to 3 numbers (stop, or start, stop[, step]) and options");
  }
  const [start, stop, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
  if (![start, stop, step].every(Number.isInteger))
    throw new PyTypeError("'float' object cannot be interpreted as an integer");
  if (step === 0) throw new ValueError("trange() arg 3 must not be zero");
  const length = Math.max(0, Math.ceil((stop - start) / step));
  return new Tqdm<number>(new TqdmRange(start, stop, step), { total: length, ...opts });
}
