/**
 * process.stdout / process.stderr as cell output, as ipykernel replaces sys.stdout: everything
 * written to the process's streams (`print`, `console.log`, `process.stdout.write`, engine
 * warnings, npm packages' output) goes through the installed routes, newest first. A route
 * returns true when it took the text; what no route takes reaches the real stream (the
 * terminal, or Jupyter's log).
 *
 * Two users install routes: the session, for the running cell's sink (while a cell runs), and
 * the kernel process, for output that belongs to no cell (a timer firing after its cell ended).
 *
 *   const remove = captureStdio((stream, text) => { sink[stream](text); return true; });
 */

export type Route = (stream: "stdout" | "stderr", text: string) => boolean;

type Write = typeof process.stdout.write;
interface Entry {
  route: Route;
  /** The route is running: a write it makes itself goes past it, to older routes or the real stream. */
  busy: boolean;
}

const routes: Entry[] = [];
let originals: { stdout: Write; stderr: Write } | null = null;

function toText(chunk: unknown, encoding: unknown): string {
  if (typeof chunk === "string") return chunk;
  return Buffer.from(chunk as Uint8Array).toString(
    typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
  );
}

function patch(name: "stdout" | "stderr", original: Write): void {
  const stream = process[name];
  stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const text = toText(chunk, encoding);
    for (let i = routes.length - 1; i >= 0; i--) {
      const entry = routes[i]!;
      if (entry.busy) continue;
      // NOTE: a flag per route, not one global flag: if an interrupt unwinds a route without its
      // finally, only that route (removed when its cell ends) stays skipped.
      entry.busy = true;
      let taken: boolean;
      try {
        taken = entry.route(name, text);
      } finally {
        entry.busy = false;
      }
      if (taken) {
        const callback = typeof encoding === "function" ? encoding : cb;
        if (typeof callback === "function") queueMicrotask(() => (callback as () => void)());
        return true;
      }
    }
    return (original as (...a: unknown[]) => boolean).call(stream, chunk, encoding, cb);
  }) as Write;
}

/** Install a route; returns the function that removes it (in any order). */
export function captureStdio(route: Route): () => void {
  const entry: Entry = { route, busy: false };
  routes.push(entry);
  if (!originals) {
    originals = { stdout: process.stdout.write, stderr: process.stderr.write };
    patch("stdout", originals.stdout);
    patch("stderr", originals.stderr);
  }
  return () => {
    const at = routes.indexOf(entry);
    if (at >= 0) routes.splice(at, 1);
    if (routes.length === 0 && originals) {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
      originals = null;
    }
  };
}
