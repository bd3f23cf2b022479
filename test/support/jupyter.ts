/**
 * A temporary Jupyter installation for tests that drive the kernel through real clients
 * (Debian's python3-jupyter-client, -nbclient, jupyter-console, run with /usr/bin/python3): the
 * kernel built into node_modules/.cache and installed as users install it (through launch.sh,
 * from its startup snapshot), and Python drivers that print `CHECK {json}` lines.
 *
 *   const jup = new JupyterEnv();
 *   beforeAll(() => jup.setUp(), 180_000);
 *   afterAll(() => jup.tearDown());
 *   const checks = await jup.runDriver(join(HERE, "driver.py"), ["--kernel", "gradlab"], 300_000);
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { install } from "../../kernel/install.js";
import { buildSnapshot, snapshotPaths } from "../../kernel/snapshot/build.js";
import { buildKernel } from "../kernel/build_kernel.js";

export const PY = "/usr/bin/python3";
export const HAS_JUPYTER = existsSync(PY) && spawnSync(PY, ["-c", "import jupyter_client"]).status === 0;
export const LONG = process.env.GRADLAB_LONG === "1";

export interface Check {
  check: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

export class JupyterEnv {
  tmp = "";
  /** The built `gradlab` command line (`node <cli> run ...`), as the kernel was built. */
  cli = "";
  private buildDir = "";

  /** Build the kernel and install it as `gradlab` (and `gradlab-sig`, and the fake-session kernels when asked). */
  setUp(opts: { fake?: boolean } = {}): void {
    this.tmp = mkdtempSync(join(tmpdir(), "gradlab-jupyter-"));
    const { realEntry, fakeEntry, dir } = buildKernel();
    this.buildDir = dir;
    this.cli = join(dirname(realEntry), "cli.js");
    const prefix = this.tmp;
    if (opts.fake) {
      // The default kernelspec interrupts by message; "-sig" is the same kernel with interrupt_mode signal.
      install({ prefix, name: "gradlab-fake", entry: fakeEntry, displayName: "gradlab (fake session)" });
      install({ prefix, name: "gradlab-fake-sig", entry: fakeEntry, interruptMode: "signal" });
    }
    const snapshot = snapshotPaths(dirname(realEntry));
    const failed = buildSnapshot(snapshot);
    if (failed) throw new Error(failed);
    install({ prefix, name: "gradlab", entry: realEntry, snapshot });
    install({ prefix, name: "gradlab-sig", entry: realEntry, interruptMode: "signal", snapshot });
  }

  tearDown(): void {
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
    if (this.buildDir) rmSync(this.buildDir, { recursive: true, force: true });
  }

  /** The environment Jupyter's tools see: only this installation's kernels and files. */
  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      JUPYTER_PATH: join(this.tmp, "share", "jupyter"),
      JUPYTER_DATA_DIR: join(this.tmp, "data"),
      JUPYTER_RUNTIME_DIR: join(this.tmp, "runtime"),
      JUPYTER_CONFIG_DIR: join(this.tmp, "config"),
      GRADLAB_TEST_TMP: this.tmp,
      PYTHONDONTWRITEBYTECODE: "1",
      PYDEVD_DISABLE_FILE_VALIDATION: "1",
      GRADLAB_LONG: LONG ? "1" : "",
    };
  }

  /** Run a driver; resolve with its checks by name (stderr kept for failure messages). */
  runDriver(
    script: string,
    args: string[],
    timeoutMs: number,
    extraEnv: Record<string, string> = {},
  ): Promise<Map<string, Check>> {
    return new Promise((resolve) => {
      const child = spawn(PY, ["-Xfrozen_modules=off", script, ...args], {
        cwd: dirname(script),
        env: { ...this.env(), ...extraEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("close", (code) => {
        clearTimeout(timer);
        const checks = new Map<string, Check>();
        for (const line of out.split("\n")) {
          if (!line.startsWith("CHECK ")) continue;
          const c = JSON.parse(line.slice(6)) as Check;
          checks.set(c.check, c);
        }
        checks.set("__driver__", {
          check: "__driver__",
          ok: code === 0 || checks.size > 0,
          detail: `exit ${code}\n${err.slice(-4000)}`,
          seconds: 0,
        });
        resolve(checks);
      });
    });
  }
}

/** A driver's check names (`driver.py --list`), known before anything runs. */
export function listChecks(script: string, args: string[] = []): string[] {
  if (!HAS_JUPYTER) return ["(jupyter_client missing)"];
  return execFileSync(PY, [script, "--list", ...args], {
    encoding: "utf8",
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
  })
    .split("\n")
    .filter(Boolean);
}

export function expectCheck(results: Map<string, Check> | undefined, name: string): void {
  const c = results?.get(name);
  const driver = results?.get("__driver__");
  expect(c, `no result for ${name}; driver: ${driver?.detail ?? "did not run"}`).toBeDefined();
  expect(c!.ok, c!.detail).toBe(true);
}
