#!/usr/bin/python3
"""Write test/numpy/numpy_goldens.json from REAL numpy 1.24 (and torch 1.13 for the bridge cases).

Run: /usr/bin/python3 test/numpy/generate_numpy_goldens.py

"arrays": repr(a) and str(a) of a few hundred arrays (random shapes up to 3-D, every dtype the
engine holds, values from seeded np.random draws, edge values, large summarised arrays). Values
are stored exactly:
  * "values": flat C-order list; floats as JSON numbers (Python's repr round-trips a double, and
    float32 values are written as the double they widen to), "nan"/"inf"/"-inf" as strings,
    bools as 0/1;
  * or "gen" for big arrays: (RandomState(seed).random_sample(n) * scale + offset).astype(dtype),
    which the TypeScript side recomputes bit for bit with its own RandomState (already verified
    against numpy in test/random).
"np": named outputs of np.* calls (creation, np.random streams, elementwise helpers, reductions)
that test/numpy/*.test.ts replays by name.
"""
import json
import math
import os

import numpy as np
import torch

assert np.__version__.startswith("1.24"), np.__version__
rng = np.random.RandomState(20240601)  # drives the choice of cases, not the cases' own seeds


def enc(v):
    if isinstance(v, (bool, np.bool_)):
        return int(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


arrays = []


def add(name, a, gen=None):
    a = np.asarray(a)
    case = {"name": name, "dtype": str(a.dtype), "shape": list(a.shape), "repr": repr(a), "str": str(a)}
    if gen is None:
        case["values"] = [enc(v) for v in a.reshape(-1).tolist()]
    else:
        case["gen"] = gen
    arrays.append(case)


def add_gen(name, dtype, shape, seed, scale=1.0, offset=0.0):
    n = int(np.prod(shape))
    a = (np.random.RandomState(seed).random_sample(n) * scale + offset).astype(dtype).reshape(shape)
    add(name, a, {"seed": seed, "n": n, "scale": scale, "offset": offset})


def random_shape():
    nd = rng.randint(0, 4)
    return tuple(int(rng.randint(1, 6 if nd > 1 else 12)) for _ in range(nd))


def float_values(kind, shape, seed):
    rs = np.random.RandomState(seed)
    n = int(np.prod(shape))
    if kind == "uniform":
        return rs.rand(n)
    if kind == "normal":
        return rs.randn(n)
    if kind == "scaled":  # one magnitude, from tiny to huge
        return rs.randn(n) * 10.0 ** rs.randint(-12, 13)
    if kind == "mixed":  # several magnitudes: scientific notation
        return rs.randn(n) * 10.0 ** rs.randint(-6, 7, size=n)
    if kind == "integral":
        return rs.randint(-50, 50, size=n).astype(np.float64)
    if kind == "halves":
        return rs.randint(-8, 8, size=n) / 4.0
    if kind == "special":
        pool = [0.0, -0.0, 1.0, -1.0, np.nan, np.inf, -np.inf, 0.5, 1e-5, 123.25, 1e8, 3.0]
        return np.array([pool[i] for i in rs.randint(0, len(pool), size=n)])
    if kind == "ratio":  # near the max/min > 1000 switch
        return np.array([1.0, 999.0, 1000.0, 1000.5][: max(n, 1)] * n)[:n]
    raise ValueError(kind)


FLOAT_KINDS = ["uniform", "normal", "scaled", "mixed", "integral", "halves", "special"]
for i in range(150):
    dtype = ["float64", "float32"][i % 2]
    kind = FLOAT_KINDS[(i // 2) % len(FLOAT_KINDS)]
    shape = random_shape()
    vals = float_values(kind, shape, 1000 + i)
    with np.errstate(all="ignore"):
        a = vals.astype(dtype).reshape(shape)
    add(f"{dtype}_{kind}_{i}", a)

INT_DTYPES = ["int64", "int32", "int16", "int8", "uint8"]
for i in range(60):
    dtype = INT_DTYPES[i % len(INT_DTYPES)]
    shape = random_shape()
    info = np.iinfo(dtype)
    lo, hi = [(-10, 10), (0, 1000), (-100000, 100000), (int(info.min), int(info.max))][i % 4]
    lo, hi = max(lo, int(info.min)), min(hi, int(info.max))
    # int64 is held in a Float64Array in this engine: exact to 2**53 only (engine/tensor/dtype.ts).
    lo, hi = max(lo, -(2 ** 53)), min(hi, 2 ** 53)
    a = np.random.RandomState(2000 + i).randint(lo, hi, size=shape, dtype=np.int64).astype(dtype)
    add(f"{dtype}_{i}", a)

for i in range(16):
    shape = random_shape()
    add(f"bool_{i}", np.random.RandomState(3000 + i).rand(*shape) > 0.5)

# Edge values and the switches of FloatingFormat.
edge_rows = {
    "exp_switch_max": [1e8, 1.0], "below_max": [99999999.0, 1.0], "min_switch": [1e-4, 1.0],
    "below_min": [9.999e-5, 1.0], "ratio_1000": [1.0, 1000.0], "ratio_over": [1.0, 1000.5],
    "carry": [9.99999999999, 1.5e-5], "carry_pos": [0.999999999, 2.0], "round8": [0.123456785, 0.123456775],
    "thirds": [1 / 3, 2 / 3], "tenth_sum": [0.1 + 0.2, 0.3], "pow2_small": [2.0 ** -30, 3.0],
    "subnormal": [5e-324, 1.0], "extremes": [1e-300, 1e300], "max": [1.7976931348623157e308, -1.0],
    "neg_zero": [-0.0, 1.0], "all_zero": [0.0, 0.0], "neg_zero_only": [-0.0], "nan_only": [np.nan, np.nan],
    "inf_only": [np.inf, -np.inf], "nan_inf": [np.nan, 1.5, -np.inf], "big_ints": [1e15, 2.0, 3.0],
    "e16": [1e16, 1.0], "e100": [1e100, 1e-100], "tiny_range": [1e-5, 2e-5], "negatives": [-1.5, -22.25, 3.0],
    "exp3": [1e100, 1.0, 1e-120], "int_like_big": [12345678.0, 0.5],
}
for name, row in edge_rows.items():
    add(f"edge64_{name}", np.array(row, dtype=np.float64))
    with np.errstate(all="ignore"):
        add(f"edge32_{name}", np.array(row, dtype=np.float32))
add("edge32_33554448", np.array([33554448, 1.5], dtype=np.float32))
add("edge32_pos_large", np.array([33554448, 16777217, 9999999], dtype=np.float32))
add("edge32_max", np.array([3.4028235e38, 1.0], dtype=np.float32))
add("edge32_subnormal", np.array([1e-45, 1.0], dtype=np.float32))
add("int64_big", np.array([2 ** 53, -(2 ** 53)], dtype=np.int64))
add("int64_neg", np.array([-1, -10, -100], dtype=np.int64))

# 0-d arrays and empty arrays.
for v, d in [(1.5, "float64"), (0.123456789123, "float64"), (1e-7, "float64"), (0.1, "float32"),
             (3, "int64"), (-7, "int32"), (True, "bool"), (False, "bool"), (np.nan, "float64"),
             (-np.inf, "float32"), (2.0, "float64"), (1e16, "float32"), (33554448, "float32"), (1e20, "float64")]:
    add(f"zerod_{d}_{v}", np.array(v, dtype=d))
for shape in [(0,), (2, 0), (0, 3), (1, 0, 2)]:
    for d in ["float64", "float32", "int64", "int32", "bool", "uint8"]:
        add(f"empty_{d}_{'x'.join(map(str, shape))}", np.zeros(shape, dtype=d))

# Line wrapping: long rows, wide numbers, dtype suffix on its own line.
add("wrap_uniform_40", np.random.RandomState(7).rand(40))
add("wrap_2d", np.random.RandomState(8).randn(3, 14))
add("wrap_3d", np.random.RandomState(9).randn(2, 2, 12).astype(np.float32))
add("wrap_int", np.arange(60).reshape(2, 30) * 1237)
add("wrap_int32", (np.arange(25) * 100003).astype(np.int32))
add("wrap_bool", np.random.RandomState(10).rand(30) > 0.3)
add("wrap_sci", np.random.RandomState(11).randn(20) * 1e-9)
add("wrap_dtype_line", np.arange(17, dtype=np.int32) * 1000)
for n in range(10, 30):
    add(f"wrap_f32_{n}", np.random.RandomState(n).rand(n).astype(np.float32))
add("column_100", np.random.RandomState(0).rand(100, 1))

# Large arrays: summarised with "..." (threshold 1000, edgeitems 3).
add_gen("big_1001", "float64", (1001,), 1)
add_gen("big_1000_not_summarised", "float64", (1000,), 2)
add_gen("big_2d", "float64", (40, 30), 3)
add_gen("big_3d", "float32", (10, 10, 11), 4, 100.0, -50.0)
add_gen("big_int", "int64", (2000,), 5, 1e6, -5e5)
add_gen("big_3x1000", "float64", (3, 1000), 6)
add_gen("big_1000x2", "float32", (1000, 2), 7)
add_gen("big_sci", "float64", (50, 50), 8, 1e12, 0.0)
add_gen("big_int32", "int32", (7, 200), 9, 1000.0, 0.0)
add_gen("big_uint8", "uint8", (5, 5, 50), 10, 255.0, 0.0)
add_gen("big_rows_short", "float64", (1001, 1), 11)


# ---- np.* outputs, replayed by name in the TypeScript tests ------------------------------------
out = {}


def put(name, v):
    out[name] = v if isinstance(v, str) else repr(v)


np.random.seed(0)
x = np.random.rand(100, 1)
put("seed0_rand_100x1", x)
y = 2 + 3 * x + 0.1 * np.random.randn(100, 1)
put("seed0_linreg_y", y)
put("seed0_linreg_y_str_head", str(y[:5]))
put("seed0_from_numpy_float", torch.from_numpy(x).float()[:4])
# torch.tensor(np_array) copies with numpy's dtype; as_tensor shares when the dtype matches.
put("tensor_of_linspace", torch.tensor(np.linspace(0, 1, 3)))
put("tensor_of_arange", torch.tensor(np.arange(3)))
put("tensor_of_transpose_f32", torch.tensor(np.arange(6).reshape(2, 3).T, dtype=torch.float32))
put("tensor_of_bool", torch.tensor(np.array([True, False])))
put("tensor_of_linspace_grad", torch.tensor(np.linspace(0, 1, 3), requires_grad=True))
np.random.seed(42)
put("seed42_randn_3x4", np.random.randn(3, 4))
put("seed42_normal", np.random.normal(1.0, 2.0, (2, 3)))
put("seed42_uniform", np.random.uniform(-1, 1, 5))
put("seed42_randint", np.random.randint(0, 10, (3, 3)))
put("seed42_randint_high_none", np.random.randint(5, size=4))
put("seed42_permutation", np.random.permutation(10))
a = np.arange(10)
np.random.shuffle(a)
put("seed42_shuffle", a)
put("seed42_random_2x2", np.random.random((2, 2)))
put("seed42_random_sample", np.random.random_sample(3))
put("seed42_rand_scalar", np.random.rand())
put("seed42_randn_scalar", np.random.randn())
put("seed42_randint_scalar", np.random.randint(100))
m = np.arange(12).reshape(4, 3)
np.random.seed(3)
np.random.shuffle(m)
put("seed3_shuffle_rows", m)
np.random.seed(3)
put("seed3_permutation_rows", np.random.permutation(np.arange(12).reshape(4, 3)))
np.random.seed(1)
put("seed1_rand_2x3x4", np.random.rand(2, 3, 4))

put("arange_10", np.arange(10))
put("arange_0_1_01", np.arange(0, 1, 0.1))
put("arange_float", np.arange(5.0))
put("arange_neg_step", np.arange(5, -5, -1.5))
put("arange_f32", np.arange(0, 2, 0.25, dtype=np.float32))
put("linspace_0_1_5", np.linspace(0, 1, 5))
put("linspace_0_1_7", np.linspace(0, 1, 7))
put("linspace_m1_1_50", np.linspace(-1, 1, 50))
put("linspace_0_10_noend", np.linspace(0, 10, 4, endpoint=False))
put("zeros_2x3", np.zeros((2, 3)))
put("ones_3_f32", np.ones(3, dtype=np.float32))
put("zeros_int", np.zeros(4, dtype=np.int64))
put("array_int", np.array([[1, 2], [3, 4]]))
put("array_float", np.array([1.5, 2, 3]))
put("array_f32", np.array([1, 2, 3], dtype=np.float32))
put("array_bool", np.array([True, False]))
xs = np.linspace(0, 2 * np.pi, 9)
put("sin", np.sin(xs))
put("cos", np.cos(xs))
put("exp", np.exp(np.linspace(-3, 3, 7)))
put("sqrt", np.sqrt(np.arange(10)))
put("sqrt_f32", np.sqrt(np.arange(10, dtype=np.float32)))
put("sin_scalar", np.sin(1.0))
np.random.seed(5)
r = np.random.rand(1000)
put("sum_1000", float(np.sum(r)))
put("mean_1000", float(np.mean(r)))
r2 = np.random.rand(37, 5)
put("sum_axis0", np.sum(r2, axis=0))
put("sum_axis1", np.sum(r2, axis=1))
put("sum_2d_all", float(np.sum(r2)))
put("sum_big_f32", float(np.sum(np.random.RandomState(6).rand(5000).astype(np.float32))))
put("mean_big_int", float(np.mean(np.random.RandomState(6).randint(0, 1000, 20000))))
put("mean_axis0", np.mean(r2, axis=0))
put("sum_f32", float(np.sum(r.astype(np.float32))))
put("mean_f32", float(np.mean(r.astype(np.float32))))
put("sum_int", int(np.sum(np.arange(101))))
put("mean_int", float(np.mean(np.arange(101))))
put("sum_bool", int(np.sum(r > 0.5)))
put("transpose", np.arange(6).reshape(2, 3).T)
put("astype_int", np.array([1.7, -1.7, 2.5]).astype(np.int64))
put("astype_f32", np.array([0.1, 0.2]).astype(np.float32))
put("reshape", np.arange(6.0).reshape(3, -1))
put("mul_f32_scalar", np.arange(4, dtype=np.float32) * 0.1)
put("int_div", np.arange(4) / 3)
put("int_plus_float", np.arange(3) + 0.5)

# indexing (engine/numpy/indexing.ts): slices are views, masks and index lists copies
a = np.arange(10)
put("index_slice", a[2:5])
put("index_step", a[::2])
put("index_neg", a[-1])
put("index_mask", a[a > 5])
put("index_list", a[[0, 2]])
b = np.arange(12).reshape(3, 4)
put("index_col", b[:, 1])
put("index_2d_slices", b[1:, ::2])
put("index_newaxis", b[:, None, 0])
put("index_ellipsis", b[..., 1])
put("index_row_then_item", b[1][2])
b[:, 1] = 0
put("setitem_col", b)
b[0] = 7
put("setitem_row", b)
b[1:, 0] += 1
put("isetitem_slice", b)
v = b[1:]
v[0] = -1
put("setitem_through_view", b)
a[a > 5] += 100
put("isetitem_mask", a)
f = np.zeros((2, 3))
f[:, 1:] = np.array([1.5, 2.5])
put("setitem_array_broadcast", f)

t = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
put("tensor_numpy", t.numpy())
put("tensor_numpy_int", torch.arange(5).numpy())
put("tensor_numpy_bool", (torch.arange(4) > 1).numpy())
put("tensor_numpy_f64", torch.tensor([0.1, 0.2], dtype=torch.float64).numpy())
put("tensor_numpy_T", t.t().numpy())

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "numpy_goldens.json")
with open(path, "w") as f:
    json.dump({"header": {"numpy": np.__version__, "torch": torch.__version__,
                          "generator": "test/numpy/generate_numpy_goldens.py"},
               "arrays": arrays, "np": out}, f, indent=0)
print(f"wrote {len(arrays)} array cases and {len(out)} np outputs to {path}")
