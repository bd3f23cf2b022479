/**
 * The REPL driven as a person drives it: the built `gradlab` started in a tmux pane, keys sent
 * with `send-keys`, the screen read with `capture-pane`. The expected screens are IPython's
 * layout (In/Out prompts, a blank line between entries, `   ...: ` continuation) with
 * PyTorch's reprs, as in the course's IPython session (seed 001).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildKernel } from "../kernel/build_kernel.js";

const HAS_TMUX = spawnSync("tmux", ["-V"]).status === 0;
if (!HAS_TMUX) console.warn("SKIPPED test/repl/repl_tmux.test.ts: tmux is not installed (apt-get install tmux)");

let tmp = "";
let build = "";
let cli = "";
// A socket path of our own (not -L in the shared /tmp/tmux-UID): other test runs on the machine
// may clean that folder up.
const socket = () => join(tmp, "tmux.sock");

/** The session the REPL runs in; each start makes a new one, then ends the old (ending the last one would stop the server). */
let pane = "repl0";
let starts = 0;
const tmux = (...args: string[]) => spawnSync("tmux", ["-S", socket(), ...args], { encoding: "utf8" });

/** The pane's text, trailing blank lines dropped. */
function screen(): string {
  return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", pane).stdout.replace(/\s+$/, "");
}

async function waitFor(pattern: RegExp | string, timeoutMs = 60_000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const s = screen();
    if (typeof pattern === "string" ? s.includes(pattern) : pattern.test(s)) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Type a line as a person does (literal keys), then Enter. */
function typeLine(text: string): void {
  tmux("send-keys", "-t", pane, "-l", text);
  tmux("send-keys", "-t", pane, "Enter");
}
const key = (...keys: string[]) => tmux("send-keys", "-t", pane, ...keys);

/** Start the REPL in a fresh pane; the shell prints its exit status when it leaves. */
async function start(history: string, args: string[] = []): Promise<void> {
  const old = pane;
  pane = `repl${++starts}`;
  const cmd = `cd ${tmp} && GRADLAB_REPL_HISTORY=${history} NO_COLOR=1 ${process.execPath} ${cli} ${args.join(" ")}; echo "EXITED $?"; sleep 600`;
  tmux("-f", "/dev/null", "new-session", "-d", "-s", pane, "-x", "120", "-y", "60", cmd);
  tmux("kill-session", "-t", old);
  await waitFor(/^In \[1\]:\s*$/m);
}

/** Wait for In [n] and return the screen from the banner on, without the banner. */
async function waitPrompt(n: number): Promise<string> {
  // tmux drops a line's trailing spaces: the bare prompt reads `In [n]:`.
  const s = await waitFor(new RegExp(`^In \\[${n}\\]:( |$)`, "m"));
  return s.slice(s.indexOf("In [1]: "));
}

beforeAll(() => {
  if (!HAS_TMUX) return;
  tmp = mkdtempSync(join(tmpdir(), "gradlab-repl-"));
  const b = buildKernel();
  build = b.dir;
  cli = join(b.dir, "out", "kernel", "cli.js");
}, 300_000);
afterAll(() => {
  tmux("kill-server");
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  if (build) rmSync(build, { recursive: true, force: true });
});

describe.skipIf(!HAS_TMUX)("the REPL in a terminal", () => {
  test("the course's IPython session, line by line, shows IPython's screen with PyTorch's reprs", async () => {
    await start(join(tmp, "h_seed"));
    // Seed 001's session (In [9]..In [16]) as typed in IPython; in the cell language `true` is True.
    const lines = [
      "x = torch.arange(4.0)",
      "x",
      "x.requires_grad_(true)",
      "x.grad",
      "y = 2 * torch.dot(x, x)",
      "y",
      "y.backward()",
      "x.grad",
    ];
    for (const [i, line] of lines.entries()) {
      typeLine(line);
      await waitPrompt(i + 2);
    }
    expect(await waitPrompt(9)).toBe(
      [
        "In [1]: x = torch.arange(4.0)",
        "",
        "In [2]: x",
        "Out[2]: tensor([0., 1., 2., 3.])",
        "",
        "In [3]: x.requires_grad_(true)",
        "Out[3]: tensor([0., 1., 2., 3.], requires_grad=True)",
        "",
        "In [4]: x.grad",
        "",
        "In [5]: y = 2 * torch.dot(x, x)",
        "",
        "In [6]: y",
        "Out[6]: tensor(28., grad_fn=<MulBackward0>)",
        "",
        "In [7]: y.backward()",
        "",
        "In [8]: x.grad",
        "Out[8]: tensor([ 0.,  4.,  8., 12.])",
        "",
        "In [9]:",
      ].join("\n"),
    );
    typeLine("exit");
    await waitFor("EXITED 0");
  }, 240_000);

  test("a function typed line by line: continuation prompts, indent after `{`, `}` dedents; multi-line results start on their own line", async () => {
    await start(join(tmp, "h_fn"));
    typeLine("function f(a) {");
    await waitFor(/^ {3}\.\.\.:\s*$/m);
    typeLine("let b = a * 2");
    typeLine("return b");
    typeLine("}");
    await waitPrompt(2);
    typeLine("f(torch.ones(2, 2))");
    expect(await waitPrompt(3)).toBe(
      [
        "In [1]: function f(a) {",
        "   ...:   let b = a * 2",
        "   ...:   return b",
        "   ...: }",
        "",
        "In [2]: f(torch.ones(2, 2))",
        "Out[2]: ",
        "tensor([[2., 2.],",
        "        [2., 2.]])",
        "",
        "In [3]:",
      ].join("\n"),
    );
    key("C-d");
    await waitFor("EXITED 0");
  }, 240_000);

  test("Tab completes a member with the session's completion", async () => {
    await start(join(tmp, "h_tab"));
    // The first prompt comes before the session has loaded; completion needs it.
    typeLine("const ready = 1");
    await waitPrompt(2);
    tmux("send-keys", "-t", pane, "-l", "torch.aran");
    key("Tab");
    await waitFor(/^In \[2\]: torch\.arange$/m);
    typeLine("(3)");
    expect(await waitPrompt(3)).toContain("In [2]: torch.arange(3)\nOut[2]: tensor([0, 1, 2])");
    typeLine("quit");
    await waitFor("EXITED 0");
  }, 240_000);

  test("Ctrl-C stops `while (true) {}` and code after an await with KeyboardInterrupt; variables survive; Ctrl-C at the prompt clears the line", async () => {
    await start(join(tmp, "h_int"));
    typeLine("const kept = torch.tensor([1.0, 2.0])");
    await waitPrompt(2);
    typeLine("while (true) {}");
    await new Promise((r) => setTimeout(r, 1500));
    key("C-c");
    await waitPrompt(3);
    typeLine("await new Promise((r) => setTimeout(r, 10)); while (true) {}");
    await new Promise((r) => setTimeout(r, 1500));
    key("C-c");
    await waitPrompt(4);
    tmux("send-keys", "-t", pane, "-l", "this line is never run");
    key("C-c");
    await waitFor(/^In \[4\]:\s*$/m);
    typeLine("kept * 2");
    const s = await waitPrompt(5);
    expect(s.match(/^KeyboardInterrupt: ?$/gm)?.length).toBe(2);
    expect(s).toContain("In [4]: kept * 2\nOut[4]: tensor([2., 4.])");
    expect(s).not.toContain("never run");
    typeLine("exit");
    await waitFor("EXITED 0");
  }, 240_000);

  test("history is kept across runs: Up walks the previous run's entries, Ctrl-R finds one, Up after a prefix finds the entry starting with it", async () => {
    const file = join(tmp, "h_across");
    await start(file);
    typeLine("const first_run = 40");
    await waitPrompt(2);
    typeLine("first_run + 2");
    await waitPrompt(3);
    typeLine("exit");
    await waitFor("EXITED 0");
    expect(readFileSync(file, "utf8")).toContain("first_run + 2");

    await start(file);
    key("Up");
    await waitFor(/^In \[1\]: exit$/m);
    key("Up");
    await waitFor(/^In \[1\]: first_run \+ 2$/m);
    key("C-c");
    key("C-r");
    tmux("send-keys", "-t", pane, "-l", "const first");
    await waitFor("(reverse-i-search)`const first': const first_run = 40");
    key("Enter");
    await waitPrompt(2);
    // Up after typing walks the entries that start with what is typed, as IPython's does.
    tmux("send-keys", "-t", pane, "-l", "first");
    key("Up");
    await waitFor(/^In \[2\]: first_run \+ 2$/m);
    key("Enter");
    expect(await waitPrompt(3)).toContain("In [2]: first_run + 2\nOut[2]: 42");
    typeLine("%history -n");
    expect(await waitPrompt(4)).toContain("1: const first_run = 40\n2: first_run + 2\n3: %history -n");
    typeLine("exit");
    await waitFor("EXITED 0");
  }, 240_000);
});

describe.skipIf(!HAS_TMUX)("the REPL's options", () => {
  test("--no-banner starts at the prompt; -i runs a script and keeps its variables", async () => {
    const script = join(tmp, "setup.ts");
    execFileSync("sh", ["-c", `printf 'const w = torch.ones(3)\\nprint(process.argv.slice(2))\\n' > ${script}`]);
    await start(join(tmp, "h_opts"), ["--no-banner", "-i", script, "arg1"]);
    const s = screen();
    expect(s.split("\n")[0]).toBe("['arg1']");
    typeLine("w.sum()");
    expect(await waitPrompt(2)).toContain("Out[1]: tensor(3.)");
    typeLine("exit");
    await waitFor("EXITED 0");
  }, 240_000);
});
