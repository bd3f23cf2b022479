/**
 * The zip container of PyTorch's files (caffe2/serialize/inline_container.cc): a writer of
 * stored (uncompressed) entries whose data starts on a 64-byte boundary, padded through an
 * extra field with id "FB" as PyTorch pads it, and a reader for any plain zip (stored or
 * deflated entries, zip64 sizes and offsets) that finds entries through the central directory.
 */
import { inflateRawSync } from "node:zlib";
import { RuntimeError } from "../errors.js";

/** Why a file could not be read as a zip archive, in PyTorch's words where it has them (a RuntimeError there). */
export class ZipError extends RuntimeError {}

const ALIGN = 64;
const LOCAL = 0x04034b50,
  CENTRAL = 0x02014b50,
  EOCD = 0x06054b50,
  EOCD64 = 0x06064b50,
  EOCD64_LOC = 0x07064b50;

let crcTable: Uint32Array | null = null;
/** CRC-32 (the zip polynomial 0xEDB88320). */
export function crc32(b: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = crcTable[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Entries (name, bytes) in order, as one zip archive of stored entries. */
export function writeZip(entries: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  const te = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = te.encode(name);
    const crc = crc32(data);
    // Pad through an "FB" extra field so the data starts 64-byte aligned (as PyTorchStreamWriter).
    const pad = (ALIGN - ((offset + 30 + nameBytes.length + 4) % ALIGN)) % ALIGN;
    const extra = new Uint8Array(4 + pad);
    extra.set([0x46, 0x42, pad & 0xff, pad >> 8]);
    extra.fill(0x5a, 4); // "Z"
    const local = new Uint8Array(30 + nameBytes.length + extra.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL, true);
    lv.setUint16(4, 20, true); // version needed
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, 0, true); // stored
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    lv.setUint16(28, extra.length, true);
    local.set(nameBytes, 30);
    local.set(extra, 30 + nameBytes.length);
    const c = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, CENTRAL, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    c.set(nameBytes, 46);
    central.push(c);
    parts.push(local, data);
    offset += local.length + data.length;
  }
  const cdSize = central.reduce((a, b) => a + b.length, 0);
  if (offset + cdSize >= 0xffffffff || entries.length >= 0xffff)
    throw new ZipError("archive too large for a zip without zip64 (over 4 GB)");
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, EOCD, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + end.length);
  let at = 0;
  for (const p of [...parts, ...central, end]) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A zip archive opened for reading: entry names in archive order, and their bytes. */
export class ZipReader {
  readonly names: string[] = [];
  private readonly entries = new Map<string, { method: number; size: number; csize: number; local: number }>();

  constructor(private readonly bytes: Uint8Array) {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
      if (v.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    if (eocd < 0)
      throw new ZipError("PytorchStreamReader failed reading zip archive: failed finding central directory");
    let count = v.getUint16(eocd + 10, true);
    let cdOffset = v.getUint32(eocd + 16, true);
    if ((cdOffset === 0xffffffff || count === 0xffff) && eocd >= 20 && v.getUint32(eocd - 20, true) === EOCD64_LOC) {
      const z64 = Number(v.getBigUint64(eocd - 12, true));
      if (v.getUint32(z64, true) !== EOCD64)
        throw new ZipError("PytorchStreamReader failed reading zip archive: invalid zip64 end of central directory");
      count = Number(v.getBigUint64(z64 + 32, true));
      cdOffset = Number(v.getBigUint64(z64 + 48, true));
    }
    const td = new TextDecoder();
    let p = cdOffset;
    for (let e = 0; e < count; e++) {
      if (v.getUint32(p, true) !== CENTRAL)
        throw new ZipError("PytorchStreamReader failed reading zip archive: corrupt central directory");
      const method = v.getUint16(p + 10, true);
      let csize = v.getUint32(p + 20, true),
        size = v.getUint32(p + 24, true);
      const nameLen = v.getUint16(p + 28, true),
        extraLen = v.getUint16(p + 30, true),
        commentLen = v.getUint16(p + 32, true);
      let local = v.getUint32(p + 42, true);
      const name = td.decode(bytes.subarray(p + 46, p + 46 + nameLen));
      // zip64 extra field (id 1): the 64-bit values, in order, of the fields that are 0xffffffff
      for (let x = p + 46 + nameLen; x < p + 46 + nameLen + extraLen; ) {
        const id = v.getUint16(x, true),
          len = v.getUint16(x + 2, true);
        if (id === 1) {
          let q = x + 4;
          if (size === 0xffffffff) {
            size = Number(v.getBigUint64(q, true));
            q += 8;
          }
          if (csize === 0xffffffff) {
            csize = Number(v.getBigUint64(q, true));
            q += 8;
          }
          if (local === 0xffffffff) {
            local = Number(v.getBigUint64(q, true));
          }
        }
        x += 4 + len;
      }
      this.names.push(name);
      this.entries.set(name, { method, size, csize, local });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes (a view into the archive for stored entries). */
  read(name: string): Uint8Array {
    const e = this.entries.get(name);
    if (!e) throw new ZipError(`PytorchStreamReader failed locating file ${name}: file not found`);
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    if (v.getUint32(e.local, true) !== LOCAL)
      throw new ZipError(`PytorchStreamReader failed reading file ${name}: invalid header or archive is corrupted`);
    const start = e.local + 30 + v.getUint16(e.local + 26, true) + v.getUint16(e.local + 28, true);
    const data = this.bytes.subarray(start, start + e.csize);
    if (e.method === 0) return data;
    if (e.method === 8) return new Uint8Array(inflateRawSync(data));
    throw new ZipError(`PytorchStreamReader failed reading file ${name}: unsupported compression method ${e.method}`);
  }
}

/** True when the bytes start as a zip archive does (torch.serialization._is_zipfile). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
