/**
 * process.stdout / process.stderr of the kernel process as cell output, as ipykernel replaces
 * sys.stdout: `process.stdout.write` in a cell, and console output of npm packages that write
 * to the host's streams, reach the notebook. Writes that no cell can own go to the real stream
 * (Jupyter's log).
 */

type Write = typeof process.stdout.write;
export type Route = (stream: "stdout" | "stderr", text: string) => boolean;

export function captureStdio(route: Route): () => void {
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  const patch = (name: "stdout" | "stderr") => {
    const original = originals[name];
    const stream = process[name];
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
      const callback = typeof encoding === "function" ? encoding : cb;
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      if (route(name, text)) {
        if (typeof callback === "function") queueMicrotask(() => (callback as () => void)());
        return true;
      }
      return (original as (...a: unknown[]) => boolean).call(stream, chunk, encoding, cb);
    } as Write;
  };
  patch("stdout");
  patch("stderr");
  return () => {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
  };
}
