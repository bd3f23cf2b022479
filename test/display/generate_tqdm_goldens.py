"""Goldens for the progress bar's text (test/display/tqdm_format.test.ts): what real tqdm
(Debian's python3-tqdm, 4.64) writes for given counters, through its own static formatters.

Run: /usr/bin/python3 test/display/generate_tqdm_goldens.py
"""
import json
import os

import tqdm
from tqdm import tqdm as T

METERS = [
    dict(n=0, total=100, elapsed=0),
    dict(n=45, total=100, elapsed=1.12, prefix="desc", rate=40.1234, postfix="loss=0.1"),
    dict(n=1, total=8, elapsed=0.5),  # 12.5%: Python rounds the tie to even
    dict(n=3, total=8, elapsed=0.5),  # 37.5%
    dict(n=100, total=100, elapsed=2.5, prefix="train", postfix="loss=0.0123"),
    dict(n=7, total=9, elapsed=3725.0, prefix="slow: "),
    dict(n=2, total=50, elapsed=9.0),  # under 1 it/s: s/it
    dict(n=5, total=None, elapsed=2.0, prefix="stream"),
    dict(n=5, total=None, elapsed=0),
    dict(n=12, total=10, elapsed=1.0),  # past the total: shown without one
    dict(n=33, total=100, elapsed=1.0, ncols=60),
    dict(n=33, total=100, elapsed=1.0, ncols=80, prefix="epoch 3"),
    dict(n=99, total=100, elapsed=1.0, ncols=0),
    dict(n=45, total=100, elapsed=1.0, unit="batch", rate=0.125),
    dict(n=1, total=3, elapsed=0.0),
]

NUMS = [0.1, 0.123456, 1234.5, 1e-05, 0.000123456, 12345678, 5, 0, -0.5, 2.5e10, 100.0, 3.14159, 1e16, 0.30000000000000004]

INTERVALS = [0, 0.99, 59.9, 60, 3599, 3600, 3725.5, 86399, 360000]


def main():
    meters = []
    for m in METERS:
        kw = {k: v for k, v in m.items() if k not in ("n", "total", "elapsed")}
        meters.append({"args": m, "out": T.format_meter(m["n"], m["total"], m["elapsed"], **kw)})
    out = {
        "tqdm": tqdm.__version__,
        "format_meter": meters,
        "format_num": [[x, T.format_num(x)] for x in NUMS],
        "format_interval": [[t, T.format_interval(t)] for t in INTERVALS],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tqdm_goldens.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
