#!/usr/bin/python3
"""Goldens for gradlab's plt from real matplotlib (Debian's python3-matplotlib, Agg backend).

    /usr/bin/python3 test/display/generate_pyplot_goldens.py   # writes test/display/pyplot_goldens.json

What matplotlib decides and gradlab must decide the same way: how a format string splits into
line style, marker and colour (and its error messages), which colour a colour spec names, the
default colour cycle and sizes, the errors of bad plot()/scatter()/imshow() input, numpy's
histogram bins as hist() draws them, and a figure's text repr.
"""
import json
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.axes._base import _process_plot_format  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pyplot_goldens.json")


def error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the message is the golden
        return {"error": type(e).__name__, "message": str(e)}
    return None


def fmt_case(fmt):
    try:
        ls, marker, color = _process_plot_format(fmt)
    except ValueError as e:
        return {"fmt": fmt, "error": str(e)}
    return {"fmt": fmt, "linestyle": ls, "marker": marker, "color": None if color is None else mcolors.to_hex(color)}


FORMATS = ["r--", "bo", "g-.", "k:", "-", "o", "C1s-", "^", "y", "m+", "rz", "--:", "os", "rg", "b.-", "red", "#ff8800",
           "0.5", "D--", "kx", "C9", "-r", "v:", "|", "_", "p", "*", "h", "H", "P", "X", "d", "1", "2", "3", "4", "8",
           "<", ">", ","]
COLORS = ["red", "C0", "C3", "b", "g", "tab:orange", "#123", "#11223344", "0.25", "darkslategrey", "bluee", "C10",
          "1.5", [1, 0, 0], [0, 0.5, 1, 0.5], [2, 0, 0]]


def color_case(c):
    try:
        rgba = mcolors.to_rgba(c)
    except ValueError as e:
        return {"color": c, "error": str(e)}
    return {"color": c, "rgba": list(rgba)}


def plot_errors():
    cases = {}
    cases["plot_x_y_mismatch"] = error(lambda: plt.plot(np.arange(100), np.arange(99)))
    cases["plot_3d"] = error(lambda: plt.plot(np.zeros((2, 2, 2)), np.zeros((2, 2, 2))))
    cases["plot_bad_kw"] = error(lambda: plt.plot([1, 2], foo=1))
    cases["plot_bad_color"] = error(lambda: plt.plot([1, 2], color="bluee"))
    cases["plot_bad_fmt"] = error(lambda: plt.plot([1, 2], "rz"))
    cases["scatter_size"] = error(lambda: plt.scatter([1, 2, 3], [1, 2]))
    cases["imshow_shape"] = error(lambda: plt.imshow(np.zeros((2, 3, 5))))
    cases["xscale_bad"] = error(lambda: plt.xscale("loglog"))
    cases["savefig_format"] = error(lambda: plt.savefig("/tmp/gradlab-golden.xyz"))
    cases["bar_mismatch"] = error(lambda: plt.bar([1, 2, 3], [1, 2]))
    cases["fill_between_mismatch"] = error(lambda: plt.fill_between([1, 2, 3], [1, 2]))
    cases["plot_bad_ls"] = error(lambda: plt.plot([1, 2], ls="foo"))
    cases["plot_bad_marker"] = error(lambda: plt.plot([1, 2], marker="Q"))
    cases["subplot_index"] = error(lambda: plt.subplot(2, 2, 5))
    plt.close("all")
    return cases


def hist_cases():
    rng = np.random.RandomState(0)
    data = rng.randn(50).round(3)
    out = []
    for kw in [{}, {"bins": 5}, {"bins": [-3, -1, 0, 1, 3]}, {"bins": 4, "range": (-1, 1)}, {"bins": 6, "density": True}]:
        n, edges, _ = plt.hist(data, **kw)
        plt.close("all")
        out.append({"data": data.tolist(), "kw": {k: list(v) if isinstance(v, tuple) else v for k, v in kw.items()},
                    "n": np.asarray(n).tolist(), "edges": np.asarray(edges).tolist()})
    return out


def reprs():
    out = []
    fig = plt.figure()
    plt.plot([1, 2])
    out.append({"call": "figure(); plot", "repr": repr(fig)})
    fig = plt.figure(figsize=(10, 4))
    out.append({"call": "figure(figsize=(10, 4))", "repr": repr(fig)})
    fig, axes = plt.subplots(2, 3)
    out.append({"call": "subplots(2, 3)", "repr": repr(fig), "axes_shape": list(np.shape(axes))})
    fig, axes = plt.subplots(1, 3)
    out.append({"call": "subplots(1, 3)", "repr": repr(fig), "axes_shape": list(np.shape(axes))})
    plt.close("all")
    return out


def defaults():
    rc = matplotlib.rcParams
    return {
        "cycle": [mcolors.to_hex(c["color"]) for c in rc["axes.prop_cycle"]],
        "figsize": list(rc["figure.figsize"]),
        "dpi": rc["figure.dpi"],
        "linewidth": rc["lines.linewidth"],
        "markersize": rc["lines.markersize"],
        "scatter_s": rc["lines.markersize"] ** 2,
        "bar_width": 0.8,
        "grid_color": rc["grid.color"],
        "facecolor": rc["axes.facecolor"],
        "edgecolor": rc["axes.edgecolor"],
        "margins": rc["axes.xmargin"],
    }


def axis_limits():
    """xlim() after plotting, as matplotlib's autoscale with 5% margins reports it."""
    plt.figure()
    plt.plot([0, 10], [1, 3])
    out = {"xlim": list(plt.xlim()), "ylim": list(plt.ylim())}
    plt.close("all")
    return out


def main():
    goldens = {
        "matplotlib": matplotlib.__version__,
        "formats": [fmt_case(f) for f in FORMATS],
        "colors": [color_case(c) for c in COLORS],
        "errors": plot_errors(),
        "hist": hist_cases(),
        "reprs": reprs(),
        "defaults": defaults(),
        "autoscale": axis_limits(),
    }
    with open(OUT, "w") as f:
        json.dump(goldens, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
