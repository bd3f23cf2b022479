/**
 * launch.sh (kernel/snapshot/build.ts): the kernel starts from its startup snapshot only while
 * the blob is newer than the Node binary, typescript.js and the kernel build, and plainly
 * otherwise; either way it execs, so the kernel keeps the launcher's pid.
 */
import { NODE_FLAGS } from "../../kernel/node_flags.js";
import { spawnSync } from "node:child_process";
import { mkdtempSync, utimesSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { snapshotIsCurrent, writeLauncher, type SnapshotPaths } from "../../kernel/snapshot/build.js";

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "gradlab-launch-"));
  // A stand-in for node that prints its pid and arguments.
  const node = join(dir, "node");
  writeFileSync(node, '#!/bin/sh\necho "$$ $*"\n');
  chmodSync(node, 0o755);
  const paths: SnapshotPaths = {
    kernelDir: dir,
    main: join(dir, "main.js"),
    typescript: join(dir, "typescript.js"),
    blob: join(dir, "kernel.blob"),
    launcher: join(dir, "launch.sh"),
  };
  for (const f of [paths.main, paths.typescript, paths.blob]) writeFileSync(f, "");
  writeLauncher(paths.launcher);
  const age = (f: string, secondsAgo: number) => {
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(f, t, t);
  };
  age(node, 300);
  age(paths.typescript, 200);
  age(paths.main, 100);
  age(paths.blob, 10);
  const launch = () => {
    const r = spawnSync(
      "sh",
      [
        "-c",
        `echo $$; exec sh "$0" "$@"`,
        paths.launcher,
        node,
        paths.blob,
        paths.typescript,
        paths.main,
        "-f",
        "conn.json",
      ],
      { encoding: "utf8" },
    );
    const [outer, inner] = r.stdout.trim().split("\n");
    const [pid, ...args] = inner!.split(" ");
    return { samePid: pid === outer, args: args.join(" ") };
  };
  return { paths, node, age, launch };
}

describe("launch.sh", () => {
  const flags = NODE_FLAGS.join(" "); // kernel/node_flags.ts: the kernel runs with gradlab's Node flags

  test("a current blob: node FLAGS --snapshot-blob BLOB main.js ARGS, in the same process", () => {
    const { paths, node, launch } = setup();
    expect(snapshotIsCurrent(paths, node)).toBe(true);
    const r = launch();
    expect(r.args).toBe(`${flags} --snapshot-blob ${paths.blob} ${paths.main} -f conn.json`);
    expect(r.samePid).toBe(true);
  });

  test.each(["node", "typescript", "main"] as const)("a blob older than %s: node FLAGS main.js ARGS", (which) => {
    const { paths, node, age, launch } = setup();
    age(which === "node" ? node : paths[which], 0);
    expect(snapshotIsCurrent(paths, node)).toBe(false);
    expect(launch().args).toBe(`${flags} ${paths.main} -f conn.json`);
  });
});
