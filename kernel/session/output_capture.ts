/**
 * While a cell runs, everything written to process.stdout / process.stderr goes to the cell's
 * sink: `print`, `console.log`, `console.error`, `process.stdout.write`, engine warnings and npm
 * packages' output alike (Node's console writes through the stream's `write`).
 */
import type { OutputSink } from "./types.js";

type Write = typeof process.stdout.write;

/** Route the process's stdout/stderr to `sink`; returns the function that restores them. */
export function captureOutput(sink: OutputSink): () => void {
  const saved = { stdout: process.stdout.write, stderr: process.stderr.write };
  let inSink = false; // a sink that itself writes to the real stream must reach it
  const patch = (name: "stdout" | "stderr") => {
    const stream = process[name];
    stream.write = function (chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
      if (inSink) return (saved[name] as (...a: unknown[]) => boolean).call(stream, chunk, encoding, cb);
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      inSink = true;
      try { sink[name](text); } finally { inSink = false; }
      const callback = typeof encoding === "function" ? encoding : cb;
      if (typeof callback === "function") queueMicrotask(() => (callback as () => void)());
      return true;
    } as Write;
  };
  patch("stdout");
  patch("stderr");
  return () => {
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
  };
}
