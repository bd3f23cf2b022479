#!/usr/bin/python3
"""REPL start-up, side by side in one run: `gradlab` (the REPL), IPython with torch imported,
and Node's own REPL, each started in a pseudo-terminal as a person starts it.

    npm run build                                # gradlab's dist/
    /usr/bin/python3 bench/repl/startup_bench.py [--runs 5]

Measured per REPL (median of the runs, seconds):
  prompt   process start to its first input prompt on the terminal (`In [1]: `, `> `);
  result   process start to the answer of a first entry typed at that prompt
           (gradlab: `torch.ones(2) * 2`; IPython: the same in Python; node: `1 + 1`), which
           includes whatever the REPL loads after showing its prompt.
Target (issue 14): gradlab's prompt under 1 s on this machine. The REPL draws its prompt
before it loads TypeScript (the first entry waits for that); it does not start from the
kernel's startup snapshot, which `gradlab run` and `gradlab -c` use (kernel/repl/from_snapshot.ts).
IPython is Debian's (`apt-get install ipython3`), run with /usr/bin/python3 so torch imports.
"""
import argparse
import os
import pty
import re
import select
import shutil
import signal
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CLI = os.path.join(os.environ.get("GRADLAB_DIST") or os.path.join(ROOT, "dist"), "kernel", "cli.js")


def timed(argv, prompt, entry, answer, env=None, timeout=120):
    """Seconds to the first prompt and to the first answer, in a pty."""
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, {**os.environ, **(env or {})})
    out = b""
    t_prompt = t_result = None
    try:
        while time.monotonic() - t0 < timeout:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                out += chunk
                # prompt_toolkit (IPython) asks the terminal where its cursor is, as a terminal answers.
                if b"\x1b[6n" in chunk:
                    os.write(fd, b"\x1b[1;1R")
                text = re.sub(rb"\x1b\][^\x07]*\x07|\x1b\[[0-9;?]*[A-Za-z]", b"", out).decode("utf8", "replace")
                if t_prompt is None and re.search(prompt, text):
                    t_prompt = time.monotonic() - t0
                    os.write(fd, entry.encode() + b"\r")
                    out = b""
                elif t_prompt is not None and answer in text:
                    t_result = time.monotonic() - t0
                    break
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    return t_prompt, t_result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    node = shutil.which("node")
    repls = []
    if os.path.exists(CLI):
        repls.append(("gradlab", [node, CLI], r"In \[1\]: ", "torch.ones(2) * 2", "tensor([2., 2.])",
                      {"GRADLAB_REPL_HISTORY": ":memory:", "NO_COLOR": "1"}))
    else:
        print(f"gradlab: no {CLI}; run `npm run build`")
    ipython = shutil.which("ipython3", path="/usr/bin") or None
    if ipython:
        repls.append(("ipython+torch", ["/usr/bin/python3", ipython, "--no-banner", "--colors=NoColor", "--HistoryManager.enabled=False",
                                        "--InteractiveShellApp.exec_lines=import torch"],
                      r"In \[1\]:", "torch.ones(2) * 2", "tensor([2., 2.])", {}))
    else:
        print("ipython+torch: not installed (apt-get install ipython3)")
    repls.append(("node", [node], r"> ", "1 + 1", "2", {"NODE_REPL_HISTORY": ""}))
    results = {}
    for name, argv, prompt, entry, answer, env in repls:
        runs = [timed(argv, prompt, entry, answer, env) for _ in range(args.runs)]
        prompts = [p for p, _ in runs if p is not None]
        answers = [r for _, r in runs if r is not None]
        results[name] = (statistics.median(prompts) if prompts else None, statistics.median(answers) if answers else None)
        p, r = results[name]
        print(f"{name:15s} prompt {p:.3f} s   first result {r:.3f} s   ({len(runs)} runs)" if p and r else f"{name:15s} failed: {runs}")
    if "gradlab" in results and results["gradlab"][0]:
        g = results["gradlab"]
        for other in ("ipython+torch", "node"):
            if other in results and results[other][0]:
                o = results[other]
                print(f"gradlab / {other}: prompt {g[0] / o[0]:.2f}x, first result {g[1] / o[1]:.2f}x")
        print(f"target prompt < 1 s: {'met' if g[0] < 1 else 'NOT met'} ({g[0]:.3f} s)")


if __name__ == "__main__":
    sys.exit(main())
