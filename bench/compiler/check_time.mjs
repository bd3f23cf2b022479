#!/usr/bin/env node
/**
 * Compile (type-check + emit) time of typical cells, in process, without running them: what the
 * engine's declarations cost the checker. Used to compare two builds, e.g. with and without the
 * options-object overloads of engine/api/keyword_types.ts:
 *
 *   node bench/compiler/check_time.mjs [root-with-dist] [rounds]     # prints JSON: median ms per cell
 *
 * Each cell is compiled `rounds` times (every compile builds a new program and checker, as the
 * kernel does); the setup cell is committed first so later cells see `x`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(process.argv[2] ?? ".");
const rounds = Number(process.argv[3] ?? 30);
const { CellCompiler } = await import(pathToFileURL(join(root, "dist", "kernel", "compiler", "compiler.js")).href);

const SETUP = "const x = torch.ones(2, 3, {requires_grad: true})";
const CELLS = {
  "y = 2 * torch.dot": "const v = torch.ones(3)\nconst y = 2 * torch.dot(v, v)",
  "x.sum(1)": "const s = x.sum(1)",
  "x.sum({dim, keepdim})": "const s = x.sum({dim: 1, keepdim: true})",
  "F.cross_entropy options":
    "const l = torch.nn.functional.cross_entropy(x, torch.tensor([0, 1]), {reduction: 'sum', label_smoothing: 0.1})",
  "training step":
    "const w = torch.randn(3, 1, {requires_grad: true})\nconst loss = ((x.detach().matmul(w) - 1) ** 2).mean()\nloss.backward()\ntorch.no_grad(() => { w -= 0.1 * w.grad })",
  "misspelled key (error)": "x.sum({dims: 1})",
};

const c = new CellCompiler(mkdtempSync(join(tmpdir(), "gradlab-check-time-")));
const setup = c.compile(SETUP);
c.commit(setup);
const median = (a) => {
  const s = [...a].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)];
};
const out = {};
for (const [name, code] of Object.entries(CELLS)) {
  c.compile(`${code}\n// warm`);
  const times = [];
  for (let i = 0; i < rounds; i++) {
    // A new text each round: the compiler reuses the result for a text it has seen.
    const text = `${code}\n// ${i}`;
    const t0 = performance.now();
    c.compile(text);
    times.push(performance.now() - t0);
  }
  out[name] = +median(times).toFixed(2);
}
console.log(JSON.stringify(out));
