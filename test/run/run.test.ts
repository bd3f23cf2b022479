/**
 * `gradlab run` and the CLI, run as a user runs them (the built CLI in a child process):
 * scripts (stdout, stderr, exit status), notebooks (outputs equal to what the kernel gives the
 * same notebook through Debian's nbclient, nbformat validation, raises-exception,
 * --allow-errors, --timeout, --inplace), and the help texts.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { install } from "../../kernel/install.js";
import { buildKernel, ROOT } from "../kernel/build_kernel.js";

const PY = "/usr/bin/python3";
const FIX = join(ROOT, "test", "run", "fixtures");
const HAS_NBCLIENT = existsSync(PY) && spawnSync(PY, ["-c", "import nbclient, nbformat"]).status === 0;

let tmp = "";
let build = "";
let cli = "";
const env = () => ({
  ...process.env,
  JUPYTER_PATH: join(tmp, "share", "jupyter"),
  JUPYTER_DATA_DIR: join(tmp, "data"),
  JUPYTER_RUNTIME_DIR: join(tmp, "runtime"),
  JUPYTER_CONFIG_DIR: join(tmp, "config"),
  GRADLAB_HISTORY_FILE: ":memory:",
  NO_COLOR: "1",
  PYTHONDONTWRITEBYTECODE: "1",
});

function gradlab(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: opts.cwd ?? tmp,
    env: env(),
    encoding: "utf8",
    timeout: 180_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const notebook = (path: string) =>
  JSON.parse(readFileSync(path, "utf8")) as {
    cells: {
      cell_type: string;
      execution_count: number | null;
      outputs?: { output_type: string; name?: string; text?: string[]; ename?: string }[];
    }[];
  };

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "gradlab-run-"));
  const b = buildKernel();
  build = b.dir;
  cli = join(b.dir, "out", "kernel", "cli.js");
  install({ prefix: tmp, name: "gradlab", entry: b.realEntry });
}, 300_000);
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (build) rmSync(build, { recursive: true, force: true });
});

describe("gradlab run script.ts", () => {
  test("runs the cell language with its arguments in process.argv and exits 0", () => {
    const r = gradlab(["run", join(FIX, "args.ts"), "first", "2"]);
    expect(r.stderr).toBe("");
    // PyTorch prints these for torch.arange(4.0) * 2 and (x ** 2).sum().
    expect(r.stdout).toBe("tensor([0., 2., 4., 6.])\n['first', '2']\ntensor(14.)\n");
    expect(r.status).toBe(0);
  });

  test("an uncaught error: exit status 1, PyTorch's message and a traceback at the script line on stderr", () => {
    const r = gradlab(["run", join(FIX, "fails.ts")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toContain(`File "${join(FIX, "fails.ts")}", line 3\n`);
    expect(r.stderr).toContain("----> 3 y.backward()");
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe(
      "RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn",
    );
  });

  test("plain .mjs runs as under node, with its arguments; a throw is exit status 1", () => {
    const ok = gradlab(["run", join(FIX, "plain.mjs"), "a", "b"]);
    expect(ok.stdout).toBe("plain.mjs a,b\n");
    expect(ok.status).toBe(0);
    const bad = gradlab(["run", join(FIX, "plain.mjs"), "--fail"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("TypeError: asked to fail");
  });

  test("a missing file says so", () => {
    const r = gradlab(["run", "no_such_script.ts"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("No such file or directory");
  });
});

describe("gradlab run notebook.ipynb", () => {
  test.skipIf(!HAS_NBCLIENT)(
    "writes what the kernel gives the same notebook through nbclient (results, rich displays, a figure, streams, errors), as valid nbformat 4.5",
    () => {
      const out = join(tmp, "course_out.ipynb");
      const r = gradlab(["run", join(FIX, "course.ipynb"), "-o", out]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const report = JSON.parse(
        execFileSync(PY, [join(ROOT, "test", "run", "nb_compare.py"), join(FIX, "course.ipynb"), "gradlab", out], {
          env: env(),
          encoding: "utf8",
          timeout: 300_000,
        })
          .trim()
          .split("\n")
          .at(-1)!,
      ) as {
        valid: boolean;
        error: string;
        differences: string[];
        cells: number;
        nbformat: number[];
        kernelspec: { name: string };
      };
      expect(report.error).toBe("");
      expect(report.valid).toBe(true);
      expect(report.nbformat).toEqual([4, 5]);
      expect(report.kernelspec.name).toBe("gradlab");
      expect(report.differences).toEqual([]);
      expect(report.cells).toBe(10);
    },
    300_000,
  );

  test("markdown is kept, the tagged cell's error is stored and the run goes on", () => {
    const out = join(tmp, "course_kept.ipynb");
    expect(gradlab(["run", join(FIX, "course.ipynb"), "-o", out]).status).toBe(0);
    const nb = notebook(out);
    const source = notebook(join(FIX, "course.ipynb"));
    expect(nb.cells[0]).toEqual(source.cells[0]);
    const tagged = nb.cells[8]!;
    expect(tagged.outputs![0]!.ename).toBe("RuntimeError");
    expect(nb.cells[9]!.execution_count).toBe(8);
  });

  test("a failing cell without the tag stops the run with status 1; --allow-errors goes on with status 0", () => {
    const out = join(tmp, "fails_out.ipynb");
    const r = gradlab(["run", join(FIX, "fails.ipynb"), "-o", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("cell 1");
    expect(r.stderr).toContain("RuntimeError: element 0 of tensors does not require grad");
    let nb = notebook(out);
    expect(nb.cells[2]!.execution_count).toBeNull();
    expect(nb.cells[2]!.outputs).toEqual([]);

    const r2 = gradlab(["run", join(FIX, "fails.ipynb"), "-o", out, "--allow-errors"]);
    expect(r2.status).toBe(0);
    nb = notebook(out);
    expect(nb.cells[2]!.outputs).toEqual([{ output_type: "stream", name: "stdout", text: ["not reached\n"] }]);
    expect(nb.cells.map((c) => c.execution_count)).toEqual([1, 2, 3]);
  });

  test("--timeout interrupts a cell that loops and fails the run", () => {
    const out = join(tmp, "loops_out.ipynb");
    const r = gradlab(["run", join(FIX, "loops.ipynb"), "-o", out, "--timeout", "2"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("timed out after 2 s");
    expect(notebook(out).cells[0]!.outputs![0]!.ename).toBe("KeyboardInterrupt");
  });

  test("--inplace writes the executed notebook back; without -o the outputs are printed", () => {
    const copy = join(tmp, "inplace.ipynb");
    copyFileSync(join(FIX, "fails.ipynb"), copy);
    expect(gradlab(["run", copy, "--inplace", "--allow-errors"]).status).toBe(0);
    expect(notebook(copy).cells[0]!.execution_count).toBe(1);
    const printed = gradlab(["run", join(FIX, "fails.ipynb"), "--allow-errors"]);
    expect(printed.stdout).toBe("Out[1]: tensor([1., 1.])\nnot reached\n");
    expect(printed.stderr).toContain("RuntimeError");
  });
});

describe("the gradlab command", () => {
  test("--help lists the commands; COMMAND --help its options", () => {
    const r = gradlab(["--help"]);
    expect(r.status).toBe(0);
    for (const c of ["repl", "run", "install", "uninstall", "kernel", "snapshot", "demo"])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, "m"));
    const run = gradlab(["run", "--help"]);
    expect(run.stdout).toContain("--allow-errors");
    expect(run.stdout).toContain("--inplace");
    const repl = gradlab(["repl", "--help"]);
    for (const o of ["--no-banner", "--quiet", "-c CODE", "-i SCRIPT"]) expect(repl.stdout).toContain(o);
  });

  test("an unknown command says which exist, with status 2", () => {
    const r = gradlab(["serve"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "gradlab: unknown command 'serve'. Commands: repl, run, install, uninstall, kernel, snapshot, demo (gradlab --help)\n",
    );
  });

  test("-c runs one entry and shows its result as Out[1]; an error is status 1", () => {
    const r = gradlab(["-c", "const a = torch.ones(2, 2)\na * 3"]);
    expect(r.stdout).toBe("Out[1]: \ntensor([[3., 3.],\n        [3., 3.]])\n");
    expect(r.status).toBe(0);
    const bad = gradlab(["-c", "torch.ones(2).backward()"]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("RuntimeError: element 0 of tensors does not require grad");
  });
});
