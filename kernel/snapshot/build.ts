/**
 * Building the kernel's startup snapshot (builder.cts says what is in it and why):
 *
 *   gradlab snapshot          (also run by `npm run build`, `gradlab install`, and in the
 *                             background by a kernel that starts without a current blob)
 *
 * It writes, next to the build's kernel (dist/kernel/snapshot/): kernel.blob, and launch.sh,
 * which kernel.json runs. The blob belongs to one Node binary, one typescript.js and one build
 * of the kernel; launch.sh uses it only while it is newer than all three, and starts the
 * kernel without it otherwise (slower, never broken).
 */
import { NODE_FLAGS } from "../node_flags.js";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface SnapshotPaths {
  /** The built kernel folder (dist/kernel). */
  kernelDir: string;
  /** The kernel's entry point (dist/kernel/main.js). */
  main: string;
  /** The typescript.js the kernel loads. */
  typescript: string;
  /** dist/kernel/snapshot/kernel.blob */
  blob: string;
  /** dist/kernel/snapshot/launch.sh */
  launcher: string;
}

/** The paths for the kernel built in `kernelDir` (default: the build this module belongs to). */
export function snapshotPaths(kernelDir = join(dirname(fileURLToPath(import.meta.url)), "..")): SnapshotPaths {
  return {
    kernelDir,
    main: join(kernelDir, "main.js"),
    typescript: createRequire(join(kernelDir, "main.js")).resolve("typescript"),
    blob: join(kernelDir, "snapshot", "kernel.blob"),
    launcher: join(kernelDir, "snapshot", "launch.sh"),
  };
}

/** `sh launch.sh NODE BLOB TYPESCRIPT_JS MAIN_JS [kernel args...]`. */
const LAUNCHER = `#!/bin/sh
# Starts the gradlab kernel from its startup snapshot when that is current (written by
# kernel/snapshot/build.ts). The blob is used only while it is newer than the Node binary,
# typescript.js and the kernel build it was made from: Node refuses a blob made by another
# version, and an older blob would run stale code. \`exec\` keeps one process, so Jupyter's
# signals and pid reach the kernel itself. The node flags are kernel/node_flags.ts's.
node=$1 blob=$2 tsjs=$3 main=$4
shift 4
if [ -f "$blob" ] && [ ! "$node" -nt "$blob" ] && [ ! "$tsjs" -nt "$blob" ] && [ ! "$main" -nt "$blob" ]; then
  exec "$node" ${NODE_FLAGS.join(" ")} --snapshot-blob "$blob" "$main" "$@"
fi
# No current blob (an npm install of gradlab does not run build scripts; Node or the build
# changed): build it in the background for the next start, one builder at a time.
cli=$(dirname "$main")/cli.js
if [ -f "$cli" ] && [ -w "$(dirname "$blob")" ]; then
  find "$blob.lock" -maxdepth 0 -mmin +10 -exec rmdir {} ; 2>/dev/null
  ( mkdir "$blob.lock" 2>/dev/null && { "$node" "$cli" snapshot; rmdir "$blob.lock"; } >/dev/null 2>&1 & )
fi
exec "$node" ${NODE_FLAGS.join(" ")} "$main" "$@"
`;

export function writeLauncher(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, LAUNCHER);
  chmodSync(file, 0o755);
}

/** kernel.json's argv for starting the kernel through launch.sh. */
export function launchArgv(paths: SnapshotPaths, node = process.execPath): string[] {
  return ["/bin/sh", paths.launcher, node, paths.blob, paths.typescript, paths.main];
}

const mtime = (f: string) => statSync(f).mtimeMs;

/** The blob exists and is newer than what it was made from (the test launch.sh makes). */
export function snapshotIsCurrent(paths = snapshotPaths(), node = process.execPath): boolean {
  if (!existsSync(paths.blob) || !existsSync(paths.launcher)) return false;
  const made = mtime(paths.blob);
  return [node, paths.typescript, paths.main].every((f) => existsSync(f) && mtime(f) <= made);
}

/**
 * Write launch.sh and build the blob (about 3 s). Returns null on success, else why the blob
 * could not be made (launch.sh is written either way; without a blob it starts Node plainly).
 */
export function buildSnapshot(paths = snapshotPaths(), node = process.execPath): string | null {
  writeLauncher(paths.launcher);
  const work = mkdtempSync(join(tmpdir(), "gradlab-snapshot-"));
  const tmpBlob = `${paths.blob}.${process.pid}.tmp`;
  try {
    // The builder is CommonJS, but V8's snapshot builder gives it no `exports`.
    const entry = join(work, "builder.cjs");
    writeFileSync(
      entry,
      "var exports = {};\n" + readFileSync(join(paths.kernelDir, "snapshot", "builder.cjs"), "utf8"),
    );
    const r = spawnSync(node, ["--snapshot-blob", tmpBlob, "--build-snapshot", entry], {
      cwd: work,
      encoding: "utf8",
      env: {
        ...process.env,
        GRADLAB_SNAPSHOT_TS: paths.typescript,
        GRADLAB_SNAPSHOT_COMPILER: join(paths.kernelDir, "compiler"),
        GRADLAB_SNAPSHOT_CWD: work,
      },
    });
    if (r.status !== 0 || !existsSync(tmpBlob)) {
      // Node warns about built-in modules it has not verified in snapshots; keep the real errors.
      const errors = (r.stderr ?? "")
        .split("\n")
        .filter((l) => l && !/not yet fully verified|It may still work|To request support|--trace-warnings/.test(l));
      return `the snapshot builder failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ""}):\n${errors.join("\n")}`;
    }
    renameSync(tmpBlob, paths.blob);
    return null;
  } finally {
    rmSync(tmpBlob, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}
