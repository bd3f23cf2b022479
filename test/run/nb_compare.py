#!/usr/bin/python3
"""`gradlab run NOTEBOOK -o OUT` against the kernel through nbclient, for the same notebook.

    nb_compare.py NOTEBOOK KERNEL_NAME GRADLAB_OUT

Executes NOTEBOOK with nbclient on the installed gradlab kernel (as test/kernel/nb_run.py
does), reads GRADLAB_OUT, validates it with nbformat, and compares every code cell's
outputs and execution_count. Differences allowed: object addresses (0x...), a figure's element id,
and how stream
text is split into messages (the kernel sends a stream as it is flushed; consecutive text of
one stream is one output in both after merging, as JupyterLab shows it). Prints one JSON line:
{"valid": bool, "error": str, "differences": [...], "cells": n}.
"""
import copy
import json
import re
import sys

import nbformat
from nbclient import NotebookClient

# Identities that differ between any two runs: object addresses, and a figure's element id (pid, time).
ADDRESS = re.compile(r"0x[0-9a-f]+|gradlab-figure-[0-9a-z]+-[0-9a-z]+-[0-9]+")


def normal(value):
    if isinstance(value, str):
        return ADDRESS.sub("0xADDR", value)
    if isinstance(value, list):
        return [normal(v) for v in value]
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items()}
    return value


def merged(outputs):
    out = []
    for o in outputs:
        o = dict(o)
        if o["output_type"] == "stream" and out and out[-1]["output_type"] == "stream" and out[-1]["name"] == o["name"]:
            out[-1]["text"] += o["text"]
        else:
            out.append(o)
    return out


def main():
    path, kernel, produced = sys.argv[1:4]
    result = {"valid": False, "error": "", "differences": [], "cells": 0}
    try:
        ours = nbformat.read(produced, as_version=4)
        nbformat.validate(ours)
        result["valid"] = True
        result["nbformat"] = [ours.nbformat, ours.nbformat_minor]
        result["kernelspec"] = ours.metadata.get("kernelspec")
    except Exception as e:  # noqa: BLE001 - report any read/validation failure
        result["error"] = f"{type(e).__name__}: {e}"
        print(json.dumps(result))
        return
    # NOTE: jupyter_client picks free ports and the kernel binds them a moment later; on a busy
    # machine another process may take one first ("Address already in use"). Start again then.
    for attempt in range(3):
        ref = nbformat.read(path, as_version=4)
        try:
            NotebookClient(ref, kernel_name=kernel, timeout=120, allow_errors=False).execute()
            break
        except (RuntimeError, TimeoutError) as e:
            if "CellExecutionError" in type(e).__name__ or attempt == 2:
                raise
            print(f"kernel start failed ({type(e).__name__}: {e}); starting again", file=sys.stderr)
    if len(ref.cells) != len(ours.cells):
        result["differences"].append(f"cell count {len(ref.cells)} vs {len(ours.cells)}")
    for i, (a, b) in enumerate(zip(ref.cells, ours.cells)):
        if a.cell_type != b.cell_type or a.source != b.source:
            result["differences"].append(f"cell {i}: type or source differ")
            continue
        if a.cell_type != "code":
            continue
        result["cells"] += 1
        if a.execution_count != b.execution_count:
            result["differences"].append(f"cell {i}: execution_count {a.execution_count} vs {b.execution_count}")
        want = normal(merged(copy.deepcopy(a.outputs)))
        got = normal(merged(copy.deepcopy(b.outputs)))
        if want != got:
            result["differences"].append(f"cell {i}: kernel outputs {json.dumps(want)}\n  gradlab run outputs {json.dumps(got)}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
