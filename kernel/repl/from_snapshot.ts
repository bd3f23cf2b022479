/**
 * The REPL and `gradlab run` start from the kernel's startup snapshot when it is current
 * (kernel/snapshot/build.ts): TypeScript loaded and the engine's declarations parsed, so the
 * first entry answers without loading the compiler. Node takes a snapshot only at process start,
 * so the command runs again as `node --snapshot-blob kernel.blob cli.js ARGS` in a child with the
 * same terminal, and this process waits for it and exits with its status. GRADLAB_NO_SNAPSHOT=1
 * turns this off (the start-up bench compares both).
 */
import { withNodeFlags } from "../node_flags.js";
import { spawnSync } from "node:child_process";
import { constants } from "node:os";
import { fileURLToPath } from "node:url";
import { snapshotIsCurrent, snapshotPaths } from "../snapshot/build.js";

/** The exit status of the command run from the snapshot, or null to run it here. */
export function runFromSnapshot(args: string[]): number | null {
  if (process.env.GRADLAB_NO_SNAPSHOT === "1" || "__gradlab_snapshot" in globalThis || process.platform === "win32")
    return null;
  let paths: ReturnType<typeof snapshotPaths>;
  try {
    paths = snapshotPaths();
    if (!snapshotIsCurrent(paths)) return null;
  } catch {
    return null;
  }
  // The child gets the terminal's signals itself; this process must not die of them meanwhile.
  for (const s of ["SIGINT", "SIGQUIT", "SIGTERM", "SIGHUP"] as const) process.on(s, () => {});
  const cli = fileURLToPath(new URL("../cli.js", import.meta.url));
  const r = spawnSync(
    process.execPath,
    withNodeFlags([...process.execArgv, "--snapshot-blob", paths.blob, cli, ...args]),
    {
      stdio: "inherit",
      env: { ...process.env, GRADLAB_NO_SNAPSHOT: "1" },
    },
  );
  if (r.error) return null;
  if (r.status !== null) return r.status;
  return 128 + (constants.signals[r.signal as keyof typeof constants.signals] ?? 1);
}
