/**
 * gradlab's processes run with kernel/node_flags.ts's Node flags: the launcher and kernelspec tests
 * check the command lines; these check that the flags are added once, and that Node accepts them
 * together with the kernel's startup snapshot (a flag V8 refused there would stop every kernel).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { NODE_FLAGS, withNodeFlags } from "../../kernel/node_flags.js";
import { snapshotIsCurrent, snapshotPaths } from "../../kernel/snapshot/build.js";

const distCli = fileURLToPath(new URL("../../dist/kernel/cli.js", import.meta.url));

describe("gradlab's Node flags", () => {
  test("are put in front once", () => {
    expect(withNodeFlags(["main.js", "-f", "c.json"])).toEqual([...NODE_FLAGS, "main.js", "-f", "c.json"]);
    expect(withNodeFlags([...NODE_FLAGS, "main.js"])).toEqual([...NODE_FLAGS, "main.js"]);
  });

  test("reach a command run from the startup snapshot, which Node accepts with them", () => {
    const paths = snapshotPaths(fileURLToPath(new URL("../../dist/kernel", import.meta.url)));
    if (!snapshotIsCurrent(paths)) return; // npm ci builds it; without one `gradlab run` runs in-process
    const r = spawnSync(process.execPath, [distCli, "-c", "process.execArgv.join(' ')"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", GRADLAB_HISTORY_FILE: ":memory:" },
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    for (const f of NODE_FLAGS) expect(r.stdout).toContain(f);
    expect(r.stdout).toContain("--snapshot-blob");
  });
});
