/**
 * Source map v3 lookups (generated line/column -> source line/column), enough to point a stack
 * frame in emitted code back at the cell line. Lines and columns are 0-based here.
 */

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Map([...B64].map((c, i) => [c, i]));

/** Per generated line: segments [generatedColumn, sourceLine, sourceColumn], sorted by column. */
export type DecodedMap = [number, number, number][][];

export function decodeMappings(mappings: string): DecodedMap {
  const lines: DecodedMap = [];
  let srcLine = 0,
    srcCol = 0,
    srcIdx = 0,
    name = 0;
  for (const lineText of mappings.split(";")) {
    const segs: [number, number, number][] = [];
    let genCol = 0;
    for (const seg of lineText.split(",")) {
      if (!seg) continue;
      const v: number[] = [];
      let value = 0,
        shift = 0;
      for (const c of seg) {
        const d = VALUE.get(c)!;
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          v.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += v[0];
      if (v.length >= 4) {
        srcIdx += v[1];
        srcLine += v[2];
        srcCol += v[3];
        if (v.length >= 5) name += v[4];
        segs.push([genCol, srcLine, srcCol]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

/** The source position of a generated position: the last segment at or before it on that line. */
export function originalPosition(
  map: DecodedMap,
  line: number,
  column: number,
): { line: number; column: number } | null {
  for (let l = line; l >= 0 && l >= line - 1; l--) {
    const segs = map[l];
    if (!segs?.length) continue;
    let best = l === line ? null : segs[segs.length - 1];
    if (l === line)
      for (const s of segs) {
        if (s[0] <= column) best = s;
        else break;
      }
    if (!best && l === line) best = segs[0];
    if (best) return { line: best[1], column: best[2] };
  }
  return null;
}
