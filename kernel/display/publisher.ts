/**
 * Where rich output goes: the running cell's sink (the session sets it), as IPython's
 * DisplayPublisher. Everything that shows more than text (display(), plots, progress bars)
 * publishes MIME bundles through here, so it works the same in every frontend; with no
 * frontend (a script, the terminal) the bundle's text/plain is printed instead.
 *
 *   const id = newDisplayId();
 *   publish({ "text/html": "<b>0%</b>", "text/plain": "0%" }, {}, id);
 *   publish({ "text/html": "<b>50%</b>", "text/plain": "50%" }, {}, id, true);   // update in place
 */
import type { Frontend, MimeBundle, OutputSink } from "../session/types.js";

let sink: OutputSink | null = null;

/** @internal The session sets the running cell's sink; returns the previous one. */
export function setDisplaySink(next: OutputSink | null): OutputSink | null {
  const previous = sink;
  sink = next;
  return previous;
}

/** A frontend shows rich output (a Jupyter cell is running), not just text. */
export function hasFrontend(): boolean {
  return sink !== null;
}

const JUPYTER: Frontend = { kind: "jupyter" };

/**
 * The running cell's frontend. Outside any cell (plain TypeScript importing gradlab/pyplot, a
 * script under node) it is a terminal writing files to the working folder.
 */
export function currentFrontend(): Frontend {
  if (sink) return sink.frontend ?? JUPYTER;
  return { kind: "terminal", tty: Boolean(process.stderr.isTTY), outputDir: process.cwd() };
}

let counter = 0;
/** A display id unique to this kernel process, for outputs updated in place. */
export function newDisplayId(): string {
  return `gradlab-${process.pid}-${++counter}`;
}

/**
 * display_data (or update_display_data with `update`) for the running cell. With no frontend,
 * a new display prints its text/plain and an update prints nothing (a terminal cannot redraw it).
 */
export function publish(
  data: MimeBundle,
  metadata: Record<string, unknown> = {},
  displayId?: string,
  update = false,
): void {
  if (sink) {
    sink.display(data, metadata, displayId ? { display_id: displayId } : {}, update && displayId !== undefined);
    return;
  }
  if (!update) process.stdout.write(String(data["text/plain"] ?? "") + "\n");
}

/** IPython's clear_output: clear the cell's output now, or with `wait` when new output arrives. */
export function clearOutput(wait = false): void {
  sink?.clearOutput(wait);
}
