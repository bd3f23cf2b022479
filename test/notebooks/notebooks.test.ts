/**
 * The course notebooks (notebooks/*.ipynb), executed on the gradlab kernel by nbclient
 * (check_notebooks.py): every cell runs (errors only where tagged raises-exception), the cells
 * that translate PyTorch code show what real PyTorch shows (expected.json, written by
 * generate_expected.py), figures and graph drawings are there, and the committed outputs are
 * what a fresh run gives. The same checks then run on the notebooks as `gradlab run -o` executes
 * them, without Jupyter.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, test } from "vitest";
import { ROOT } from "../kernel/build_kernel.js";
import { expectCheck, HAS_JUPYTER, JupyterEnv, listChecks, type Check } from "../support/jupyter.js";

const DRIVER = join(ROOT, "test", "notebooks", "check_notebooks.py");
const notebooks = readdirSync(join(ROOT, "notebooks"))
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

describe.skipIf(!HAS_JUPYTER)("the course notebooks on the gradlab kernel (nbclient)", () => {
  const jup = new JupyterEnv();
  let results: Map<string, Check>;
  beforeAll(async () => {
    jup.setUp();
    results = await jup.runDriver(DRIVER, ["--kernel", "gradlab", ...notebooks], 900_000);
  }, 1_000_000);
  afterAll(() => jup.tearDown());

  for (const name of listChecks(DRIVER, notebooks)) test(name, () => expectCheck(results, name));

  describe("executed by gradlab run", () => {
    let viaRun: Map<string, Check>;
    beforeAll(async () => {
      const out = join(jup.tmp, "gradlab-run");
      mkdirSync(out, { recursive: true });
      for (const nb of notebooks) {
        execFileSync(process.execPath, [jup.cli, "run", join(ROOT, "notebooks", nb), "-o", join(out, nb)], {
          cwd: join(ROOT, "notebooks"),
          stdio: "pipe",
          timeout: 600_000,
        });
      }
      viaRun = await jup.runDriver(DRIVER, ["--executed", out, ...notebooks], 300_000);
    }, 1_000_000);
    for (const name of listChecks(DRIVER, notebooks)) test(name, () => expectCheck(viaRun, name));
  });
});
