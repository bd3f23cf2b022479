#!/usr/bin/python3
"""Kernel latency, side by side in one run: gradlab, tslab and ipykernel (with torch), each
started and driven by the real jupyter_client, as Jupyter starts a kernel.

    npm run build                          # gradlab's dist (or GRADLAB_DIST=/path/to/a/build)
    GRADLAB_BASELINE=/path/to/other/dist   # optional: a second gradlab build, run interleaved
                                           # as "baseline" (before/after a change, same load)
    (cd bench/compiler && npm install)     # tslab, kept out of gradlab's dependencies
    /usr/bin/python3 bench/kernel/kernel_bench.py [--starts 5] [--rounds 40]

Measured per kernel (medians):
  start-up   KernelManager.start_kernel() to the first execute_reply. ipykernel's first cell is
             `import torch` (gradlab has torch in scope from the start; tslab has no torch);
  trivial    round-trip of a cell `1` (execute_request to execute_reply, all iopub messages in);
  dot        round-trip of `y = 2 * torch.dot(x, x)` with x = arange(4.) requiring grad; tslab
             has no tensor operators, so it runs gradlab's engine in method form
             (`torch.dot(x, x).mul(2)`);
  new        the dot cell with a new text each round (`y = 2 * torch.dot(x, x) + 7`);
  long       the same cells after --long (default 300) cells that each declare a new tensor
             (`a17 = torch.ones(2) * 17`), as in a long notebook: does latency grow with it?
Targets (issue 5): start-up no slower than ipykernel with torch imported; round-trips no slower
than tslab. Issue 11: `new` within 1.5x ipykernel, also after --long cells. Ratios are
gradlab / other: below 1 means gradlab is faster. NOTE: on a loaded machine ipykernel slows down
more than gradlab does; compare with GRADLAB_BASELINE (same load) as well.
"""
import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# A build of gradlab: dist/ (npm run build), or another with GRADLAB_DIST=/path/to/build.
DIST = os.environ.get("GRADLAB_DIST") or os.path.join(ROOT, "dist")
ENGINE = os.path.join(DIST, "engine", "index.js")


def gradlab_spec(dist=DIST):
    entry = os.path.join(dist, "kernel", "main.js")
    if not os.path.exists(entry):
        return None, f"no {entry}: run `npm run build`"
    node = shutil.which("node")
    argv = [node, entry]
    # As `gradlab install` writes it: through launch.sh, from the startup snapshot when it is current.
    launcher = os.path.join(dist, "kernel", "snapshot", "launch.sh")
    if os.path.exists(launcher):
        import subprocess
        tsjs = subprocess.run([node, "-p", "require.resolve('typescript')"], cwd=os.path.dirname(entry), capture_output=True, text=True).stdout.strip()
        argv = ["/bin/sh", launcher, node, os.path.join(dist, "kernel", "snapshot", "kernel.blob"), tsjs, entry]
    return {"argv": argv + ["-f", "{connection_file}"], "display_name": "gradlab", "language": "typescript", "interrupt_mode": "message"}, None


def tslab_spec():
    main = os.path.join(ROOT, "bench", "compiler", "node_modules", "tslab", "dist", "main.js")
    if not os.path.exists(main):
        return None, "tslab is not installed: (cd bench/compiler && npm install)"
    boot = f"require({json.dumps(main)}).main()"
    return {"argv": [shutil.which("node"), "-e", boot, "tslab", "kernel", "--config-path", "{connection_file}"], "display_name": "tslab", "language": "typescript"}, None


def ipykernel_spec():
    try:
        import ipykernel  # noqa: F401
        import torch  # noqa: F401
    except ImportError as e:
        return None, f"{e.name} is missing: apt-get install python3-ipykernel python3-torch"
    return {"argv": ["/usr/bin/python3", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "ipykernel", "language": "python"}, None


BASELINE = os.environ.get("GRADLAB_BASELINE")

# A declaring cell of the long notebook, by kernel (`{i}`: the cell's number).
LONG_CELL = {
    "gradlab": "const a{i} = torch.ones(2) * {i}",
    "tslab": "const a{i} = torch.ones(2).mul({i})",
    "ipykernel": "a{i} = torch.ones(2) * {i}",
}
# The dot cell with a new text each time ({i}), as a cell typed for the first time: a kernel
# that reuses what it compiled for a cell run again cannot here.
NEW_DOT = {
    "gradlab": "const y = 2 * torch.dot(x, x) + {i}",
    "tslab": "const y = torch.dot(x, x).mul(2).add({i})",
    "ipykernel": "y = 2 * torch.dot(x, x) + {i}",
}
for table in (LONG_CELL, NEW_DOT):
    table["baseline"] = table["gradlab"]

KERNELS = {
    # name: (spec, first cell, setup cell, trivial cell, dot cell)
    "gradlab": (gradlab_spec, "1", "const x = torch.arange(4, {dtype: torch.float32, requires_grad: true})", "1", "const y = 2 * torch.dot(x, x)"),
    # NOTE: tslab compiles cells to CommonJS (its import() becomes require(), which cannot load
    # gradlab's ES modules) and runs them in vm (no import() there), so gradlab comes in through
    # load_esm.cjs; the setup waits for it.
    "tslab": (tslab_spec, "1", f"require({json.dumps(os.path.join(HERE, 'load_esm.cjs'))})({json.dumps('file://' + ENGINE)}).then((m: any) => {{ (globalThis as any).gradlab = m; }})",
              "1", "const y = torch.dot(x, x).mul(2)"),
    "ipykernel": (ipykernel_spec, "import torch", "x = torch.arange(4., requires_grad=True)", "1", "y = 2 * torch.dot(x, x)"),
}
if BASELINE:
    KERNELS["baseline"] = (lambda: gradlab_spec(BASELINE),) + KERNELS["gradlab"][1:]


class Kernel:
    def __init__(self, name, kernels_dir):
        self.km = KernelManager(kernel_name=name)
        self.km.kernel_spec_manager.kernel_dirs = [kernels_dir]

    def start(self):
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()

    def run(self, code, timeout=60):
        """Execute and wait for the reply and the iopub idle; returns seconds."""
        t0 = time.perf_counter()
        msg_id = self.kc.execute(code)
        reply = None
        while reply is None:
            m = self.kc.get_shell_msg(timeout=timeout)
            if m["parent_header"].get("msg_id") == msg_id:
                reply = m
        while True:
            m = self.kc.get_iopub_msg(timeout=timeout)
            if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        dt = time.perf_counter() - t0
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{code!r}: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")
        return dt

    def stop(self):
        try:
            self.kc.stop_channels()
        finally:
            self.km.shutdown_kernel(now=False)


def progress(text):
    print(text, file=sys.stderr, flush=True)


def startup(name, kernels_dir, first):
    progress(f"starting {name}")
    k = Kernel(name, kernels_dir)
    t0 = time.perf_counter()
    k.start()
    # The first execute_request goes out at once (as nbclient does after kernel_info); the
    # kernel answers when it is up.
    k.kc.wait_for_ready(timeout=120)
    k.run(first)
    dt = time.perf_counter() - t0
    return k, dt


def measure(names, live, trips, rounds, suffix=""):
    for r in range(rounds):
        for n in names:
            trips[n]["trivial" + suffix].append(live[n].run(KERNELS[n][3]))
            trips[n]["dot" + suffix].append(live[n].run(KERNELS[n][4]))
            trips[n]["new" + suffix].append(live[n].run(NEW_DOT[n].format(i=r + (1000 if suffix else 0))))


def round_trips(names, kernels_dir, live, trips, rounds, long):
    """One live kernel each; the cells run interleaved across kernels, `rounds` times; then
    `long` declaring cells in each kernel, and the same cells again."""
    for n in names:
        live[n], _ = startup(n, kernels_dir, KERNELS[n][1])
        live[n].run(KERNELS[n][2])
        if n == "tslab":
            for _ in range(600):
                try:
                    live[n].run("if ((globalThis as any).gradlab === undefined) throw new Error('gradlab is still loading')")
                    break
                except RuntimeError:
                    time.sleep(0.1)
            live[n].run("const torch: any = (globalThis as any).gradlab; const x = torch.arange(4, {dtype: torch.float32, requires_grad: true})")
        for cell in (KERNELS[n][3], KERNELS[n][4]):  # warm-up
            for _ in range(3):
                live[n].run(cell)
    measure(names, live, trips, rounds)
    if not long:
        return
    for i in range(long):
        if i % 50 == 0:
            progress(f"long notebook: cell {i} of {long}")
        for n in names:
            live[n].run(LONG_CELL[n].format(i=i))
    measure(names, live, trips, rounds, "_long")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=5, help="fresh kernel starts per kernel")
    ap.add_argument("--rounds", type=int, default=40, help="round-trips per cell")
    ap.add_argument("--only", default="", help="comma-separated kernel names")
    ap.add_argument("--long", type=int, default=300, help="declaring cells before the long-notebook round-trips (0: skip)")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="gradlab-kbench-")
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(tmp, "runtime")
    os.environ.setdefault("GRADLAB_HISTORY_FILE", ":memory:")
    kernels_dir = os.path.join(tmp, "kernels")
    names = [n for n in KERNELS if not a.only or n in a.only.split(",")]
    skipped = {}
    for name in names:
        spec, why = KERNELS[name][0]()
        if spec is None:
            skipped[name] = why
            continue
        os.makedirs(os.path.join(kernels_dir, name))
        with open(os.path.join(kernels_dir, name, "kernel.json"), "w") as f:
            json.dump(spec, f)
    names = [n for n in names if n not in skipped]

    starts = {n: [] for n in names}
    # Interleaved, so machine load affects every kernel alike.
    for _ in range(a.starts):
        for n in names:
            k, dt = startup(n, kernels_dir, KERNELS[n][1])
            starts[n].append(dt)
            k.stop()
    trips = {n: {k + s: [] for k in ("trivial", "dot", "new") for s in ("", "_long")} for n in names}
    live = {}
    try:
        round_trips(names, kernels_dir, live, trips, a.rounds, a.long)
    finally:
        for k in live.values():
            k.stop()

    med = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    rows = [("start-up to first execute_reply", {n: med(starts[n]) for n in names}),
            ("round-trip: 1", {n: med(trips[n]["trivial"]) for n in names}),
            ("round-trip: y = 2 * torch.dot(x, x)", {n: med(trips[n]["dot"]) for n in names}),
            ("round-trip: dot + i, a new text each time", {n: med(trips[n]["new"]) for n in names})]
    if a.long:
        rows += [(f"round-trip: 1, after {a.long} cells", {n: med(trips[n]["trivial_long"]) for n in names}),
                 (f"round-trip: dot, after {a.long} cells", {n: med(trips[n]["dot_long"]) for n in names}),
                 (f"round-trip: dot + i, after {a.long} cells", {n: med(trips[n]["new_long"]) for n in names})]
    print(f"kernel bench: medians in ms ({a.starts} starts, {a.rounds} round-trips per cell, long notebook {a.long} cells; load average {os.getloadavg()[0]:.1f})")
    header = f"{'':42}" + "".join(f"{n:>12}" for n in names)
    others = [n for n in names if n != "gradlab"]
    if "gradlab" in names:
        header += "".join(f"{'gradlab/' + n:>20}" for n in others)
    print(header)
    for label, vals in rows:
        line = f"{label:42}" + "".join(f"{vals[n]:12.1f}" for n in names)
        if "gradlab" in names:
            line += "".join(f"{vals['gradlab'] / vals[n]:20.2f}" for n in others)
        print(line)
    for n, why in skipped.items():
        print(f"({n} skipped: {why})")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
