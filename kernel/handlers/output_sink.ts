/**
 * A cell's output as iopub messages, with the execute_request as parent: streams (coalesced for
 * a few milliseconds, as ipykernel's OutStream does, so a loop printing every step does not
 * flood the frontend), display_data / update_display_data with `transient`, clear_output,
 * and input() over stdin.
 */
import type { MimeBundle, OutputSink } from "../session/types.js";
import type { KernelContext, Request } from "./context.js";

const STREAM_FLUSH_MS = 50;
const STREAM_FLUSH_BYTES = 64 * 1024;

export interface IopubSink extends OutputSink {
  /** Publish buffered stream text now (before execute_result, error and the reply). */
  flush(): void;
}

export function createIopubSink(ctx: KernelContext, req: Request, opts: { silent: boolean; allowStdin: boolean }): IopubSink {
  const parent = req.msg.header;
  let buffered: { name: "stdout" | "stderr"; text: string } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!buffered) return;
    ctx.publish("stream", { name: buffered.name, text: buffered.text }, parent);
    buffered = null;
  };
  const stream = (name: "stdout" | "stderr", text: string) => {
    if (opts.silent || !text) return;
    if (buffered && buffered.name !== name) flush();
    if (buffered) buffered.text += text;
    else buffered = { name, text };
    if (buffered.text.length >= STREAM_FLUSH_BYTES) flush();
    else if (!timer) timer = setTimeout(flush, STREAM_FLUSH_MS);
  };

  const sink: IopubSink = {
    flush,
    stdout: (text) => stream("stdout", text),
    stderr: (text) => stream("stderr", text),
    display(data: MimeBundle, metadata: Record<string, unknown>, transient: { display_id?: string }, update: boolean) {
      if (opts.silent) return;
      flush();
      const t = transient?.display_id !== undefined ? { display_id: transient.display_id } : {};
      if (update && t.display_id === undefined) {
        ctx.log("update_display_data without a display_id: sent as display_data");
        update = false;
      }
      ctx.publish(update ? "update_display_data" : "display_data", { data, metadata: metadata ?? {}, transient: t }, parent);
    },
    clearOutput(wait: boolean) {
      if (opts.silent) return;
      flush();
      ctx.publish("clear_output", { wait: Boolean(wait) }, parent);
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
