/**
 * IPython's pretty printer (IPython/lib/pretty.py), which makes a cell's `Out[n]` text: a list,
 * tuple or dict that fits in 79 columns stays on one line, a longer one breaks after its commas,
 * outermost groups first, and a multi-line repr inside a container (a tensor) keeps the
 * container's indentation:
 *
 *   ['backward',                      {'a': tensor([[1., 1.],
 *    'data',                                   [1., 1.]])}
 *    ...]
 *
 * The layout is IPython's algorithm, quirks included (flush() adds a printable's end column to
 * the output width rather than setting it), so long outputs break where IPython breaks them.
 * Values choose how they print through `pyRepr` (engine/format/py_repr.ts); this file only lays
 * out containers.
 */
import { isTuple, pyRepr } from "../../engine/format/py_repr.js";

const MAX_WIDTH = 79;
const MAX_SEQ_LENGTH = 1000;

/** Python's len() of a string: code points. */
const width = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

class Group {
  readonly breakables: Breakable[] = [];
  wantBreak = false;
  constructor(readonly depth: number) {}
}

class Text {
  readonly parts: string[] = [];
  width = 0;
  output(out: string[], column: number): number {
    out.push(...this.parts);
    return column + this.width;
  }
}

class Breakable {
  readonly indentation: number;
  readonly group: Group;
  constructor(
    readonly sep: string,
    readonly width: number,
    private readonly printer: PrettyPrinter,
  ) {
    this.indentation = printer.indentation;
    this.group = printer.currentGroup;
    this.group.breakables.push(this);
  }
  output(out: string[], column: number): number {
    this.group.breakables.shift();
    if (this.group.wantBreak) {
      out.push("\n", " ".repeat(this.indentation));
      return this.indentation;
    }
    if (!this.group.breakables.length) this.printer.queue.remove(this.group);
    out.push(this.sep);
    return column + this.width;
  }
}

/** Groups by depth; the shallowest group with breakables is broken first. */
class GroupQueue {
  private readonly byDepth: Group[][] = [];
  enq(group: Group): void {
    while (group.depth > this.byDepth.length - 1) this.byDepth.push([]);
    this.byDepth[group.depth].push(group);
  }
  deq(): Group | undefined {
    for (const stack of this.byDepth) {
      // NOTE: IPython walks the stack reversed but deletes at the same index from the front.
      const reversed = [...stack].reverse();
      for (let idx = 0; idx < reversed.length; idx++) {
        const group = reversed[idx];
        if (group.breakables.length) {
          stack.splice(idx, 1);
          group.wantBreak = true;
          return group;
        }
      }
      for (const group of stack) group.wantBreak = true;
      stack.length = 0;
    }
    return undefined;
  }
  remove(group: Group): void {
    const stack = this.byDepth[group.depth];
    const i = stack ? stack.indexOf(group) : -1;
    if (i >= 0) stack.splice(i, 1);
  }
}

class PrettyPrinter {
  readonly out: string[] = [];
  indentation = 0;
  readonly queue = new GroupQueue();
  private readonly stack: Group[] = [new Group(0)];
  private readonly buffer: (Text | Breakable)[] = [];
  private outputWidth = 0;
  private bufferWidth = 0;

  constructor() {
    this.queue.enq(this.stack[0]);
  }

  get currentGroup(): Group {
    return this.stack[this.stack.length - 1];
  }

  text(s: string): void {
    const w = width(s);
    if (this.buffer.length) {
      let last = this.buffer[this.buffer.length - 1];
      if (!(last instanceof Text)) {
        last = new Text();
        this.buffer.push(last);
      }
      last.parts.push(s);
      last.width += w;
      this.bufferWidth += w;
      this.breakOuterGroups();
    } else {
      this.out.push(s);
      this.outputWidth += w;
    }
  }

  breakable(sep = " "): void {
    if (this.currentGroup.wantBreak) {
      this.flush();
      this.out.push("\n", " ".repeat(this.indentation));
      this.outputWidth = this.indentation;
      this.bufferWidth = 0;
    } else {
      this.buffer.push(new Breakable(sep, width(sep), this));
      this.bufferWidth += width(sep);
      this.breakOuterGroups();
    }
  }

  /** A newline that must be there (a multi-line repr), at the current indentation. */
  break_(): void {
    const group = this.queue.deq();
    if (group) this.breakOneGroup(group);
    this.flush();
    this.out.push("\n", " ".repeat(this.indentation));
    this.outputWidth = this.indentation;
    this.bufferWidth = 0;
  }

  beginGroup(indent = 0, open = ""): void {
    if (open) this.text(open);
    const group = new Group(this.currentGroup.depth + 1);
    this.stack.push(group);
    this.queue.enq(group);
    this.indentation += indent;
  }

  endGroup(dedent = 0, close = ""): void {
    this.indentation -= dedent;
    const group = this.stack.pop()!;
    if (!group.breakables.length) this.queue.remove(group);
    if (close) this.text(close);
  }

  flush(): void {
    // NOTE: IPython adds the printable's end column (not its width): kept for identical breaks.
    for (const p of this.buffer) this.outputWidth += p.output(this.out, this.outputWidth);
    this.buffer.length = 0;
    this.bufferWidth = 0;
  }

  private breakOneGroup(group: Group): void {
    while (group.breakables.length) {
      const x = this.buffer.shift()!;
      this.outputWidth = x.output(this.out, this.outputWidth);
      this.bufferWidth -= x.width;
    }
    while (this.buffer.length && this.buffer[0] instanceof Text) {
      const x = this.buffer.shift()!;
      this.outputWidth = x.output(this.out, this.outputWidth);
      this.bufferWidth -= x.width;
    }
  }

  private breakOuterGroups(): void {
    while (MAX_WIDTH < this.outputWidth + this.bufferWidth) {
      const group = this.queue.deq();
      if (!group) return;
      this.breakOneGroup(group);
    }
  }

  pretty(v: unknown, seen: unknown[] = []): void {
    this.beginGroup();
    try {
      const cycle = typeof v === "object" && v !== null && seen.includes(v);
      const inner = typeof v === "object" && v !== null ? [...seen, v] : seen;
      if (hasPretty(v)) this.repr(v._reprPretty());
      else if (Array.isArray(v) && !hasCustomRepr(v))
        this.sequence(v, isTuple(v) ? "(" : "[", isTuple(v) ? ")" : "]", cycle, inner);
      else if (v instanceof Map) this.dict([...v.entries()], cycle, inner);
      else if (isPlainObject(v)) this.dict(Object.entries(v), cycle, inner);
      else this.repr(pyRepr(v));
    } finally {
      this.endGroup();
    }
  }

  private sequence(items: readonly unknown[], open: string, close: string, cycle: boolean, seen: unknown[]): void {
    if (cycle) return this.text(`${open}...${close}`);
    this.beginGroup(open.length, open);
    this.items(items.length, (i) => this.pretty(items[i], seen));
    if (items.length === 1 && open === "(") this.text(",");
    this.endGroup(open.length, close);
  }

  private dict(entries: readonly (readonly [unknown, unknown])[], cycle: boolean, seen: unknown[]): void {
    if (cycle) return this.text("{...}");
    this.beginGroup(1, "{");
    this.items(entries.length, (i) => {
      this.pretty(entries[i][0], seen);
      this.text(": ");
      this.pretty(entries[i][1], seen);
    });
    this.endGroup(1, "}");
  }

  /** `count` items separated by `,` and a breakable; past MAX_SEQ_LENGTH, `...` (IPython's _enumerate). */
  private items(count: number, each: (i: number) => void): void {
    for (let i = 0; i < count; i++) {
      if (i) {
        this.text(",");
        this.breakable();
      }
      if (i >= MAX_SEQ_LENGTH) {
        this.text("...");
        return;
      }
      each(i);
    }
  }

  /** IPython's _repr_pprint: a repr's lines, joined by forced breaks at the current indentation. */
  private repr(text: string): void {
    this.beginGroup();
    text.split("\n").forEach((line, i) => {
      if (i) this.break_();
      this.text(line);
    });
    this.endGroup();
  }
}

/** Graph nodes print as IPython prints objects without a repr of their own: `<AddBackward0 at 0x...>`. */
type Pretty = { _reprPretty(): string };
export const hasPretty = (v: unknown): v is Pretty =>
  typeof v === "object" && v !== null && typeof (v as Pretty)._reprPretty === "function";
export const hasCustomRepr = (v: object): boolean =>
  typeof (v as Record<symbol, unknown>)[Symbol.for("nodejs.util.inspect.custom")] === "function";
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype && !hasCustomRepr(v);

/** IPython's `pretty(v)`: the text of `Out[n]` for Python-like values. */
export function pretty(v: unknown): string {
  const p = new PrettyPrinter();
  p.pretty(v);
  p.flush();
  return p.out.join("");
}
