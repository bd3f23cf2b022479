/**
 * Every exported torch function, torch.nn.functional function and Tensor method, called with bad
 * arguments (a string where a tensor goes, null, undefined, {}, a null options object, [1, "a"],
 * -1, 1.5, NaN, Infinity: see sweep.ts), either works or raises one of the engine's Python
 * exceptions (engine/errors.ts), never a JavaScript TypeError/RangeError from deep inside a
 * kernel, and never loops forever (as `x.kthvalue("abc")` did). The sweep runs in a child process
 * under a timeout, so a hang fails this test and names the function instead of stalling the run.
 * PyTorch's exact words are checked by the argument_errors golden cases (test/golden/cases.py).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { SweepResult } from "./sweep.js";

const SWEEP = fileURLToPath(new URL("./sweep.ts", import.meta.url));
const REGISTER_TS = fileURLToPath(new URL("../support/register_ts.mjs", import.meta.url));
const TIMEOUT_MS = 90_000;

let result: SweepResult;

describe("bad arguments raise Python exceptions, never JavaScript errors", () => {
  beforeAll(() => {
    const run = spawnSync(process.execPath, ["--import", REGISTER_TS, SWEEP], {
      encoding: "utf8",
      timeout: TIMEOUT_MS,
      maxBuffer: 64 << 20,
    });
    if (run.error || run.status !== 0) {
      const last = run.stderr
        .split("\n")
        .filter((l) => l.startsWith("SWEEP "))
        .pop()
        ?.slice(6);
      const why = run.signal
        ? `did not finish within ${TIMEOUT_MS / 1000} s (killed by ${run.signal})`
        : `exited with ${run.status}`;
      throw new Error(`the sweep ${why}; last function called: ${last ?? "none"}\n${run.stderr.slice(-2000)}`);
    }
    result = JSON.parse(run.stdout) as SweepResult;
  }, TIMEOUT_MS + 10_000);

  it("the sweep covers the torch namespace, torch.nn.functional and every Tensor method", () => {
    expect(result.counts.torch).toBeGreaterThan(200);
    expect(result.counts.functional).toBeGreaterThan(30);
    expect(result.counts.methods).toBeGreaterThan(250);
  });
  it("every torch function", () => expect(result.bad.torch).toEqual([]));
  it("every torch.nn.functional function", () => expect(result.bad.functional).toEqual([]));
  it("every Tensor method", () => expect(result.bad.methods).toEqual([]));
});
