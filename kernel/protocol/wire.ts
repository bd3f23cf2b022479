/**
 * The ZeroMQ frames of a Jupyter message:
 *   [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]
 * decode() refuses (and says why) anything unsigned, wrongly signed or malformed, so a caller
 * can drop and log it before any handler sees it.
 */
import type { Signer } from "./signing.js";
import type { Header, Incoming, Message } from "./messages.js";

export const DELIMITER = Buffer.from("<IDS|MSG>", "utf8");

/** Frames of at least this many bytes are allocated so that their memory goes back to the system (see utf8Frame). */
const LARGE_FRAME_BYTES = 1 << 20;
/**
 * glibc's malloc serves a block from its heap, and keeps that memory once it is freed, when the
 * block is smaller than its mmap threshold, which it raises up to 32 MiB to the size of each
 * mapped block freed. Above that, a block is always a mapping of its own, unmapped when freed.
 */
const ALWAYS_MAPPED_BYTES = 32 * 1024 * 1024 + 1;

/**
 * A JSON part as one UTF-8 frame. NOTE: a large frame (one 20 MB print) is written into a block
 * above glibc's largest mmap threshold and sent as a view of its first bytes: the block is
 * unmapped once the message is sent and collected, instead of staying in the allocator's heap
 * (it held ~25 MiB after each such print). Only the pages written are ever resident.
 */
function utf8Frame(json: string): Buffer {
  if (json.length < LARGE_FRAME_BYTES / 3) return Buffer.from(json, "utf8");
  const n = Buffer.byteLength(json, "utf8");
  if (n < LARGE_FRAME_BYTES) return Buffer.from(json, "utf8");
  const block = Buffer.allocUnsafeSlow(Math.max(n, ALWAYS_MAPPED_BYTES));
  block.write(json, 0, "utf8");
  return block.subarray(0, n);
}

export function encode(msg: Message<unknown>, signer: Signer, idents: readonly Uint8Array[] = []): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => utf8Frame(JSON.stringify(p)));
  return [
    ...idents.map((i) => Buffer.from(i)),
    DELIMITER,
    Buffer.from(signer.sign(parts), "utf8"),
    ...parts,
    ...msg.buffers.map((b) => Buffer.from(b)),
  ];
}

export type Decoded = { ok: true; msg: Incoming } | { ok: false; reason: string; idents: Uint8Array[] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function decode(frames: readonly Uint8Array[], signer: Signer): Decoded {
  const at = frames.findIndex(
    (f) => Buffer.compare(Buffer.from(f.buffer, f.byteOffset, f.byteLength), DELIMITER) === 0,
  );
  const idents = at < 0 ? [...frames] : frames.slice(0, at);
  if (at < 0) return { ok: false, reason: "no <IDS|MSG> delimiter", idents };
  if (frames.length < at + 6)
    return {
      ok: false,
      reason: `only ${frames.length - at - 1} frames after the delimiter (need signature + 4)`,
      idents,
    };
  const signature = Buffer.from(frames[at + 1]!).toString("utf8");
  const parts = frames.slice(at + 2, at + 6);
  if (signer.enabled && !signature) return { ok: false, reason: "missing signature", idents };
  if (!signer.verify(signature, parts)) return { ok: false, reason: "invalid signature", idents };
  let header: unknown, parent: unknown, metadata: unknown, content: unknown;
  try {
    [header, parent, metadata, content] = parts.map((p) => JSON.parse(Buffer.from(p).toString("utf8")) as unknown);
  } catch (e) {
    return { ok: false, reason: `malformed JSON (${(e as Error).message})`, idents };
  }
  if (!isObject(header) || typeof header.msg_type !== "string" || typeof header.msg_id !== "string") {
    return { ok: false, reason: "header without msg_type/msg_id", idents };
  }
  if (!isObject(parent) || !isObject(metadata) || !isObject(content)) {
    return { ok: false, reason: "parent_header, metadata and content must be JSON objects", idents };
  }
  return {
    ok: true,
    msg: {
      idents: idents.map((i) => Buffer.from(i)),
      header: header as unknown as Header,
      parent_header: parent as unknown as Header,
      metadata,
      content,
      buffers: frames.slice(at + 6).map((b) => Buffer.from(b)),
    },
  };
}
