#!/usr/bin/python3
"""Execute a notebook on a kernel with nbclient, then export it with `jupyter nbconvert --to html`
(run as `python3 -m nbconvert`, Debian's python3-nbconvert).

    export_notebook.py NOTEBOOK KERNEL_NAME OUT_DIR   → OUT_DIR/<name>.ipynb and OUT_DIR/<name>.html

Prints the executed notebook's outputs per cell as one JSON line (output types and MIME types),
so the test can tell a missing figure from one that did not render.
"""
import json
import os
import subprocess
import sys

import nbformat
from nbclient import NotebookClient


def main():
    path, kernel, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=kernel, timeout=180, allow_errors=True, resources={"metadata": {"path": out_dir}}).execute()
    executed = os.path.join(out_dir, f"{name}.ipynb")
    nbformat.write(nb, executed)
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--output-dir", out_dir, executed], check=True, capture_output=True, text=True)
    summary = [
        [{"output_type": o["output_type"], **({"mimes": sorted(o.get("data", {}))} if "data" in o else {}),
          **({"ename": o["ename"], "evalue": o["evalue"]} if o["output_type"] == "error" else {})} for o in c.get("outputs", [])]
        for c in nb.cells if c.cell_type == "code"
    ]
    print("OUTPUTS " + json.dumps(summary))


if __name__ == "__main__":
    main()
