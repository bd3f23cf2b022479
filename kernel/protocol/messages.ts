/**
 * Jupyter messages (protocol 5.3) as typed values. Wire names stay as on the wire.
 */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";

export const PROTOCOL_VERSION = "5.3";

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message<C = Record<string, unknown>> {
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Uint8Array[];
}

/** A received message with the routing identities that came before `<IDS|MSG>`. */
export interface Incoming<C = Record<string, unknown>> extends Message<C> {
  idents: Uint8Array[];
}

function username(): string {
  try {
    return userInfo().username || "kernel";
  } catch {
    return process.env.USER ?? "kernel";
  }
}

/** Header fields shared by everything one kernel sends. */
export class MessageFactory {
  /** The kernel's session id: one per kernel process, as ipykernel's `Session.session`. */
  readonly session = randomUUID();
  private readonly user = username();

  header(msg_type: string): Header {
    return {
      msg_id: randomUUID(),
      session: this.session,
      username: this.user,
      date: new Date().toISOString(),
      msg_type,
      version: PROTOCOL_VERSION,
    };
  }

  message<C>(msg_type: string, content: C, parent: Header | null, metadata: Record<string, unknown> = {}): Message<C> {
    return { header: this.header(msg_type), parent_header: parent ?? {}, metadata, content, buffers: [] };
  }
}

/** `execute_request` -> `execute_reply`, as every *_request is answered. */
export function replyType(msg_type: string): string {
  return msg_type.replace(/_request$/, "") + "_reply";
}
