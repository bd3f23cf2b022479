/**
 * The benchmark suite's case table (bench/suite/cases/) runs: every case once at its smoke sizes,
 * in gradlab, in PyTorch (the suite's own worker, bench/suite/torch_worker.py) and in
 * TensorFlow.js's cpu backend. Nothing is timed here (timing lives in `npm run bench`); this only
 * keeps the three versions of each case runnable as the engine changes.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import { cases } from "../../bench/suite/cases/index.js";
import { loadTfjs } from "../../bench/suite/tfjs.js";

const CASES = cases("smoke");
const hasTorch = spawnSync("/usr/bin/python3", ["-c", "import torch"]).status === 0;

describe("benchmark suite cases at smoke sizes", () => {
  test("every case has a distinct name", () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  test.each(CASES.map((c) => [c.name, c] as const))(
    "gradlab: %s",
    (_name, c) => {
      c.gradlab(torch)();
    },
    120_000,
  );

  test("TensorFlow.js (cpu backend): every case that has a tfjs version", async () => {
    const tfjs = await loadTfjs(["cpu"]);
    expect(tfjs?.backends).toContain("cpu");
    await tfjs!.tf.setBackend("cpu");
    for (const c of CASES) if (c.tfjs) c.tfjs(tfjs!.tf)();
  }, 120_000);

  test.skipIf(!hasTorch)(
    "PyTorch (python3-torch): every case's step() runs in the suite's worker",
    () => {
      const worker = fileURLToPath(new URL("../../bench/suite/torch_worker.py", import.meta.url));
      const input =
        CASES.flatMap((c) => [
          JSON.stringify({ setup: c.torch }),
          JSON.stringify({ time: { min_time: 0, clock: "wall" } }),
        ]).join("\n") + "\n";
      const r = spawnSync("/usr/bin/python3", [worker], {
        input,
        encoding: "utf8",
        env: { ...process.env, OMP_NUM_THREADS: "1" },
      });
      const answers = r.stdout
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => JSON.parse(l) as { error?: string });
      expect(answers.length).toBe(2 * CASES.length);
      const errors = answers.map((a, i) => (a.error ? `${CASES[i >> 1].name}: ${a.error}` : null)).filter(Boolean);
      expect(errors).toEqual([]);
    },
    120_000,
  );
});
