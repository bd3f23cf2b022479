/**
 * One side of a memory case of the suite, in a fresh process (run by run.ts):
 *   node dist/bench/suite/rss_child.js <case name> <gradlab-BACKEND | tfjs-BACKEND> [full|smoke]
 * sets the case up, makes its `rss.steps` calls and prints one JSON line: resident memory (MB)
 * before setup, after the first call and after the last, and the process's peak.
 */
import * as torch from "../../engine/index.js";
import { set_backend } from "../../engine/backend/index.js";
import { cases } from "./cases/index.js";
import type { CaseSize } from "./case.js";
import { loadTfjs } from "./tfjs.js";

const [name, side, size = "full"] = process.argv.slice(2);
const c = cases(size as CaseSize).find((k) => k.name === name);
if (!c?.rss) throw new Error(`rss_child: no memory case named "${name}"`);
const mb = (bytes: number) => bytes / 2 ** 20;

let fn: () => unknown;
let baseline: number;
if (side.startsWith("gradlab-")) {
  set_backend(side.slice("gradlab-".length));
  baseline = mb(process.memoryUsage.rss());
  fn = c.gradlab(torch);
} else {
  const backend = side.slice("tfjs-".length);
  const tfjs = await loadTfjs([backend]);
  if (!tfjs?.backends.includes(backend) || !c.tfjs) throw new Error(`rss_child: no tfjs ${backend} side for "${name}"`);
  await tfjs.tf.setBackend(backend);
  baseline = mb(process.memoryUsage.rss());
  fn = c.tfjs(tfjs.tf);
}
fn();
const first = mb(process.memoryUsage.rss());
for (let i = 1; i < c.rss.steps; i++) fn();
const last = mb(process.memoryUsage.rss());
console.log(
  JSON.stringify({
    baseline_mb: baseline,
    first_mb: first,
    last_mb: last,
    peak_mb: process.resourceUsage().maxRSS / 1024,
  }),
);
process.exit(0);
