#!/usr/bin/python3
"""Execute a notebook with nbclient and with `jupyter nbconvert --execute` (run as
`python3 -m nbconvert`, which needs only python3-nbconvert) on a gradlab kernel.

    nb_run.py NOTEBOOK KERNEL_NAME

Each code cell may carry `metadata.gradlab_expect`: {"text/plain": ..., "stdout": ...,
"display": MIME type, "error": ename}; the executed outputs are compared with it. Prints
CHECK lines.
"""
import os
import subprocess
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, os.path.dirname(__file__))
from harness import emit  # noqa: E402


def compare(nb, label):
    problems = []
    for i, cell in enumerate(nb.cells):
        want = cell.metadata.get("gradlab_expect")
        if cell.cell_type != "code" or not want:
            continue
        outs = cell.outputs
        if "text/plain" in want:
            got = [o["data"].get("text/plain") for o in outs if o["output_type"] == "execute_result"]
            if got != [want["text/plain"]]:
                problems.append(f"cell {i}: execute_result {got!r} != {want['text/plain']!r}")
            counts = [o.get("execution_count") for o in outs if o["output_type"] == "execute_result"]
            if counts != [cell.execution_count]:
                problems.append(f"cell {i}: execution_count {counts} vs cell {cell.execution_count}")
        if "stdout" in want:
            got = "".join(o["text"] for o in outs if o["output_type"] == "stream" and o["name"] == "stdout")
            if got != want["stdout"]:
                problems.append(f"cell {i}: stdout {got!r} != {want['stdout']!r}")
        if "display" in want:
            if not any(o["output_type"] == "display_data" and want["display"] in o["data"] for o in outs):
                problems.append(f"cell {i}: no display_data with {want['display']}: {outs}")
        if "error" in want:
            if not any(o["output_type"] == "error" and o["ename"] == want["error"] for o in outs):
                problems.append(f"cell {i}: no {want['error']} error: {outs}")
    return problems


def main():
    path, kernel = sys.argv[1], sys.argv[2]
    base = os.path.splitext(os.path.basename(path))[0]
    t0 = time.time()
    nb = nbformat.read(path, as_version=4)
    try:
        NotebookClient(nb, kernel_name=kernel, timeout=120, allow_errors=True).execute()
        problems = compare(nb, "nbclient")
        emit(f"nbclient_{base}", not problems, "\n".join(problems), time.time() - t0)
    except CellExecutionError as e:
        emit(f"nbclient_{base}", False, str(e), time.time() - t0)

    t0 = time.time()
    out = os.path.join(tempfile.mkdtemp(prefix="gradlab-nbconvert-"), "out.ipynb")
    p = subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
         f"--ExecutePreprocessor.kernel_name={kernel}", "--output", out, path],
        capture_output=True, text=True, timeout=300,
    )
    if p.returncode != 0:
        emit(f"nbconvert_{base}", False, p.stderr, time.time() - t0)
        return
    problems = compare(nbformat.read(out, as_version=4), "nbconvert")
    emit(f"nbconvert_{base}", not problems, "\n".join(problems), time.time() - t0)


if __name__ == "__main__":
    main()
