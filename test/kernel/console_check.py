#!/usr/bin/python3
"""`jupyter console --kernel NAME --simple-prompt` fed from stdin, as a terminal user would type.

    console_check.py NAME

Prints CHECK lines: the results appear as Out[n], print() output appears, the console exits
cleanly and leaves no kernel process behind.
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from harness import emit, wait_until  # noqa: E402

LINES = ["var a = 6 * 7", "a", 'print("hi from console")', "a + 1"]


def kernel_processes(runtime_dir):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if runtime_dir.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def main():
    name = sys.argv[1]
    runtime = tempfile.mkdtemp(prefix="gradlab-console-")
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=runtime)
    t0 = time.time()
    try:
        p = subprocess.run(
            ["jupyter", "console", "--kernel", name, "--simple-prompt"],
            input="\n".join(LINES) + "\n", capture_output=True, text=True, env=env, timeout=90,
        )
        out, err, code = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out, err, code = str(e.stdout or ""), f"timed out after 90 s\n{e.stderr or ''}", None
    emit("console_runs_cells", code == 0 and "Out[2]: 42" in out and "Out[4]: 43" in out, out + err, time.time() - t0)
    emit("console_shows_print", "hi from console" in out, out)
    emit("console_banner", "gradlab" in out, out[:500])
    gone = wait_until(lambda: not kernel_processes(runtime), 10)
    emit("console_leaves_no_kernel", gone, f"left: {kernel_processes(runtime)}")


if __name__ == "__main__":
    main()
