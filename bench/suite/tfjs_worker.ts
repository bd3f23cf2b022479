/**
 * The suite's TensorFlow.js sides in a process of their own (run.ts starts it), as PyTorch runs in
 * torch_worker.py. Loaded into gradlab's process (even with no tfjs backend set), tfjs left the
 * heap at 52-109 MB instead of 25 MB after the autograd chain and made gradlab's small ops about
 * 1.6x slower, so no side shares a process with another.
 *
 *   node dist/bench/suite/tfjs_worker.js [full|smoke]
 * First line out: {"backends": [...], "version", "notes"}. Then one JSON request per line in, one
 * JSON reply per line out: {"setup": {"case", "backend"}} -> {"ok": true}; {"time": {"backend",
 * "min_time", "clock"}} -> {"ms"}; failures -> {"error"}.
 */
import { createInterface } from "node:readline";
import { cases } from "./cases/index.js";
import type { CaseSize } from "./case.js";
import { loadTfjs } from "./tfjs.js";
import { type Clock, timed } from "./timing.js";

const size = (process.argv[2] ?? "full") as CaseSize;
const reply = (o: object) => process.stdout.write(JSON.stringify(o) + "\n");

const tfjs = await loadTfjs();
reply(tfjs ? { backends: tfjs.backends, version: tfjs.version, notes: tfjs.notes } : { backends: [] });

/** The timed call of the current case, per tfjs backend. */
const calls = new Map<string, () => unknown>();
for await (const line of createInterface({ input: process.stdin })) {
  const req = JSON.parse(line) as {
    setup?: { case: string; backend: string };
    time?: { backend: string; min_time: number; clock: Clock };
  };
  try {
    if (!tfjs) throw new Error("tfjs is not installed");
    if (req.setup) {
      const c = cases(size).find((k) => k.name === req.setup!.case);
      if (!c?.tfjs) throw new Error(`no tfjs side for "${req.setup.case}"`);
      await tfjs.tf.setBackend(req.setup.backend);
      calls.set(req.setup.backend, c.tfjs(tfjs.tf));
      reply({ ok: true });
    } else if (req.time) {
      const fn = calls.get(req.time.backend);
      if (!fn) throw new Error(`no case set up on ${req.time.backend}`);
      await tfjs.tf.setBackend(req.time.backend);
      reply({ ms: timed(fn, req.time.min_time, req.time.clock) });
    }
  } catch (e) {
    reply({ error: (e instanceof Error ? e.message : String(e)).split("\n")[0] });
  }
}
