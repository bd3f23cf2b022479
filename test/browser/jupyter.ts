/**
 * Real Jupyter for the browser tests (Debian's packages, run with /usr/bin/python3), on the kernel
 * installation the client tests share (test/support/jupyter.ts): a notebook executed with nbclient
 * and exported with `jupyter nbconvert --to html`, and a classic Notebook 6 server.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { basename, join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { ROOT } from "../kernel/build_kernel.js";
import { JupyterEnv, PY } from "../support/jupyter.js";
import { launchChromium, type Browser, type Page } from "./chromium.js";

export { JupyterEnv } from "../support/jupyter.js";
export const HERE = join(ROOT, "test", "browser");
export const ARTIFACTS = join(HERE, "artifacts");

/**
 * For a describe block: a Jupyter installation with this kernel and a headless Chromium, set up
 * before its tests and closed after them.
 */
export function browserAndJupyter(): { jupyter: JupyterEnv; browser: () => Browser } {
  const jupyter = new JupyterEnv();
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    jupyter.setUp();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    jupyter.tearDown();
  });
  return { jupyter, browser: () => browser! };
}

export const hasPythonModule = (mod: string): boolean =>
  existsSync(PY) && spawnSync(PY, ["-c", `import ${mod}`]).status === 0;

/** Execute a notebook with nbclient and export it to HTML; returns the HTML file and a summary of the outputs. */
export function executeAndExport(j: JupyterEnv, notebook: string): { html: string; outputs: unknown[][] } {
  const out = join(j.tmp, "export");
  mkdirSync(out, { recursive: true });
  const stdout = execFileSync(PY, [join(HERE, "export_notebook.py"), notebook, "gradlab", out], {
    env: j.env(),
    encoding: "utf8",
    timeout: 300_000,
  });
  const line = stdout.split("\n").find((l) => l.startsWith("OUTPUTS "));
  if (!line) throw new Error(`export_notebook.py printed no OUTPUTS line:\n${stdout}`);
  const name = notebook.replace(/^.*\/|\.ipynb$/g, "");
  return { html: join(out, `${name}.html`), outputs: JSON.parse(line.slice(8)) as unknown[][] };
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

export interface NotebookServer {
  url(path: string): string;
  log(): string;
  stop(): Promise<void>;
}

/** Debian's classic Notebook 6 (`python3 -m notebook`) serving `dir`, on 127.0.0.1 with a random token. */
export async function startNotebookServer(j: JupyterEnv, dir: string): Promise<NotebookServer> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const child: ChildProcess = spawn(
    PY,
    [
      "-m",
      "notebook",
      "--no-browser",
      "--allow-root",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${dir}`,
    ],
    { env: j.env(), stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`jupyter-notebook exited (${child.exitCode}):\n${log.slice(-3000)}`);
    try {
      const r = await fetch(`${base}/api?token=${token}`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`jupyter-notebook did not answer in 90 s:\n${log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url: (path) => `${base}${path}${path.includes("?") ? "&" : "?"}token=${token}`,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      // The server shuts its kernels down on SIGTERM.
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await new Promise((r) => child.once("exit", r));
      clearTimeout(killer);
    },
  };
}

/**
 * A copy of `notebook` served by classic Notebook 6 from a fresh folder `folder` (under the
 * installation's tmp) and open in the browser with its gradlab kernel connected. Stop the server
 * when done.
 */
export async function openInClassicNotebook(
  j: JupyterEnv,
  browser: Browser,
  notebook: string,
  folder: string,
): Promise<{ page: Page; server: NotebookServer }> {
  const dir = join(j.tmp, folder);
  mkdirSync(dir, { recursive: true });
  copyFileSync(notebook, join(dir, basename(notebook)));
  const server = await startNotebookServer(j, dir);
  try {
    const page = await browser.open(server.url(`/notebooks/${basename(notebook)}`));
    await page.waitFor(
      "window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()",
      120_000,
      "String(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.name)",
    );
    return { page, server };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/** Run All (after clearing the committed outputs, so what the page shows is this run's) and wait for every code cell to finish. */
export async function runAllCells(page: Page, timeoutMs: number): Promise<void> {
  await page.evaluate("Jupyter.notebook.clear_all_output(); Jupyter.notebook.execute_all_cells()");
  await page.waitFor(
    "Jupyter.notebook.get_cells().every((c) => c.cell_type !== 'code' || (c.input_prompt_number !== '*' && c.input_prompt_number != null))",
    timeoutMs,
  );
}

/** Every error output of the notebook's cells. */
export const notebookErrors = (page: Page): Promise<unknown[]> =>
  page.evaluate<unknown[]>(
    "Jupyter.notebook.get_cells().flatMap((c) => c.output_area ? c.output_area.outputs.filter((o) => o.output_type === 'error') : [])",
  );

/** A screenshot of the whole notebook: the page scrolls inside #site, so the viewport is made as tall as the notebook. */
export async function screenshotNotebook(page: Page, name: string): Promise<void> {
  await page.setViewport(1280, await page.evaluate<number>("document.getElementById('notebook').scrollHeight + 200"));
  await new Promise((r) => setTimeout(r, 1000));
  await page.screenshot(join(ARTIFACTS, name));
}
