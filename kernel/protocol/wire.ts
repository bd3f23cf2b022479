/**
 * The ZeroMQ frames of a Jupyter message:
 *   [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]
 * decode() refuses (and says why) anything unsigned, wrongly signed or malformed, so a caller
 * can drop and log it before any handler sees it.
 */
import type { Signer } from "./signing.js";
import type { Header, Incoming, Message } from "./messages.js";

export const DELIMITER = Buffer.from("<IDS|MSG>", "utf8");

export function encode(msg: Message<unknown>, signer: Signer, idents: readonly Uint8Array[] = []): Buffer[] {
  const parts = [msg.header, msg.parent_header, msg.metadata, msg.content].map((p) => Buffer.from(JSON.stringify(p), "utf8"));
  return [...idents.map((i) => Buffer.from(i)), DELIMITER, Buffer.from(signer.sign(parts), "utf8"), ...parts, ...msg.buffers.map((b) => Buffer.from(b))];
}

export type Decoded = { ok: true; msg: Incoming } | { ok: false; reason: string; idents: Uint8Array[] };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function decode(frames: readonly Uint8Array[], signer: Signer): Decoded {
  const at = frames.findIndex((f) => Buffer.compare(Buffer.from(f.buffer, f.byteOffset, f.byteLength), DELIMITER) === 0);
  const idents = at < 0 ? [...frames] : frames.slice(0, at);
  if (at < 0) return { ok: false, reason: "no <IDS|MSG> delimiter", idents };
  if (frames.length < at + 6) return { ok: false, reason: `only ${frames.length - at - 1} frames after the delimiter (need signature + 4)`, idents };
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
