#!/usr/bin/python3
"""PyTorch side of the benchmark suite (bench/suite/run.ts): a long-lived worker, so gradlab and
PyTorch can alternate repetitions in one run. Reads one JSON request per line from stdin:
  {"setup": "<python defining step()>"}       -> {"ok": true}          (makes the case current)
  {"time": {"min_time": 0.2, "clock": "wall"}} -> {"ms": <ms per call>} (times the current step)
and answers one JSON line each. Run with OMP_NUM_THREADS=1 (set by run.ts)."""
import json, sys, time
import torch

torch.manual_seed(0)
step = None
clocks = {"wall": time.perf_counter, "cpu": time.process_time}

def timed(fn, min_time, clock):
    # Warm up as long as we measure, as the gradlab side does.
    t0, k = clock(), 0
    while k < 3 or clock() - t0 < min_time:
        fn(); k += 1
    n, t0 = 0, clock()
    while True:
        fn(); n += 1
        el = clock() - t0
        if el >= min_time and n >= 3:
            return el / n * 1000

print(json.dumps({"version": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    try:
        if "setup" in req:
            ns = {"torch": torch}
            exec(req["setup"], ns)
            step = ns["step"]
            print(json.dumps({"ok": True}), flush=True)
        else:
            t = req["time"]
            print(json.dumps({"ms": timed(step, t["min_time"], clocks[t["clock"]])}), flush=True)
    except Exception as e:  # report, keep serving
        print(json.dumps({"error": f"{type(e).__name__}: {e}"}), flush=True)
