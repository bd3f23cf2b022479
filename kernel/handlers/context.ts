/**
 * What a handler gets: the session (language side), and the protocol side's ways to answer.
 * Handlers never touch sockets or frames; the I/O worker (or a test) implements this.
 */
import type { AsyncSession } from "../session/types.js";
import type { Header, Incoming, MessageFactory } from "../protocol/messages.js";
import type { HistoryStore } from "../session/history_store.js";

export type ShellOrControl = "shell" | "control";

/** One verified request, with its place in the order of arrival on its channel. */
export interface Request<C = Record<string, unknown>> {
  msg: Incoming<C>;
  channel: ShellOrControl;
  /** Arrival number on its channel: stop_on_error aborts the executes that arrived before an error. */
  seq: number;
}

export interface KernelState {
  /** The number the next stored cell gets (IPython's `execution_count`, starting at 1). */
  executionCount: number;
  /** Shell messages received so far (the seq of the newest). */
  shellReceived: number;
  /** Execute requests with seq <= this are answered `aborted` (stop_on_error). */
  abortThrough: number;
}

export interface KernelContext {
  readonly session: AsyncSession;
  readonly messages: MessageFactory;
  readonly state: KernelState;
  readonly history: HistoryStore;
  /** Send `<type>_reply` for a request on its own channel, to its sender. */
  reply(req: Request, content: object, metadata?: Record<string, unknown>): void;
  /** Publish on iopub. */
  publish(msg_type: string, content: object, parent: Header | null, metadata?: Record<string, unknown>): void;
  /** input_request on stdin to the sender of `req`; resolves with input_reply's value. */
  requestInput(req: Request, prompt: string, password: boolean): Promise<string>;
  /** Interrupt the running cell (SIGINT on this process, then stop_cell.ts for code after an await). */
  interrupt(): void;
  /** Stop the kernel after the current reply went out. */
  shutdown(restart: boolean): void;
  log(line: string): void;
}

export type Handler = (ctx: KernelContext, req: Request) => Promise<void> | void;
