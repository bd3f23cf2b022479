#!/usr/bin/python3
"""`jupyter console --kernel NAME` in its full terminal UI (prompt_toolkit), driven through tmux
as a person types: send-keys, then capture-pane to read the screen.

    console_tmux.py NAME

Checks a one-line cell with a tensor result, a multi-line cell (Enter after `{` asks the kernel
is_complete, gets `incomplete` and shows the continuation prompt), and `exit` ending the console
and its kernel. Prints CHECK lines.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from harness import emit, wait_until  # noqa: E402
from console_check import kernel_processes  # noqa: E402

SOCKET = f"gradlab-test-{os.getpid()}"


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False)


def screen():
    return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "console").stdout


def descendants(pid):
    """Every process below `pid` (tmux's kill-server leaves a console that ignores SIGHUP running)."""
    children = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    children.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(p))
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def type_line(text):
    # -l: literal keys (no key-name lookup), then Enter as its own key, as a person presses it.
    tmux("send-keys", "-t", "console", "-l", text)
    tmux("send-keys", "-t", "console", "Enter")


def wait_for(pattern, timeout=60):
    rx = re.compile(pattern, re.M)
    ok = wait_until(lambda: rx.search(screen()) is not None, timeout, 0.1)
    return ok, screen()


def main():
    name = sys.argv[1]
    if not shutil.which("tmux"):
        for c in ("tmux_tensor_result", "tmux_multiline_cell", "tmux_exit"):
            emit(c, False, "tmux is not installed (apt-get install tmux)")
        return
    runtime = tempfile.mkdtemp(prefix="gradlab-tmux-")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=runtime)
    t0 = time.time()
    subprocess.run(["tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", "console", "-x", "150", "-y", "50",
                    "jupyter console --kernel " + name + "; sleep 30"], env=env, check=True)
    pane = int(tmux("display-message", "-p", "-t", "console", "#{pane_pid}").stdout.strip() or 0)
    try:
        ok, text = wait_for(r"^In \[1\]: ", 90)
        if not ok:
            for c in ("tmux_tensor_result", "tmux_multiline_cell", "tmux_exit"):
                emit(c, False, "no In [1] prompt:\n" + text)
            return
        type_line("const x = torch.arange(4, {dtype: torch.float32, requires_grad: true})")
        wait_for(r"^In \[2\]: ")
        type_line("2 * torch.dot(x, x)")
        ok, text = wait_for(r"^Out\[2\]: tensor\(28\., grad_fn=<MulBackward0>\)$")
        emit("tmux_tensor_result", ok, text, time.time() - t0)

        # NOTE: each line is typed only once the console shows its prompt: keys that arrive while
        # jupyter console 6.4 is still handling the last reply can trip its asyncio bug ("cannot
        # enter context ... is already entered", jupyter/jupyter_client#927), with any kernel.
        wait_for(r"^In \[3\]: ")
        t1 = time.time()
        type_line("function twice(a: number) {")
        # The kernel said `incomplete`: the console stays in the cell with a continuation prompt.
        cont_ok, text = wait_for(r"^\s+\.\.\.: \s*$", 30)
        type_line("return a * 2")
        wait_for(r"^\s+\.\.\.: .*return a \* 2\n\s+\.\.\.: ", 30)
        type_line("}")
        wait_for(r"^In \[4\]: ")
        type_line("twice(21)")
        ok, text = wait_for(r"^Out\[4\]: 42$")
        emit("tmux_multiline_cell", cont_ok and ok and "...: return a * 2" in text.replace("   ", " "), text, time.time() - t1)

        # `exit`, as in IPython: the kernel's ask_exit payload ends the console, which shuts the kernel down.
        wait_for(r"^In \[5\]: ")
        type_line("exit")
        gone = wait_until(lambda: not kernel_processes(runtime), 30)
        emit("tmux_exit", gone, f"left: {kernel_processes(runtime)}\n{screen()}")
    finally:
        for pid in [pane, *descendants(pane)] if pane else []:
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass
        tmux("kill-server")


if __name__ == "__main__":
    main()
