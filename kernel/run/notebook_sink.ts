/**
 * A cell's outputs as a notebook stores them, collected in process the way a Jupyter client
 * (nbclient) builds them from the kernel's iopub messages: the sink is a Jupyter frontend, so
 * figures and rich displays are the same MIME bundles the kernel sends.
 *
 *   stream          consecutive text of one stream is one output (as the kernel's coalescing
 *                   and JupyterLab's rendering merge it)
 *   display_data    {data, metadata}; update_display_data rewrites every output with that display_id
 *   clear_output    clears now, or with wait=true just before the next output (nbclient's rule)
 */
import type { Frontend, MimeBundle, OutputSink } from "../session/types.js";

export type NotebookOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; execution_count: number; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface NotebookSink extends OutputSink {
  readonly outputs: NotebookOutput[];
  /** The cell's result or error, after its other output. */
  add(output: NotebookOutput): void;
}

/** `echo` sees each output as it comes (`gradlab run nb.ipynb` without -o prints them). */
export function notebookSink(echo?: (o: NotebookOutput, update: boolean) => void): NotebookSink {
  const outputs: NotebookOutput[] = [];
  const byDisplayId = new Map<string, NotebookOutput[]>();
  let clearPending = false;
  const frontend: Frontend = { kind: "jupyter" };

  // As nbclient: clearing a cell's outputs also forgets which of them a display_id updates.
  const clear = () => {
    outputs.length = 0;
    byDisplayId.clear();
    clearPending = false;
  };
  const add = (o: NotebookOutput, displayId?: string) => {
    if (clearPending) clear();
    echo?.(o, false);
    const last = outputs[outputs.length - 1];
    if (o.output_type === "stream" && last?.output_type === "stream" && last.name === o.name) {
      last.text += o.text;
      return;
    }
    outputs.push(o);
    if (displayId !== undefined) {
      const list = byDisplayId.get(displayId) ?? [];
      list.push(o);
      byDisplayId.set(displayId, list);
    }
  };

  return {
    frontend,
    outputs,
    add: (o) => add(o),
    stdout: (text) => {
      if (text) add({ output_type: "stream", name: "stdout", text });
    },
    stderr: (text) => {
      if (text) add({ output_type: "stream", name: "stderr", text });
    },
    display(data, metadata, transient, update) {
      const id = transient?.display_id;
      if (update) {
        if (id === undefined) return;
        for (const o of byDisplayId.get(id) ?? []) {
          if (o.output_type === "display_data" || o.output_type === "execute_result") {
            o.data = data;
            o.metadata = metadata ?? {};
            echo?.(o, true);
          }
        }
        return;
      }
      add({ output_type: "display_data", data, metadata: metadata ?? {} }, id);
    },
    clearOutput(wait) {
      if (wait) clearPending = true;
      else clear();
    },
  };
}
