#!/usr/bin/python3
"""Run the transcript cases with real PyTorch (Debian python3-torch, /usr/bin/python3) and write
transcripts.json: for each case, exactly what the Python program printed."""
import contextlib, io, json, os, platform, sys, traceback
import torch
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from transcripts import CASES

def run(code):
    buf = io.StringIO()
    env = {"torch": torch}
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(code, "<case>", "exec"), env)
        except Exception as e:
            print(f"{type(e).__name__}: {e}")
    return buf.getvalue()

cap = [l.strip() for l in torch.__config__.show().splitlines() if "CPU capability" in l]
out = {
    "generator": "test/autograd/generate_transcripts.py",
    "torch": torch.__version__,
    "cpu_capability": cap[0] if cap else "unknown",
    "python": platform.python_version(),
    "note": "stdout of each Python program under real PyTorch; node addresses are normalised by the test",
    "cases": [dict(c, expected=run(c["py"])) for c in CASES],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "transcripts.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"wrote {len(CASES)} cases to {path}")
