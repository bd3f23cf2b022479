#!/usr/bin/python3
"""Run every transcript case module (*_cases.py: a Python program and its TypeScript translation,
line by line) with real PyTorch (Debian python3-torch, /usr/bin/python3) and write
<module>.json next to it: exactly what each Python program printed. An uncaught exception ends
a program with `<ExceptionName>: <message>`, as the TypeScript runner does."""
import contextlib, glob, importlib, io, json, os, platform, sys
import numpy
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def run(code):
    buf = io.StringIO()
    env = {"torch": torch, "np": numpy}
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(code, "<case>", "exec"), env)
        except Exception as e:
            print(f"{type(e).__name__}: {e}")
    return buf.getvalue()


cap = [l.strip() for l in torch.__config__.show().splitlines() if "CPU capability" in l]
for path in sorted(glob.glob(os.path.join(HERE, "*_cases.py"))):
    name = os.path.basename(path)[:-len(".py")]
    mod = importlib.import_module(name)
    out = {
        "generator": "test/transcripts/generate.py",
        "cases_module": f"test/transcripts/{name}.py",
        "torch": torch.__version__,
        "numpy": numpy.__version__,
        "cpu_capability": cap[0] if cap else "unknown",
        "python": platform.python_version(),
        "note": "stdout of each Python program under real PyTorch; node addresses are normalised by the test",
        "cases": [dict(c, expected=run(c["py"])) for c in mod.CASES],
    }
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{name}: {len(mod.CASES)} cases")
