/**
 * Positions: Jupyter counts Unicode code points, TypeScript counts UTF-16 units, people read
 * 1-based lines and columns. And the shadow text: the user's cell with type assertions inserted
 * (see typing_pass.ts), mapped back to the user's offsets.
 */

/** UTF-16 offset of the `cp`-th code point of `text` (clamped to the end). */
export function codePointToUtf16(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

/** Number of code points in `text` before UTF-16 offset `offset`. */
export function utf16ToCodePoint(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return n;
}

/** 1-based line and column (column in code points) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1,
    start = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: utf16ToCodePoint(text.slice(start), offset - start) + 1 };
}

/** A text inserted into the user's code at `at`, belonging to a wrapped span of length `span`. */
export interface Insertion {
  at: number;
  text: string;
  span: number;
  closing: boolean;
}

/**
 * The user's text with insertions. At one offset, closings come first (innermost span first),
 * then openings (outermost span first), so nested wraps stay balanced. Insertions never contain
 * newlines, so line numbers are the same in both texts.
 */
export class ShadowText {
  readonly text: string;
  /** [shadowStart, shadowEnd, userOffset] of each inserted piece, in order. */
  private readonly pieces: [number, number, number][] = [];

  constructor(
    readonly user: string,
    readonly insertions: readonly Insertion[] = [],
  ) {
    const sorted = [...insertions].sort(
      (a, b) => a.at - b.at || Number(b.closing) - Number(a.closing) || (a.closing ? a.span - b.span : b.span - a.span),
    );
    let out = "",
      last = 0;
    for (const ins of sorted) {
      out += user.slice(last, ins.at);
      last = ins.at;
      this.pieces.push([out.length, out.length + ins.text.length, ins.at]);
      out += ins.text;
    }
    this.text = out + user.slice(last);
  }

  /** The user offset of a shadow offset (inside an inserted piece: the piece's anchor). */
  toUser(pos: number): number {
    let shift = 0;
    for (const [s, e, at] of this.pieces) {
      if (pos < s) break;
      if (pos < e) return at;
      shift += e - s;
    }
    return pos - shift;
  }

  /** The shadow offset of a user offset (before any insertion anchored there). */
  toShadow(pos: number): number {
    let shift = 0;
    for (const [s, e, at] of this.pieces) {
      if (at >= pos) break;
      shift += e - s;
    }
    return pos + shift;
  }

  with(more: readonly Insertion[]): ShadowText {
    return new ShadowText(this.user, [...this.insertions, ...more]);
  }
}
