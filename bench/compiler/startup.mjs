#!/usr/bin/env node
/**
 * Start-up latency: a fresh `node` process per sample that loads the cell compiler, starts a
 * session and runs the first cell (`const x = torch.ones(2, 2, {requires_grad: true})`), for
 * gradlab and for tslab, samples interleaved so machine load hits both alike. Times are from the
 * process's start (performance.now() counts from it), so Node's own boot is included.
 *
 *   npm run build && (cd bench/compiler && npm install)
 *   node bench/compiler/startup.mjs [samples=7]        # both, medians
 *   node bench/compiler/startup.mjs 7 gradlab          # one of them
 *
 * gradlab's first run after an install (or a TypeScript/Node upgrade) also writes the V8 code
 * cache (kernel/compiler/code_cache.cts); it is reported separately as "no code cache".
 * "gradlab+snapshot" starts Node from the kernel's startup snapshot, as the kernel does
 * (kernel/snapshot/): TypeScript and the parsed declarations come with the heap.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const CELL = "const x = torch.ones(2, 2, {requires_grad: true})";
const SECOND = "const y = x * 2 + 1\ny.sum()";
const sink = { stdout() {}, stderr() {}, display() {}, clearOutput() {} };
/** CPU time (user + system, all threads) since the process started: steadier than wall time on a busy machine. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** One sample, in this (fresh) process: milestones in ms since the process started. */
async function gradlabSample() {
  const lap = {};
  lap.boot = performance.now();
  const { createSession } = await import(pathToFileURL(join(root, "dist/kernel/session/session.js")).href);
  lap.imported = performance.now();
  const session = createSession({ cwd: here });
  const r = await session.execute(CELL, sink);
  if (r.status !== "ok") throw new Error(`gradlab: ${r.ename}: ${r.evalue}`);
  lap.first = performance.now();
  lap.firstCpu = cpu();
  const r2 = await session.execute(SECOND, sink);
  if (r2.status !== "ok") throw new Error(`gradlab: ${r2.ename}: ${r2.evalue}`);
  lap.second = performance.now();
  return lap;
}

async function tslabSample() {
  const lap = {};
  lap.boot = performance.now();
  const require = createRequire(join(here, "package.json"));
  const { createConverter } = require("tslab/dist/converter.js");
  const { createExecutor } = require("tslab/dist/executor.js");
  globalThis.__bench_torch = await import(pathToFileURL(join(root, "dist/engine/index.js")).href);
  lap.imported = performance.now();
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
  // torch as a typed global (tslab has no prelude): the same engine, the same first cell.
  const ok = await executor.execute(
    `const torch = (globalThis as any).__bench_torch as typeof import(${JSON.stringify(join(root, "dist/engine/index.js"))});\n${CELL}`,
  );
  if (!ok) throw new Error(`tslab: ${errors.join("\n")}`);
  lap.first = performance.now();
  lap.firstCpu = cpu();
  if (!(await executor.execute("const y = x.mul(2).add(1)\ny.sum()"))) throw new Error(`tslab: ${errors.join("\n")}`);
  lap.second = performance.now();
  convs.close();
  return lap;
}

/** The kernel's startup snapshot (kernel/snapshot/build.ts), as `npm run build` leaves it. */
const BLOB = join(root, "dist", "kernel", "snapshot", "kernel.blob");

function spawnSample(which) {
  const t0 = performance.now();
  const flags = which === "gradlab+snapshot" ? ["--snapshot-blob", BLOB] : [];
  const sample = which === "gradlab+snapshot" ? "gradlab" : which;
  const r = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), `${sample}-sample`], {
    encoding: "utf8",
  });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${which} sample failed:\n${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split("\n").at(-1)), wall };
}

/** Where code_cache.cts keeps gradlab's caches (to measure a first run without one). */
function clearCodeCache() {
  for (const d of [
    join(root, "node_modules", ".cache", "gradlab"),
    join(tmpdir(), `gradlab-cache-${process.getuid?.() ?? "user"}`),
  ])
    if (existsSync(d)) rmSync(d, { recursive: true, force: true });
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const ms = (t) => (t === undefined ? "-" : String(Math.round(t)));

const arg = process.argv[2];
if (arg === "gradlab-sample") console.log(JSON.stringify(await gradlabSample()));
else if (arg === "tslab-sample") console.log(JSON.stringify(await tslabSample()));
else {
  const n = Number(arg ?? 7);
  const only = process.argv[3];
  const hasTslab = !only || only === "tslab" ? existsSync(join(here, "node_modules", "tslab")) : false;
  const hasBlob = existsSync(BLOB);
  const runners = [
    ...(!only || only === "gradlab" ? ["gradlab", ...(hasBlob ? ["gradlab+snapshot"] : [])] : []),
    ...(hasTslab ? ["tslab"] : []),
  ];
  const samples = Object.fromEntries(runners.map((r) => [r, []]));
  let uncached = null;
  if (runners.includes("gradlab")) {
    clearCodeCache();
    uncached = spawnSample("gradlab");
  }
  for (let i = 0; i < n; i++) for (const r of runners) samples[r].push(spawnSample(r));
  const row = (name, ...cols) => `${name.padEnd(44)}${cols.map((c) => String(c).padStart(18)).join("")}`;
  const med = (r, k) => (samples[r] ? median(samples[r].map((s) => s[k])) : undefined);
  const cols = ["gradlab", "gradlab+snapshot", "tslab"];
  console.log(`node ${process.version}; ${n} fresh processes each, medians (ms since process start)\n`);
  console.log(row("", ...cols));
  console.log(row("node booted, our code starts", ...cols.map((r) => ms(med(r, "boot")))));
  console.log(row("compiler + engine imported", ...cols.map((r) => ms(med(r, "imported")))));
  console.log(row("first cell's result", ...cols.map((r) => ms(med(r, "first")))));
  console.log(row("first cell's result: CPU time used", ...cols.map((r) => ms(med(r, "firstCpu")))));
  console.log(row("second cell's result", ...cols.map((r) => ms(med(r, "second")))));
  console.log(row("wall time of the process (spawn to exit)", ...cols.map((r) => ms(med(r, "wall")))));
  if (uncached)
    console.log(
      row("gradlab without code cache: first cell (CPU)", `${ms(uncached.first)} (${ms(uncached.firstCpu)})`),
    );
  if (!hasTslab && (!only || only === "tslab"))
    console.log("\n(tslab did not run: install it with `cd bench/compiler && npm install`)");
  if (!hasBlob && (!only || only === "gradlab"))
    console.log("\n(no startup snapshot: `npm run build` makes dist/kernel/snapshot/kernel.blob)");
}
