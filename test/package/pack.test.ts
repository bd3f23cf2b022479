/**
 * gradlab as a dependency, the way a user gets it: `npm pack`, then `npm install ./gradlab-*.tgz`
 * in a fresh project (npm 11 runs no install scripts of dependencies). The tarball holds only
 * what runs; the project imports gradlab with its types, runs `npx gradlab -c`, installs the
 * kernel (`npx gradlab install`, which builds the startup snapshot there) and runs a cell
 * through Debian's jupyter_client.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ROOT } from "../kernel/build_kernel.js";

const PY = "/usr/bin/python3";
const HAS_TMUX = spawnSync("tmux", ["-V"]).status === 0;
const HAS_JUPYTER = existsSync(PY) && spawnSync(PY, ["-c", "import jupyter_client"]).status === 0;

let tmp = "";
let project = "";
let files: string[] = [];
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "gradlab-pack-"));
  // The tarball holds dist/ as built (`npm ci` builds it before `npm test`); --ignore-scripts:
  // prepare would rebuild dist/ under the other test files running meanwhile.
  npm(["pack", "--ignore-scripts", "--pack-destination", tmp], ROOT);
  const tgz = readdirSync(tmp).find((f) => f.endsWith(".tgz"))!;
  files = execFileSync("tar", ["tzf", join(tmp, tgz)], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
  project = join(tmp, "project");
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "course", version: "1.0.0", private: true, type: "module" }),
  );
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline", join(tmp, tgz)], project);
}, 900_000);
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("the tarball holds the built engine and kernel, and no tests, benchmarks, goldens or snapshot blob", () => {
  expect(files).toContain("package/dist/engine/index.js");
  expect(files).toContain("package/dist/engine/index.d.ts");
  expect(files).toContain("package/dist/kernel/cli.js");
  expect(files).toContain("package/README.md");
  expect(
    files.filter(
      (f) => /^package\/(test|bench|engine|kernel|notebooks)\//.test(f) || /golden|\.blob$|dist\/bench\//.test(f),
    ),
  ).toEqual([]);
});

test("a project imports gradlab with its types and runs it", () => {
  writeFileSync(
    join(project, "main.ts"),
    [
      'import * as torch from "gradlab";',
      "const x: torch.Tensor = torch.ones(2, 2, { requires_grad: true });",
      "const out = x.mul(3).sum();",
      "out.backward();",
      "console.log(String(x.grad));",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        strict: true,
        skipLibCheck: true,
        outDir: "out",
        types: [],
      },
    }),
  );
  execFileSync(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", project], {
    cwd: project,
    encoding: "utf8",
  });
  // What PyTorch prints for x.grad here.
  expect(execFileSync(process.execPath, [join(project, "out", "main.js")], { cwd: project, encoding: "utf8" })).toBe(
    "tensor([[3., 3.],\n        [3., 3.]])\n",
  );
}, 300_000);

test("npx gradlab -c runs a cell in the project", () => {
  const out = execFileSync(
    "npx",
    ["--no-install", "gradlab", "-c", "const y = torch.arange(4.0)\n2 * torch.dot(y, y)"],
    { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 300_000 },
  );
  expect(out).toBe("Out[1]: tensor(28.)\n");
}, 300_000);

test.skipIf(!HAS_JUPYTER)(
  "npx gradlab install registers a kernel that runs a cell from the installed package",
  () => {
    const env = {
      ...process.env,
      JUPYTER_PATH: join(tmp, "share", "jupyter"),
      JUPYTER_DATA_DIR: join(tmp, "data"),
      JUPYTER_RUNTIME_DIR: join(tmp, "runtime"),
      GRADLAB_HISTORY_FILE: ":memory:",
    };
    execFileSync("npx", ["--no-install", "gradlab", "install", "--prefix", tmp], {
      cwd: project,
      env,
      encoding: "utf8",
      timeout: 300_000,
    });
    const script = [
      "from jupyter_client.manager import start_new_kernel",
      "km, kc = start_new_kernel(kernel_name='gradlab', startup_timeout=120)",
      "try:",
      "    reply = kc.execute_interactive('torch.ones(2) * 2', timeout=120, output_hook=lambda m: m['msg_type'] == 'execute_result' and print(m['content']['data']['text/plain']))",
      "    print(reply['content']['status'])",
      "finally:",
      "    kc.stop_channels(); km.shutdown_kernel(now=True)",
    ].join("\n");
    const out = execFileSync(PY, ["-c", script], { cwd: project, env, encoding: "utf8", timeout: 300_000 });
    expect(out).toBe("tensor([2., 2.])\nok\n");
  },
  300_000,
);

test.skipIf(!HAS_TMUX)(
  "through npx, Ctrl-C stops a running cell without ending the REPL, and leaving afterwards exits 0",
  async () => {
    // npm gets the terminal's SIGINT too, and its shell ends with it unless the REPL reads Ctrl-C itself.
    const sock = join(tmp, "tmux.sock");
    const tmux = (...a: string[]) => spawnSync("tmux", ["-S", sock, ...a], { encoding: "utf8" });
    const screen = () => tmux("capture-pane", "-p", "-t", "npx").stdout;
    const waitFor = async (re: RegExp) => {
      for (const t0 = Date.now(); !re.test(screen()); await new Promise((r) => setTimeout(r, 100))) {
        if (Date.now() - t0 > 90_000) throw new Error(`timed out waiting for ${re}:\n${screen()}`);
      }
    };
    const type = (text: string) => {
      tmux("send-keys", "-t", "npx", "-l", text);
      tmux("send-keys", "-t", "npx", "Enter");
    };
    tmux(
      "-f",
      "/dev/null",
      "new-session",
      "-d",
      "-s",
      "npx",
      "-x",
      "120",
      "-y",
      "40",
      `cd ${project} && GRADLAB_REPL_HISTORY=:memory: NO_COLOR=1 npx gradlab; echo "EXITED $?"; sleep 600`,
    );
    try {
      await waitFor(/^In \[1\]:/m);
      type("const kept = 7");
      await waitFor(/^In \[2\]:/m);
      type("while (true) {}");
      await new Promise((r) => setTimeout(r, 1500));
      tmux("send-keys", "-t", "npx", "C-c");
      await waitFor(/^In \[3\]:/m);
      type("kept * 6");
      await waitFor(/^Out\[3\]: 42$/m);
      type("exit");
      await waitFor(/^EXITED \d+$/m);
      expect(screen()).toMatch(/^KeyboardInterrupt:/m);
      expect(screen()).toMatch(/^EXITED 0$/m);
    } finally {
      tmux("kill-server");
    }
  },
  300_000,
);
