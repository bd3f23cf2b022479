#!/usr/bin/python3
"""PyTorch side of the benchmark suite (bench/suite/run.ts): a long-lived worker, so gradlab and
PyTorch can alternate repetitions in one run. Reads one JSON request per line from stdin:
  {"setup": "<python defining step()>"}       -> {"ok": true}          (makes the case current)
  {"time": {"min_time": 0.2, "clock": "wall"}} -> {"ms": <ms per call>} (times the current step)
and answers one JSON line each.
With --rss STEPS it serves one memory case instead, in this fresh process: reads one setup
request, calls step() STEPS times and answers resident memory in MB (before setup, after the
first and the last call, peak).
Run with OMP_NUM_THREADS=1 and OPENBLAS_NUM_THREADS=2 (set by run.ts: ATen on one thread,
OpenBLAS on both cores, PyTorch's best setting on this 2-core machine)."""
import json, os, resource, sys, time
import torch

# The suite's ResNet-18 is the one the nn goldens use (torchvision's architecture, by hand).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "nn"))
torch.manual_seed(0)
step = None
clocks = {"wall": time.perf_counter, "cpu": time.process_time}


def timed(fn, min_time, clock):
    # Warm up as long as we measure (at least one call), as the gradlab side does.
    t0, k = clock(), 0
    while k < 1 or clock() - t0 < min_time:
        fn(); k += 1
    n, t0 = 0, clock()
    while True:
        fn(); n += 1
        el = clock() - t0
        if el >= min_time:
            return el / n * 1000


def setup(src):
    torch.set_float32_matmul_precision("highest")  # the default, unless the case sets another
    ns = {"torch": torch}
    exec(src, ns)
    return ns["step"]


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


if len(sys.argv) > 2 and sys.argv[1] == "--rss":
    steps = int(sys.argv[2])
    req = json.loads(sys.stdin.readline())
    baseline = rss_mb()
    step = setup(req["setup"])
    step()
    first = rss_mb()
    for _ in range(steps - 1):
        step()
    last = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"baseline_mb": baseline, "first_mb": first, "last_mb": last, "peak_mb": peak}), flush=True)
    sys.exit(0)

print(json.dumps({"version": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    try:
        if "setup" in req:
            step = setup(req["setup"])
            print(json.dumps({"ok": True}), flush=True)
        else:
            t = req["time"]
            print(json.dumps({"ms": timed(step, t["min_time"], clocks[t["clock"]])}), flush=True)
    except Exception as e:  # report, keep serving
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}), flush=True)
