/**
 * The session bridge is one generic proxy: a capability added to Session reaches the protocol
 * handlers (AsyncSession) and the I/O worker's proxy (RemoteSession) with no other edit, in the
 * types (checked by TypeScript's own checker on a file that adds one) and at run time (a real
 * worker thread calls it on this thread's session over the ring and postMessage).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import ts from "typescript";
import { typeErrors } from "../support/typecheck.js";
import { afterAll, describe, expect, test } from "vitest";
import { createRingBuffer, RingWriter } from "../../kernel/channels/ring.js";
import { SessionServer, type ToMain } from "../../kernel/channels/session_bridge.js";
import type { ExecuteResult, OutputSink } from "../../kernel/session/types.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "gradlab-bridge-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a capability added to Session", () => {
  test("is typed on AsyncSession and on the worker's proxy, promised, with its argument types", () => {
    const types = join(ROOT, "kernel/session/types.js");
    const bridge = join(ROOT, "kernel/channels/session_bridge.js");
    const file = join(dir, "added_capability.ts");
    writeFileSync(
      file,
      `import type { AsyncSession } from ${JSON.stringify(types)};
import { RemoteSession } from ${JSON.stringify(bridge)};
declare module ${JSON.stringify(types)} {
  interface Session { twice(n: number): number }
}
declare const handlers: AsyncSession;
export const a: Promise<number> = handlers.twice(2);
const remote = new RemoteSession(() => {});
export const b: Promise<number> = remote.session.twice(2);
// @ts-expect-error: the argument's type crosses too
remote.session.twice("2");
// @ts-expect-error: a method Session does not have is not there (the proxy is not \`any\`)
handlers.thrice(2);
`,
    );
    const errors = typeErrors(file);
    expect(errors).toEqual([]);
  });

  test("is called on the main thread's session by a worker, through the ring and postMessage", async () => {
    // The worker's side of the bridge, as JavaScript (a worker thread cannot load TypeScript).
    for (const name of ["session_bridge", "ring", "release_memory"]) {
      const source = readFileSync(join(ROOT, "kernel/channels", `${name}.ts`), "utf8");
      const js = ts.transpileModule(source, {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      }).outputText;
      writeFileSync(join(dir, `${name}.js`), js);
    }
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(
      join(dir, "worker.js"),
      `import { parentPort, workerData } from "node:worker_threads";
import { RemoteSession } from "./session_bridge.js";
import { RingReader } from "./ring.js";
// Atomics.waitAsync does not keep a thread alive (the kernel's worker has its sockets).
const alive = setInterval(() => {}, 1 << 30);
const remote = new RemoteSession((m) => parentPort.postMessage(m));
const reader = new RingReader(workerData.ring);
void reader.run((rec) => remote.onRecord(rec));
const out = [];
const sink = { stdout: (t) => out.push(t), stderr: () => {}, display: () => {}, clearOutput: () => {}, input: async (prompt) => prompt + "Ada" };
const twice = await remote.session.twice(21);
const cell = await remote.session.execute("greet", sink, { silent: false });
const missing = await remote.session.thrice(1).then(() => "answered", (e) => e.message);
parentPort.postMessage({ type: "done", twice, cell, out, missing });
reader.close();
clearInterval(alive);
`,
    );

    const ring = createRingBuffer(1 << 12);
    // A session with one capability more than Session has: the bridge was not told about it.
    const session = {
      twice: (n: number) => n * 2,
      async execute(code: string, sink: OutputSink): Promise<ExecuteResult> {
        sink.stdout(`running ${code}\n`);
        const name = await sink.input!("Name? ", false);
        return { status: "ok", result: { "text/plain": name }, payload: [] };
      },
    };
    const server = new SessionServer(session, new RingWriter(ring));
    const worker = new Worker(join(dir, "worker.js"), { workerData: { ring } });
    try {
      const done = await new Promise<Record<string, unknown>>((resolveDone, reject) => {
        worker.on("error", reject);
        worker.on("exit", (code) => reject(new Error(`the worker exited (${code}) before answering`)));
        worker.on("message", (m: ToMain | { type: "done" }) =>
          m.type === "done" ? resolveDone(m as Record<string, unknown>) : server.handle(m),
        );
      });
      expect(done.twice).toBe(42);
      expect(done.out).toEqual(["running greet\n"]);
      expect(done.cell).toEqual({ status: "ok", result: { "text/plain": "Name? Ada" }, payload: [] });
      expect(done.missing).toMatch(/the session has no method thrice\(\)/);
    } finally {
      await worker.terminate();
    }
  });
});
