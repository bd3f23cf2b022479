/**
 * A cell's output as iopub messages, with the execute_request as parent: streams, display_data /
 * update_display_data with `transient`, clear_output, and input() over stdin.
 *
 * Output is held for a moment and published in order, as ipykernel's OutStream holds stream
 * text (flushed every few milliseconds, before any other message of the cell, and before the
 * result), so a loop that prints or redraws at every step sends a few messages, not thousands.
 * While held, messages are merged only where the frontend shows the same thing either way:
 *   - consecutive text on the same stream becomes one stream message;
 *   - consecutive update_display_data of the same display_id: the last one wins;
 *   - clear_output(wait=true), then only new output (stream, display_data), then
 *     clear_output(wait=true) again: that output would be cleared before it is ever shown (a
 *     frontend clears on the next output after a waiting clear), so it and the second clear go.
 *     Updates and immediate clears are never dropped this way: they reach other outputs.
 */
import type { MimeBundle, OutputSink } from "../session/types.js";
import type { KernelContext, Request } from "./context.js";

/**
 * How long output is held. GRADLAB_IOPUB_FLUSH_MS=0 publishes every piece at once (nothing is
 * merged): the tests use it to compare what frontends show with and without merging.
 */
const FLUSH_MS = ((v) => (v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : 50))(
  process.env.GRADLAB_IOPUB_FLUSH_MS,
);
const MERGE = FLUSH_MS > 0;
/** Published at once beyond this much held stream text, or this many held messages. */
const FLUSH_TEXT = 64 * 1024;
const FLUSH_ITEMS = 100;

export interface IopubSink extends OutputSink {
  /** Publish held output now (before execute_result, error and the reply). */
  flush(): void;
}

type Held =
  | { msg_type: "stream"; name: "stdout" | "stderr"; text: string }
  | {
      msg_type: "display_data" | "update_display_data";
      content: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } };
    }
  | { msg_type: "clear_output"; wait: boolean };

export function createIopubSink(
  ctx: KernelContext,
  req: Request,
  opts: { silent: boolean; allowStdin: boolean },
): IopubSink {
  const parent = req.msg.header;
  let held: Held[] = [];
  let heldText = 0;
  /**
   * Where the output after the last clear_output(wait=true) starts in `held`, if that clear has
   * been published or is held and everything after it could still be dropped (new output only,
   * none of it sent yet); null otherwise.
   */
  let afterWaitingClear: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const out = held;
    held = [];
    heldText = 0;
    // Still waiting only if nothing came after the clear: else that output now clears it.
    afterWaitingClear = afterWaitingClear === out.length ? 0 : null;
    for (const m of out) {
      if (m.msg_type === "stream") ctx.publish("stream", { name: m.name, text: m.text }, parent);
      else if (m.msg_type === "clear_output") ctx.publish("clear_output", { wait: m.wait }, parent);
      else ctx.publish(m.msg_type, m.content, parent);
    }
  };
  const hold = (m: Held) => {
    held.push(m);
    if (FLUSH_MS <= 0 || heldText >= FLUSH_TEXT || held.length >= FLUSH_ITEMS) flush();
    else timer ??= setTimeout(flush, FLUSH_MS);
  };

  const stream = (name: "stdout" | "stderr", text: string) => {
    if (opts.silent || !text) return;
    heldText += text.length;
    const last = held.at(-1);
    if (MERGE && last?.msg_type === "stream" && last.name === name) {
      last.text += text;
      if (heldText >= FLUSH_TEXT) flush();
      return;
    }
    hold({ msg_type: "stream", name, text });
  };

  const sink: IopubSink = {
    flush,
    stdout: (text) => stream("stdout", text),
    stderr: (text) => stream("stderr", text),
    display(data: MimeBundle, metadata: Record<string, unknown>, transient: { display_id?: string }, update: boolean) {
      if (opts.silent) return;
      const t = transient?.display_id !== undefined ? { display_id: transient.display_id } : {};
      if (update && t.display_id === undefined) {
        ctx.log("update_display_data without a display_id: sent as display_data");
        update = false;
      }
      const content = { data, metadata: metadata ?? {}, transient: t };
      if (!update) return hold({ msg_type: "display_data", content });
      const last = held.at(-1);
      if (MERGE && last?.msg_type === "update_display_data" && last.content.transient.display_id === t.display_id) {
        last.content = content;
        return;
      }
      afterWaitingClear = null;
      hold({ msg_type: "update_display_data", content });
    },
    clearOutput(wait: boolean) {
      if (opts.silent) return;
      if (MERGE && wait && afterWaitingClear !== null) {
        // The output since the last waiting clear would never be seen: drop it, and this clear.
        for (const m of held.splice(afterWaitingClear)) if (m.msg_type === "stream") heldText -= m.text.length;
        return;
      }
      hold({ msg_type: "clear_output", wait: Boolean(wait) });
      // hold() may have published it already: then nothing of what follows has been sent.
      afterWaitingClear = wait ? held.length : null;
    },
  };
  if (opts.allowStdin) {
    sink.input = (prompt, password) => {
      flush();
      return ctx.requestInput(req, prompt, password);
    };
  }
  return sink;
}
