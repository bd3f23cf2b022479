/**
 * The REPL's line editor: one entry at a time, which may span lines, as IPython's prompt_toolkit
 * prompt edits it. Node's readline edits single lines only; IPython's behaviour needs a buffer
 * of several lines with one prompt, history walked by entry, and paste kept as one entry.
 *
 *   keys                       what they do
 *   Enter                      run the entry if the session says it is complete, else a new line, indented
 *   Alt-Enter                  a new line without running
 *   Up / Down                  move between the entry's lines; on its first/last line walk the history
 *                              (entries that start with what is typed before the cursor, as IPython)
 *   Ctrl-R                     search the history backwards (again: older match; Enter/arrows accept, Ctrl-G cancels)
 *   Tab                        complete (the session's completion); several matches are listed
 *   Ctrl-C                     clear the entry;  Ctrl-D on an empty entry: leave
 *   Left Right Home End Ctrl-A Ctrl-E Ctrl-B Ctrl-F Alt-B Alt-F Backspace Delete Ctrl-K Ctrl-U Ctrl-W Ctrl-L
 *   bracketed paste            inserted as typed text, newlines included, never run by itself
 *
 * Drawing: the entry is redrawn whole after each key (clear from its first row, write, put the
 * cursor back), which keeps wrapped and multi-line entries right at any terminal width.
 */
import { emitKeypressEvents } from "node:readline";
import { stringWidth } from "./text_width.js";

export interface Key {
  name?: string;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  sequence?: string;
}

export interface EditorHooks {
  /** Whether the entry is complete (run it) or needs more lines (and with which indent). */
  isComplete(text: string): { status: string; indent?: string };
  /** Completions at a cursor offset (UTF-16): replacements for text[start, end). */
  complete(text: string, cursor: number): { matches: string[]; start: number; end: number };
  /** Ctrl-C while no entry is being read: a cell is running. */
  onInterruptKey?(): void;
}

export type ReadResult = { kind: "entry"; text: string } | { kind: "eof" };

export interface PromptStyle {
  /** `In [3]: `, possibly coloured; `width` is what it takes on screen. */
  first: string;
  continuation: string;
  width: number;
}

/** One indent level, as the session's is-complete check suggests it (two spaces per open bracket). */
const INDENT = "  ";

export class LineEditor {
  /** Entries, oldest first. */
  history: string[] = [];
  private text = "";
  private cursor = 0;
  private prompt: PromptStyle = { first: "", continuation: "", width: 0 };
  /** Rows from the entry's first row to the terminal cursor, as last drawn. */
  private cursorRow = 0;
  private pasting = false;
  private historyAt = -1;
  private historyPrefix = "";
  private draft = "";
  private search: { query: string; at: number; failed: boolean } | null = null;
  private done: ((r: ReadResult) => void) | null = null;
  /** Keys that came while no entry was being read (typed ahead during a cell): replayed by the next read(). */
  private pending: [string | undefined, Key][] = [];
  /** input() in a running cell has the terminal (cooked mode): keys are its. */
  private suspended = false;
  private readonly onKey = (s: string | undefined, k: Key | undefined) => {
    if (this.done) this.key(s, k ?? {});
    else if (this.suspended) return;
    else if (k?.ctrl && k.name === "c") this.hooks.onInterruptKey?.();
    else this.pending.push([s, k ?? {}]);
  };
  private readonly onResize = () => this.render();

  constructor(
    private readonly input: NodeJS.ReadStream,
    private readonly output: NodeJS.WriteStream,
    private readonly hooks: EditorHooks,
  ) {
    emitKeypressEvents(input);
    // One listener for good: a chunk of typed-ahead keys is emitted key by key, and keys after an
    // Enter that ends an entry must wait for the next read, not be dropped.
    input.on("keypress", this.onKey);
  }

  /** Edit one entry after `prompt`; resolves when it is submitted (or Ctrl-D on an empty entry). */
  read(prompt: PromptStyle, initial = ""): Promise<ReadResult> {
    this.prompt = prompt;
    this.text = initial;
    this.cursor = initial.length;
    this.cursorRow = 0;
    this.historyAt = -1;
    this.search = null;
    this.input.setRawMode(true);
    this.input.resume();
    // Bracketed paste: the terminal marks pasted text, so its newlines do not run it.
    this.output.write("\x1b[?2004h");
    this.output.on("resize", this.onResize);
    this.render();
    const result = new Promise<ReadResult>((resolve) => (this.done = resolve));
    while (this.done && this.pending.length) {
      const [s, k] = this.pending.shift()!;
      this.key(s, k);
    }
    return result;
  }

  private finish(r: ReadResult): void {
    this.output.off("resize", this.onResize);
    this.output.write("\x1b[?2004l");
    // NOTE: the terminal stays in raw mode while the entry runs, so Ctrl-C is a key for us alone
    // (kernel/session/interrupt_worker.ts), not SIGINT to npm and its shell as well.
    const done = this.done;
    this.done = null;
    done?.(r);
  }

  /** Keys typed while a cell ran, read by the interrupt worker: the next read() gets them. */
  typed(text: string): void {
    for (const ch of text) {
      const name = ch === "\r" || ch === "\n" ? "return" : ch === "\t" ? "tab" : ch === "\x7f" ? "backspace" : ch;
      this.onKey(ch, { name, sequence: ch });
    }
  }

  /** Give the terminal to `fn` in cooked mode (input() in a cell), then take it back. */
  async suspendFor<T>(fn: () => Promise<T>): Promise<T> {
    this.suspended = true;
    this.input.setRawMode(false);
    try {
      return await fn();
    } finally {
      this.input.setRawMode(true);
      this.suspended = false;
    }
  }

  /** Stop listening (the REPL is leaving). */
  close(): void {
    this.input.off("keypress", this.onKey);
    if (this.input.isTTY) this.input.setRawMode(false);
    this.input.pause();
  }

  // ------------------------------------------------------------------ drawing

  private get columns(): number {
    return this.output.columns || 80;
  }

  /** Screen rows and the end column of a line of `width` cells starting at column 0. */
  private rowsOf(width: number): number {
    return width === 0 ? 1 : Math.ceil(width / this.columns);
  }

  private render(): void {
    const cols = this.columns;
    let out = "";
    if (this.cursorRow > 0) out += `\x1b[${this.cursorRow}A`;
    out += "\r\x1b[J";
    const lines = this.search ? [this.searchLine()] : this.text.split("\n");
    const prefixWidth = this.search ? 0 : this.prompt.width;
    let row = 0,
      curRow = 0,
      curCol = 0;
    const before = this.search ? null : this.text.slice(0, this.cursor).split("\n");
    lines.forEach((line, i) => {
      if (i > 0) out += "\r\n";
      out += (this.search ? "" : i === 0 ? this.prompt.first : this.prompt.continuation) + line;
      const w = prefixWidth + stringWidth(line);
      if (before && i === before.length - 1) {
        const c = prefixWidth + stringWidth(before[i]!);
        curRow = row + Math.floor(c / cols);
        curCol = c % cols;
      }
      row += this.rowsOf(w);
    });
    // The end of the drawing; a last line that exactly fills its row leaves the cursor waiting to
    // wrap, so make the wrap happen and count the new row.
    const lastWidth = prefixWidth + stringWidth(lines[lines.length - 1]!);
    let endRow = row - 1;
    if (lastWidth > 0 && lastWidth % cols === 0) {
      out += " \r\x1b[K";
      endRow = row;
    }
    if (this.search) {
      curRow = endRow;
      curCol = lastWidth % cols;
    }
    if (endRow > curRow) out += `\x1b[${endRow - curRow}A`;
    out += "\r";
    if (curCol > 0) out += `\x1b[${curCol}C`;
    this.cursorRow = curRow;
    this.output.write(out);
  }

  private searchLine(): string {
    const s = this.search!;
    const match = s.at >= 0 ? this.history[s.at]!.replace(/\n/g, " ") : "";
    return `(${s.failed ? "failed " : ""}reverse-i-search)\`${s.query}': ${match}`;
  }

  /** Leave the drawing with the cursor after its last row (before output or a new prompt). */
  private moveBelow(): void {
    const cols = this.columns;
    const lines = this.text.split("\n");
    let rows = 0;
    lines.forEach((l) => (rows += this.rowsOf(this.prompt.width + stringWidth(l))));
    const down = rows - 1 - this.cursorRow;
    this.output.write((down > 0 ? `\x1b[${down}B` : "") + "\r\n");
    this.cursorRow = 0;
    void cols;
  }

  // ------------------------------------------------------------------ keys

  private insert(s: string): void {
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor);
    this.cursor += s.length;
  }

  private lineStart(at = this.cursor): number {
    return this.text.lastIndexOf("\n", at - 1) + 1;
  }

  private lineEnd(at = this.cursor): number {
    const e = this.text.indexOf("\n", at);
    return e < 0 ? this.text.length : e;
  }

  private key(s: string | undefined, k: Key): void {
    if (this.search) return this.searchKey(s, k);
    const name = k.name;
    if (name === "paste-start") {
      this.pasting = true;
      return;
    }
    if (name === "paste-end") {
      this.pasting = false;
      this.render();
      return;
    }
    if (this.pasting) {
      // Pasted text: newlines and tabs as they are, nothing run, no auto-indent.
      if (name === "return" || name === "enter") this.insert("\n");
      else if (name === "tab") this.insert("\t");
      else if (s && !k.ctrl && !k.meta) this.insert(s.replace(/\r\n?/g, "\n"));
      return;
    }
    if (k.ctrl) {
      switch (name) {
        case "c":
          this.text = "";
          this.cursor = 0;
          this.historyAt = -1;
          return this.render();
        case "d":
          if (this.text === "") {
            this.output.write("\r\n");
            return this.finish({ kind: "eof" });
          }
          this.text = this.text.slice(0, this.cursor) + this.text.slice(this.cursor + 1);
          return this.render();
        case "a":
          this.cursor = this.lineStart();
          return this.render();
        case "e":
          this.cursor = this.lineEnd();
          return this.render();
        case "b":
          this.cursor = Math.max(0, this.cursor - 1);
          return this.render();
        case "f":
          this.cursor = Math.min(this.text.length, this.cursor + 1);
          return this.render();
        case "k":
          this.text = this.text.slice(0, this.cursor) + this.text.slice(this.lineEnd());
          return this.render();
        case "u": {
          const st = this.lineStart();
          this.text = this.text.slice(0, st) + this.text.slice(this.cursor);
          this.cursor = st;
          return this.render();
        }
        case "w": {
          const st = this.wordLeft();
          this.text = this.text.slice(0, st) + this.text.slice(this.cursor);
          this.cursor = st;
          return this.render();
        }
        case "l":
          this.output.write("\x1b[H\x1b[2J");
          this.cursorRow = 0;
          return this.render();
        case "r":
          this.search = { query: "", at: -1, failed: false };
          return this.render();
        case "p":
          return this.up();
        case "n":
          return this.down();
        case "left":
          this.cursor = this.wordLeft();
          return this.render();
        case "right":
          this.cursor = this.wordRight();
          return this.render();
        case "j":
        case "m":
          return this.enter(false);
        case "o":
          this.insert("\n");
          return this.render();
      }
      return;
    }
    if (k.meta) {
      switch (name) {
        case "return":
        case "enter":
          this.insert("\n");
          return this.render();
        case "b":
        case "left":
          this.cursor = this.wordLeft();
          return this.render();
        case "f":
        case "right":
          this.cursor = this.wordRight();
          return this.render();
        case "backspace": {
          const st = this.wordLeft();
          this.text = this.text.slice(0, st) + this.text.slice(this.cursor);
          this.cursor = st;
          return this.render();
        }
      }
      return;
    }
    switch (name) {
      case "return":
      case "enter":
        return this.enter(false);
      case "backspace": {
        if (this.cursor === 0) return;
        // Inside the indent, delete back to the previous indent stop, as IPython does.
        const st = this.lineStart();
        const lead = this.text.slice(st, this.cursor);
        const n = /^ +$/.test(lead)
          ? ((lead.length - 1) % INDENT.length) + 1
          : this.cursor >= 2 && /[\uD800-\uDBFF]/.test(this.text[this.cursor - 2]!)
            ? 2
            : 1;
        this.text = this.text.slice(0, this.cursor - n) + this.text.slice(this.cursor);
        this.cursor -= n;
        return this.render();
      }
      case "delete":
        this.text = this.text.slice(0, this.cursor) + this.text.slice(this.cursor + 1);
        return this.render();
      case "left":
        this.cursor = Math.max(0, this.cursor - 1);
        return this.render();
      case "right":
        this.cursor = Math.min(this.text.length, this.cursor + 1);
        return this.render();
      case "home":
        this.cursor = this.lineStart();
        return this.render();
      case "end":
        this.cursor = this.lineEnd();
        return this.render();
      case "up":
        return this.up();
      case "down":
        return this.down();
      case "tab":
        return this.tab();
    }
    if (!s || s.length === 0 || /[\x00-\x1f\x7f]/.test(s)) return;
    // `}` as the first thing on an indented line closes a block: one indent back.
    if (s === "}" && /^ +$/.test(this.text.slice(this.lineStart(), this.cursor))) {
      const st = this.lineStart();
      const cut = Math.min(INDENT.length, this.cursor - st);
      this.text = this.text.slice(0, this.cursor - cut) + this.text.slice(this.cursor);
      this.cursor -= cut;
    }
    this.insert(s);
    this.render();
  }

  private wordLeft(): number {
    let i = this.cursor;
    while (i > 0 && !/\w/.test(this.text[i - 1]!)) i--;
    while (i > 0 && /\w/.test(this.text[i - 1]!)) i--;
    return i;
  }

  private wordRight(): number {
    let i = this.cursor;
    while (i < this.text.length && !/\w/.test(this.text[i]!)) i++;
    while (i < this.text.length && /\w/.test(this.text[i]!)) i++;
    return i;
  }

  private enter(_forceNewline: boolean): void {
    const status = this.text.trim() === "" ? { status: "complete" } : this.hooks.isComplete(this.text);
    if (status.status !== "incomplete") {
      this.cursor = this.text.length;
      this.render();
      this.moveBelow();
      return this.finish({ kind: "entry", text: this.text });
    }
    // Incomplete: a new line, indented as the session suggests (one level per open bracket).
    const line = this.text.slice(this.lineStart(), this.cursor);
    const indent = status.indent ?? /^\s*/.exec(line)![0];
    this.insert("\n" + indent);
    this.render();
  }

  private up(): void {
    const st = this.lineStart();
    if (st > 0 && this.historyAt === -1) {
      const col = this.cursor - st;
      const prevStart = this.lineStart(st - 1);
      this.cursor = Math.min(prevStart + col, st - 1);
      return this.render();
    }
    if (this.historyAt === -1) {
      this.draft = this.text;
      this.historyPrefix = this.text.slice(0, this.cursor);
    }
    for (let i = (this.historyAt === -1 ? this.history.length : this.historyAt) - 1; i >= 0; i--) {
      const h = this.history[i]!;
      if (h.startsWith(this.historyPrefix) && h !== this.text) return this.recall(i);
    }
  }

  /** Show history entry `i` in place of the text, the cursor at its end. */
  private recall(i: number): void {
    this.historyAt = i;
    this.text = this.history[i]!;
    this.cursor = this.text.length;
    this.render();
  }

  private down(): void {
    const end = this.lineEnd();
    if (end < this.text.length && this.historyAt === -1) {
      const col = this.cursor - this.lineStart();
      const nextEnd = this.lineEnd(end + 1);
      this.cursor = Math.min(end + 1 + col, nextEnd);
      return this.render();
    }
    if (this.historyAt === -1) return;
    for (let i = this.historyAt + 1; i < this.history.length; i++) {
      const h = this.history[i]!;
      if (h.startsWith(this.historyPrefix) && h !== this.text) return this.recall(i);
    }
    this.historyAt = -1;
    this.text = this.draft;
    this.cursor = this.text.length;
    this.render();
  }

  private searchFrom(from: number): void {
    const s = this.search!;
    for (let i = from; i >= 0; i--) {
      if (s.query && this.history[i]!.includes(s.query)) {
        s.at = i;
        s.failed = false;
        return;
      }
    }
    s.failed = s.query !== "";
  }

  private searchKey(str: string | undefined, k: Key): void {
    const s = this.search!;
    if (k.ctrl && k.name === "r") {
      this.searchFrom((s.at < 0 ? this.history.length : s.at) - 1);
      return this.render();
    }
    if (k.ctrl && (k.name === "g" || k.name === "c")) {
      this.search = null;
      return this.render();
    }
    if (k.name === "backspace") {
      s.query = s.query.slice(0, -1);
      s.at = -1;
      this.searchFrom(this.history.length - 1);
      return this.render();
    }
    if (
      str &&
      !k.ctrl &&
      !k.meta &&
      k.name !== "return" &&
      k.name !== "enter" &&
      k.name !== "escape" &&
      !/[\x00-\x1f\x7f]/.test(str) &&
      str.length >= 1 &&
      !k.name?.match(/^(up|down|left|right|home|end|tab)$/)
    ) {
      s.query += str;
      this.searchFrom(s.at < 0 ? this.history.length - 1 : s.at);
      return this.render();
    }
    // Anything else accepts the match into the entry, then acts as usual (Enter runs it).
    if (s.at >= 0) {
      this.text = this.history[s.at]!;
      this.cursor = this.text.length;
    }
    this.search = null;
    this.render();
    if (k.name === "return" || k.name === "enter") this.enter(false);
  }

  private tab(): void {
    const before = this.text.slice(this.lineStart(), this.cursor);
    // At the start of a line (or after only spaces) Tab indents, as in IPython.
    if (/^\s*$/.test(before)) {
      this.insert(INDENT.slice(before.length % INDENT.length));
      return this.render();
    }
    let r: { matches: string[]; start: number; end: number };
    try {
      r = this.hooks.complete(this.text, this.cursor);
    } catch {
      return;
    }
    const matches = [...new Set(r.matches)];
    if (matches.length === 0) return;
    const typed = this.text.slice(r.start, r.end);
    const common = matches.length === 1 ? matches[0]! : commonPrefix(matches);
    if (common.length > typed.length || matches.length === 1) {
      this.text = this.text.slice(0, r.start) + common + this.text.slice(r.end);
      this.cursor = r.start + common.length;
      return this.render();
    }
    // Several matches and nothing more in common: list them under the entry, then draw it again.
    this.moveBelow();
    this.output.write(columnize(matches, this.columns).replace(/\n/g, "\r\n"));
    this.render();
  }
}

function commonPrefix(items: string[]): string {
  let p = items[0]!;
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Matches in columns across the terminal, as readline lists them. */
export function columnize(items: string[], width: number): string {
  const shown = items.slice(0, 200);
  const w = Math.max(...shown.map((s) => stringWidth(s))) + 2;
  const perRow = Math.max(1, Math.floor(width / w));
  let out = "";
  shown.forEach((s, i) => {
    out += s + (i % perRow === perRow - 1 || i === shown.length - 1 ? "\n" : " ".repeat(w - stringWidth(s)));
  });
  if (items.length > shown.length) out += `... and ${items.length - shown.length} more\n`;
  return out;
}
