#!/usr/bin/python3
"""Execute the course notebooks on a gradlab kernel with nbclient and check what they show.

    check_notebooks.py --kernel gradlab [--write] [NOTEBOOK ...]
    check_notebooks.py --executed DIR [NOTEBOOK ...]   # check notebooks `gradlab run` executed
    check_notebooks.py --list

Per notebook, CHECK lines (test/kernel/harness.py's format) for:
  - executes: every cell runs; exactly the cells tagged `raises-exception` end in an error;
  - matches PyTorch: the cells in expected.json (written by generate_expected.py from real
    PyTorch) show the same stdout, result and error, up to object addresses;
  - figures: cells calling plt show a plotly figure, cells calling make_dot an SVG;
  - committed outputs: the notebook file's outputs equal this fresh execution's, up to
    addresses, timings and display ids (so a stale notebook fails).
With --write, the executed notebooks are written back (how the committed outputs are made).
With --executed, nothing runs here: DIR holds the notebooks another executor (`gradlab run -o`)
wrote, and they get the same checks.
"""
import argparse
import copy
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
sys.path.insert(0, os.path.join(ROOT, "test", "kernel"))
from harness import emit  # noqa: E402

ADDRESS = re.compile(r"0x[0-9a-f]+")
CHECKS = ["executes", "matches PyTorch", "figures", "committed outputs"]


def notebook_names():
    return sorted(f for f in os.listdir(NOTEBOOKS) if f.endswith(".ipynb"))


def normalise(text):
    """Addresses differ per run; IPython shows graph nodes as `<X at 0x..>`, repr() as `<X object at 0x..>`."""
    return ADDRESS.sub("0x…", text).replace(" object at 0x…", " at 0x…")


def stdout_of(cell):
    return "".join(o["text"] for o in cell.outputs if o["output_type"] == "stream" and o["name"] == "stdout")


def result_of(cell):
    for o in cell.outputs:
        if o["output_type"] == "execute_result":
            return o["data"].get("text/plain")
    return None


def error_of(cell):
    for o in cell.outputs:
        if o["output_type"] == "error":
            return [o["ename"], o["evalue"]]
    return None


def mime_types(cell):
    return [k for o in cell.outputs if o["output_type"] in ("display_data", "execute_result") for k in o["data"]]


def raises(cell):
    return "raises-exception" in cell.metadata.get("tags", [])


def check_executes(nb):
    problems = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        err = error_of(cell)
        if err and not raises(cell):
            problems.append(f"{cell.id}: unexpected {err[0]}: {err[1][:300]}")
        if raises(cell) and not err:
            problems.append(f"{cell.id}: tagged raises-exception but ran without an error")
    return problems


def check_pytorch(nb, expected):
    problems = []
    cells = {c.id: c for c in nb.cells if c.cell_type == "code"}
    for cid, want in expected.items():
        cell = cells.get(cid)
        if cell is None:
            problems.append(f"{cid}: no such cell")
            continue
        got_out = normalise(stdout_of(cell))
        if normalise(want.get("stdout", "")) != got_out:
            problems.append(f"{cid}: stdout {got_out!r} != PyTorch's {normalise(want.get('stdout', ''))!r}")
        got_res = result_of(cell)
        want_res = want.get("text/plain")
        if (normalise(got_res) if got_res is not None else None) != (normalise(want_res) if want_res is not None else None):
            problems.append(f"{cid}: result {got_res!r} != PyTorch's {want_res!r}")
        got_err = error_of(cell)
        if (got_err or None) != (want.get("error") or None):
            problems.append(f"{cid}: error {got_err!r} != PyTorch's {want.get('error')!r}")
    return problems


def check_figures(nb):
    problems = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kinds = mime_types(cell)
        if re.search(r"\bplt\.(plot|scatter|show|bar|hist|imshow)\(", cell.source) and "application/vnd.plotly.v1+json" not in kinds:
            problems.append(f"{cell.id}: plots but shows no plotly figure (outputs: {kinds})")
        if "make_dot(" in cell.source and "image/svg+xml" not in kinds:
            problems.append(f"{cell.id}: draws a graph but shows no SVG (outputs: {kinds})")
        if re.search(r"\b(tqdm|trange)\(", cell.source) and "text/html" not in kinds:
            problems.append(f"{cell.id}: has a progress bar but shows no HTML bar (outputs: {kinds})")
    return problems


def merge_streams(cell):
    """Consecutive text on one stream as one output, as Jupyter's frontends merge it (how the
    kernel cut it into messages depends on timing)."""
    merged = []
    for o in cell.outputs:
        if o["output_type"] == "stream" and merged and merged[-1]["output_type"] == "stream" and merged[-1]["name"] == o["name"]:
            merged[-1]["text"] += o["text"]
        else:
            merged.append(copy.deepcopy(o))
    cell.outputs = merged


def comparable(cell):
    """What must stay the same between runs: text outputs up to addresses; rich outputs by kind."""
    cell = copy.deepcopy(cell)
    merge_streams(cell)
    out = []
    for o in cell.outputs:
        t = o["output_type"]
        if t == "stream":
            out.append((t, o["name"], normalise(o["text"])))
        elif t == "execute_result":
            out.append((t, normalise(o["data"].get("text/plain", "")), sorted(o["data"])))
        elif t == "display_data":
            out.append((t, sorted(o["data"])))
        elif t == "error":
            out.append((t, o["ename"], normalise(o["evalue"])))
        else:
            out.append((t,))
    return out


def check_committed(committed, fresh):
    problems = []
    old = {c.id: c for c in committed.cells if c.cell_type == "code"}
    for cell in fresh.cells:
        if cell.cell_type != "code":
            continue
        before = old.get(cell.id)
        if before is None:
            problems.append(f"{cell.id}: not in the committed notebook")
        elif comparable(before) != comparable(cell):
            problems.append(f"{cell.id}: committed outputs {comparable(before)!r:.400} != fresh {comparable(cell)!r:.400}")
    return problems


def execute(path, kernel):
    nb = nbformat.read(path, as_version=4)
    committed = copy.deepcopy(nb)
    client = NotebookClient(nb, kernel_name=kernel, timeout=600, allow_errors=True, resources={"metadata": {"path": NOTEBOOKS}})
    client.execute()
    return committed, nb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="gradlab")
    ap.add_argument("--write", action="store_true", help="write the executed notebooks back")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--executed", help="a folder of notebooks executed elsewhere, to check instead of running them")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    names = args.notebooks or notebook_names()
    if args.list:
        for n in names:
            for c in CHECKS:
                print(f"{n}: {c}")
        return
    with open(os.path.join(HERE, "expected.json")) as f:
        expected = json.load(f)["notebooks"]
    for name in names:
        path = os.path.join(NOTEBOOKS, name)
        t0 = time.time()
        try:
            if args.executed:
                committed, fresh = nbformat.read(path, as_version=4), nbformat.read(os.path.join(args.executed, name), as_version=4)
            else:
                committed, fresh = execute(path, args.kernel)
        except Exception as e:  # noqa: BLE001 - reported as failed checks
            for c in CHECKS:
                emit(f"{name}: {c}", False, f"execution failed: {type(e).__name__}: {str(e)[:2000]}")
            continue
        secs = time.time() - t0
        nbformat.validate(fresh)
        results = {
            "executes": check_executes(fresh),
            "matches PyTorch": check_pytorch(fresh, expected.get(name, {})),
            "figures": check_figures(fresh),
            "committed outputs": [] if args.write and not args.executed else check_committed(committed, fresh),
        }
        for c in CHECKS:
            emit(f"{name}: {c}", not results[c], "\n".join(results[c]), secs)
        if args.write and not args.executed:
            for cell in fresh.cells:
                if cell.cell_type == "code":
                    merge_streams(cell)
            nbformat.write(fresh, path)


if __name__ == "__main__":
    main()
