/**
 * The kernel through real Jupyter clients (Debian's python3-jupyter-client, -nbclient,
 * -jupyter-kernel-test, jupyter-console, jupyter-nbconvert, run with /usr/bin/python3).
 * Each Python driver prints `CHECK {json}` lines; every check becomes one test here.
 *
 * Two kernels are installed into a temporary JUPYTER_PATH: the fake-session kernel (protocol
 * mechanics, always) and the real one (end to end, when kernel/session/session.ts exists).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectCheck, HAS_JUPYTER, JupyterEnv, listChecks, LONG, PY, type Check } from "../support/jupyter.js";
import { ROOT } from "./build_kernel.js";

const HERE = join(ROOT, "test", "kernel");
const HAS_REAL_SESSION = existsSync(join(ROOT, "kernel", "session", "session.ts"));

if (!HAS_JUPYTER) {
  console.warn(
    "SKIPPED test/kernel/jupyter_clients.test.ts: /usr/bin/python3 has no jupyter_client. Install: apt-get install -y " +
      "python3-jupyter-client python3-nbclient python3-nbformat python3-nbconvert python3-jupyter-kernel-test jupyter-console",
  );
}
if (HAS_JUPYTER && !HAS_REAL_SESSION) {
  console.warn(
    "SKIPPED the end-to-end kernel tests with the real session: kernel/session/session.ts is not there yet (protocol tests run with the fake session).",
  );
}

const jup = new JupyterEnv();
const list = (script: string, args: string[] = []): string[] => listChecks(join(HERE, script), args);
const runDriver = (
  script: string,
  args: string[],
  timeoutMs: number,
  extraEnv: Record<string, string> = {},
): Promise<Map<string, Check>> => jup.runDriver(join(HERE, script), args, timeoutMs, extraEnv);

const kinds = [
  {
    kind: "fake",
    kernel: "gradlab-fake",
    kernelSig: "gradlab-fake-sig",
    notebook: "fixtures/fake_session_smoke.ipynb",
    enabled: HAS_JUPYTER,
  },
  {
    kind: "real",
    kernel: "gradlab",
    kernelSig: "gradlab-sig",
    notebook: "fixtures/torch_smoke.ipynb",
    enabled: HAS_JUPYTER && HAS_REAL_SESSION,
  },
] as const;

describe.skipIf(!HAS_JUPYTER)("the kernel through real Jupyter clients", () => {
  beforeAll(() => jup.setUp({ fake: true }), 180_000);
  afterAll(() => jup.tearDown());

  test("jupyter kernelspec list shows the installed kernels", () => {
    // `jupyter kernelspec list`, run as a module so that python3-jupyter-client alone suffices.
    const out = execFileSync(PY, ["-m", "jupyter_client.kernelspecapp", "list"], { encoding: "utf8", env: jup.env() });
    expect(out).toMatch(/^\s+gradlab\s+\S+kernels\/gradlab$/m);
    expect(out).toMatch(/gradlab-fake-sig/);
  });

  for (const k of kinds) {
    describe.skipIf(!k.enabled)(`${k.kind} session`, () => {
      const kindArgs = k.kind === "fake" ? ["--fake"] : [];
      describe("client_checks.py (jupyter_client KernelManager / BlockingKernelClient)", () => {
        let results: Map<string, Check>;
        beforeAll(async () => {
          results = await runDriver(
            "client_checks.py",
            ["--kernel", k.kernel, "--kernel-sig", k.kernelSig, ...kindArgs, ...(LONG ? ["--long"] : [])],
            900_000,
          );
        }, 900_000);
        for (const name of list("client_checks.py", kindArgs)) test(name, () => expectCheck(results, name));
      });

      describe("iopub_checks.py (floods read slowly, two clients, merged output; nothing lost, every request idle)", () => {
        let results: Map<string, Check>;
        beforeAll(async () => {
          // Generous: under a loaded machine the floods and the stuck-client check take minutes.
          results = await runDriver("iopub_checks.py", ["--kernel", k.kernel, ...kindArgs], 600_000);
        }, 600_000);
        for (const name of list("iopub_checks.py", kindArgs)) test(name, () => expectCheck(results, name));
      });

      describe("kernel_conformance.py (jupyter_kernel_test)", () => {
        let results: Map<string, Check>;
        beforeAll(async () => {
          results = await runDriver("kernel_conformance.py", [], 300_000, {
            GRADLAB_KERNEL: k.kernel,
            GRADLAB_SESSION: k.kind,
          });
        }, 300_000);
        for (const name of list("kernel_conformance.py")) test(name, () => expectCheck(results, name));
      });

      describe("nb_run.py (nbclient and jupyter nbconvert --execute)", () => {
        let results: Map<string, Check>;
        const base = k.notebook.replace(/^.*\/|\.ipynb$/g, "");
        beforeAll(async () => {
          results = await runDriver("nb_run.py", [join(HERE, k.notebook), k.kernel], 300_000);
        }, 300_000);
        for (const name of [`nbclient_${base}`, `nbconvert_${base}`]) test(name, () => expectCheck(results, name));
      });

      describe("console_check.py (jupyter console --simple-prompt)", () => {
        let results: Map<string, Check>;
        beforeAll(async () => {
          results = await runDriver("console_check.py", [k.kernel], 300_000);
        }, 300_000);
        for (const name of ["console_runs_cells", "console_shows_print", "console_banner", "console_leaves_no_kernel"])
          test(name, () => expectCheck(results, name));
      });

      describe.skipIf(k.kind !== "real")(
        "console_tmux.py (jupyter console's full terminal UI, typed into through tmux)",
        () => {
          let results: Map<string, Check>;
          beforeAll(async () => {
            results = await runDriver("console_tmux.py", [k.kernel], 300_000);
          }, 300_000);
          for (const name of ["tmux_tensor_result", "tmux_multiline_cell", "tmux_exit"])
            test(name, () => expectCheck(results, name));
        },
      );
    });
  }
});
