/**
 * The progress bar in a real terminal: a node script importing `gradlab/tqdm` (the built dist/,
 * through package.json "exports") runs in a tmux pane; capture-pane shows one line redrawn in
 * place while the loop runs and tqdm's finished line after it. With stderr piped, plain lines.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const DEMO = join(ROOT, "test", "display", "fixtures", "tqdm_demo.mjs");
const HAS_TMUX = spawnSync("tmux", ["-V"]).status === 0;
if (!HAS_TMUX) console.warn("SKIPPED test/display/tqdm_tmux.test.ts: no tmux (apt-get install tmux)");

const SOCKET = `gradlab-tqdm-${process.pid}`;
const tmux = (...args: string[]) => execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-J", "-t", "bar");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(pred: (s: string) => boolean, ms: number): Promise<string> {
  const end = Date.now() + ms;
  let s = "";
  while (Date.now() < end) {
    s = screen();
    if (pred(s)) return s;
    await sleep(50);
  }
  throw new Error(`timed out; the screen:\n${s}`);
}

describe.skipIf(!HAS_TMUX)("tqdm in a terminal (tmux)", () => {
  // The script imports the build (npm ci and npm run build make it), as a user's script would.
  beforeAll(() => {
    if (!existsSync(join(ROOT, "dist", "kernel", "display", "tqdm", "index.js")))
      throw new Error("dist/kernel/display/tqdm/index.js is missing: npm run build");
  });
  afterAll(() => {
    try {
      tmux("kill-server");
    } catch {
      /* already gone */
    }
  });

  test("one line on stderr, redrawn with \\r while the loop runs, tqdm's line at the end", async () => {
    tmux("new-session", "-d", "-s", "bar", "-x", "100", "-y", "20", "-c", ROOT);
    tmux("send-keys", "-t", "bar", `clear; node ${DEMO} 40`, "Enter");
    // Mid-loop: a partial bar on the screen (the loop takes about 2 s).
    const mid = await waitFor((s) => /demo:\s+[1-9]\d?%\|/.test(s), 15_000);
    expect(mid).toMatch(/demo:\s+\d+%\|[█▏▎▍▌▋▊▉ ]+\| \d+\/40 \[\d\d:\d\d<\d\d:\d\d, /);
    const end = await waitFor((s) => s.includes("DEMO DONE"), 30_000);
    const lines = end.split("\n").filter((l) => l.includes("demo:"));
    // Redrawn in place: one line, not one per update.
    expect(lines).toHaveLength(1);
    const line = lines[0]!.trimEnd();
    expect(line).toMatch(/^demo: 100%\|█+\| 40\/40 \[\d\d:\d\d<00:00, +\d+\.\d\dit\/s, loss=0\.025\]$/);
    // The bar fills the terminal's width, as tqdm's does.
    expect([...line]).toHaveLength(100);
  }, 60_000);

  test("with stderr piped (not a TTY): plain lines, the last at 100%", async () => {
    tmux("new-session", "-d", "-s", "pipe", "-x", "100", "-y", "20", "-c", ROOT);
    const out = join(tmpdir(), `gradlab-tqdm-pipe-${process.pid}.txt`);
    tmux("send-keys", "-t", "pipe", `node ${DEMO} 5 2>${out}; echo PIPE_$((1 + 1))`, "Enter");
    const end = Date.now() + 30_000;
    while (!tmux("capture-pane", "-p", "-t", "pipe").includes("PIPE_2") && Date.now() < end) await sleep(50);
    const text = readFileSync(out, "utf8");
    rmSync(out, { force: true });
    expect(text).not.toContain("\r");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^demo: {3}0%\| {10}\| 0\/5 \[00:00<\?, \?it\/s\]$/);
    expect(lines.at(-1)).toMatch(/^demo: 100%\|██████████\| 5\/5 \[00:00<00:00, +\d+\.\d\dit\/s, loss=0\.2\]$/);
  }, 60_000);
});
