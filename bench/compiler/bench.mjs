#!/usr/bin/env node
/**
 * Cell latency: compile + run per cell, gradlab's session vs tslab, each in a fresh process.
 *
 *   npm run build                         # gradlab's dist (the bench uses the built session)
 *   (cd bench/compiler && npm install)    # tslab, kept out of gradlab's dependencies
 *   node bench/compiler/bench.mjs         # both, side by side
 *   node bench/compiler/bench.mjs gradlab | tslab   # one of them (prints JSON)
 *
 * Measured per runner: loading the compiler, starting a session (gradlab warms its language
 * service at start; tslab builds its converter), the first cell after start, a fresh process
 * running its first cell at once (no waiting for the warm-up), and warm cells
 * (the course's autograd cells, repeated; median and 90th percentile). The same cells run in
 * both in method form (`x.add(2)`: tslab has no tensor operators); gradlab also runs them in
 * operator form (`x + 2`), which costs its typing pass.
 *
 * Start-up alone (fresh processes, several samples, medians, gradlab and tslab interleaved) is
 * bench/compiler/startup.mjs.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const ROUNDS = 8;

/** The course's cells (seed002 and seed001), in method form and operator form. */
const CELLS = [
  ["const x = torch.ones(2, 2, {requires_grad: true})", null],
  ["const y = x.add(2)", "const y = x + 2"],
  ["const z = y.mul(y).mul(3)", "const z = y * y * 3"],
  ["const out = z.mean()\nout", null],
  ["out.backward()\nx.grad", null],
  [
    "function f(a) {\n  let b = a.mul(2)\n  while (b.norm().lt(1000).__bool__()) b = b.mul(2)\n  return b.sum().gt(0).__bool__() ? b : b.mul(100)\n}",
    "function f(a) {\n  let b = a * 2\n  while (b.norm() < 1000) b = b * 2\n  return b.sum() > 0 ? b : 100 * b\n}",
  ],
  ["const a = torch.randn([3], {requires_grad: true})\nconst d = f(a)\nd.backward(torch.ones_like(d))\na.grad", null],
  [
    "const w = torch.tensor([1.0], {dtype: torch.float32, requires_grad: true})\nlet loss = w.mul(3).sub(2).pow(2).sum()\nloss.backward()\ntorch.no_grad(() => { w.sub_(w.grad.mul(0.01)) })\nw",
    "const w = torch.tensor([1.0], {requires_grad: true})\nlet loss = ((w * 3 - 2) ** 2).sum()\nloss.backward()\ntorch.no_grad(() => { w -= 0.01 * w.grad })\nw",
  ],
  ["const n = [1, 2, 3].map((v) => v * 2).reduce((p, q) => p + q, 0)\nn", null],
];

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const p90 = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length * 0.9)];
const ms = (t) => Math.round(t * 10) / 10;

/** Run the cells ROUNDS times (re-declarations included, as re-running notebook cells does). */
async function warmCells(exec, form) {
  const times = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [method, op] of CELLS) {
      const code = form === "operators" ? (op ?? method) : method;
      const t0 = performance.now();
      await exec(code);
      times.push(performance.now() - t0);
    }
  }
  return { median: ms(median(times)), p90: ms(p90(times)), cells: times.length };
}

async function gradlab() {
  const t0 = performance.now();
  const { createSession } = await import(pathToFileURL(join(root, "dist/kernel/session/session.js")).href);
  const load = performance.now() - t0;
  const sink = { stdout() {}, stderr() {}, display() {}, clearOutput() {} };
  const t1 = performance.now();
  const session = createSession({ cwd: here });
  await session.ready;
  const start = performance.now() - t1;
  const exec = async (code) => {
    const r = await session.execute(code, sink);
    if (r.status !== "ok") throw new Error(`gradlab: ${code}\n${r.ename}: ${r.evalue}`);
  };
  const t2 = performance.now();
  await exec(CELLS[0][0]);
  const first = performance.now() - t2;
  const coldFirst = coldRun();
  const methods = await warmCells(exec, "methods");
  const operators = await warmCells(exec, "operators");
  return { load: ms(load), start: ms(start), first: ms(first), coldFirst: ms(coldFirst), methods, operators };
}

/** A fresh process that imports the session and runs a cell at once: the kernel's worst case. */
function coldRun() {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "gradlab-cold"], { encoding: "utf8" });
  return r.status === 0 ? JSON.parse(r.stdout.trim().split("\n").at(-1)) : null;
}

async function gradlabCold() {
  const t0 = performance.now();
  const { createSession } = await import(pathToFileURL(join(root, "dist/kernel/session/session.js")).href);
  const session = createSession({ cwd: here });
  const r = await session.execute(CELLS[0][0], { stdout() {}, stderr() {}, display() {}, clearOutput() {} });
  if (r.status !== "ok") throw new Error("cold cell failed");
  return ms(performance.now() - t0);
}

async function tslab() {
  const require = createRequire(join(here, "package.json"));
  const t0 = performance.now();
  const { createConverter } = require("tslab/dist/converter.js");
  const { createExecutor } = require("tslab/dist/executor.js");
  const load = performance.now() - t0;
  const torch = await import(pathToFileURL(join(root, "dist/engine/index.js")).href);
  globalThis.__bench_torch = torch;
  const t1 = performance.now();
  const node = createConverter({ isJS: false, isBrowser: false });
  const convs = {
    node,
    get browser() {
      return node;
    },
    close() {
      node.close();
    },
  };
  const errors = [];
  const executor = createExecutor(here, convs, { log() {}, error: (...a) => errors.push(a.join(" ")) });
  const start = performance.now() - t1;
  const exec = async (code) => {
    if (!(await executor.execute(code))) throw new Error(`tslab: ${code}\n${errors.join("\n")}`);
  };
  // torch as a typed global for tslab's cells (tslab has no prelude).
  const t2 = performance.now();
  await exec(
    `const torch = (globalThis as any).__bench_torch as typeof import(${JSON.stringify(join(root, "dist/engine/index.js"))});\n${CELLS[0][0]}`,
  );
  const first = performance.now() - t2;
  const methods = await warmCells(exec, "methods");
  convs.close();
  return { load: ms(load), start: ms(start), first: ms(first), coldFirst: null, methods, operators: null };
}

function table(g, t) {
  const row = (name, a, b) => `${name.padEnd(46)}${String(a ?? "-").padStart(12)}${String(b ?? "-").padStart(12)}`;
  return [
    row("ms", "gradlab", "tslab"),
    row("load the compiler module", g.load, t?.load),
    row("start a session (gradlab: incl. warm-up)", g.start, t?.start),
    row("first cell after start", g.first, t?.first),
    row("fresh process: import, start, first cell", g.coldFirst, t ? ms(t.load + t.start + t.first) : null),
    row("warm cells, method form: median", g.methods.median, t?.methods.median),
    row("warm cells, method form: p90", g.methods.p90, t?.methods.p90),
    row("warm cells, operator form: median", g.operators.median, null),
    row("warm cells, operator form: p90", g.operators.p90, null),
  ].join("\n");
}

const which = process.argv[2];
if (which === "gradlab") console.log(JSON.stringify(await gradlab()));
else if (which === "gradlab-cold") console.log(JSON.stringify(await gradlabCold()));
else if (which === "tslab") console.log(JSON.stringify(await tslab()));
else {
  const runOne = (name) => {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { encoding: "utf8" });
    if (r.status !== 0) {
      console.error(`${name} failed:\n${r.stderr}`);
      return null;
    }
    return JSON.parse(r.stdout.trim().split("\n").at(-1));
  };
  const g = runOne("gradlab");
  const t = runOne("tslab");
  console.log(`node ${process.version}; ${CELLS.length} cells x ${ROUNDS} rounds per form\n`);
  if (g) console.log(table(g, t));
  if (!t) console.log("\n(tslab did not run: install it with `cd bench/compiler && npm install`)");
}
