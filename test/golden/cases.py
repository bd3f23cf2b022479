"""The golden cases: Python snippets run by generate.py in real PyTorch, and (translated) in gradlab.

Each case: `id`, `op` (the op-table name it covers: a key of OP_TABLE in engine/ops/define.ts, or
the PyTorch name for functions outside the table: creation functions, indexing, join, sort, ...),
`py` (an expression, or statements that leave the result in `out`; `torch`, `nan`, `inf` are in
scope), and optionally:
  ts            the TypeScript by hand (default: generate.py's `to_ts` translation of `py`)
  grads         names of leaves whose `.grad` is recorded after the snippet ran
  graph         record grad_fn.next_functions recursively down to AccumulateGrad
  check_stride  compare strides (views; layout-preserving ops)
  nodata        record dtype/shape only (torch.empty)
  tol           "exact" | "ulp" | "reduce" (see TOLERANCES); default from the op (OP_TOL)
  grad_tol      tolerance for the recorded grads (default: `tol`, or "ulp" for ops whose backward
                formula rounds differently from the forward; see EXACT_GRAD_OPS)
  covers        further op-table names the case exercises (for the table-wide coverage test)
  note          why the case is there, when not obvious

Writing a case: the translation is mechanical (generate.py), so write Python that says exactly
what is meant. JS cannot tell 2.0 from 2: use an integer literal where the other operand is a float
tensor (PyTorch gives the same result), and inside torch.tensor/arange/full data the generator adds
`dtype: torch.float32` when every float literal there is integral.
"""

TOLERANCES = {
    "exact": "bit-exact: floats compared by bit pattern (NaN equals NaN, -0 differs from +0); ints and bools "
             "equal. Used where PyTorch's result is exactly determined: integer ops, comparisons, views, copies, "
             "casts, +-*/ and sqrt of float32/float64 (correctly rounded, and computing them in double then "
             "rounding once to float32 gives the same bits), floor/ceil/round/trunc, fmod/remainder, min/max, "
             "arange/linspace (fixed formulas), seeded random streams in float32.",
    "ulp": {"float16": 1, "float32": 4, "float64": 4,
            "why": "elementwise transcendental functions (exp log sin tanh sigmoid erf gelu pow ...): PyTorch runs "
                   "SLEEF/glibc kernels (1-ulp accurate, not correctly rounded), JS runs V8's fdlibm port; both "
                   "are within ~1 ulp of the true value, so within 4 ulp of each other. Also composites of a few "
                   "roundings whose order is an implementation detail (lerp, rsqrt, backward formulas) and float64 "
                   "Gaussian streams (SPEC.md: log/sin/cos differ in the last bits)."},
    "reduce": {"float16": {"rtol": 1e-3, "atol": 1e-3}, "float32": {"rtol": 1e-6, "atol": 1e-6},
               "float64": {"rtol": 1e-12, "atol": 1e-12},
               "why": "reductions and products (sum mean prod var std norm logsumexp cumsum dot mm matmul softmax): "
                      "PyTorch sums in a vectorised cascade order (cumsum accumulates float32 in double), so the "
                      "result depends on the order of additions; |a - b| <= atol + rtol * |b|. The inputs here are "
                      "O(1)..O(100) with at most a few dozen terms, where order changes the result by a few ulp."},
}

ULP_OPS = {"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "rsqrt", "sin", "cos", "tan", "asin", "acos",
           "atan", "atan2", "hypot", "logaddexp", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "sigmoid", "logit", "gelu",
           "gelu_tanh", "silu", "mish", "softplus", "erf", "erfc", "pow", "pow_tensor", "lerp", "logspace", "xlogy",
           "elu", "leaky_relu"}
REDUCE_OPS = {"sum", "mean", "prod", "var", "std", "norm", "logsumexp", "cumsum", "cumprod", "dot", "mv", "mm",
              "bmm", "matmul", "addmm", "softmax", "log_softmax"}
# Ops whose backward only moves, selects, negates or scales gradients by exactly representable
# factors: their grads are bit-exact. Every other float grad is compared with "ulp".
EXACT_GRAD_OPS = {
    "add", "sub", "rsub", "mul", "neg", "abs", "sign", "sgn", "relu", "clamp", "maximum", "minimum", "where",
    "masked_fill", "view", "reshape", "transpose", "permute", "expand", "squeeze", "squeeze_dims", "unsqueeze",
    "select", "slice", "index", "narrow", "flatten", "t", "clone", "contiguous", "diagonal", "as_strided",
    "cat", "stack", "split", "chunk", "unbind", "flip", "roll", "repeat", "tile", "gather", "scatter",
    "index_select", "masked_select", "sort", "topk", "max_all", "min_all", "max_dim", "min_dim", "amax", "amin",
    "floor", "ceil", "round", "trunc", "frac", "_to_copy", "copy_", "fill", "zero", "hardtanh", "square",
    "autograd", "inplace",
}

CASES = []
_AREA = [None]


def area(name):
    _AREA[0] = name


def case(id, op, py, ts=None, **kw):
    tol = kw.pop("tol", None) or ("ulp" if op in ULP_OPS else "reduce" if op in REDUCE_OPS else "exact")
    grad_tol = kw.pop("grad_tol", None) or (tol if tol != "exact" else "exact" if op in EXACT_GRAD_OPS else "ulp")
    known = {"grads", "graph", "check_stride", "nodata", "covers", "note"}
    bad = set(kw) - known
    if bad:
        raise TypeError(f"{id}: unknown case keys {bad}")
    CASES.append(dict(id=id, area=_AREA[0], op=op, py=py.strip("\n"), ts=ts, tol=tol, grad_tol=grad_tol, **kw))


def build():
    return CASES


def grad_case(id, op, setup, expr, backward="out.sum().backward()", grads=("x",), **kw):
    """`setup` defines leaves; `out = expr`; then backward; records out (with graph) and grads."""
    py = f"{setup}\nout = {expr}\n{backward}"
    kw.setdefault("graph", True)
    case(id, op, py, grads=list(grads), **kw)


# =============================================================================================
area("creation")
# =============================================================================================
case("tensor_int_list", "tensor", "torch.tensor([1, 2, 3])")
case("tensor_float_list", "tensor", "torch.tensor([1., 2., 3.])",
     note="JS cannot spell 1. apart from 1: the TS side says dtype float32 (what Python infers)")
case("tensor_float_mixed", "tensor", "torch.tensor([1, 2.5, -3])", note="one non-integral number makes the list float32")
case("tensor_bool_list", "tensor", "torch.tensor([True, False, True])")
case("tensor_bool_int_mix", "tensor", "torch.tensor([True, 1, 0])")
case("tensor_nested_int", "tensor", "torch.tensor([[1, 2, 3], [4, 5, 6]])")
case("tensor_nested_float", "tensor", "torch.tensor([[0.1, 0.2], [0.3, 0.4]])")
case("tensor_3d", "tensor", "torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])")
case("tensor_scalar_int", "tensor", "torch.tensor(7)")
case("tensor_scalar_float", "tensor", "torch.tensor(3.5)")
case("tensor_scalar_neg_zero", "tensor", "torch.tensor(-0.)")
case("tensor_scalar_bool", "tensor", "torch.tensor(True)")
case("tensor_empty", "tensor", "torch.tensor([])")
case("tensor_empty_nested", "tensor", "torch.tensor([[], []])")
case("tensor_dtype_float64", "tensor", "torch.tensor([1, 2, 3], dtype=torch.float64)")
case("tensor_dtype_float64_frac", "tensor", "torch.tensor([0.1, 0.2], dtype=torch.float64)")
case("tensor_dtype_int32", "tensor", "torch.tensor([1.7, -1.7, 2.5], dtype=torch.int32)", note="float data cast to int truncates")
case("tensor_dtype_int16", "tensor", "torch.tensor([-3, 4], dtype=torch.int16)")
case("tensor_dtype_int8", "tensor", "torch.tensor([-128, 127], dtype=torch.int8)")
case("tensor_dtype_uint8", "tensor", "torch.tensor([0, 200, 255], dtype=torch.uint8)")
case("tensor_dtype_bool", "tensor", "torch.tensor([0, 2, -1], dtype=torch.bool)")
case("tensor_dtype_float16", "tensor", "torch.tensor([0.1, 1000.5, -2.], dtype=torch.float16)")
case("tensor_float32_rounding", "tensor", "torch.tensor([0.1, 1e-8, 16777217.])",
     note="values are rounded to float32 at creation (16777217 -> 16777216)")
case("tensor_requires_grad", "tensor", "torch.tensor([1., 2.], requires_grad=True)")
case("tensor_big_ints", "tensor", "torch.tensor([2**40, -2**40, 2**53])")
case("tensor_int64_beyond_2p53", "tensor", "torch.tensor([2**53 + 1, -2**62 - 3])",
     note="int64 beyond 2**53: the TypeScript spells those values as BigInt literals; the engine keeps them in exact int64 storage")
case("tensor_nan_inf", "tensor", "torch.tensor([nan, inf, -inf, 0.])")
case("tensor_int_requires_grad_error", "tensor", "torch.tensor([1, 2], requires_grad=True)")
case("tensor_ragged_error", "tensor", "torch.tensor([[1, 2], [3]])")
case("tensor_str_error", "tensor", "torch.tensor('abc')", note="a string must fail cleanly, not recurse")
case("tensor_nested_str_error", "tensor", "torch.tensor([1, 'a'])")
case("tensor_none_error", "tensor", "torch.tensor([None])")
case("as_tensor_list", "as_tensor", "torch.as_tensor([1, 2, 3])")
case("zeros_varargs", "zeros", "torch.zeros(2, 3)")
case("zeros_tuple", "zeros", "torch.zeros((2, 3))")
case("zeros_list", "zeros", "torch.zeros([3])")
case("zeros_int64", "zeros", "torch.zeros(3, dtype=torch.int64)")
case("zeros_empty", "zeros", "torch.zeros(0)")
case("zeros_empty_2d", "zeros", "torch.zeros(2, 0)")
case("zeros_0dim", "zeros", "torch.zeros(())")
case("zeros_negative_error", "zeros", "torch.zeros(-1)")
case("ones_2x2", "ones", "torch.ones(2, 2)")
case("ones_bool", "ones", "torch.ones(3, dtype=torch.bool)")
case("ones_requires_grad", "ones", "torch.ones(2, requires_grad=True)")
case("ones_111", "ones", "torch.ones(1, 1, 1)")
case("ones_negative_error", "ones", "torch.ones(2, -3)")
case("full_int", "full", "torch.full((2, 2), 7)")
case("full_float_integral", "full", "torch.full((2, 2), 7.)")
case("full_float", "full", "torch.full((3,), 2.5)")
case("full_bool", "full", "torch.full((2,), True)")
case("full_neg_inf", "full", "torch.full((2,), -inf)")
case("full_float64", "full", "torch.full((2, 3), 1.5, dtype=torch.float64)")
case("empty_shape", "empty", "torch.empty(2, 3)", nodata=True)
case("empty_zero", "empty", "torch.empty(0)")
case("empty_int32", "empty", "torch.empty(2, dtype=torch.int32)", nodata=True)
case("eye_3", "eye", "torch.eye(3)")
case("eye_2x3", "eye", "torch.eye(2, 3)")
case("eye_int", "eye", "torch.eye(2, dtype=torch.int64)")
case("arange_int", "arange", "torch.arange(5)")
case("arange_float_integral", "arange", "torch.arange(4.)")
case("arange_start_stop_step", "arange", "torch.arange(1, 10, 3)")
case("arange_negative_step", "arange", "torch.arange(10, 0, -3)")
case("arange_float_step", "arange", "torch.arange(0, 1, 0.1)")
case("arange_float_step_neg", "arange", "torch.arange(-1, 1, 0.25)")
case("arange_float_step_15", "arange", "torch.arange(0, 5, 1.5)")
case("arange_float64", "arange", "torch.arange(5, dtype=torch.float64)")
case("arange_empty", "arange", "torch.arange(0)")
case("arange_zero_step_error", "arange", "torch.arange(0, 5, 0)")
case("arange_bad_bound_error", "arange", "torch.arange(5, 0)")
case("arange_requires_grad", "arange", "torch.arange(4., requires_grad=True)")
case("arange_float_vectorized", "arange", "torch.arange(-1, 1, 0.1)",
     note="ATen computes start + step * i in double (fma) and, in vectorized blocks of 8, base + k * step: "
          "element 10 is -2.98e-09, which switches the repr to scientific notation")
case("arange_float64_vectorized", "arange", "torch.arange(0, 6, 0.3, dtype=torch.float64)",
     note="float64 blocks of 4 use fma (element 7 is 2.1, not 2.0999999999999996)")
case("arange_float16", "arange", "torch.arange(0, 2, 0.1, dtype=torch.float16)", note="half counts in float (acc_type)")
case("arange_int64_float_step", "arange", "torch.arange(0, 5, 1.5, dtype=torch.int64)",
     note="integer dtypes count in int64: the step 1.5 truncates to 1")
case("arange_inf_error", "arange", "torch.arange(0, inf)")
case("linspace_5", "linspace", "torch.linspace(0, 1, 5)")
case("linspace_7_sym", "linspace", "torch.linspace(-1, 1, 7)")
case("linspace_11", "linspace", "torch.linspace(0, 1, 11)")
case("linspace_descending", "linspace", "torch.linspace(3, -3, 4)")
case("linspace_one", "linspace", "torch.linspace(0, 10, 1)")
case("linspace_zero", "linspace", "torch.linspace(0, 1, 0)")
case("linspace_float64", "linspace", "torch.linspace(0, 1, 10, dtype=torch.float64)")
case("linspace_int64", "linspace", "torch.linspace(0, 10, 4, dtype=torch.int64)")
case("logspace_3", "logspace", "torch.logspace(0, 2, 3)")
case("logspace_frac", "logspace", "torch.logspace(-1, 1, 5)")
case("logspace_base2", "logspace", "torch.logspace(0, 3, 4, base=2)")
case("linspace_vectorized", "linspace", "torch.linspace(-1, 1, 37)",
     note="37 >= 16 float32 steps: ATen's vectorized loop fills blocks of 8 with Vectorized::arange (two roundings), "
          "the scalar tail uses the fma-contracted formula; both halves' formulas meet in the middle block")
case("linspace_float64_vectorized", "linspace", "torch.linspace(0, 3.7, 23, dtype=torch.float64)",
     note="float64 blocks of 4 from Vectorized::arange, then the fma tail")
case("linspace_float16", "linspace", "torch.linspace(0, 1, 7, dtype=torch.float16)", note="c10::Half arithmetic, rounded after each operator")
case("linspace_int32_frac_bounds", "linspace", "torch.linspace(-3.5, 7, 10, dtype=torch.int32)",
     note="bounds truncate to the integer dtype first; steps computed in double and truncated")
case("logspace_int64", "logspace", "torch.logspace(0, 2, 3, dtype=torch.int64)")
case("zeros_like_int", "zeros_like", "torch.zeros_like(torch.tensor([[1, 2], [3, 4]]))")
case("zeros_like_dtype", "zeros_like", "torch.zeros_like(torch.ones(2), dtype=torch.int32)")
case("ones_like_float", "ones_like", "torch.ones_like(torch.tensor([1.5, 2.5]))")
case("ones_like_no_grad", "ones_like", "torch.ones_like(torch.ones(2, requires_grad=True))",
     note="*_like does not copy requires_grad")
case("full_like_int", "full_like", "torch.full_like(torch.arange(3), 7)")
case("full_like_trunc", "full_like", "torch.full_like(torch.arange(3), 2.5)", note="fill value cast to int64")
case("empty_like", "empty_like", "torch.empty_like(torch.ones(2, 3))", nodata=True)
case("new_zeros", "new_zeros", "torch.ones(2, dtype=torch.float64).new_zeros((2, 3))")
case("new_ones", "new_ones", "torch.arange(3).new_ones(2)", ts="torch.arange(3).new_ones([2])",
     note="TS new_ones takes the size as an array")
case("new_full", "new_full", "torch.ones(1).new_full((2,), 3.5)")
case("new_tensor", "new_tensor", "torch.ones(1, dtype=torch.float64).new_tensor([1, 2])",
     note="new_tensor infers the dtype of self: float64")

# =============================================================================================
area("random")
# =============================================================================================
case("rand_5", "rand", "torch.manual_seed(0)\nout = torch.rand(5)")
case("rand_2x3", "rand", "torch.manual_seed(1)\nout = torch.rand(2, 3)")
case("rand_20", "rand", "torch.manual_seed(2)\nout = torch.rand(20)")
case("rand_float64", "rand", "torch.manual_seed(3)\nout = torch.rand(4, dtype=torch.float64)")
case("randn_4", "randn", "torch.manual_seed(0)\nout = torch.randn(4)")
case("randn_2x8", "randn", "torch.manual_seed(0)\nout = torch.randn(2, 8)",
     note="16 elements: torch's vectorised float32 normal path")
case("randn_20", "randn", "torch.manual_seed(42)\nout = torch.randn(20)")
case("randn_float64", "randn", "torch.manual_seed(0)\nout = torch.randn(3, dtype=torch.float64)", tol="ulp")
case("randn_float64_16", "randn", "torch.manual_seed(5)\nout = torch.randn(16, dtype=torch.float64)", tol="ulp")
case("randn_requires_grad", "randn", "torch.manual_seed(7)\nout = torch.randn(3, requires_grad=True)")
case("rand_then_randn", "randn", "torch.manual_seed(0)\na = torch.rand(3)\nout = (a, torch.randn(3))",
     note="one generator: the second draw continues the stream")
case("randint_high", "randint", "torch.manual_seed(0)\nout = torch.randint(10, (6,))")
case("randint_low_high", "randint", "torch.manual_seed(0)\nout = torch.randint(-3, 3, (2, 4))")
case("randint_big", "randint", "torch.manual_seed(4)\nout = torch.randint(0, 2**40, (3,))")
case("randperm_5", "randperm", "torch.manual_seed(0)\nout = torch.randperm(5)")
case("randperm_12", "randperm", "torch.manual_seed(3)\nout = torch.randperm(12)")
case("randperm_1", "randperm", "torch.manual_seed(3)\nout = torch.randperm(1)")
case("normal_scalars", "normal", "torch.manual_seed(0)\nout = torch.normal(0.5, 2.5, (5,))")
case("normal_tensors", "normal", "torch.manual_seed(0)\nout = torch.normal(torch.zeros(3), torch.ones(3))")
case("generator_object", "rand", "g = torch.Generator().manual_seed(42)\nout = torch.rand(3, generator=g)")
case("uniform_", "uniform_", "torch.manual_seed(0)\nout = torch.empty(5).uniform_(-1, 1)")
case("normal_", "normal_", "torch.manual_seed(0)\nout = torch.empty(5).normal_(1, 0.5)")
case("rand_like", "rand_like", "torch.manual_seed(0)\nout = torch.rand_like(torch.ones(2, 2))")
case("randn_like", "randn_like", "torch.manual_seed(0)\nout = torch.randn_like(torch.ones(3, dtype=torch.float64))", tol="ulp")
case("seed_repeat_equal", "manual_seed",
     "torch.manual_seed(9)\na = torch.rand(4)\ntorch.manual_seed(9)\nb = torch.rand(4)\nout = torch.equal(a, b)")

# =============================================================================================
area("arithmetic")
# =============================================================================================
A = "torch.tensor([1.5, -2., 3.25])"
B = "torch.tensor([0.5, 4., -1.])"
I = "torch.tensor([7, -7, 3])"
case("add_tt", "add", f"{A} + {B}")
case("add_fn", "add", f"torch.add({A}, {B})")
case("add_scalar_int", "add", f"{A} + 2")
case("add_scalar_float", "add", f"{A} + 0.1", note="the scalar is rounded to float32 before the add")
case("add_reflected", "add", f"2 + {A}")
case("add_broadcast", "add", "torch.tensor([[1.], [2.]]) + torch.tensor([10., 20., 30.])")
case("add_0dim_1d", "add", "torch.tensor(1.5) + torch.tensor([1., 2.])")
case("add_alpha", "add", f"torch.add({A}, {B}, alpha=2)")
case("add_alpha_method", "add", f"{A}.add({B}, alpha=-0.5)")
case("add_int", "add", f"{I} + torch.tensor([1, 2, 3])")
case("add_int_bool", "add", "torch.tensor([1, 2]) + True")
case("add_bool_bool", "add", "torch.tensor([True, False]) + torch.tensor([True, False])", note="bool + bool is logical or")
case("add_uint8_wrap", "add", "torch.tensor([233, 234], dtype=torch.uint8) + 1000",
     note="u8 + 1000 stays uint8 and wraps")
case("add_inf", "add", "torch.tensor([inf, -inf, 1.]) + torch.tensor([-inf, -inf, inf])")
case("add_neg_zero", "add", "torch.tensor([-0., -0., 0.]) + torch.tensor([-0., 0., -0.])")
case("add_empty", "add", "torch.zeros(0) + torch.zeros(0)")
case("add_empty_broadcast", "add", "torch.zeros(2, 0) + torch.zeros(1)")
case("add_broadcast_error", "add", "torch.ones(2, 3) + torch.ones(4)")
case("add_broadcast_error_dim0", "add", "torch.ones(3) * torch.ones(2)", covers=["mul"])
case("add_broadcast_error_3d", "add", "torch.ones(2, 3, 4) + torch.ones(5, 1)")
case("add_inplace", "add", "x = torch.tensor([1., 2.])\nx.add_(torch.tensor([0.5, 0.25]))\nout = x")
case("add_inplace_aug", "add", "x = torch.tensor([1., 2.])\nx += 3\nout = x")
case("add_inplace_f64_into_f32", "add", "x = torch.tensor([1., 2.])\nx.add_(torch.tensor([0.1, 0.2], dtype=torch.float64))\nout = x",
     note="in-place keeps self's dtype")
case("add_inplace_broadcast_error", "add", "torch.ones(3).add_(torch.ones(2, 3))")
case("add_inplace_cast_error", "add", "torch.tensor([1, 2]).add_(1.5)")
grad_case("add_grad_broadcast", "add", "x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)\ny = torch.tensor([10., 20., 30.], requires_grad=True)",
          "x + y", grads=("x", "y"))
grad_case("add_grad_scalar", "add", "x = torch.tensor([1., 2.], requires_grad=True)", "x + 2")
grad_case("add_grad_alpha", "add", "x = torch.tensor([1., 2.], requires_grad=True)\ny = torch.tensor([3., 4.], requires_grad=True)",
          "torch.add(x, y, alpha=3)", grads=("x", "y"))
case("sub_tt", "sub", f"{A} - {B}")
case("sub_scalar", "sub", f"{A} - 1")
case("sub_alpha", "sub", f"torch.sub({A}, {B}, alpha=2)")
case("sub_int", "sub", f"{I} - torch.tensor([10, 10, 10])")
case("sub_broadcast", "sub", "torch.tensor([[1.], [2.]]) - torch.tensor([0.5, 0.25])")
case("sub_zero_zero", "sub", "torch.tensor([0., -0.]) - torch.tensor([0., 0.])")
case("sub_bool_error", "sub", "torch.tensor([True]) - torch.tensor([False])")
case("rsub_reflected", "rsub", f"2 - {A}")
case("rsub_fn", "rsub", f"torch.rsub({A}, 1)")
grad_case("rsub_grad", "rsub", "x = torch.tensor([1., 2.], requires_grad=True)", "2 - x")
grad_case("sub_grad", "sub", "x = torch.tensor([1., 2.], requires_grad=True)\ny = torch.tensor([[3.], [4.]], requires_grad=True)",
          "x - y", grads=("x", "y"))
case("sub_inplace", "sub", "x = torch.tensor([5., 6.])\nx -= torch.tensor([1., 2.])\nout = x")
case("mul_tt", "mul", f"{A} * {B}")
case("mul_scalar", "mul", f"{A} * 3")
case("mul_reflected", "mul", f"2 * {A}")
case("mul_int_float_scalar", "mul", "torch.tensor([1, 2, 3]) * 2.5", note="int * float scalar -> float32")
case("mul_int", "mul", f"{I} * torch.tensor([2, 3, -4])")
case("mul_bool", "mul", "torch.tensor([True, False, True]) * torch.tensor([True, True, False])")
case("mul_broadcast", "mul", "torch.tensor([[1.], [2.], [3.]]) * torch.tensor([1., -1.])")
case("mul_nan_inf", "mul", "torch.tensor([nan, inf, inf, -0.]) * torch.tensor([0., 0., -2., 5.])")
case("mul_float32_rounding", "mul", "torch.tensor([0.1, 1.1]) * 0.1")
case("mul_int32_overflow", "mul", "torch.tensor([65536], dtype=torch.int32) * 65536", note="int32 wraps to 0")
case("mul_inplace", "mul", "x = torch.tensor([1., 2.])\nx *= 1.5\nout = x")
grad_case("mul_grad", "mul", "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = torch.tensor([4., 5., 6.], requires_grad=True)",
          "x * y", grads=("x", "y"))
grad_case("mul_grad_broadcast", "mul", "x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\ny = torch.tensor([0.5, -1.], requires_grad=True)",
          "x * y", grads=("x", "y"))
grad_case("mul_grad_scalar_reflected", "mul", "x = torch.tensor([1., 2.], requires_grad=True)", "2 * x")
grad_case("mul_grad_self", "mul", "x = torch.tensor([3.], requires_grad=True)", "x * x", note="a leaf used twice: grads add")
case("div_tt", "div", f"{A} / {B}")
case("div_scalar", "div", f"{A} / 3")
case("div_by_zero", "div", "torch.tensor([1., -1., 0., -0.]) / torch.tensor([0., 0., 0., 0.])")
case("div_by_neg_zero", "div", "torch.tensor([1., -1.]) / torch.tensor([-0., -0.])")
case("div_int_int", "div", "torch.tensor([5, -5, 6]) / torch.tensor([2, 2, 3])", note="true division -> float32")
case("div_int_scalar", "div", "torch.tensor(5) / 2")
case("div_int_zero", "div", "torch.tensor([5]) / 0")
case("div_int32", "div", "torch.tensor([1, 2], dtype=torch.int32) / 3")
case("div_float64", "div", "torch.tensor([1., 2.], dtype=torch.float64) / 3")
case("div_floor_int", "div", "torch.tensor([7, -7, 7, -7]).div(torch.tensor([2, 2, -2, -2]), rounding_mode='floor')")
case("div_trunc_int", "div", "torch.tensor([7, -7, 7, -7]).div(torch.tensor([2, 2, -2, -2]), rounding_mode='trunc')")
case("div_floor_float", "div", "torch.tensor([7.5, -7.5, 0.5, -0.5]).div(2, rounding_mode='floor')")
case("div_trunc_float", "div", "torch.tensor([7.5, -7.5, 0.5, -0.5]).div(2, rounding_mode='trunc')")
case("div_inplace_int_error", "div", "torch.tensor([1, 2]).div_(2)")
case("div_inplace", "div", "x = torch.tensor([1., 2.])\nx /= 4\nout = x")
case("div_reflected", "div", f"2 / {A}", note="Python's rdiv is reciprocal() * 2")
grad_case("div_grad", "div", "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = torch.tensor([4., -5., 0.5], requires_grad=True)",
          "x / y", grads=("x", "y"))
grad_case("div_grad_scalar", "div", "x = torch.tensor([1., 2.], requires_grad=True)", "x / 4")
grad_case("div_grad_reflected", "div", "x = torch.tensor([1., 2., 4.], requires_grad=True)", "2 / x", covers=["reciprocal"])
case("true_divide_int", "true_divide", "torch.true_divide(torch.tensor([1, 3]), torch.tensor([2, 2]))", covers=["div"])
case("true_divide_method", "true_divide", "torch.tensor([1., 3.]).true_divide(4)", covers=["div"])
case("floor_divide_int", "floor_divide", "torch.tensor([7, -7, 0, -1]) // 2", covers=["div"])
case("floor_divide_int_neg_divisor", "floor_divide", "torch.tensor([7, -7]) // torch.tensor([-2, -2])", covers=["div"])
case("floor_divide_float", "floor_divide", "torch.tensor([7.5, -7.5, 1., -1.]) // 2", covers=["div"])
case("floor_divide_fn", "floor_divide", "torch.floor_divide(torch.tensor([5., -5.]), torch.tensor([0.3, 0.3]))", covers=["div"])
case("floor_divide_float_zero", "floor_divide", "torch.tensor([1., -1., 0.]) // 0", covers=["div"])
case("floor_divide_int_zero_error", "floor_divide", "torch.tensor([5]) // 0", covers=["div"])
case("remainder_int", "remainder", "torch.tensor([-5, 5, -5, 5]) % torch.tensor([3, 3, -3, -3])")
case("remainder_float", "remainder", "torch.tensor([-5., 5.5, -0.5]) % 3")
case("remainder_fn", "remainder", "torch.remainder(torch.tensor([-3., -2., -1., 1., 2., 3.]), 2)")
case("remainder_float_zero", "remainder", "torch.tensor([1., -1.]) % 0")
case("remainder_int_zero_error", "remainder", "torch.tensor([5]) % 0")
grad_case("remainder_grad", "remainder", "x = torch.tensor([-5., 5.5], requires_grad=True)", "x % 3")
case("fmod_int", "fmod", "torch.fmod(torch.tensor([-5, 5, -5, 5]), torch.tensor([3, 3, -3, -3]))")
case("fmod_float", "fmod", "torch.fmod(torch.tensor([-5., 5.5, -0.5]), 3)")
grad_case("fmod_grad", "fmod", "x = torch.tensor([-5., 5.5], requires_grad=True)", "torch.fmod(x, 3)")
case("pow_square", "pow", f"{A} ** 2")
case("pow_sqrt", "pow", "torch.tensor([4., 2., 0.25]) ** 0.5")
case("pow_neg1", "pow", "torch.tensor([4., -2., 0.]) ** -1")
case("pow_cube", "pow", "torch.tensor([1.1, -2.5, 3.]) ** 3")
case("pow_zero", "pow", "torch.tensor([0., nan, inf]) ** 0")
case("pow_frac_negbase", "pow", "torch.tensor([-8., 8.]) ** (1 / 3)", note="negative base, fractional exponent -> nan")
case("pow_int", "pow", "torch.tensor([2, -3, 4]) ** 2")
case("pow_int_neg_error", "pow", "torch.tensor([2, 3]) ** -1")
case("pow_int_frac", "pow", "torch.tensor([2, 3]) ** 0.5", note="int ** float scalar -> float32")
case("pow_zero_neg", "pow", "torch.tensor([0., -0.]) ** -1")
case("pow_tensor_tensor", "pow_tensor", "torch.tensor([2., 3., 4.]) ** torch.tensor([3., 0.5, -1.])")
case("pow_scalar_base", "pow_tensor", "2 ** torch.tensor([0., 1., 0.5, -1.])")
case("pow_fn_scalar_base", "pow_tensor", "torch.pow(2, torch.tensor([3, 4]))")
case("pow_scalar_base_float_int", "pow_tensor", "2.5 ** torch.tensor([1, 2])", note="float scalar ** int tensor -> float32")
case("pow_method", "pow", "torch.tensor([1.5, 2.5]).pow(2)")
case("pow_inplace", "pow", "x = torch.tensor([1.5, 2.5])\nx.pow_(2)\nout = x")
grad_case("pow_grad", "pow", "x = torch.tensor([1., 2., 3.], requires_grad=True)", "x ** 2")
grad_case("pow_grad_frac", "pow", "x = torch.tensor([1., 4., 9.], requires_grad=True)", "x ** 1.5")
grad_case("pow_grad_zero_base", "pow", "x = torch.tensor([0., 1.], requires_grad=True)", "x ** 0.5",
          note="d/dx sqrt at 0 is inf")
grad_case("pow_tensor_grad", "pow_tensor", "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = torch.tensor([2., 0.5, -1.], requires_grad=True)",
          "x ** y", grads=("x", "y"))
grad_case("pow_scalar_base_grad", "pow_tensor", "x = torch.tensor([0., 1., 2.], requires_grad=True)", "2 ** x")
case("square", "square", "torch.square(torch.tensor([-1.5, 2., 0.]))")
case("square_int", "square", "torch.tensor([-3, 4]).square()")
case("square_bool", "square", "torch.tensor([True, False]).square()", note="square is pow(x, 2): bool becomes int64")
grad_case("square_grad", "square", "x = torch.tensor([-1.5, 2.], requires_grad=True)", "x.square()")
case("neg_float", "neg", f"-{A}")
case("neg_zero", "neg", "-torch.tensor([0., -0.])")
case("neg_int", "neg", "torch.neg(torch.tensor([1, -2, 0]))")
case("neg_bool_error", "neg", "-torch.tensor([True])")
grad_case("neg_grad", "neg", "x = torch.tensor([1., -2.], requires_grad=True)", "-x")
case("abs_float", "abs", "torch.abs(torch.tensor([-1.5, -0., 0., 2., -inf, nan]))")
case("abs_int", "abs", "torch.tensor([-3, 0, 4]).abs()")
case("abs_int8_min", "abs", "torch.tensor([-128, -5], dtype=torch.int8).abs()", note="abs(-128) wraps to -128 in int8")
grad_case("abs_grad", "abs", "x = torch.tensor([-2., 0., 3.], requires_grad=True)", "x.abs()", note="abs' at 0 is 0")
case("sign_float", "sign", "torch.sign(torch.tensor([-2., -0., 0., 3., inf, nan]))")
case("sign_int", "sign", "torch.tensor([-5, 0, 5]).sign()")
case("sign_bool", "sign", "torch.tensor([True, False]).sign()")
grad_case("sign_grad", "sign", "x = torch.tensor([-2., 3.], requires_grad=True)", "x.sign()")
case("sgn_float", "sgn", "torch.sgn(torch.tensor([-2., -0., 0., 3.]))")
grad_case("sgn_grad", "sgn", "x = torch.tensor([-2., 3.], requires_grad=True)", "x.sgn()")
case("reciprocal_float", "reciprocal", "torch.reciprocal(torch.tensor([2., -0.5, 0., -0., 3.]))")
case("reciprocal_int", "reciprocal", "torch.tensor([1, 2, 4]).reciprocal()")
grad_case("reciprocal_grad", "reciprocal", "x = torch.tensor([2., -0.5, 4.], requires_grad=True)", "x.reciprocal()")

# =============================================================================================
area("math")
# =============================================================================================
EDGE = "torch.tensor([nan, inf, -inf, 0., -0.])"
UNARY = [
    # op, python callable prefix, ordinary values, values for the gradient, float-output for ints
    ("exp", "torch.exp", "[-2.5, -1., 0., 0.5, 1., 3.25, 20.]", "[-1., 0., 0.5, 2.]", True),
    ("exp2", "torch.exp2", "[-3., -0.5, 0., 1., 10.5]", "[-1., 0., 1.5]", True),
    ("expm1", "torch.expm1", "[-1., -1e-5, 0., 1e-5, 0.5, 2.]", "[-1., 0., 0.5]", True),
    ("log", "torch.log", "[0.001, 0.5, 1., 2., 10., 1e6]", "[0.5, 1., 4.]", True),
    ("log2", "torch.log2", "[0.125, 0.3, 1., 8., 1000.]", "[0.5, 2., 8.]", True),
    ("log10", "torch.log10", "[0.001, 0.3, 1., 50., 1e5]", "[0.1, 1., 100.]", True),
    ("log1p", "torch.log1p", "[-0.5, -1e-6, 0., 1e-6, 1., 100.]", "[-0.5, 0., 3.]", True),
    ("sqrt", "torch.sqrt", "[0., 0.25, 2., 9., 1e-8, 1e10]", "[0.25, 1., 4.]", True),
    ("rsqrt", "torch.rsqrt", "[0.25, 1., 2., 100., 1e-6]", "[0.25, 1., 4.]", True),
    ("sin", "torch.sin", "[-3., -1., 0., 0.5, 1.5707964, 3.1415927, 100.]", "[-1., 0., 2.]", True),
    ("cos", "torch.cos", "[-3., -1., 0., 0.5, 1.5707964, 3.1415927, 100.]", "[-1., 0., 2.]", True),
    ("tan", "torch.tan", "[-1.5, -0.5, 0., 0.5, 1., 1.5]", "[-0.5, 0., 1.]", True),
    ("asin", "torch.asin", "[-1., -0.5, 0., 0.3, 1.]", "[-0.5, 0., 0.3]", True),
    ("acos", "torch.acos", "[-1., -0.5, 0., 0.3, 1.]", "[-0.5, 0., 0.3]", True),
    ("atan", "torch.atan", "[-100., -1., 0., 0.5, 10.]", "[-1., 0., 2.]", True),
    ("sinh", "torch.sinh", "[-3., -0.5, 0., 1., 5.]", "[-1., 0., 2.]", True),
    ("cosh", "torch.cosh", "[-3., -0.5, 0., 1., 5.]", "[-1., 0., 2.]", True),
    ("tanh", "torch.tanh", "[-20., -1., -0.1, 0., 0.7, 3.]", "[-1., 0., 0.5]", True),
    ("asinh", "torch.asinh", "[-10., -0.5, 0., 1., 100.]", "[-1., 0., 2.]", True),
    ("acosh", "torch.acosh", "[1., 1.5, 2., 10., 0.5]", "[1.5, 2., 10.]", True),
    ("atanh", "torch.atanh", "[-0.9, -0.5, 0., 0.3, 1., 2.]", "[-0.5, 0., 0.3]", True),
    ("sigmoid", "torch.sigmoid", "[-100., -2., 0., 1.5, 20.]", "[-2., 0., 1.5]", True),
    ("logit", "torch.logit", "[0., 0.1, 0.5, 0.9, 1.]", "[0.1, 0.5, 0.75]", True),
    ("relu", "torch.relu", "[-2., -0., 0., 1.5, 1e-30]", "[-1., 0., 2.]", False),
    ("gelu", "torch.nn.functional.gelu", "[-3., -1., -0.5, 0., 0.5, 1., 3.]", "[-1., 0., 1.5]", None),
    ("silu", "torch.nn.functional.silu", "[-5., -1., 0., 1., 5.]", "[-1., 0., 1.5]", None),
    ("mish", "torch.nn.functional.mish", "[-5., -1., 0., 1., 5.]", "[-1., 0., 1.5]", None),
    ("softplus", "torch.nn.functional.softplus", "[-30., -1., 0., 1., 19., 21.]", "[-1., 0., 25.]", None),
    ("erf", "torch.erf", "[-3., -0.5, 0., 0.1, 1., 3.]", "[-1., 0., 0.5]", True),
    ("erfc", "torch.erfc", "[-3., -0.5, 0., 0.1, 1., 3.]", "[-1., 0., 0.5]", True),
    ("floor", "torch.floor", "[-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.7, -2.7]", "[-1.5, 0.5, 2.]", False),
    ("ceil", "torch.ceil", "[-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.7, -2.7]", "[-1.5, 0.5, 2.]", False),
    ("round", "torch.round", "[-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.7, -2.7]", "[-1.5, 0.5, 2.]", False),
    ("trunc", "torch.trunc", "[-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.7, -2.7]", "[-1.5, 0.5, 2.]", False),
    ("frac", "torch.frac", "[-2.5, -1.5, -0.5, 0.5, 1.5, 2.25, 2.7, -2.7]", "[-1.5, 0.5, 2.]", None),
]
for op, fn, vals, gvals, int_ok in UNARY:
    case(f"{op}_values", op, f"{fn}(torch.tensor({vals}))")
    case(f"{op}_edge", op, f"{fn}({EDGE})")
    if int_ok is not None:
        case(f"{op}_int", op, f"{fn}(torch.tensor([1, 2, 3]))",
             note="float ops on ints give float32; rounding/relu ops keep int64" if int_ok else None)
    case(f"{op}_float64", op, f"{fn}(torch.tensor({gvals}, dtype=torch.float64))")
    grad_case(f"{op}_grad", op, f"x = torch.tensor({gvals}, requires_grad=True)", f"{fn}(x)")
# method forms
case("exp_method", "exp", "torch.tensor([0., 1.]).exp()")
case("log_method_negative", "log", "torch.tensor([-1., 0.]).log()")
case("sqrt_method_negative", "sqrt", "torch.tensor([-1., -0.]).sqrt()")
case("sigmoid_method", "sigmoid", "torch.tensor([0., 2.]).sigmoid()")
case("tanh_method", "tanh", "torch.tensor([[0., 1.], [-1., 2.]]).tanh()")
case("relu_method_int", "relu", "torch.tensor([-1, 0, 3]).relu()")
case("floor_method_int", "floor", "torch.tensor([-3, 3]).floor()")
case("exp_inplace", "exp", "x = torch.tensor([0., 1.])\nx.exp_()\nout = x")
case("sqrt_sum_chain", "sqrt", "torch.tensor([3., 4.]).pow(2).sum().sqrt()", covers=["pow", "sum"])
case("gelu_tanh_values", "gelu_tanh", "torch.nn.functional.gelu(torch.tensor([-3., -1., 0., 0.5, 2.]), approximate='tanh')")
grad_case("gelu_tanh_grad", "gelu_tanh", "x = torch.tensor([-1., 0., 1.5], requires_grad=True)",
          "torch.nn.functional.gelu(x, approximate='tanh')")
case("softplus_beta", "softplus", "torch.nn.functional.softplus(torch.tensor([-1., 0., 1., 15.]), beta=2, threshold=10)")
case("leaky_relu_values", "leaky_relu", "torch.nn.functional.leaky_relu(torch.tensor([-2., -0.5, 0., 3.]))")
case("leaky_relu_slope", "leaky_relu", "torch.nn.functional.leaky_relu(torch.tensor([-2., 3.]), 0.2)")
grad_case("leaky_relu_grad", "leaky_relu", "x = torch.tensor([-2., 0., 3.], requires_grad=True)", "torch.nn.functional.leaky_relu(x, 0.1)")
case("elu_values", "elu", "torch.nn.functional.elu(torch.tensor([-2., -0.5, 0., 3.]))")
grad_case("elu_grad", "elu", "x = torch.tensor([-2., 0., 3.], requires_grad=True)", "torch.nn.functional.elu(x)")
case("hardtanh_values", "hardtanh", "torch.nn.functional.hardtanh(torch.tensor([-2., -0.5, 0., 3.]))")
grad_case("hardtanh_grad", "hardtanh", "x = torch.tensor([-2., -1., 0.5, 1., 3.], requires_grad=True)", "torch.nn.functional.hardtanh(x)")
case("logit_eps", "logit", "torch.logit(torch.tensor([0., 0.5, 1.]), eps=1e-6)")
grad_case("logit_eps_grad", "logit", "x = torch.tensor([0., 0.25, 0.5, 1.], requires_grad=True)", "torch.logit(x, eps=0.1)",
          note="with eps the gradient is zero outside [eps, 1 - eps]")
grad_case("logit_grad_outside", "logit", "x = torch.tensor([-0.5, 0.25, 2.], requires_grad=True)", "torch.logit(x)",
          note="without eps the gradient is NaN outside [0, 1] (ATen's logit_backward)")
case("logit_method_eps", "logit", "torch.tensor([0., 0.2]).logit(0.25)")
case("sigmoid_vectorized", "sigmoid", "torch.sigmoid(torch.linspace(-100, 100, 41))",
     note="float32 sigmoid is 1 / (1 + exp(-x)) in float: exp overflows to inf and sigmoid(-100) is exactly 0", covers=["linspace"])
case("exp_print_boundary", "exp", "torch.exp(torch.tensor([4., 7.5, 7.75, 10.25]))", tol="exact",
     note="SLEEF's expf (1 ulp off here) decides the printed digit: exp(4.) prints 54.5982, the correctly rounded value 54.5981")
case("sinh_print_boundary", "sinh", "torch.sinh(torch.tensor([-8.5, -7., 5.]))", tol="exact", note="glibc's sinhf in float arithmetic")
case("cosh_print_boundary", "cosh", "torch.cosh(torch.tensor([-10., -8.75, -7.75]))", tol="exact", note="glibc's coshf in float arithmetic")
case("rsqrt_two_roundings", "rsqrt", "torch.rsqrt(torch.tensor([0.3, 2., 7.418116569519043, 50.]))", tol="exact",
     note="1 / sqrt(x) rounded twice in float32, as ATen (7.418116569519043 shows it in the last bit)")
case("cosh_vectorized", "cosh", "torch.cosh(torch.linspace(-6, 6, 37))",
     note="ATen's vectorized cosh on blocks of 16, glibc's coshf on the 5 elements left over", covers=["linspace"])
case("erf_float64_wide", "erf", "torch.erf(torch.tensor([-2.5, -1e-300, 0.1, 0.9, 1.3, 3., 6.5], dtype=torch.float64))")
case("erfc_float64_tails", "erfc", "torch.erfc(torch.tensor([-7., -3., 0.3, 2., 5., 27., 30.], dtype=torch.float64))")
case("nan_to_num_float16", "nan_to_num", "torch.nan_to_num(torch.tensor([nan, inf, -inf], dtype=torch.float16))",
     note="float16's largest finite value is 65504")
case("round_half_even", "round", "torch.round(torch.tensor([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5]))",
     note="round half to even")
case("round_decimals", "round_decimals", "torch.round(torch.tensor([1.2345, -2.5678, 0.125, 1234.5678]), decimals=2)")
case("round_decimals_neg", "round_decimals", "torch.round(torch.tensor([1234.5678, -1250.]), decimals=-2)")
grad_case("round_decimals_grad", "round_decimals", "x = torch.tensor([1.234, 5.678], requires_grad=True)", "torch.round(x, decimals=1)")
case("nan_to_num_default", "nan_to_num", "torch.nan_to_num(torch.tensor([nan, inf, -inf, 1.5]))")
case("nan_to_num_values", "nan_to_num", "torch.nan_to_num(torch.tensor([nan, inf, -inf, 1.5]), nan=0.5, posinf=100, neginf=-100)")
grad_case("nan_to_num_grad", "nan_to_num", "x = torch.tensor([1., 2.], requires_grad=True)", "torch.nan_to_num(x)")
case("xlogy_values", "xlogy", "torch.xlogy(torch.tensor([0., 1., 2., 0.]), torch.tensor([0., 2., 3., nan]))")
grad_case("xlogy_grad", "xlogy", "x = torch.tensor([1., 2.], requires_grad=True)\ny = torch.tensor([2., 3.], requires_grad=True)",
          "torch.xlogy(x, y)", grads=("x", "y"))
# clamp / clip
case("clamp_both", "clamp", "torch.clamp(torch.tensor([-2., -0.5, 0.5, 2.]), -1, 1)")
case("clamp_min_kw", "clamp", "torch.tensor([-2., 0.5, 2.]).clamp(min=0)")
case("clamp_max_kw", "clamp", "torch.tensor([-2., 0.5, 2.]).clamp(max=0.5)")
case("clamp_float_bounds", "clamp", "torch.tensor([-2., -0.25, 0.25, 2.]).clamp(-0.5, 0.5)")
case("clamp_nan", "clamp", "torch.tensor([nan, -inf, inf]).clamp(-1, 1)", note="clamp propagates NaN")
case("clamp_int", "clamp", "torch.tensor([-5, 0, 5]).clamp(-2, 3)")
case("clamp_int_float_bounds", "clamp", "torch.tensor([-5, 0, 5]).clamp(-2.5, 2.5)", note="float bounds promote int to float32")
case("clamp_int_float_min_only", "clamp", "torch.tensor([-5, 0, 5]).clamp(min=-2.5)")
case("clamp_int_int_bounds", "clamp", "torch.tensor([-5, 0, 5], dtype=torch.int32).clamp(-2, 3)", note="integer bounds keep the dtype")
case("clamp_min_gt_max", "clamp", "torch.tensor([-1., 0., 1.]).clamp(1, -1)", note="min > max: every element becomes max")
case("clamp_tensor_bounds", "clamp", "torch.clamp(torch.tensor([-2., 0., 2.]), torch.tensor([-1., 0.5, 0.]), torch.tensor([1., 1., 1.]))")
case("clamp_no_bounds_error", "clamp", "torch.clamp(torch.tensor([1.]))")
case("clip_alias", "clamp", "torch.clip(torch.tensor([-2., 0.5, 2.]), -1, 1)")
case("clamp_inplace", "clamp", "x = torch.tensor([-2., 0.5, 2.])\nx.clamp_(-1, 1)\nout = x")
grad_case("clamp_grad", "clamp", "x = torch.tensor([-2., -1., 0., 1., 2.], requires_grad=True)", "x.clamp(-1, 1)",
          note="the gradient passes at the bounds (min <= x <= max)")
grad_case("clamp_min_grad", "clamp", "x = torch.tensor([-2., 0., 2.], requires_grad=True)", "x.clamp(min=0)")
# lerp
case("lerp_scalar", "lerp", "torch.lerp(torch.tensor([0., 1., 2.]), torch.tensor([10., 10., 10.]), 0.5)")
case("lerp_scalar_high", "lerp", "torch.lerp(torch.tensor([1., -3.]), torch.tensor([5., 7.]), 0.75)")
case("lerp_tensor_weight", "lerp", "torch.lerp(torch.tensor([0., 1., 2.]), torch.tensor([10., 10., 10.]), torch.tensor([0., 0.25, 1.]))")
case("lerp_method", "lerp", "torch.tensor([1., 2.]).lerp(torch.tensor([3., 4.]), 0.3)")
grad_case("lerp_grad_scalar", "lerp", "x = torch.tensor([0., 1.], requires_grad=True)\ny = torch.tensor([10., 20.], requires_grad=True)",
          "torch.lerp(x, y, 0.25)", grads=("x", "y"))
grad_case("lerp_grad_tensor", "lerp", "x = torch.tensor([0., 1.], requires_grad=True)\ny = torch.tensor([10., 20.], requires_grad=True)\nw = torch.tensor([0.5, 0.1], requires_grad=True)",
          "torch.lerp(x, y, w)", grads=("x", "y", "w"))
# maximum / minimum / where / atan2
case("maximum_values", "maximum", "torch.maximum(torch.tensor([1., 5., -2.]), torch.tensor([3., 2., -2.]))")
case("maximum_nan", "maximum", "torch.maximum(torch.tensor([nan, 1.]), torch.tensor([0., nan]))")
case("maximum_broadcast", "maximum", "torch.maximum(torch.tensor([[1.], [4.]]), torch.tensor([2., 3.]))")
case("maximum_int_float", "maximum", "torch.maximum(torch.tensor([1, 5]), torch.tensor([2.5, 0.5]))")
case("maximum_zero_signs", "maximum", "torch.maximum(torch.tensor([-0., 0.]), torch.tensor([0., -0.]))")
case("maximum_zero_signs_vectorized", "maximum", "torch.maximum(torch.full((20,), -0.), torch.zeros(20))",
     note="ties: the AVX2 body (16 elements) returns the second operand, the scalar tail (std::max) the first")
case("minimum_zero_signs_vectorized", "minimum", "torch.minimum(torch.zeros(20), torch.full((20,), -0.))")
case("minimum_values", "minimum", "torch.minimum(torch.tensor([1., 5., -2.]), torch.tensor([3., 2., -2.]))")
case("minimum_nan", "minimum", "torch.minimum(torch.tensor([nan, 1.]), torch.tensor([0., nan]))")
case("minimum_int", "minimum", "torch.tensor([1, 5]).minimum(torch.tensor([3, 2]))")
grad_case("maximum_grad", "maximum", "x = torch.tensor([1., 5., 2.], requires_grad=True)\ny = torch.tensor([3., 2., 2.], requires_grad=True)",
          "torch.maximum(x, y)", grads=("x", "y"), note="ties split the gradient in half")
grad_case("minimum_grad", "minimum", "x = torch.tensor([1., 5., 2.], requires_grad=True)\ny = torch.tensor([3., 2., 2.], requires_grad=True)",
          "torch.minimum(x, y)", grads=("x", "y"))
case("where_basic", "where", "torch.where(torch.tensor([True, False, True]), torch.tensor([1., 2., 3.]), torch.tensor([10., 20., 30.]))")
case("where_scalar_other", "where", "torch.where(torch.tensor([1., -2., 3.]) > 0, torch.tensor([1., -2., 3.]), 0.)",
     ts="torch.where(torch.tensor([1, -2, 3], {dtype: torch.float32}).gt(0), torch.tensor([1, -2, 3], {dtype: torch.float32}), 0)")
case("where_broadcast", "where", "torch.where(torch.tensor([[True], [False]]), torch.tensor([1., 2.]), torch.tensor(0.))")
case("where_int_float", "where", "torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), 1.5)")
case("where_int_int", "where", "torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), torch.tensor([3, 4]))")
case("where_method", "where", "torch.tensor([1., 2.]).where(torch.tensor([False, True]), torch.tensor([7., 8.]))")
case("where_cond_not_bool_error", "where", "torch.where(torch.tensor([1, 0]), torch.tensor([1., 2.]), torch.tensor([3., 4.]))")
grad_case("where_grad", "where", "x = torch.tensor([1., -2., 3.], requires_grad=True)\ny = torch.tensor([10., 20., 30.], requires_grad=True)",
          "torch.where(x > 0, x, y)", grads=("x", "y"))
case("atan2_values", "atan2", "torch.atan2(torch.tensor([1., 1., -1., -1., 0., -0.]), torch.tensor([1., -1., 1., -1., -1., -1.]))")
case("atan2_int", "atan2", "torch.atan2(torch.tensor([1, 2]), torch.tensor([3, 4]))")
grad_case("atan2_grad", "atan2", "x = torch.tensor([1., -2.], requires_grad=True)\ny = torch.tensor([3., 0.5], requires_grad=True)",
          "torch.atan2(x, y)", grads=("x", "y"))
# hypot: one row of ops/binary.ts (the demo that a binary op is one entry plus these goldens)
case("hypot_values", "hypot", "torch.hypot(torch.tensor([3., 5., -0., inf, nan, 1e-30]), torch.tensor([4., -12., 0., nan, inf, 1e-30]))")
case("hypot_broadcast_float64", "hypot", "torch.hypot(torch.tensor([[3.], [6.]], dtype=torch.float64), torch.tensor([4., 8.]))")
case("hypot_method", "hypot", "torch.tensor([1., 2.]).hypot(torch.tensor([1., 2.]))")
case("hypot_inplace", "hypot", "x = torch.tensor([3., 5.])\nx.hypot_(torch.tensor([4., 12.]))\nout = x")
case("hypot_int_error", "hypot", "torch.hypot(torch.tensor([3, 4]), torch.tensor([4, 3]))")
case("hypot_scalar_error", "hypot", "torch.hypot(torch.tensor([3.]), 4)")
case("hypot_method_scalar_error", "hypot", "torch.tensor([3.]).hypot(4)")
# logaddexp: one row of ops/binary.ts plus its kernel
case("logaddexp_values", "logaddexp", "torch.logaddexp(torch.tensor([0., 1., -inf, inf, -inf, 100., nan, -3.]), torch.tensor([0., 2., -inf, inf, 5., -100., 1., 0.5]))")
case("logaddexp_broadcast_float64", "logaddexp", "torch.logaddexp(torch.tensor([[1.], [-2.]], dtype=torch.float64), torch.tensor([0.5, 30.]))")
case("logaddexp_method", "logaddexp", "torch.tensor([1., 2.]).logaddexp(torch.tensor([3., -1.]))")
case("logaddexp_int_error", "logaddexp", "torch.logaddexp(torch.tensor([1, 2]), torch.tensor([3, 4]))")
case("logaddexp_scalar_error", "logaddexp", "torch.logaddexp(torch.tensor([1.]), 2)")
grad_case("logaddexp_grad", "logaddexp", "x = torch.tensor([0., 1., -2.], requires_grad=True)\ny = torch.tensor([0., -1., 3.], requires_grad=True)",
          "torch.logaddexp(x, y)", grads=("x", "y"))
grad_case("hypot_grad", "hypot", "x = torch.tensor([3., -5., 1.], requires_grad=True)\ny = torch.tensor([4., 12., -1.], requires_grad=True)",
          "torch.hypot(x, y)", grads=("x", "y"))

# =============================================================================================
area("comparison")
# =============================================================================================
P = "torch.tensor([1., 2., nan, -0., inf])"
Q = "torch.tensor([1., 3., nan, 0., inf])"
for op, sym in [("eq", "=="), ("ne", "!="), ("lt", "<"), ("le", "<="), ("gt", ">"), ("ge", ">=")]:
    case(f"{op}_tt", op, f"{P} {sym} {Q}", note="nan compares unequal to everything; -0 == 0")
    case(f"{op}_scalar", op, f"torch.tensor([1., 2., 3.]) {sym} 2")
    case(f"{op}_fn_broadcast", op, f"torch.{op}(torch.tensor([[1], [2], [3]]), torch.tensor([1, 2, 3]))")
    case(f"{op}_int_float", op, f"torch.tensor([1, 2, 3]) {sym} torch.tensor([1., 2.5, 2.9])")
case("eq_method", "eq", "torch.tensor([1, 2]).eq(torch.tensor([1, 3]))")
case("eq_bool", "eq", "torch.tensor([True, False]) == torch.tensor([True, True])")
case("eq_float_scalar_frac", "eq", "torch.tensor([0.1, 0.5]) == 0.1", note="0.1 rounds to float32 first, so it matches")
case("gt_inf_scalar", "gt", "torch.tensor([1e38, inf, nan]) > 1e38", ts="torch.tensor([1e38, Infinity, NaN]).gt(1e38)",
     note="JS: 1e38 is an integer-valued number; the float tensor decides the comparison dtype")
case("lt_broadcast_error", "lt", "torch.ones(2) < torch.ones(3)")
case("ne_empty", "ne", "torch.zeros(0) != torch.zeros(0)")
case("greater_alias", "gt", "torch.tensor([1., 2.]).greater(1.5)")
case("less_equal_alias", "le", "torch.tensor([1., 2.]).less_equal(1)")
case("cmp_no_grad", "gt", "(torch.tensor([1., 2.], requires_grad=True) > 1)", note="comparisons have no grad_fn")
case("isclose_default", "isclose", "torch.isclose(torch.tensor([1., 1.00001, 1.001, nan]), torch.tensor([1., 1., 1., nan]))")
case("isclose_tol", "isclose", "torch.isclose(torch.tensor([1., 1.1, 2.]), torch.tensor([1.05, 1., 2.1]), rtol=0, atol=0.1)")
case("isclose_equal_nan", "isclose", "torch.isclose(torch.tensor([nan, 1.]), torch.tensor([nan, 1.]), equal_nan=True)")
case("isclose_inf", "isclose", "torch.isclose(torch.tensor([inf, -inf, inf]), torch.tensor([inf, -inf, -inf]))")
case("isclose_int", "isclose", "torch.isclose(torch.tensor([1, 2]), torch.tensor([1, 3]))")
case("isclose_method", "isclose", "torch.tensor([1e-9, 0.]).isclose(torch.tensor([0., 0.]))")
case("allclose_true", "allclose", "torch.allclose(torch.tensor([1., 2.]), torch.tensor([1.000001, 2.]))", covers=["isclose"])
case("allclose_false", "allclose", "torch.allclose(torch.tensor([1., 2.]), torch.tensor([1.1, 2.]))", covers=["isclose"])
case("allclose_nan", "allclose", "torch.allclose(torch.tensor([nan]), torch.tensor([nan]))", covers=["isclose"])
case("allclose_equal_nan", "allclose", "torch.allclose(torch.tensor([nan]), torch.tensor([nan]), equal_nan=True)", covers=["isclose"])
case("equal_true", "equal", "torch.equal(torch.tensor([1, 2]), torch.tensor([1, 2]))")
case("equal_shape", "equal", "torch.equal(torch.tensor([1, 2]), torch.tensor([[1, 2]]))")
case("isnan", "isnan", f"torch.isnan({P})")
case("isnan_int", "isnan", "torch.isnan(torch.tensor([1, 2]))")
case("isinf", "isinf", f"torch.isinf({P})")
case("isinf_neg", "isinf", "torch.tensor([-inf, 1e38]).isinf()")
case("isfinite", "isfinite", f"torch.isfinite({P})")
case("logical_and_bool", "logical_and", "torch.logical_and(torch.tensor([True, True, False]), torch.tensor([True, False, False]))")
case("logical_and_float", "logical_and", "torch.logical_and(torch.tensor([0., 1., nan, -0.]), torch.tensor([1., 2., 1., 1.]))",
     note="nonzero (and nan) is true")
case("logical_and_int", "logical_and", "torch.tensor([0, 1, 2]).logical_and(torch.tensor([3, 0, -1]))")
case("logical_or", "logical_or", "torch.logical_or(torch.tensor([True, False, False]), torch.tensor([0, 0, 5]))")
case("logical_xor", "logical_xor", "torch.logical_xor(torch.tensor([True, False, True]), torch.tensor([True, True, False]))")
case("logical_not_bool", "logical_not", "torch.logical_not(torch.tensor([True, False]))")
case("logical_not_float", "logical_not", "torch.logical_not(torch.tensor([0., -0., 1.5, nan]))")
case("logical_not_int", "logical_not", "torch.tensor([0, 3]).logical_not()")
case("bitwise_and_bool", "bitwise_and", "torch.tensor([True, True, False]) & torch.tensor([True, False, False])")
case("bitwise_and_int", "bitwise_and", "torch.tensor([12, 10]) & torch.tensor([10, 6])")
case("bitwise_or_int", "bitwise_or", "torch.tensor([12, 10]) | torch.tensor([3, 5])")
case("bitwise_or_bool", "bitwise_or", "torch.tensor([True, False]) | torch.tensor([False, False])")
case("bitwise_xor_int", "bitwise_xor", "torch.tensor([12, 10]) ^ torch.tensor([10, 6])")
case("bitwise_float_error", "bitwise_and", "torch.tensor([1.]) & torch.tensor([1.])")
case("bitwise_not_bool", "bitwise_not", "~torch.tensor([True, False])")

# =============================================================================================
area("reduction")
# =============================================================================================
M = "torch.tensor([[0.5, -1.5, 2.], [3., 0.25, -4.]])"
M3 = "torch.arange(24.).reshape(2, 3, 4)"
MI = "torch.tensor([[1, 2, 3], [4, 5, 6]])"
case("sum_all", "sum", f"{M}.sum()")
case("sum_fn", "sum", f"torch.sum({M})")
case("sum_dim0", "sum", f"{M}.sum(0)")
case("sum_dim1", "sum", f"{M}.sum(1)")
case("sum_dim_neg", "sum", f"{M}.sum(-1)")
case("sum_keepdim_pos", "sum", f"{M}.sum(1, True)")
case("sum_keepdim_kw", "sum", f"{M}.sum(1, keepdim=True)", note="SPEC: keyword args become a trailing options object")
case("sum_dim_kw", "sum", f"{M}.sum(dim=0)")
case("sum_dims_tuple", "sum", f"{M3}.sum((0, 2))", covers=["reshape"])
case("sum_dims_neg_tuple", "sum", f"{M3}.sum((-1, -2), keepdim=True)", covers=["reshape"])
case("sum_int", "sum", f"{MI}.sum()", note="integer sums are int64")
case("sum_int32", "sum", "torch.tensor([1, 2], dtype=torch.int32).sum()")
case("sum_bool", "sum", "torch.tensor([True, False, True]).sum()")
case("sum_uint8_dim", "sum", "torch.tensor([[200, 100]], dtype=torch.uint8).sum(1)")
case("sum_empty", "sum", "torch.zeros(0).sum()")
case("sum_empty_dim", "sum", "torch.zeros(2, 0).sum(1)")
case("sum_dtype_kw", "sum", "torch.tensor([1., 2.]).sum(dtype=torch.float64)")
case("sum_nan", "sum", "torch.tensor([1., nan, 2.]).sum()")
case("sum_inf", "sum", "torch.tensor([inf, -inf]).sum()")
case("sum_0dim", "sum", "torch.tensor(3.).sum()")
case("sum_dim_error", "sum", f"{M}.sum(2)")
case("sum_dim_error_neg", "sum", f"{M}.sum(-3)")
grad_case("sum_grad_all", "sum", f"x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)", "x.sum()", backward="out.backward()")
grad_case("sum_grad_dim", "sum", f"x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)", "x.sum(0)")
grad_case("sum_grad_keepdim", "sum", f"x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)", "(x.sum(1, True) * torch.tensor([[1.], [2.]]))",
          covers=["mul"])
case("mean_all", "mean", f"{M}.mean()")
case("mean_dim", "mean", f"{M}.mean(0)")
case("mean_keepdim", "mean", f"{M}.mean(1, True)")
case("mean_dims", "mean", f"{M3}.mean((0, 1))", covers=["reshape"])
case("mean_fn", "mean", "torch.mean(torch.tensor([1., 2., 4.]))")
case("mean_thirds", "mean", "torch.tensor([1., 1., 2.]).mean()")
case("mean_empty", "mean", "torch.zeros(0).mean()")
case("mean_int_error", "mean", f"{MI}.mean()")
case("mean_float64", "mean", "torch.tensor([0.1, 0.2, 0.4], dtype=torch.float64).mean()")
grad_case("mean_grad", "mean", "x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)", "x.mean()", backward="out.backward()")
grad_case("mean_grad_dim", "mean", "x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)", "x.mean(1)")
case("prod_all", "prod", f"{M}.prod()")
case("prod_dim", "prod", f"{M}.prod(1)")
case("prod_keepdim", "prod", f"{M}.prod(0, True)")
case("prod_int", "prod", f"{MI}.prod()")
case("prod_bool", "prod", "torch.tensor([True, True]).prod()")
case("prod_empty", "prod", "torch.zeros(0).prod()")
grad_case("prod_grad", "prod", "x = torch.tensor([2., 3., 4.], requires_grad=True)", "x.prod()", backward="out.backward()")
grad_case("prod_grad_zero", "prod", "x = torch.tensor([2., 0., 4.], requires_grad=True)", "x.prod()", backward="out.backward()",
          note="one zero: only its gradient is nonzero")
grad_case("prod_grad_two_zeros", "prod", "x = torch.tensor([0., 3., 0.], requires_grad=True)", "x.prod()", backward="out.backward()")
grad_case("prod_grad_dim", "prod", "x = torch.tensor([[1., 2.], [3., 0.]], requires_grad=True)", "x.prod(1)")
X6 = "torch.tensor([[1., 5., 5.], [7., -2., 7.]])"
case("max_all", "max_all", f"{X6}.max()")
case("max_all_fn", "max_all", f"torch.max({X6})")
case("max_all_nan", "max_all", "torch.tensor([1., nan, 3.]).max()")
case("max_all_int", "max_all", f"{MI}.max()")
case("max_all_empty_error", "max_all", "torch.zeros(0).max()")
case("max_dim", "max_dim", f"{X6}.max(1)", note="ties give the first index")
case("max_dim_keepdim", "max_dim", f"{X6}.max(0, keepdim=True)")
case("max_dim_values", "max_dim", f"{X6}.max(1).values")
case("max_dim_indices", "max_dim", f"{X6}.max(1).indices")
case("max_dim_nan", "max_dim", "torch.tensor([[1., nan, 3.], [4., 5., 6.]]).max(1)")
case("max_dim_fn", "max_dim", f"torch.max({X6}, 0)")
case("max_binary", "max_dim", "torch.max(torch.tensor([1., 4.]), torch.tensor([3., 2.]))", covers=["maximum"],
     note="torch.max(a, b) is maximum")
case("min_all", "min_all", f"{X6}.min()")
case("min_all_nan", "min_all", "torch.tensor([1., nan, -3.]).min()")
case("min_dim", "min_dim", f"{X6}.min(0)")
case("min_dim_keepdim", "min_dim", f"{X6}.min(1, True)")
case("min_dim_int", "min_dim", f"{MI}.min(1)")
case("min_dim_error", "min_dim", f"{X6}.min(2)")
grad_case("max_all_grad_ties", "max_all", "x = torch.tensor([1., 5., 5., 2.], requires_grad=True)", "x.max()", backward="out.backward()",
          note="the gradient is split evenly between tied maxima")
grad_case("min_all_grad", "min_all", "x = torch.tensor([3., 1., 2.], requires_grad=True)", "x.min()", backward="out.backward()")
grad_case("max_dim_grad", "max_dim", "x = torch.tensor([[1., 5., 5.], [7., -2., 7.]], requires_grad=True)", "x.max(1).values")
grad_case("min_dim_grad", "min_dim", "x = torch.tensor([[1., 5.], [7., -2.]], requires_grad=True)", "x.min(0)[0]")
case("amax_all", "amax", f"{X6}.amax()")
case("amax_dim", "amax", f"torch.amax({X6}, 1)")
case("amax_dims", "amax", f"{M3}.amax((0, 2))", covers=["reshape"])
case("amax_keepdim", "amax", f"{X6}.amax(0, keepdim=True)")
case("amin_dim", "amin", f"torch.amin({X6}, 0)")
case("amin_nan", "amin", "torch.tensor([1., nan]).amin()")
grad_case("amax_grad_ties", "amax", "x = torch.tensor([[1., 5., 5.], [7., -2., 7.]], requires_grad=True)", "x.amax(1)",
          note="amax splits the gradient evenly between ties")
grad_case("amin_grad", "amin", "x = torch.tensor([[1., 1.], [0., 3.]], requires_grad=True)", "x.amin()", backward="out.backward()")
case("argmax_all", "argmax", f"{X6}.argmax()")
case("argmax_dim", "argmax", f"{X6}.argmax(1)")
case("argmax_keepdim", "argmax", f"torch.argmax({X6}, 0, keepdim=True)")
case("argmax_nan", "argmax", "torch.tensor([1., nan, 3., nan]).argmax()")
case("argmax_int", "argmax", "torch.tensor([3, 9, 9, 1]).argmax()")
case("argmin_all", "argmin", f"{X6}.argmin()")
case("argmin_dim", "argmin", f"{X6}.argmin(0)")
case("argmin_ties", "argmin", "torch.tensor([2., 1., 1., 5.]).argmin()")
V = "torch.tensor([[1., 2., 3., 4.], [2., 4., 6., 9.]])"
case("var_all", "var", f"{V}.var()")
case("var_dim", "var", f"{V}.var(1)")
case("var_biased_kw", "var", f"{V}.var(1, unbiased=False)")
case("var_keepdim", "var", f"{V}.var(0, keepdim=True)")
case("var_positional_unbiased", "var", f"torch.var({V}, 1, False, True)")
case("var_unbiased_bool_only", "var", f"{V}.var(False)", note="var(False) means unbiased=False over all elements")
case("var_correction", "var", f"{V}.var(1, correction=0)")
case("var_single", "var", "torch.tensor([3.]).var()", note="n - 1 = 0 degrees of freedom -> nan")
case("var_float64", "var", "torch.tensor([0.1, 0.2, 0.7], dtype=torch.float64).var()")
case("var_int_error", "var", "torch.tensor([1, 2, 3]).var()")
case("std_all", "std", f"{V}.std()", covers=["var"])
case("std_dim", "std", f"{V}.std(0)", covers=["var"])
case("std_biased", "std", f"torch.std({V}, 1, unbiased=False)", covers=["var"])
case("std_keepdim", "std", f"{V}.std(1, keepdim=True)", covers=["var"])
grad_case("var_grad", "var", "x = torch.tensor([1., 2., 4.], requires_grad=True)", "x.var()", backward="out.backward()")
grad_case("var_grad_dim", "var", "x = torch.tensor([[1., 2.], [4., 8.]], requires_grad=True)", "x.var(1, unbiased=False)")
grad_case("std_grad", "std", "x = torch.tensor([1., 2., 4.], requires_grad=True)", "x.std()", backward="out.backward()", covers=["var"])
case("norm_default", "norm", "torch.tensor([3., 4.]).norm()")
case("norm_fn", "norm", "torch.norm(torch.tensor([[1., 2.], [3., 4.]]))")
case("norm_p1", "norm", "torch.tensor([3., -4.]).norm(p=1)")
case("norm_p1_positional", "norm", "torch.tensor([3., -4.]).norm(1)")
case("norm_inf", "norm", "torch.tensor([3., -4., 1.]).norm(inf)")
case("norm_p3", "norm", "torch.tensor([1., 2., 3.]).norm(3)")
case("norm_dim", "norm", "torch.tensor([[3., 4.], [6., 8.]]).norm(dim=1)")
case("norm_dim_keepdim", "norm", "torch.tensor([[3., 4.], [6., 8.]]).norm(2, 0, True)")
case("norm_fro", "norm", "torch.tensor([[1., 2.], [3., 4.]]).norm('fro')")
case("norm_zero", "norm", "torch.zeros(3).norm()")
grad_case("norm_grad", "norm", "x = torch.tensor([3., 4.], requires_grad=True)", "x.norm()", backward="out.backward()")
grad_case("norm_grad_zero", "norm", "x = torch.zeros(2, requires_grad=True)", "x.norm()", backward="out.backward()",
          note="the gradient of the 2-norm at 0 is 0")
grad_case("norm_grad_p1", "norm", "x = torch.tensor([3., -4., 0.], requires_grad=True)", "x.norm(p=1)", backward="out.backward()")
grad_case("norm_grad_dim", "norm", "x = torch.tensor([[3., 4.], [6., 8.]], requires_grad=True)", "x.norm(dim=1)")
case("logsumexp_dim", "logsumexp", f"torch.logsumexp({M}, 1)")
case("logsumexp_keepdim", "logsumexp", f"{M}.logsumexp(0, keepdim=True)")
case("logsumexp_large", "logsumexp", "torch.tensor([1000., 1000.]).logsumexp(0)", note="stable: max is factored out")
case("logsumexp_neg_inf", "logsumexp", "torch.tensor([-inf, -inf]).logsumexp(0)")
case("logsumexp_with_inf", "logsumexp", "torch.tensor([inf, 1.]).logsumexp(0)")
case("logsumexp_dims", "logsumexp", f"{M3}.logsumexp((1, 2))", covers=["reshape"])
grad_case("logsumexp_grad", "logsumexp", "x = torch.tensor([[0., 1.], [2., 2.]], requires_grad=True)", "x.logsumexp(1)")
case("cumsum_1d", "cumsum", "torch.tensor([1., 2., 3., 4.]).cumsum(0)")
case("cumsum_dim1", "cumsum", f"torch.cumsum({M}, 1)")
case("cumsum_neg_dim", "cumsum", f"{M}.cumsum(-2)")
case("cumsum_int", "cumsum", f"{MI}.cumsum(1)")
case("cumsum_bool", "cumsum", "torch.tensor([True, False, True]).cumsum(0)")
case("cumsum_kw", "cumsum", "torch.tensor([1., 2.]).cumsum(dim=0)")
case("cumsum_float_precision", "cumsum", "torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]).cumsum(0)")
case("cumprod_1d", "cumprod", "torch.tensor([1., 2., 3., 4.]).cumprod(0)")
case("cumprod_dim0", "cumprod", f"torch.cumprod({M}, 0)")
case("cumprod_int", "cumprod", f"{MI}.cumprod(1)")
grad_case("cumsum_grad", "cumsum", "x = torch.tensor([1., 2., 3.], requires_grad=True)", "x.cumsum(0)")
grad_case("cumprod_grad", "cumprod", "x = torch.tensor([1., 2., 3.], requires_grad=True)", "x.cumprod(0)")
grad_case("cumprod_grad_zero", "cumprod", "x = torch.tensor([2., 0., 3.], requires_grad=True)", "x.cumprod(0)")
case("all_float", "all", "torch.tensor([1., 2., 0.]).all()")
case("all_true", "all", "torch.tensor([True, True]).all()")
case("all_dim", "all", "torch.tensor([[True, False], [True, True]]).all(1)")
case("all_keepdim", "all", "torch.tensor([[1, 0], [1, 1]]).all(0, keepdim=True)")
case("all_empty", "all", "torch.zeros(0).all()")
case("all_nan", "all", "torch.tensor([nan]).all()", note="nan is truthy")
case("all_uint8", "all", "torch.tensor([1, 2], dtype=torch.uint8).all()", note="all/any keep uint8")
case("any_uint8_dim", "any", "torch.tensor([[0, 3], [0, 0]], dtype=torch.uint8).any(1)")
case("any_float", "any", "torch.tensor([0., 0., -0.]).any()")
case("any_dim", "any", "torch.tensor([[True, False], [False, False]]).any(1)")
case("any_empty", "any", "torch.zeros(0).any()")
case("any_fn", "any", "torch.any(torch.tensor([0, 0, 3]))")
case("count_nonzero_all", "count_nonzero", "torch.count_nonzero(torch.tensor([[0., 1.], [2., 0.]]))")
case("count_nonzero_dim", "count_nonzero", "torch.count_nonzero(torch.tensor([[0, 1], [2, 3]]), dim=1)")

# =============================================================================================
area("linalg")
# =============================================================================================
MA = "torch.tensor([[1., 2., 3.], [4., 5., 6.]])"            # 2x3
MB = "torch.tensor([[1., 0., -1., 2.], [0.5, 1., 0., -2.], [2., 1., 1., 0.]])"   # 3x4
VA = "torch.tensor([1., -1., 2.])"
case("dot_values", "dot", f"torch.dot({VA}, torch.tensor([3., 4., 0.5]))")
case("dot_method", "dot", f"{VA}.dot({VA})")
case("dot_int", "dot", "torch.dot(torch.tensor([1, 2, 3]), torch.tensor([4, 5, 6]))")
case("dot_size_error", "dot", "torch.dot(torch.ones(3), torch.ones(4))")
case("dot_2d_error", "dot", "torch.dot(torch.ones(2, 2), torch.ones(2, 2))")
case("dot_dtype_error", "dot", "torch.dot(torch.ones(2), torch.ones(2, dtype=torch.float64))")
grad_case("dot_grad", "dot", "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = torch.tensor([4., 5., 6.], requires_grad=True)",
          "torch.dot(x, y)", backward="out.backward()", grads=("x", "y"))
case("mv_values", "mv", f"torch.mv({MA}, {VA})")
case("mv_method", "mv", f"{MA}.mv({VA})")
case("mv_size_error", "mv", f"{MA}.mv(torch.ones(4))")
grad_case("mv_grad", "mv", f"x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)\ny = torch.tensor([1., -1., 2.], requires_grad=True)",
          "x.mv(y)", grads=("x", "y"))
case("mm_values", "mm", f"torch.mm({MA}, {MB})")
case("mm_method", "mm", f"{MA}.mm({MB})")
case("mm_int", "mm", "torch.tensor([[1, 2], [3, 4]]).mm(torch.tensor([[5, 6], [7, 8]]))")
case("mm_shape_error", "mm", f"torch.mm({MA}, {MA})")
case("mm_1d_error", "mm", "torch.mm(torch.ones(3), torch.ones(3))")
case("mm_dtype_error", "mm", "torch.mm(torch.ones(2, 2), torch.ones(2, 2, dtype=torch.float64))")
case("mm_empty", "mm", "torch.mm(torch.ones(2, 0), torch.ones(0, 3))")
grad_case("mm_grad", "mm", "x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\ny = torch.tensor([[0.5, -1., 2.], [1., 0., 1.]], requires_grad=True)",
          "x.mm(y)", grads=("x", "y"))
BA = "torch.arange(12.).reshape(2, 2, 3)"
BB = "torch.arange(24.).reshape(2, 3, 4) / 10"
case("bmm_values", "bmm", f"torch.bmm({BA}, {BB})", covers=["reshape", "div"])
case("bmm_error", "bmm", "torch.bmm(torch.ones(5, 2, 3), torch.ones(5, 4, 2))")
case("bmm_2d_error", "bmm", "torch.bmm(torch.ones(2, 3), torch.ones(3, 2))")
grad_case("bmm_grad", "bmm", "x = torch.arange(12.).reshape(2, 2, 3).requires_grad_()\ny = torch.ones(2, 3, 1, requires_grad=True)",
          "torch.bmm(x, y)", grads=("x", "y"), covers=["reshape"])
case("matmul_1d_1d", "matmul", f"{VA} @ torch.tensor([3., 4., 0.5])", covers=["dot"])
case("matmul_2d_1d", "matmul", f"{MA} @ {VA}", covers=["mv"])
case("matmul_1d_2d", "matmul", f"{VA} @ {MB}", covers=["mm", "squeeze_dims"])
case("matmul_2d_2d", "matmul", f"{MA} @ {MB}", covers=["mm"])
case("matmul_3d_3d", "matmul", f"{BA} @ {BB}", covers=["bmm", "_unsafe_view"])
case("matmul_3d_2d", "matmul", f"{BA} @ {MB}", covers=["mm", "_unsafe_view"])
case("matmul_3d_1d", "matmul", f"{BA} @ {VA}")
case("matmul_2d_3d", "matmul", f"{MA}.t() @ {BA}")
case("matmul_broadcast_4d", "matmul", "torch.ones(2, 1, 2, 3) @ torch.ones(3, 3, 1)")
case("matmul_fn", "matmul", f"torch.matmul({MA}, {MB})")
case("matmul_int", "matmul", "torch.tensor([[1, 2], [3, 4]]) @ torch.tensor([1, -1])")
case("matmul_2d_1d_error", "matmul", "torch.ones(2, 3) @ torch.ones(4)")
case("matmul_1d_2d_error", "matmul", "torch.ones(4) @ torch.ones(2, 3)")
case("matmul_2d_2d_error", "matmul", "torch.ones(2, 3) @ torch.ones(2, 3)")
case("matmul_1d_1d_error", "matmul", "torch.ones(3) @ torch.ones(4)")
case("matmul_batch_error", "matmul", "torch.ones(5, 2, 3) @ torch.ones(5, 4, 2)")
case("matmul_0d_error", "matmul", "torch.tensor(2.) @ torch.ones(2)")
case("matmul_int_float_error", "matmul", "torch.tensor([[1, 2]]) @ torch.ones(2, 1)")
grad_case("matmul_grad_1d_1d", "matmul", "x = torch.tensor([1., 2.], requires_grad=True)\ny = torch.tensor([3., 4.], requires_grad=True)",
          "x @ y", backward="out.backward()", grads=("x", "y"), covers=["dot"])
grad_case("matmul_grad_2d_1d", "matmul", "x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\ny = torch.tensor([3., 4.], requires_grad=True)",
          "x @ y", grads=("x", "y"), covers=["mv"])
grad_case("matmul_grad_1d_2d", "matmul", "x = torch.tensor([1., 2.], requires_grad=True)\ny = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)",
          "x @ y", grads=("x", "y"), covers=["mm", "squeeze_dims"])
grad_case("matmul_grad_2d_2d", "matmul", "x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\ny = torch.tensor([[1., 0.], [2., -1.]], requires_grad=True)",
          "x @ y", grads=("x", "y"), covers=["mm"])
grad_case("matmul_grad_3d_3d", "matmul", "x = torch.ones(2, 2, 3, requires_grad=True)\ny = torch.ones(2, 3, 2, requires_grad=True)",
          "x @ y", grads=("x", "y"), covers=["bmm", "_unsafe_view"])
grad_case("matmul_grad_3d_2d", "matmul", "x = torch.ones(2, 2, 3, requires_grad=True)\ny = torch.ones(3, 2, requires_grad=True)",
          "x @ y", grads=("x", "y"), covers=["mm", "_unsafe_view"])
grad_case("matmul_grad_2d_3d", "matmul", "x = torch.ones(2, 3, requires_grad=True)\ny = torch.ones(4, 3, 2, requires_grad=True)",
          "x @ y", grads=("x", "y"))
case("outer_values", "outer", "torch.outer(torch.tensor([1., 2., 3.]), torch.tensor([1., -1.]))")
case("outer_method", "outer", "torch.tensor([1, 2]).outer(torch.tensor([3, 4, 5]))")
case("ger_alias", "outer", "torch.ger(torch.tensor([1., 2.]), torch.tensor([0.5, 4.]))")
grad_case("outer_grad", "outer", "x = torch.tensor([1., 2.], requires_grad=True)\ny = torch.tensor([3., 4., 5.], requires_grad=True)",
          "torch.outer(x, y)", grads=("x", "y"))
case("t_2d", "t", f"{MA}.t()", check_stride=True, covers=["transpose"])
case("t_fn", "t", f"torch.t({MA})", check_stride=True, covers=["transpose"])
case("t_1d", "t", "torch.tensor([1., 2.]).t()", check_stride=True, covers=["transpose"])
case("t_3d_error", "t", "torch.ones(2, 2, 2).t()", covers=["transpose"])
grad_case("t_grad", "t", "x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)", "x.t() * torch.tensor([[1., 2.], [3., 4.], [5., 6.]])",
          covers=["transpose", "mul"])
case("addmm_values", "addmm", f"torch.addmm(torch.tensor([1., 2., 3., 4.]), {MA}, {MB})")
case("addmm_beta_alpha", "addmm", f"torch.addmm(torch.ones(2, 4), {MA}, {MB}, beta=0.5, alpha=2)")
case("addmm_beta_zero_nan", "addmm", f"torch.addmm(torch.full((2, 4), nan), {MA}, {MB}, beta=0)",
     note="beta=0 ignores input, even nan")
case("addmm_method", "addmm", f"torch.zeros(2, 4).addmm({MA}, {MB})")
grad_case("addmm_grad", "addmm", "b = torch.tensor([1., 2.], requires_grad=True)\nx = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\nw = torch.tensor([[0.5, 1.], [-1., 2.]], requires_grad=True)",
          "torch.addmm(b, x, w.t())", grads=("b", "x", "w"), covers=["t", "transpose"])
grad_case("linear_layer_manual", "addmm", "w = torch.tensor([[0.5, -1.], [2., 1.], [0., 1.]], requires_grad=True)\nb = torch.tensor([0.1, 0.2, 0.3], requires_grad=True)\nx = torch.tensor([[1., 2.], [3., 4.]])",
          "x @ w.t() + b", grads=("w", "b"), covers=["t", "add", "mm"], note="nn.Linear written out")

# =============================================================================================
area("shape")
# =============================================================================================
S6 = "torch.arange(6.)"
S23 = "torch.arange(6).reshape(2, 3)"
S234 = "torch.arange(24).reshape(2, 3, 4)"


def view_case(id, op, py, **kw):
    kw.setdefault("check_stride", True)
    case(id, op, py, **kw)


view_case("view_2x3", "view", f"{S6}.view(2, 3)")
view_case("view_tuple", "view", f"{S6}.view((3, 2))")
view_case("view_infer", "view", f"{S6}.view(-1, 2)")
view_case("view_flat", "view", f"{S234}.view(-1)", covers=["reshape"])
view_case("view_0dim", "view", "torch.tensor([5.]).view(())")
view_case("view_dtype_int", "view", f"{S23}.view(3, 2)", covers=["reshape"])
case("view_noncontig_error", "view", f"{S23}.t().view(6)", covers=["reshape", "t"])
case("view_size_error", "view", f"{S6}.view(4)")
case("view_two_infer_error", "view", f"{S6}.view(-1, -1)")
case("view_infer_error", "view", f"{S6}.view(-1, 4)")
grad_case("view_grad", "view", "x = torch.arange(6., requires_grad=True)", "x.view(2, 3) * torch.tensor([1., 2., 3.])", covers=["mul"])
view_case("reshape_viewable", "reshape", f"{S6}.reshape(3, 2)", covers=["_reshape_alias"])
view_case("reshape_copy", "reshape", f"{S23}.t().reshape(6)", covers=["_unsafe_view", "t"], note="needs a copy: a fresh contiguous tensor")
view_case("reshape_infer", "reshape", f"{S234}.reshape(4, -1)")
view_case("reshape_fn", "reshape", f"torch.reshape({S6}, (2, 3))")
case("reshape_error", "reshape", f"{S6}.reshape(4)")
grad_case("reshape_grad_view", "reshape", "x = torch.arange(6., requires_grad=True)", "x.reshape(2, 3)", covers=["_reshape_alias"])
grad_case("reshape_grad_copy", "reshape", "x = torch.arange(6., requires_grad=True)", "x.view(2, 3).t().reshape(6)",
          covers=["_unsafe_view", "t", "view"])
view_case("transpose_01", "transpose", f"{S234}.transpose(0, 1)")
view_case("transpose_neg", "transpose", f"{S234}.transpose(-1, 0)")
view_case("transpose_fn", "transpose", f"torch.transpose({S23}, 0, 1)")
view_case("swapaxes_alias", "transpose", f"torch.swapaxes({S23}, 0, 1)")
case("transpose_error", "transpose", f"{S23}.transpose(0, 2)")
grad_case("transpose_grad", "transpose", "x = torch.arange(6.).reshape(2, 3).requires_grad_()", "x.transpose(0, 1) * torch.tensor([1., 2.])",
          covers=["mul", "reshape"])
view_case("permute_3d", "permute", f"{S234}.permute(2, 0, 1)")
view_case("permute_tuple", "permute", f"{S234}.permute((1, 2, 0))")
view_case("permute_neg", "permute", f"{S234}.permute(-1, -2, -3)")
case("permute_error", "permute", f"{S234}.permute(0, 1)")
case("permute_repeat_error", "permute", f"{S234}.permute(0, 1, 1)")
grad_case("permute_grad", "permute", "x = torch.arange(6.).reshape(1, 2, 3).requires_grad_()", "x.permute(2, 0, 1) * 2", covers=["mul", "reshape"])
view_case("expand_basic", "expand", "torch.tensor([1, 2, 3]).expand(2, 3)")
view_case("expand_col", "expand", "torch.tensor([[1.], [2.]]).expand(2, 4)")
view_case("expand_keep", "expand", "torch.tensor([[1.], [2.]]).expand(-1, 3)")
view_case("expand_new_dims", "expand", "torch.tensor([1., 2.]).expand(3, 2, 2)")
view_case("expand_as", "expand", "torch.tensor([[1.], [2.]]).expand_as(torch.ones(2, 3))")
case("expand_error", "expand", "torch.tensor([1., 2., 3.]).expand(2, 4)")
case("expand_contiguous", "expand", "torch.tensor([1, 2]).expand(2, 2).contiguous()", check_stride=True)
grad_case("expand_grad", "expand", "x = torch.tensor([[1.], [2.]], requires_grad=True)", "x.expand(2, 3)", note="gradients of expanded elements add up")
view_case("squeeze_all", "squeeze", "torch.zeros(1, 2, 1, 3).squeeze()")
view_case("squeeze_dim", "squeeze", "torch.zeros(1, 2, 1, 3).squeeze(2)", covers=["squeeze_dims"])
view_case("squeeze_dim_noop", "squeeze", "torch.zeros(1, 2, 1, 3).squeeze(1)", covers=["squeeze_dims"])
view_case("squeeze_neg", "squeeze", "torch.zeros(2, 1).squeeze(-1)", covers=["squeeze_dims"])
view_case("squeeze_0dim", "squeeze", "torch.tensor(3.).squeeze()")
case("squeeze_dim_error", "squeeze", "torch.zeros(2, 1).squeeze(2)")
grad_case("squeeze_grad", "squeeze", "x = torch.tensor([[1.], [2.]], requires_grad=True)", "x.squeeze()")
grad_case("squeeze_dim_grad", "squeeze", "x = torch.tensor([[1.], [2.]], requires_grad=True)", "x.squeeze(1)", covers=["squeeze_dims"])
view_case("unsqueeze_0", "unsqueeze", "torch.tensor([1, 2, 3]).unsqueeze(0)")
view_case("unsqueeze_last", "unsqueeze", "torch.tensor([1, 2, 3]).unsqueeze(-1)")
view_case("unsqueeze_mid", "unsqueeze", f"torch.unsqueeze({S23}, 1)")
view_case("unsqueeze_0dim", "unsqueeze", "torch.tensor(2.).unsqueeze(0)")
case("unsqueeze_error", "unsqueeze", "torch.tensor([1, 2]).unsqueeze(3)")
grad_case("unsqueeze_grad", "unsqueeze", "x = torch.tensor([1., 2.], requires_grad=True)", "x.unsqueeze(1)")
view_case("flatten_all", "flatten", f"{S234}.flatten()", covers=["reshape"])
view_case("flatten_start", "flatten", f"{S234}.flatten(1)", covers=["reshape"])
view_case("flatten_range", "flatten", f"torch.flatten({S234}, 0, 1)", covers=["reshape"])
view_case("flatten_0dim", "flatten", "torch.tensor(5).flatten()")
view_case("flatten_noncontig", "flatten", f"{S23}.t().flatten()")
grad_case("flatten_grad", "flatten", "x = torch.ones(2, 2, requires_grad=True)", "x.flatten()", covers=["reshape"])
view_case("unflatten", "unflatten", f"{S6}.unflatten(0, (2, 3))")
view_case("select_dim0", "select", f"{S234}.select(0, 1)")
view_case("select_dim1_neg", "select", f"{S234}.select(1, -1)")
view_case("select_fn", "select", f"torch.select({S23}, 1, 2)")
case("select_error", "select", f"{S23}.select(0, 2)")
case("select_0dim_error", "select", "torch.tensor(1.).select(0, 0)")
grad_case("select_grad", "select", "x = torch.zeros(2, 3, requires_grad=True)", "x.select(1, 1)")
view_case("narrow_basic", "narrow", f"{S234}.narrow(2, 1, 2)", covers=["slice"])
view_case("narrow_fn", "narrow", f"torch.narrow({S23}, 0, 1, 1)", covers=["slice"])
case("narrow_error", "narrow", f"{S23}.narrow(1, 2, 2)")
grad_case("narrow_grad", "narrow", "x = torch.zeros(4, requires_grad=True)", "x.narrow(0, 1, 2)", covers=["slice"])
view_case("T_2d", "t", f"{S23}.T", covers=["transpose"])
view_case("T_3d", "permute", f"{S234}.T", note="x.T on 3-D reverses the dims (deprecated, a warning in torch)")
view_case("mT", "transpose", f"{S234}.mT")
case("mT_1d_error", "transpose", "torch.ones(3).mT")
view_case("contiguous_of_t", "clone", f"{S23}.t().contiguous()")
case("contiguous_same_object", "clone", "x = torch.ones(2)\nout = x.contiguous() is x")
grad_case("contiguous_grad", "clone", "x = torch.ones(2, 3, requires_grad=True)", "x.t().contiguous()", covers=["t", "transpose"])
view_case("clone_basic", "clone", "torch.tensor([1., 2.]).clone()")
view_case("clone_keeps_layout", "clone", f"{S23}.t().clone()", note="clone preserves the input's strides (preserve_format)")
case("clone_independent", "clone", "x = torch.tensor([1., 2.])\ny = x.clone()\ny.add_(1)\nout = (x, y)")
grad_case("clone_grad", "clone", "x = torch.tensor([1., 2.], requires_grad=True)", "x.clone()")
view_case("diagonal_main", "diagonal", "torch.arange(9).reshape(3, 3).diagonal()")
view_case("diagonal_offset", "diagonal", "torch.arange(12).reshape(3, 4).diagonal(1)")
view_case("diagonal_neg_offset", "diagonal", "torch.arange(12).reshape(3, 4).diagonal(-1)")
view_case("diagonal_fn_dims", "diagonal", f"torch.diagonal({S234}, 0, 1, 2)")
grad_case("diagonal_grad", "diagonal", "x = torch.ones(3, 3, requires_grad=True)", "x.diagonal()")
view_case("as_strided_basic", "as_strided", f"{S6}.as_strided((2, 2), (1, 2))")
view_case("as_strided_offset", "as_strided", f"torch.as_strided({S6}, (2,), (2,), 1)")
grad_case("as_strided_grad", "as_strided", "x = torch.zeros(4, requires_grad=True)", "x.as_strided((2, 2), (1, 1))",
          note="overlapping windows: gradients add")
view_case("view_as", "view", f"{S6}.view_as(torch.ones(3, 2))")
view_case("reshape_as", "reshape", f"{S6}.reshape_as(torch.ones(2, 3))")
# join / split: not in engine/index.ts yet (the join module is being written)
case("cat_dim0", "cat", "torch.cat([torch.tensor([1., 2.]), torch.tensor([3.])])")
case("cat_dim1", "cat", "torch.cat([torch.ones(2, 1), torch.zeros(2, 2)], 1)")
case("cat_dim_kw", "cat", "torch.cat((torch.ones(1, 2), torch.zeros(1, 2)), dim=0)")
case("cat_neg_dim", "cat", "torch.cat([torch.ones(2, 1), torch.zeros(2, 1)], -1)")
case("cat_promote", "cat", "torch.cat([torch.tensor([1, 2]), torch.tensor([0.5])])", note="cat promotes: int64 + float32 -> float32")
case("cat_empty_skipped", "cat", "torch.cat([torch.tensor([]), torch.tensor([1, 2])])", note="legacy 1-D empty tensors are skipped")
case("cat_size_error", "cat", "torch.cat([torch.ones(2, 3), torch.ones(2, 2)])")
case("cat_empty_list_error", "cat", "torch.cat([])")
grad_case("cat_grad", "cat", "x = torch.tensor([1., 2.], requires_grad=True)\ny = torch.tensor([3.], requires_grad=True)",
          "torch.cat([x, y]) * torch.tensor([1., 2., 3.])", grads=("x", "y"), covers=["mul"])
case("stack_dim0", "stack", "torch.stack([torch.tensor([1, 2]), torch.tensor([3, 4])])")
case("stack_dim1", "stack", "torch.stack([torch.tensor([1., 2.]), torch.tensor([3., 4.])], 1)")
case("stack_neg_dim", "stack", "torch.stack((torch.ones(2, 2), torch.zeros(2, 2)), dim=-1)")
case("stack_error", "stack", "torch.stack([torch.ones(3), torch.ones(2)])")
grad_case("stack_grad", "stack", "x = torch.tensor([1., 2.], requires_grad=True)\ny = torch.tensor([3., 4.], requires_grad=True)",
          "torch.stack([x, y])", grads=("x", "y"))
view_case("split_int", "split", "torch.arange(5).split(2)")
view_case("split_sizes", "split", "torch.arange(6).split([1, 2, 3])")
view_case("split_dim1", "split", "torch.arange(6).reshape(2, 3).split(1, dim=1)")
view_case("split_fn", "split", "torch.split(torch.arange(4), 3)")
case("split_sizes_error", "split", "torch.arange(6).split([1, 2])")
view_case("chunk_even", "chunk", "torch.arange(6).chunk(3)")
view_case("chunk_uneven", "chunk", "torch.arange(5).chunk(2)")
view_case("chunk_more_than_size", "chunk", "torch.arange(3).chunk(5)")
view_case("chunk_dim1", "chunk", "torch.arange(8).reshape(2, 4).chunk(2, 1)")
view_case("unbind_0", "unbind", f"{S23}.unbind()")
view_case("unbind_1", "unbind", f"torch.unbind({S23}, 1)")
grad_case("split_grad", "split", "x = torch.arange(4.).requires_grad_()", "x.split(2)[1]",
          note="each piece is output i of one SplitBackward0 node")
grad_case("chunk_grad", "chunk", "x = torch.arange(4.).requires_grad_()", "x.chunk(2)[0] * 3", covers=["mul"])
grad_case("unbind_grad", "unbind", "x = torch.ones(2, 2, requires_grad=True)", "x.unbind(0)[1]")
case("flip_1d", "flip", "torch.arange(4).flip(0)")
case("flip_2d", "flip", f"{S23}.flip((0, 1))")
case("flip_fn", "flip", f"torch.flip({S23}, [1])")
grad_case("flip_grad", "flip", "x = torch.arange(3.).requires_grad_()", "x.flip(0) * torch.tensor([1., 2., 3.])", covers=["mul"])
case("roll_flat", "roll", "torch.arange(5).roll(2)")
case("roll_dim", "roll", f"{S23}.roll(1, 1)")
case("roll_neg", "roll", f"torch.roll({S23}, -1, 0)")
case("roll_multi", "roll", f"{S23}.roll((1, 1), (0, 1))")
grad_case("roll_grad", "roll", "x = torch.arange(3.).requires_grad_()", "x.roll(1) * torch.tensor([1., 2., 3.])", covers=["mul"])
case("repeat_1d", "repeat", "torch.tensor([1, 2]).repeat(3)")
case("repeat_2d", "repeat", "torch.tensor([1, 2]).repeat(2, 2)")
case("repeat_tuple", "repeat", f"{S23}.repeat((2, 1))")
case("repeat_error", "repeat", f"{S23}.repeat(2)")
grad_case("repeat_grad", "repeat", "x = torch.tensor([1., 2.], requires_grad=True)", "x.repeat(3)")
case("tile_1d", "tile", "torch.tensor([1, 2]).tile((2,))")
case("tile_fewer_dims", "tile", f"torch.tile({S23}, (2,))", note="tile pads the reps with leading ones")
case("tile_more_dims", "tile", "torch.tensor([1, 2]).tile((2, 2))")

# =============================================================================================
area("indexing")
# =============================================================================================
G = "torch.arange(12).reshape(3, 4)"
view_case("getitem_int", "index", f"{G}[1]", covers=["select"])
view_case("getitem_neg", "index", f"{G}[-1]", covers=["select"])
view_case("getitem_two_ints", "index", f"{G}[1, 2]", covers=["select"])
view_case("getitem_slice", "index", f"{G}[1:3]", covers=["slice"])
view_case("getitem_slice_step", "index", f"{G}[:, ::2]", covers=["slice"])
view_case("getitem_col", "index", f"{G}[:, 1]", covers=["select", "slice"])
view_case("getitem_ellipsis", "index", f"{G}[..., 0]", covers=["select"])
view_case("getitem_none", "index", f"{G}[None]", covers=["unsqueeze"])
view_case("getitem_none_mid", "index", f"{G}[:, None]", covers=["unsqueeze"])
view_case("getitem_neg_slice", "index", f"{G}[-2:, -1:]", covers=["slice"])
view_case("getitem_slice_clamped", "index", f"{G}[2:10]", covers=["slice"], note="slice bounds past the end are clamped")
view_case("getitem_empty_slice", "index", f"{G}[3:1]", covers=["slice"])
view_case("getitem_1d_slice", "index", "torch.arange(10)[2:8:3]", covers=["slice"])
case("getitem_bool_mask", "index", f"{G}[{G} > 5]")
case("getitem_int_list", "index", f"{G}[[0, 2]]")
case("getitem_int_list_neg", "index", "torch.arange(5)[[-1, 0, -1]]")
case("getitem_tensor_index", "index", "torch.arange(5)[torch.tensor([4, 1])]")
case("getitem_out_of_bounds_error", "index", f"{G}[3]")
case("getitem_too_many_error", "index", "torch.arange(3)[0, 0]")
case("getitem_0dim_error", "index", "torch.tensor(5)[0]")
grad_case("getitem_grad_select", "index", "x = torch.zeros(2, 3, requires_grad=True)", "x[0]", covers=["select"])
grad_case("getitem_grad_col", "index", "x = torch.zeros(2, 3, requires_grad=True)", "x[:, 1]", covers=["select", "slice"])
grad_case("getitem_grad_slice", "index", "x = torch.zeros(4, requires_grad=True)", "x[1:3]", covers=["slice"])
grad_case("getitem_grad_advanced", "index", "x = torch.zeros(4, requires_grad=True)", "x[[0, 2, 0]]",
          note="repeated indices accumulate")
grad_case("getitem_grad_mask", "index", "x = torch.tensor([1., -2., 3.], requires_grad=True)", "x[x > 0]")
case("setitem_int", "index_put", "x = torch.zeros(2, 3)\nx[0] = 5\nout = x")
case("setitem_slice_tensor", "index_put", "x = torch.zeros(2, 3)\nx[:, 1:] = torch.tensor([1., 2.])\nout = x")
case("setitem_mask", "index_put", "x = torch.tensor([1., -2., 3.])\nx[x < 0] = 0\nout = x")
case("setitem_leaf_error", "index_put", "x = torch.zeros(3, requires_grad=True)\nx[0] = 1")
grad_case("setitem_copyslices", "index_put", "x = torch.ones(3, requires_grad=True)\na = x.clone()\na[1] = 10",
          "a", note="setitem on a non-leaf records CopySlices")
GS = "torch.tensor([[1., 2.], [3., 4.]])"
case("gather_dim1", "gather", f"torch.gather({GS}, 1, torch.tensor([[0, 0], [1, 0]]))")
case("gather_dim0", "gather", f"{GS}.gather(0, torch.tensor([[1, 0]]))")
case("gather_error", "gather", f"{GS}.gather(1, torch.tensor([[2]]))")
grad_case("gather_grad", "gather", "x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)", "x.gather(1, torch.tensor([[0, 0], [1, 0]]))")
case("scatter_src", "scatter", "torch.zeros(3, 3).scatter(0, torch.tensor([[0, 1, 2]]), torch.tensor([[1., 2., 3.]]))")
case("scatter_value", "scatter", "torch.zeros(2, 4).scatter(1, torch.tensor([[1], [3]]), 5.5)")
case("scatter_inplace", "scatter", "x = torch.zeros(5)\nx.scatter_(0, torch.tensor([4, 0]), torch.tensor([1., 2.]))\nout = x")
case("scatter_add", "scatter_add", "torch.zeros(3).scatter_add(0, torch.tensor([0, 1, 0, 2]), torch.tensor([1., 2., 3., 4.]))")
grad_case("scatter_grad", "scatter", "x = torch.ones(3, requires_grad=True)\nsrc = torch.tensor([5., 6.], requires_grad=True)",
          "x.scatter(0, torch.tensor([2, 0]), src)", grads=("x", "src"))
case("index_select_0", "index_select", f"torch.index_select({G}, 0, torch.tensor([2, 0]))")
case("index_select_1", "index_select", f"{G}.index_select(1, torch.tensor([3, 3, 1]))")
case("index_select_error", "index_select", f"{G}.index_select(0, torch.tensor([3]))")
grad_case("index_select_grad", "index_select", "x = torch.zeros(3, requires_grad=True)", "x.index_select(0, torch.tensor([0, 0, 2]))")
case("masked_fill_scalar", "masked_fill", "torch.tensor([1., 2., 3.]).masked_fill(torch.tensor([True, False, True]), -1)")
case("masked_fill_broadcast", "masked_fill", f"{GS}.masked_fill(torch.tensor([True, False]), 0)")
case("masked_fill_tensor_value", "masked_fill", "torch.tensor([1, 2, 3]).masked_fill(torch.tensor([False, True, False]), torch.tensor(9))")
case("masked_fill_inf", "masked_fill", "torch.zeros(3).masked_fill(torch.tensor([True, False, False]), -inf)")
case("masked_fill_fn", "masked_fill", "torch.masked_fill(torch.arange(3), torch.tensor([True, True, False]), 7)")
case("masked_fill_inplace", "masked_fill", "x = torch.arange(4.)\nx.masked_fill_(x > 1, 0)\nout = x")
grad_case("masked_fill_grad", "masked_fill", "x = torch.tensor([1., 2., 3.], requires_grad=True)",
          "x.masked_fill(torch.tensor([True, False, False]), 0)")
case("masked_select", "masked_select", f"torch.masked_select({GS}, {GS} > 1.5)")
case("masked_select_broadcast", "masked_select", f"{GS}.masked_select(torch.tensor([True, False]))")
grad_case("masked_select_grad", "masked_select", "x = torch.tensor([1., 2., 3.], requires_grad=True)",
          "x.masked_select(torch.tensor([True, False, True]))")
case("nonzero_1d", "nonzero", "torch.tensor([0, 3, 0, 1]).nonzero()")
case("nonzero_2d", "nonzero", "torch.nonzero(torch.tensor([[0., 1.], [2., 0.]]))")
case("nonzero_as_tuple", "nonzero", "torch.nonzero(torch.tensor([[0., 1.], [2., 0.]]), as_tuple=True)")
case("nonzero_empty", "nonzero", "torch.zeros(3).nonzero()")
case("where_single_arg", "nonzero", "torch.where(torch.tensor([0, 1, 1]))")
SRT = "torch.tensor([3., 1., 2., 1., nan, -inf])"
case("sort_default", "sort", f"torch.sort({SRT})", note="nan sorts last")
case("sort_descending", "sort", f"{SRT}.sort(descending=True)")
case("sort_stable_ties", "sort", "torch.tensor([2, 1, 2, 1, 0]).sort(stable=True)")
case("sort_dim0", "sort", f"torch.sort({GS}.flip(0), 0)")
case("sort_values", "sort", "torch.tensor([5., 3., 4.]).sort().values")
case("argsort", "argsort", "torch.argsort(torch.tensor([5., 3., 4.]))")
grad_case("sort_grad", "sort", "x = torch.tensor([3., 1., 2.], requires_grad=True)", "x.sort()[0] * torch.tensor([1., 2., 3.])", covers=["mul"])
case("topk_default", "topk", "torch.tensor([1., 5., 3., 4., 2.]).topk(2)")
case("topk_smallest", "topk", "torch.topk(torch.tensor([1., 5., 3., 4., 2.]), 3, largest=False)")
case("topk_dim", "topk", "torch.tensor([[1., 5., 3.], [4., 2., 6.]]).topk(1, dim=0)")
case("topk_error", "topk", "torch.tensor([1., 2.]).topk(3)")
grad_case("topk_grad", "topk", "x = torch.tensor([1., 5., 3.], requires_grad=True)", "x.topk(2).values")
SM = "torch.tensor([[1., 2., 3.], [1., 1., -inf]])"
case("softmax_dim1", "softmax", f"torch.softmax({SM}, 1)")
case("softmax_dim0", "softmax", f"{SM}.softmax(0)")
case("softmax_large", "softmax", "torch.tensor([1000., 1001., 1002.]).softmax(-1)")
case("softmax_all_neg_inf", "softmax", "torch.tensor([-inf, -inf]).softmax(0)")
case("softmax_int", "softmax", "torch.softmax(torch.tensor([1, 2]), 0, dtype=torch.float64)")
case("softmax_functional", "softmax", "torch.nn.functional.softmax(torch.tensor([0., 1.]), dim=0)")
case("log_softmax_dim1", "log_softmax", f"torch.log_softmax({SM}, 1)")
case("log_softmax_large", "log_softmax", "torch.tensor([1000., 1001., 1002.]).log_softmax(0)")
case("log_softmax_functional", "log_softmax", "torch.nn.functional.log_softmax(torch.tensor([[0., 1.]]), dim=1)")
grad_case("softmax_grad", "softmax", "x = torch.tensor([1., 2., 3.], requires_grad=True)",
          "torch.softmax(x, 0) * torch.tensor([1., 0., 0.])", covers=["mul"])
grad_case("log_softmax_grad", "log_softmax", "x = torch.tensor([[1., 2., 3.]], requires_grad=True)",
          "torch.log_softmax(x, 1)[0, 0]", backward="out.backward()", covers=["select"])

# =============================================================================================
area("promotion")
# =============================================================================================
case("promo_int_plus_float_scalar", "add", "torch.tensor([1, 2]) + 1.5", note="int64 + Python float -> default float32")
case("promo_int32_plus_float_scalar", "add", "torch.tensor([1, 2], dtype=torch.int32) + 1.5")
case("promo_f32_f64", "add", "torch.tensor([1.5]) + torch.tensor([1.25], dtype=torch.float64)")
case("promo_f32_f64_0dim", "add", "torch.tensor([1.5]) + torch.tensor(2.5, dtype=torch.float64)",
     note="a 0-dim tensor of the same kind does not promote")
case("promo_int_f64_0dim", "add", "torch.tensor([1, 2]) + torch.tensor(2.5, dtype=torch.float64)",
     note="a 0-dim tensor of a higher kind gives its own dtype")
case("promo_i32_i64_0dim", "add", "torch.tensor([1, 2], dtype=torch.int32) + torch.tensor(5)")
case("promo_i32_i64_both_0dim", "add", "torch.tensor(5, dtype=torch.int32) + torch.tensor(5)")
case("promo_i64_i32", "add", "torch.tensor([1]) + torch.tensor([2], dtype=torch.int32)")
case("promo_i32_i8", "add", "torch.tensor([1], dtype=torch.int32) + torch.tensor([2], dtype=torch.int8)")
case("promo_u8_i8", "add", "torch.tensor([1], dtype=torch.uint8) + torch.tensor([2], dtype=torch.int8)", note="uint8 + int8 -> int16")
case("promo_i64_f32", "add", "torch.tensor([1]) + torch.tensor([0.5])")
case("promo_i32_f64", "mul", "torch.tensor([3], dtype=torch.int32) * torch.tensor([0.5], dtype=torch.float64)")
case("promo_f16_scalar", "add", "torch.tensor([1.], dtype=torch.float16) + 1.5")
case("promo_f16_f32", "add", "torch.tensor([1.], dtype=torch.float16) + torch.tensor([1.5])")
case("promo_bool_int_scalar", "add", "torch.tensor([True, False]) + 1")
case("promo_bool_float_scalar", "add", "torch.tensor([True, False]) + 1.5")
case("promo_bool_true_scalar", "mul", "torch.tensor([True, False]) * True")
case("promo_bool_int_tensor", "add", "torch.tensor([True, False]) + torch.tensor([5, 5], dtype=torch.int8)")
case("promo_f32_huge_scalar", "add", "torch.tensor([1.]) + 1e300", ts="torch.tensor([1], {dtype: torch.float32}).add(1e300)",
     note="the scalar overflows to inf in float32 (JS: 1e300 is integer-valued, yet must act as a float)")
case("promo_int32_big_scalar", "add", "torch.tensor(1, dtype=torch.int32) + 2**40", note="the scalar wraps to int32 first")
case("promo_int_div_int", "div", "torch.tensor([3]) / torch.tensor([2])")
case("promo_int_pow_float", "pow", "torch.tensor([4]) ** 0.5")
case("promo_float_scalar_pow_int", "pow_tensor", "0.5 ** torch.tensor([1, 2])")
case("promo_cmp_int_float", "eq", "torch.tensor([1, 2]) == torch.tensor([1., 2.5])")
case("promo_where_int_float", "where", "torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), torch.tensor([0.5, 0.5]))")
case("promo_set_default_dtype", "add", "torch.set_default_dtype(torch.float64)\nout = torch.tensor([1, 2]) + 1.5",
     note="the default dtype decides int + float")
case("promo_default_dtype_creation", "tensor", "torch.set_default_dtype(torch.float64)\nout = (torch.tensor([1.5]), torch.zeros(2), torch.arange(0, 1, 0.5))")
case("promo_promote_types", "promote_types", "torch.promote_types(torch.uint8, torch.int8)")
case("promo_promote_types_float", "promote_types", "torch.promote_types(torch.int64, torch.float16)")
case("promo_inplace_mul_float_into_int_error", "mul", "x = torch.tensor([1, 2])\nx.mul_(torch.tensor([1.5, 2.5]))")
case("promo_inplace_int_into_float", "add", "x = torch.tensor([1.5, 2.5])\nx.add_(torch.tensor([1, 2]))\nout = x")
case("promo_int64_overflow_wrap", "add", "torch.tensor(2**63 - 1) + 1", note="int64 wraps (beyond 2**53: engine stores int64 as float64)")
case("int64_mul_overflow_wraps", "mul", "torch.tensor([2**62, 3, 2**62]) * torch.tensor([2, 2**62, 4])",
     note="two's-complement overflow: 2**63 wraps to -2**63, 3 * 2**62 to -2**62, 2**64 to 0")
case("int64_sum_overflow_wraps", "sum", "torch.tensor([2**62, 2**62, 2**62]).sum()")

# =============================================================================================
area("views")
# =============================================================================================
case("view_write_through_select", "select", "b = torch.arange(6.).view(2, 3)\nv = b[0]\nv.mul_(10)\nout = b",
     covers=["index", "mul"], note="a view shares its base's storage")
case("view_write_through_t", "t", "b = torch.zeros(2, 3)\nv = b.t()\nv[0, 1] = 7\nout = b", covers=["index_put"])
case("view_write_through_step_slice", "slice", "b = torch.arange(6)\nv = b[::2]\nv.fill_(-1)\nout = b", covers=["index", "fill"])
case("view_write_through_view", "view", "b = torch.zeros(4)\nv = b.view(2, 2)\nv.add_(torch.tensor([[1., 2.], [3., 4.]]))\nout = b")
case("view_write_through_expand_base", "expand", "b = torch.tensor([1., 2.])\nv = b.expand(3, 2)\nb.add_(1)\nout = v",
     note="writing the base shows through the expanded view")
case("view_write_through_diagonal", "diagonal", "b = torch.zeros(3, 3)\nb.diagonal().fill_(1)\nout = b", covers=["fill"])
case("view_write_through_narrow", "narrow", "b = torch.zeros(5)\nb.narrow(0, 1, 3).copy_(torch.tensor([1., 2., 3.]))\nout = b",
     covers=["copy_"])
case("view_write_through_unsqueeze", "unsqueeze", "b = torch.zeros(3)\nb.unsqueeze(0).zero_()\nb.unsqueeze(1).add_(2)\nout = b", covers=["zero"])
case("detach_shares_storage", "detach", "x = torch.tensor([1., 2.], requires_grad=True)\nd = x.detach()\nd.zero_()\nout = (x, d)")
case("detach_flags", "detach", "x = torch.tensor([1., 2.], requires_grad=True)\nd = (x * 2).detach()\nout = (d.requires_grad, d.is_leaf, d.grad_fn is None)",
     covers=["mul"])
case("view_base_is", "view", "b = torch.arange(4.)\nv = b.view(2, 2)\nout = (v._base is b, b._base is None, v[0]._base is b)")
case("view_storage_offset", "slice", "b = torch.arange(12).reshape(3, 4)\nout = (b[1].storage_offset(), b[:, 2].storage_offset(), b[1:, 1:].storage_offset())",
     covers=["index"])
case("view_is_contiguous", "transpose", "b = torch.ones(2, 3)\nout = (b.is_contiguous(), b.t().is_contiguous(), b[:, :1].is_contiguous(), b[:1].is_contiguous())")
case("view_strides_tuple", "permute", "out = (torch.ones(2, 3, 4).stride(), torch.ones(2, 3, 4).permute(2, 0, 1).stride(), torch.ones(2, 3).t().clone().stride(), (torch.ones(2, 3).t() + 1).stride())",
     note="clone and elementwise ops keep a transposed input's layout (TensorIterator preserves strides)")
# Memory layout of new tensors: clone/to keep a dense input's strides (preserve_format) and infer dense
# strides in the input's order otherwise; elementwise results follow TensorIterator's reorder of the
# operands' strides (the first operand with an unambiguous order wins; a Python scalar never decides).
view_case("layout_clone_permuted_3d", "clone", f"{S234}.permute(2, 0, 1).clone()")
view_case("layout_clone_expanded", "clone", "torch.tensor([[1.], [2.], [3.]]).expand(3, 4).clone()")
view_case("layout_clone_sliced_t", "clone", "torch.arange(24.).reshape(4, 6)[:, ::2].t().clone()",
          note="not dense: dense strides in the input's stride order (infer_dense_strides)")
view_case("layout_clone_size1_t", "clone", "torch.arange(3.).reshape(1, 3).t().clone()",
          note="contiguous, but clone keeps the size-1 dim's stride (1, 3)")
view_case("layout_to_double_t", "_to_copy", "torch.arange(6.).reshape(2, 3).t().double()")
view_case("layout_exp_t", "exp", "torch.arange(6.).reshape(2, 3).t().exp()")
view_case("layout_neg_permuted_3d", "neg", f"{S234}.permute(1, 2, 0).neg()")
view_case("layout_neg_size1_t", "neg", "torch.arange(3.).reshape(1, 3).t().neg()",
          note="a contiguous input: the output is row-major (1, 1)")
view_case("layout_add_scalar_size1_t", "add", "torch.arange(3.).reshape(1, 3).t() + 1",
          note="with a scalar operand TensorIterator reorders by strides: (1, 3)")
view_case("layout_add_t_contig", "add", "torch.arange(6.).reshape(3, 2).t() + torch.ones(2, 3)")
view_case("layout_add_contig_t", "add", "torch.ones(2, 3) + torch.arange(6.).reshape(3, 2).t()")
view_case("layout_add_t_row", "add", "torch.arange(6.).reshape(3, 2).t() + torch.tensor([1., 2., 3.])")
view_case("layout_mul_expanded", "mul", "torch.tensor([[1.], [2.], [3.]]).expand(3, 4) * 2")
view_case("layout_add_permuted_bcast", "add", f"{S234}.permute(2, 0, 1) + torch.arange(3)")
view_case("layout_add_sliced_t", "add", "torch.arange(24.).reshape(4, 6)[:, ::2].t() + 1")
view_case("layout_eq_t", "eq", "torch.arange(6).reshape(2, 3).t() == 1")
view_case("layout_where_t", "where", "torch.where(torch.arange(6).reshape(2, 3).t() > 2, torch.arange(6.).reshape(2, 3).t(), torch.zeros(3, 2))",
          covers=["gt"])
view_case("layout_contiguous_permuted", "clone", f"{S234}.permute(2, 0, 1).contiguous()")
view_case("layout_zeros_like_t", "zeros_like", "torch.zeros_like(torch.ones(2, 3).t())", note="*_like keep the input's layout (preserve_format)")
view_case("layout_full_like_permuted", "full_like", f"torch.full_like({S234}.permute(2, 0, 1), 7)")
view_case("layout_rand_like_t", "rand_like", "torch.manual_seed(0)\nout = torch.rand_like(torch.ones(2, 3).t())",
          note="empty_like(x.t()).uniform_(): the stream fills memory in order, so the values differ from rand(3, 2)")
view_case("layout_randn_like_t", "randn_like", "torch.manual_seed(0)\nout = torch.randn_like(torch.ones(4, 5).t())")
case("layout_view_of_t_sum_error", "view", "(torch.ones(2, 3).t() + 1).view(6)",
     note="the sum keeps the transposed layout, so it cannot be viewed flat")
grad_case("layout_grad_t", "mul", "x = torch.ones(2, 3, requires_grad=True)", "x.t() * 2", check_stride=True,
          note="the gradient of a contiguous leaf is contiguous (layout contract); out keeps x.t()'s strides")
case("accumulate_grad_copies_user_gradient_view", "t",
     "w = torch.zeros(2, 3, requires_grad=True)\nG = torch.ones(3, 2)\nw.t().backward(G)\nG.add_(1)\nout = w.grad",
     note="the gradient reaching AccumulateGrad is a view of the caller's G: copied, not taken (G's use count)")
case("accumulate_grad_copies_user_gradient", "add",
     "w = torch.zeros(2, 3, requires_grad=True)\nG = torch.ones(2, 3)\n(w + 0).backward(G)\nG.add_(1)\nout = (w.grad, w.grad._base is None)",
     note="AddBackward passes G itself on: copied, so changing G leaves w.grad alone")
case("accumulate_grad_hook_held", "mul",
     "w = torch.zeros(3, requires_grad=True)\nkept = []\nh = w.register_hook(lambda g: kept.append(g))\n(w * 2).sum().backward()\nkept[0].add_(1)\nout = (w.grad, kept[0])",
     ts="let w, kept, h;\nw = torch.zeros(3, {requires_grad: true});\nkept = [];\nh = w.register_hook((g) => { kept.push(g); });\nw.mul(2).sum().backward();\nkept[0].add_(1);\nout = [w.grad, kept[0]];",
     note="a leaf hook saw the gradient: AccumulateGrad copies it")
case("accumulate_grad_shared_by_two_leaves", "add",
     "a = torch.ones(3, requires_grad=True)\nb = torch.ones(3, requires_grad=True)\n((a + b) * torch.tensor([2., 2., 2.])).sum().backward()\na.grad.add_(1)\nout = (a.grad, b.grad)",
     note="AddBackward sends one gradient to both leaves: each .grad is its own tensor")
case("view_version_counter", "view", "b = torch.zeros(3)\nv = b[1:]\nv.add_(1)\nb.mul_(2)\nout = (b._version, v._version)",
     covers=["index"])
case("view_data_no_version", "view", "w = torch.ones(2, requires_grad=True)\nw.data.add_(1)\nout = (w, w._version)")
case("view_of_view_base", "view", "b = torch.arange(6.)\nv = b.view(2, 3)[1]\nv.fill_(0)\nout = (b, v._base is b)")
case("view_leaf_is_not_leaf", "view", "x = torch.ones(3, requires_grad=True)\nv = x.view(3)\nout = (v.is_leaf, v.grad_fn.name(), v._base is x)")

# =============================================================================================
area("conversion")
# =============================================================================================
case("to_float64", "_to_copy", "torch.tensor([1.5, 2.]).to(torch.float64)")
case("to_dtype_kw", "_to_copy", "torch.tensor([1, 2]).to(dtype=torch.float32)")
case("double_method", "_to_copy", "torch.tensor([0.1]).double()", note="float32 0.1 widened exactly")
case("float_of_int", "_to_copy", "torch.tensor([3, -4]).float()")
case("long_of_float_trunc", "_to_copy", "torch.tensor([1.9, -1.9, 2.5, -0.5]).long()", note="float -> int truncates toward zero")
case("int_method", "_to_copy", "torch.tensor([7.9, -7.9]).int()")
case("bool_of_float", "_to_copy", "torch.tensor([0., -0., 0.1, nan, -2.]).bool()", note="nan is True")
case("half_rounding", "_to_copy", "torch.tensor([0.1, 65504., 70000., 1e-8]).half()", note="float16 rounding, overflow to inf, underflow")
case("half_to_float", "_to_copy", "torch.tensor([0.1], dtype=torch.float16).float()")
case("half_subnormal_overflow", "_to_copy", "torch.tensor([6e-8, 3e-8, -1e-7, 1e-5, 65519., -65520.]).half()",
     note="half subnormals (ties to even at 2**-25), 65519 rounds down to 65504, 65520 overflows")
case("half_add_rounds", "add", "torch.tensor([1000., 0.1], dtype=torch.float16) + torch.tensor([0.3, 0.2], dtype=torch.float16)",
     note="float16 results are rounded to half precision")
case("half_inplace_from_float", "add", "out = torch.zeros(2, dtype=torch.float16)\nout.add_(torch.tensor([0.1, 70000.]))",
     note="an in-place write of float32 values into float16 storage rounds (and overflows) them")
case("long_of_nonfinite", "_to_copy", "torch.tensor([nan, inf, -inf, 1e30]).long()",
     note="x86's cvttsd2si: NaN, infinities and out-of-range values become INT64_MIN")
case("int_mul_no_negative_zero", "mul", "torch.tensor([0, 3]) * -1", note="integer results never hold -0")
case("int64_to_uint8_wrap", "_to_copy", "torch.tensor([-1, 256, 300]).to(torch.uint8)")
case("int64_to_int8_wrap", "_to_copy", "torch.tensor([127, 128, -129]).to(torch.int8)")
case("bool_to_float", "_to_copy", "torch.tensor([True, False]).float()")
case("type_string", "_to_copy", "torch.ones(2).type()")
case("type_string_int", "_to_copy", "torch.ones(2, dtype=torch.int64).type()")
case("type_dtype", "_to_copy", "torch.tensor([1.5]).type(torch.int32)")
case("float_same_object", "_to_copy", "x = torch.ones(2)\nout = (x.float() is x, x.to(torch.float32) is x, x.double() is x)")
grad_case("to_float64_grad", "_to_copy", "x = torch.tensor([1., 2.], requires_grad=True)", "x.double() * 2", covers=["mul"])
case("dtype_attrs", "_to_copy", "x = torch.ones(1, dtype=torch.float64)\nout = (x.dtype, x.dtype.is_floating_point, torch.int32.is_floating_point, x.element_size(), torch.ones(1, dtype=torch.int16).element_size())")
case("copy_cast", "copy_", "x = torch.zeros(3, dtype=torch.int32)\nx.copy_(torch.tensor([1.7, -2.7, 3.]))\nout = x")
case("copy_broadcast", "copy_", "x = torch.zeros(2, 2)\nx.copy_(torch.tensor([1., 2.]))\nout = x")
case("copy_shape_error", "copy_", "torch.zeros(2).copy_(torch.ones(3))")
grad_case("copy_grad", "copy_", "x = torch.tensor([1., 2.], requires_grad=True)\na = torch.zeros(2)\na.copy_(x)",
          "a * 3", covers=["mul"])

# =============================================================================================
area("item_tolist")
# =============================================================================================
case("item_float", "item", "torch.tensor(0.1).item()", note="the float32 value, widened to a double")
case("item_int", "item", "torch.tensor([42]).item()")
case("item_bool", "item", "torch.tensor(True).item()")
case("item_nested_one", "item", "torch.tensor([[2.5]]).item()")
case("item_nan", "item", "torch.tensor(nan).item()")
case("item_error", "item", "torch.ones(3).item()")
case("item_empty_error", "item", "torch.ones(0).item()")
case("float_builtin", "item", "float(torch.tensor([1.5]))")
case("tolist_2d", "tolist", "torch.tensor([[1, 2], [3, 4]]).tolist()")
case("tolist_float", "tolist", "torch.tensor([0.1, 2.]).tolist()")
case("tolist_0dim", "tolist", "torch.tensor(3.5).tolist()")
case("tolist_bool", "tolist", "torch.tensor([True, False]).tolist()")
case("tolist_empty", "tolist", "torch.zeros(0).tolist()")
case("tolist_float64", "tolist", "torch.tensor([0.1], dtype=torch.float64).tolist()")
case("tolist_view", "tolist", "torch.arange(6).reshape(2, 3).t().tolist()", covers=["t", "reshape"])
case("shape_size", "size", "torch.ones(2, 3).shape")
case("size_method", "size", "torch.ones(2, 3).size()")
case("size_dim", "size", "torch.ones(2, 3).size(-1)")
case("shape_index", "size", "torch.ones(2, 3).shape[1]")
case("size_numel_dim", "size", "x = torch.ones(2, 3, 4)\nout = (x.dim(), x.ndim, x.numel(), len(x))")
case("len_0dim_error", "size", "len(torch.tensor(1.))")
case("bool_one_element", "bool", "bool(torch.tensor([0.5]))")
case("bool_ambiguous_error", "bool", "bool(torch.ones(3))")
case("bool_empty_error", "bool", "bool(torch.ones(0))")

# =============================================================================================
area("printing")
# =============================================================================================
case("print_sci_ratio", "repr", "torch.tensor([0.1, -2.5, 100.25])", note="max/min > 1000 -> scientific")
case("print_no_sci", "repr", "torch.tensor([0.5, -2.5, 100.25])")
case("print_sci_small", "repr", "torch.tensor([1e-5, 1.])")
case("print_sci_big", "repr", "torch.tensor([1e10, 1.])")
case("print_int_mode_big", "repr", "torch.tensor([1e8, 2.])", note="integral floats, sci when max > 1e8 or ratio > 1000")
case("print_int_mode", "repr", "torch.tensor([-1., 10., -100.])")
case("print_zeros", "repr", "torch.zeros(3)")
case("print_neg_zero", "repr", "torch.tensor([0., -0.])")
case("print_nan_inf", "repr", "torch.tensor([nan, inf, -inf])")
case("print_nan_with_values", "repr", "torch.tensor([1.5, nan, -inf])")
case("print_int_widths", "repr", "torch.tensor([1, -10, 100])")
case("print_int_2d", "repr", "torch.tensor([[1, -10], [100, 5]])")
case("print_bool_2d", "repr", "torch.tensor([[True, False], [False, True]])")
case("print_float64_suffix", "repr", "torch.tensor([1., 2.5], dtype=torch.float64)")
case("print_float64_0dim", "repr", "torch.tensor(1.5, dtype=torch.float64)")
case("print_int32_suffix", "repr", "torch.tensor([1, 2], dtype=torch.int32)")
case("print_uint8_suffix", "repr", "torch.tensor([1, 2], dtype=torch.uint8)")
case("print_float16", "repr", "torch.tensor([0.1, 2.], dtype=torch.float16)")
case("print_3d", "repr", "torch.arange(12.).reshape(2, 2, 3)")
case("print_4d", "repr", "torch.arange(16).reshape(2, 2, 2, 2)")
case("print_summarized_1d", "repr", "torch.arange(2000)", note="more than 1000 elements: ... with 3 edge items")
case("print_summarized_float", "repr", "torch.arange(1001.) / 7")
case("print_1000_full", "repr", "torch.arange(1000)")
case("print_summarized_2d", "repr", "torch.arange(1600.).reshape(40, 40)")
case("print_summarized_3d", "repr", "torch.arange(1200).reshape(2, 2, 300)")
case("print_linewidth_wrap", "repr", "torch.arange(30.) * 1.5")
case("print_empty_2d", "repr", "torch.zeros(0, 3)")
case("print_empty_int", "repr", "torch.tensor([], dtype=torch.int64)")
case("print_empty_int_2d", "repr", "torch.zeros(2, 0, dtype=torch.int64)")
case("print_empty_float64", "repr", "torch.zeros(0, dtype=torch.float64)")
case("print_requires_grad_2d", "repr", "torch.ones(2, 2, requires_grad=True)")
case("print_grad_fn_float64", "repr", "torch.ones(2, dtype=torch.float64, requires_grad=True) * 2")
case("print_grad_fn_multiline", "repr", "torch.ones(2, 3, requires_grad=True) + 1")
case("print_0dim_grad", "repr", "torch.tensor(2.5, requires_grad=True) ** 2")
case("print_precision", "set_printoptions", "torch.set_printoptions(precision=2)\nout = torch.tensor([1.23456, 2.5])")
case("print_precision_sci", "set_printoptions", "torch.set_printoptions(precision=2)\nout = torch.tensor([1e-5, 1.23456])")
case("print_sci_mode_false", "set_printoptions", "torch.set_printoptions(sci_mode=False)\nout = torch.tensor([1e-5, 100.])")
case("print_sci_mode_true", "set_printoptions", "torch.set_printoptions(sci_mode=True)\nout = torch.tensor([1.5, 2.])")
case("print_threshold", "set_printoptions", "torch.set_printoptions(threshold=5)\nout = torch.arange(10)")
case("print_edgeitems", "set_printoptions", "torch.set_printoptions(threshold=5, edgeitems=1)\nout = torch.arange(10)")
case("print_linewidth", "set_printoptions", "torch.set_printoptions(linewidth=30)\nout = torch.arange(12.) / 3")
case("print_profile_short", "set_printoptions", "torch.set_printoptions(profile='short')\nout = torch.tensor([1.23456, 2.5])")
case("print_str_equals_repr", "repr", "str(torch.tensor([1.5, 2.]))")
case("print_size_repr", "repr", "repr(torch.ones(2, 3).shape)")
case("print_dtype_repr", "repr", "str(torch.ones(1).dtype)")
case("print_large_ints", "repr", "torch.tensor([123456789, -1])")
case("print_tiny_values", "repr", "torch.tensor([1e-30, 1e-35])")
case("print_mixed_sign_sci", "repr", "torch.tensor([-1e-5, 1e5])")

# =============================================================================================
area("autograd")
# =============================================================================================
case("course_chain", "autograd",
     "x = torch.ones(2, 2, requires_grad=True)\ny = x + 2\nz = y * y * 3\nout = z.mean()\nout.backward()\nout = (x, y, z, out, x.grad)",
     graph=True, covers=["add", "mul", "mean"])
case("course_dot", "autograd",
     "x = torch.arange(4., requires_grad=True)\ny = 2 * torch.dot(x, x)\ny.backward()\nout = (y, x.grad, x.grad == 4 * x)",
     graph=True, covers=["dot", "mul", "eq"])
case("grad_accumulates", "autograd",
     "w = torch.tensor([1., 2.], requires_grad=True)\nfor i in range(3):\n    (w * w).sum().backward()\nout = w.grad")
case("grad_zero_", "autograd",
     "w = torch.tensor([1., 2.], requires_grad=True)\n(w * w).sum().backward()\nw.grad.zero_()\nout = w.grad", covers=["zero"])
case("grad_set_none", "autograd",
     "w = torch.tensor([1., 2.], requires_grad=True)\n(w * w).sum().backward()\nw.grad = None\n(w * 3).sum().backward()\nout = w.grad")
case("leaf_used_twice", "autograd", "x = torch.tensor(3., requires_grad=True)\ny = x * x + x\ny.backward()\nout = x.grad")
case("retain_graph_twice", "autograd",
     "x = torch.tensor(3., requires_grad=True)\ny = x * x\ny.backward(retain_graph=True)\ny.backward()\nout = x.grad")
case("backward_twice_error", "autograd", "x = torch.tensor(3., requires_grad=True)\ny = x * x\ny.backward()\ny.backward()")
case("backward_twice_no_saved", "autograd",
     "x = torch.tensor([1., 2.], requires_grad=True)\ny = (x + 1).sum()\ny.backward()\ny.backward()\nout = x.grad",
     note="AddBackward0/SumBackward0 save nothing: a second backward works")
case("backward_nonscalar_error", "autograd", "x = torch.ones(3, requires_grad=True)\n(x * 2).backward()")
case("backward_with_gradient", "autograd",
     "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = x * 2\ny.backward(torch.tensor([0.1, 1., 10.]))\nout = x.grad")
case("backward_gradient_shape_error", "autograd", "x = torch.ones(3, requires_grad=True)\n(x * 2).backward(torch.ones(2))")
case("backward_no_grad_error", "autograd", "torch.ones(3).sum().backward()")
case("backward_on_leaf", "autograd", "x = torch.tensor(2., requires_grad=True)\nx.backward()\nout = x.grad")
case("inplace_leaf_error", "autograd", "x = torch.ones(2, requires_grad=True)\nx.add_(1)")
case("inplace_leaf_aug_error", "autograd", "x = torch.ones(2, requires_grad=True)\nx += 1")
case("inplace_view_of_leaf_error", "autograd", "x = torch.ones(3, requires_grad=True)\nx.view(3).zero_()")
case("inplace_saved_modified_error", "autograd",
     "x = torch.ones(3, requires_grad=True)\ny = x.exp()\ny.add_(1)\ny.sum().backward()", covers=["exp", "add"])
case("inplace_saved_leaf_modified_error", "autograd",
     "w = torch.ones(2, requires_grad=True)\nc = torch.tensor([1., 2.])\ny = (w * c).sum()\nc.add_(1)\ny.backward()")
case("inplace_nonleaf", "autograd", "x = torch.ones(2, requires_grad=True)\ny = x * 1\ny.add_(1)\nout = y",
     graph=True, covers=["mul", "add"])
case("inplace_self_mul_error", "autograd",
     "x = torch.tensor([1., 2.], requires_grad=True)\ny = x * 3\ny.mul_(y)\ny.sum().backward()", covers=["mul"],
     note="mul_ saved y (its other operand), then overwrote it")
case("inplace_nonleaf_grad", "autograd",
     "x = torch.tensor([1., 2.], requires_grad=True)\ny = x * 3\ny.add_(1)\n(y * y).sum().backward()\nout = (y, x.grad)", covers=["mul", "add"])
case("inplace_view_of_nonleaf", "autograd",
     "x = torch.ones(3, requires_grad=True)\na = x.clone()\nv = a[0:2]\nv.mul_(2)\na.sum().backward()\nout = (a, v, x.grad)",
     graph=True, covers=["clone", "slice", "mul"])
case("inplace_zero_nonleaf", "zero", "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.zero_()\nout = y", graph=True)
case("inplace_fill_nonleaf", "fill_scalar", "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.fill_(5)\ny.sum().backward()\nout = (y, x.grad)",
     graph=True)
case("inplace_fill_tensor_value", "fill", "x = torch.ones(2, requires_grad=True)\nv = torch.tensor(3., requires_grad=True)\ny = x * 2\ny.fill_(v)\ny.sum().backward()\nout = (y, x.grad, v.grad)",
     graph=True)
case("inplace_into_plain_tensor", "autograd",
     "w = torch.tensor([2.], requires_grad=True)\nc = torch.ones(1)\nc.mul_(w)\nout = (c, c.is_leaf)", covers=["mul"])
case("no_grad_result", "autograd",
     "x = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    y = x * 2\nout = (y, y.requires_grad, y.is_leaf, torch.is_grad_enabled())")
case("no_grad_factory_requires_grad", "autograd",
     "with torch.no_grad():\n    y = torch.ones(2, requires_grad=True)\nout = y")
case("enable_grad_inside_no_grad", "autograd",
     "x = torch.ones(2, requires_grad=True)\nwith torch.no_grad():\n    with torch.enable_grad():\n        y = x * 2\nout = y")
case("no_grad_update", "autograd",
     "w = torch.tensor([1., 2.], requires_grad=True)\n(w * w).sum().backward()\nwith torch.no_grad():\n    w -= 0.1 * w.grad\nout = (w, w.is_leaf, w.grad_fn is None)",
     note="the sanctioned leaf update")
case("set_grad_enabled_false", "autograd",
     "x = torch.ones(2, requires_grad=True)\ntorch.set_grad_enabled(False)\ny = x * 2\ntorch.set_grad_enabled(True)\nout = y")
case("requires_grad_int_error", "autograd", "torch.ones(3, dtype=torch.int64).requires_grad_()")
case("requires_grad_nonleaf_error", "autograd", "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.requires_grad_(False)")
case("requires_grad_after_ops", "autograd", "x = (torch.ones(2) * 3).requires_grad_()\nout = (x, x.is_leaf)")
case("requires_grad_setter", "autograd", "x = torch.ones(2)\nx.requires_grad = True\nout = x")
case("is_leaf_table", "autograd",
     "x = torch.ones(2, requires_grad=True)\nc = torch.ones(2)\nout = (x.is_leaf, c.is_leaf, (x * 2).is_leaf, (c * 2).is_leaf, (x > 0).is_leaf, x.long().is_leaf)")
case("retain_grad", "autograd",
     "x = torch.tensor([1., 2.], requires_grad=True)\ny = x * 2\ny.retain_grad()\nz = (y * y).sum()\nz.backward()\nout = (y.grad, x.grad, y.retains_grad)")
case("retain_grad_error", "autograd", "torch.ones(2).retain_grad()")
case("nonleaf_grad_is_none", "autograd", "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.sum().backward()\nout = y.grad is None")
case("graph_scalar_constant", "autograd",
     "x = torch.ones(3, requires_grad=True)\nc = torch.tensor([1., 2., 3.])\nout = (x * c + 1).sum() * 2", graph=True,
     covers=["mul", "add", "sum"])
case("graph_rsub_rdiv", "autograd", "x = torch.ones(2, requires_grad=True)\nout = (2 - x, 2 / x, 2 ** x)", graph=True,
     covers=["rsub", "mul", "reciprocal", "pow_tensor"])
case("graph_shared_leaf", "autograd",
     "x = torch.ones(2, requires_grad=True)\nout = (x * 2 + x.exp()).sum()", graph=True, covers=["exp"])
case("graph_accumulate_grad_name", "autograd",
     "x = torch.ones(2, requires_grad=True)\ny = x * 2\nout = (y.grad_fn.name(), y.grad_fn.next_functions[0][0].name(), y.grad_fn.next_functions[0][1], y.grad_fn.next_functions[1][0] is None)")
case("grad_fn_leaf_none", "autograd", "x = torch.ones(2, requires_grad=True)\nout = (x.grad_fn is None, x.grad is None)")
case("hook_modifies_grad", "autograd",
     "x = torch.tensor([1., 2.], requires_grad=True)\ny = x * 3\nh = y.register_hook(lambda g: g * 2)\ny.sum().backward()\nout = x.grad")
case("hook_on_leaf", "autograd",
     "x = torch.tensor([1., 2.], requires_grad=True)\nh = x.register_hook(lambda g: g * 10)\n(x * x).sum().backward()\nout = x.grad")
case("hook_removed", "autograd",
     "x = torch.tensor([1., 2.], requires_grad=True)\nh = x.register_hook(lambda g: g * 10)\nh.remove()\n(x * x).sum().backward()\nout = x.grad")
case("autograd_grad_fn", "autograd",
     "x = torch.tensor([1., 2.], requires_grad=True)\ny = (x ** 2).sum()\nout = (torch.autograd.grad(y, x), x.grad)")
case("autograd_grad_create_graph", "autograd",
     "x = torch.tensor(2., requires_grad=True)\ng = torch.autograd.grad(x ** 3, x, create_graph=True)[0]\ng2 = torch.autograd.grad(g, x)[0]\nout = (g, g2)")
case("autograd_grad_allow_unused", "autograd",
     "x = torch.ones(3, requires_grad=True)\nz = torch.ones(2, requires_grad=True)\nout = torch.autograd.grad((x * 2).sum(), [x, z], allow_unused=True)")
case("autograd_grad_unused_error", "autograd",
     "x = torch.ones(3, requires_grad=True)\nz = torch.ones(2, requires_grad=True)\ntorch.autograd.grad((x * 2).sum(), [x, z])")
case("create_graph_backward", "autograd",
     "x = torch.tensor(2., requires_grad=True)\ny = x ** 3\ny.backward(create_graph=True)\nout = x.grad", covers=["pow"])
case("linear_regression_step", "autograd",
     "X = torch.tensor([[1.], [2.], [3.], [4.]])\nY = 2 * X + 1\nw = torch.tensor([[0.5]], requires_grad=True)\nb = torch.tensor([0.], requires_grad=True)\nloss = ((X @ w + b - Y) ** 2).mean()\nloss.backward()\nwith torch.no_grad():\n    w -= 0.01 * w.grad\n    b -= 0.01 * b.grad\nout = (loss, w, b)",
     graph=True, covers=["mm", "add", "sub", "pow", "mean"], grads=["w", "b"])
case("numpy_requires_grad_error", "numpy", "torch.ones(2, requires_grad=True).numpy()")

# =============================================================================================
area("indexing")
# ops added with the index/shape module: one value case and one graph case each
# =============================================================================================
M3 = "torch.tensor([[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]])"
grad_case("diag_grad", "diag", "x = torch.tensor([1., 2., 3.], requires_grad=True)", "torch.diag(x)")
case("diag_of_matrix", "diag", f"torch.diag({M3}, 1)")
grad_case("trace_grad", "trace", f"x = {M3}.requires_grad_()", "torch.trace(x)")
grad_case("tril_grad", "tril_triu", f"x = {M3}.requires_grad_()", "x.tril()")
case("triu_diag", "tril_triu", f"{M3}.triu(1)")
grad_case("diagonal_scatter_grad", "diagonal_scatter", f"x = {M3}.requires_grad_()", "x.diagonal_scatter(torch.tensor([0., 0., 0.]))")
grad_case("select_scatter_grad", "select_scatter", f"x = {M3}.requires_grad_()", "x.select_scatter(torch.tensor([0., 0., 0.]), 0, 1)")
grad_case("slice_scatter_grad", "slice_scatter", f"x = {M3}.requires_grad_()", "x.slice_scatter(torch.zeros(3, 1), 1, 0, 1, 1)")
grad_case("index_add_grad", "index_add", f"x = {M3}.requires_grad_()", "x.index_add(0, torch.tensor([0, 2]), torch.ones(2, 3))")
grad_case("index_copy_grad", "index_copy", f"x = {M3}.requires_grad_()", "x.index_copy(0, torch.tensor([1]), torch.zeros(1, 3))")
grad_case("index_fill_grad", "index_fill", f"x = {M3}.requires_grad_()", "x.index_fill(1, torch.tensor([0, 2]), -1.5)")
grad_case("index_fill_tensor_grad", "index_fill_tensor", f"x = {M3}.requires_grad_()", "x.index_fill(1, torch.tensor([0]), torch.tensor(-1.))")
grad_case("index_put_grad", "index_put", f"x = {M3}.requires_grad_()", "x.index_put((torch.tensor([0, 2]),), torch.tensor(5.))")
grad_case("masked_scatter_grad", "masked_scatter", "x = torch.tensor([1., 2., 3.], requires_grad=True)",
          "x.masked_scatter(torch.tensor([True, False, True]), torch.tensor([7., 8.]))")
grad_case("scatter_add_grad", "scatter_add", "x = torch.zeros(3, requires_grad=True)",
          "x.scatter_add(0, torch.tensor([0, 1, 0]), torch.tensor([1., 2., 3.]))")
grad_case("scatter_value_grad", "scatter_value", "x = torch.ones(4, requires_grad=True)", "x.scatter(0, torch.tensor([1, 3]), 2.5)")
grad_case("take_grad", "take", f"x = {M3}.requires_grad_()", "x.take(torch.tensor([0, 4, 8]))")
grad_case("kthvalue_grad", "kthvalue", "x = torch.tensor([3., 1., 2., 5.], requires_grad=True)", "x.kthvalue(2).values")
grad_case("median_grad", "median", "x = torch.tensor([3., 1., 2., 5., 4.], requires_grad=True)", "x.median()")
grad_case("median_dim_grad", "median_dim", f"x = {M3}.requires_grad_()", "x.median(1).values")
grad_case("nanmedian_grad", "nanmedian", "x = torch.tensor([3., float('nan'), 2., 5.], requires_grad=True)", "x.nanmedian()")
grad_case("nanmedian_dim_grad", "nanmedian_dim", f"x = {M3}.requires_grad_()", "x.nanmedian(0).values")
grad_case("mode_grad", "mode", "x = torch.tensor([[1., 2., 2.], [3., 3., 1.]], requires_grad=True)", "x.mode(1).values")
case("unique_sorted", "_unique2", "torch.unique(torch.tensor([3, 1, 2, 3, 1]), return_inverse=True, return_counts=True)")
grad_case("alias_ellipsis", "alias", "x = torch.tensor([1., 2.], requires_grad=True)", "x[...]")
case("unique_graph", "_unique2", "x = torch.tensor([3., 1., 3.], requires_grad=True)\nout = torch.unique(x)", graph=True)
# Scalar overloads recorded with one graph input (the scalar is an attribute), as PyTorch's.
grad_case("remainder_scalar_graph", "remainder_scalar", "x = torch.tensor([-5., 5.5], requires_grad=True)", "x.remainder(3)")
grad_case("fmod_scalar_graph", "fmod_scalar", "x = torch.tensor([-5., 5.5], requires_grad=True)", "x.fmod(2)")
grad_case("lerp_scalar_graph", "lerp_scalar", "x = torch.tensor([0., 1.], requires_grad=True)\ny = torch.tensor([4., 8.], requires_grad=True)",
          "torch.lerp(x, y, 0.25)", grads=("x", "y"))
grad_case("masked_fill_tensor_graph", "masked_fill_tensor", "x = torch.tensor([1., 2., 3.], requires_grad=True)\nv = torch.tensor(5., requires_grad=True)",
          "x.masked_fill(torch.tensor([True, False, True]), v)", grads=("x", "v"))

# =============================================================================================
area("nn_functional")
# the nn ops of the op table, through torch.nn.functional (full model goldens live in test/nn)
# =============================================================================================
F = "torch.nn.functional"
IMG = "torch.arange(32.).reshape(1, 2, 4, 4) / 10"
grad_case("conv2d_grad", "convolution", f"x = ({IMG}).requires_grad_()\nw = (torch.arange(18.).reshape(1, 2, 3, 3) / 20).requires_grad_()",
          f"{F}.conv2d(x, w, padding=1)", grads=("x", "w"), tol="reduce", covers=["im2col", "col2im"])
grad_case("unfold_grad", "im2col", f"x = ({IMG}).requires_grad_()", f"{F}.unfold(x, 2)", tol="reduce", covers=["col2im"])
grad_case("pad_grad", "constant_pad_nd", "x = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)", f"{F}.pad(x, (1, 0, 0, 2), 'constant', 0.5)")
grad_case("max_pool2d_grad", "max_pool2d_with_indices", f"x = ({IMG}).requires_grad_()", f"{F}.max_pool2d(x, 2)", covers=["max_pool2d_gather"])
grad_case("avg_pool2d_grad", "avg_pool2d", f"x = ({IMG}).requires_grad_()", f"{F}.avg_pool2d(x, 2)", tol="reduce")
grad_case("adaptive_avg_pool2d_grad", "adaptive_avg_pool2d", f"x = ({IMG}).requires_grad_()", f"{F}.adaptive_avg_pool2d(x, 2)", tol="reduce")
# float64: the float32 input gradient is a cancellation of nearly equal terms
grad_case("batch_norm_train_grad", "native_batch_norm", f"x = ({IMG}).double().requires_grad_()\nw = torch.tensor([1.5, 0.5], dtype=torch.float64, requires_grad=True)\nb = torch.tensor([0.1, -0.2], dtype=torch.float64, requires_grad=True)",
          f"{F}.batch_norm(x, torch.zeros(2, dtype=torch.float64), torch.ones(2, dtype=torch.float64), w, b, True)", grads=("x", "w", "b"), tol="reduce",
          backward="(out * torch.arange(32.).reshape(1, 2, 4, 4)).sum().backward()")
grad_case("layer_norm_grad", "native_layer_norm", "x = torch.tensor([[1., 2., 4.], [0.5, -1., 3.]], dtype=torch.float64, requires_grad=True)", f"{F}.layer_norm(x, (3,))", tol="reduce",
          backward="(out * torch.tensor([1., 2., 4.], dtype=torch.float64)).sum().backward()")
grad_case("embedding_grad", "embedding", "w = torch.tensor([[1., 2.], [3., 4.], [5., 6.]], requires_grad=True)", f"{F}.embedding(torch.tensor([2, 0, 2]), w)", grads=("w",))
grad_case("mse_loss_grad", "mse_loss", "x = torch.tensor([1., 2., 4.], requires_grad=True)", f"{F}.mse_loss(x, torch.tensor([0., 2., 5.]))", backward="out.backward()")
grad_case("smooth_l1_grad", "smooth_l1_loss", "x = torch.tensor([1., 2., 4.], requires_grad=True)", f"{F}.smooth_l1_loss(x, torch.tensor([0., 2.5, 5.]))", backward="out.backward()")
grad_case("nll_loss_grad", "nll_loss", "x = torch.tensor([[-1., -2., -0.5], [-0.3, -2., -1.]], requires_grad=True)", f"{F}.nll_loss(x, torch.tensor([2, 0]))", backward="out.backward()")
grad_case("bce_grad", "binary_cross_entropy", "x = torch.tensor([0.2, 0.7, 0.9], requires_grad=True)", f"{F}.binary_cross_entropy(x, torch.tensor([0., 1., 1.]))", backward="out.backward()", tol="reduce")
grad_case("bce_logits_grad", "binary_cross_entropy_with_logits", "x = torch.tensor([0.2, -0.7, 1.9], requires_grad=True)", f"{F}.binary_cross_entropy_with_logits(x, torch.tensor([0., 1., 1.]))", backward="out.backward()", tol="reduce")

# =============================================================================================
area("argument_errors")
# Bad argument types raise PyTorch's TypeError (python_arg_parser's words), never a JS error.
# Positions count as PyTorch's: from `input` in torch.X(...), from after self in x.X(...).
# NOTE: where PyTorch 1.13 says "tuple of SymInts" (zeros, view, reshape, new_zeros) we say
# "tuple of ints", as its int-list arguments do (permute, roll, flip), so those are not golden cases.
case("sin_str_error", "sin", "torch.sin('abc')")
case("sin_none_error", "sin", "torch.sin(None)")
case("sin_float_error", "sin", "torch.sin(1.5)")
case("sum_str_input_error", "sum", "torch.sum('x')")
case("add_str_other_error", "add", "torch.add(torch.ones(2), 'x')")
case("add_str_input_error", "add", "torch.add('x', torch.ones(2))")
case("mul_none_other_error", "mul", "torch.mul(torch.ones(2), None)")
case("dot_str_error", "dot", "torch.dot(torch.ones(2), 'a')")
case("mm_str_error", "mm", "torch.mm(torch.ones(2, 3), 'a')")
case("matmul_str_error", "matmul", "torch.matmul(torch.ones(2), 'a')")
case("maximum_str_error", "maximum", "torch.maximum(torch.ones(2), 'a')")
case("cat_str_error", "cat", "torch.cat('abc')")
case("cat_none_error", "cat", "torch.cat(None)")
case("cat_element_error", "cat", "torch.cat([torch.ones(2), 'a'])")
case("stack_none_element_error", "stack", "torch.stack([torch.ones(2), None])")
case("sum_str_dim_error", "sum", "torch.ones(2, 3).sum('x')", note="PyTorch reads a str dim as a dimension name")
case("cumsum_none_dim_error", "cumsum", "torch.cumsum(torch.ones(2, 3), None)")
case("kthvalue_str_k_error", "kthvalue", "torch.kthvalue(torch.ones(2, 3), 'abc')", note="looped forever before")
case("kthvalue_none_k_error", "kthvalue", "torch.kthvalue(torch.ones(2, 3), None)")
case("topk_float_k_error", "topk", "torch.topk(torch.ones(2, 3), 1.5)")
case("unsqueeze_str_dim_error", "unsqueeze", "torch.unsqueeze(torch.ones(2, 3), 'a')")
case("chunk_str_error", "chunk", "torch.chunk(torch.ones(2, 3), 'a')")
case("permute_element_error", "permute", "torch.permute(torch.ones(2, 3), [0, 'a'])")
case("roll_none_shifts_error", "roll", "torch.roll(torch.ones(2, 3), None)")
case("flip_str_dims_error", "flip", "torch.flip(torch.ones(2, 3), 'a')")
case("layer_norm_str_shape_error", "layer_norm", "torch.layer_norm(torch.ones(2, 3), 'a')")
case("zeros_like_str_error", "zeros_like", "torch.zeros_like('a')")
case("where_str_condition_error", "where", "torch.where('a')")
case("masked_select_str_mask_error", "masked_select", "torch.masked_select(torch.ones(2), 'a')")
case("take_str_index_error", "take", "torch.take(torch.ones(2), 'a')")
case("view_as_none_error", "view_as", "torch.ones(2).view_as(None)")
case("copy_none_error", "copy_", "torch.ones(2).copy_(None)")
case("arange_str_error", "arange", "torch.arange('a')")
case("linspace_str_steps_error", "linspace", "torch.linspace(0, 1, 'a')")
case("eye_negative_error", "eye", "torch.eye(-1)")
case("randperm_negative_error", "randperm", "torch.randperm(-1)")
case("multinomial_str_error", "multinomial", "torch.multinomial(torch.ones(2), 'a')")
case("promote_types_str_error", "promote_types", "torch.promote_types('a', torch.float32)")
case("add_inplace_str_error", "add", "torch.ones(2).add_('x')")
case("mul_inplace_none_error", "mul", "torch.ones(2).mul_(None)")
# Method calls count positions after self, as PyTorch's arg parser does.
case("kthvalue_method_str_k_error", "kthvalue", "torch.ones(2, 3).kthvalue('abc')", note="looped forever before")
case("add_method_str_error", "add", "torch.ones(2).add('x')")
case("dot_method_none_error", "dot", "torch.ones(2).dot(None)")
case("unsqueeze_method_float_error", "unsqueeze", "torch.ones(2, 3).unsqueeze(1.5)")
case("flatten_method_str_error", "flatten", "torch.ones(2, 3).flatten('a')")
case("roll_method_none_error", "roll", "torch.ones(2, 3).roll(None)")
case("topk_method_str_error", "topk", "torch.ones(2, 3).topk('a')")
case("split_method_none_error", "split", "torch.ones(2, 3).split(None)", note="Tensor.split calls split_with_sizes(self, ...): position 2")


# =============================================================================================
area("int64_exact")
# =============================================================================================
# int64 over its whole range (engine/tensor/store.ts): values beyond 2**53 are BigInt literals in the
# TypeScript (a JS number would round them), and results that leave 2**53 are recomputed exactly.
case("int64x_nested_repr", "tensor", "torch.tensor([[2**62, -7], [1, 2**53 + 1]])", note="PyTorch's column width from the exact digits")
case("int64x_limits_0dim", "tensor", "torch.tensor(2**63 - 1)")
case("int64x_min", "tensor", "torch.tensor([-2**63, 0])")
case("int64x_overflow_error", "tensor", "torch.tensor([2**63])", ts="torch.tensor([2n ** 63n])",
     note="a JS number 2**63 is read as a float (JS cannot tell 9.2e18 from an integer); a bigint beyond int64 fails as a Python int")
case("int64x_add", "add", "torch.tensor([2**53 + 1, -2**62 - 3]) + torch.tensor([2, 5])")
case("int64x_add_scalar", "add", "torch.tensor([2**53 + 1, 2**53 - 1]) + 1")
case("int64x_sub", "sub", "torch.tensor([2**53 + 1, -2**62 - 3]) - torch.tensor([2**53, -2**62])")
case("int64x_mul", "mul", "torch.tensor([2**40, 3, 2**62 + 1]) * torch.tensor([2**20, 2**53 + 1, 4])", note="the last one wraps")
case("int64x_mul_from_safe", "mul", "torch.tensor([2**40, -2**33]) * torch.tensor([2**20, 2**30 + 1])", note="safe inputs, result beyond 2**53")
case("int64x_repeated_mul", "mul", "out = torch.tensor([3, -3])\nfor i in range(38):\n    out = out * 3", note="3**39 is exact")
case("int64x_pow", "pow", "torch.tensor([3, -3, 2]) ** 39", note="2**39 fits; 3**39 does not")
case("int64x_neg_abs", "abs", "torch.tensor([2**53 + 1, -2**62 - 3]).neg().abs()", covers=["neg"])
case("int64x_neg_min_wraps", "neg", "torch.tensor([-2**63]).neg()")
case("int64x_floor_divide", "floor_divide", "torch.tensor([2**62 + 7, -2**62 - 7]) // 3", covers=["div"])
case("int64x_remainder", "remainder", "torch.tensor([2**62 + 7, -2**62 - 7]) % torch.tensor([10, 10])")
case("int64x_eq", "eq", "torch.tensor([2**53 + 1, 2**53 + 1]) == torch.tensor([2**53 + 1, 2**53])")
case("int64x_lt", "lt", "torch.tensor([2**53, 2**53 + 2]) < torch.tensor([2**53 + 1, 2**53 + 1])")
case("int64x_ge", "ge", "torch.tensor([2**53, 2**53 + 2]) >= torch.tensor(2**53 + 1)")
case("int64x_max", "max", "torch.tensor([2**53 + 1, 2**53, 2**53 + 2, -2**62]).max()")
case("int64x_max_dim", "max", "torch.tensor([[2**53 + 1, 2**53], [2**53 + 2, 2**53 + 3]]).max(1)", covers=["amax", "argmax"])
case("int64x_min_dim", "min", "torch.tensor([[2**53 + 1, 2**53], [2**53 + 2, 2**53 + 3]]).min(0)", covers=["amin", "argmin"])
case("int64x_amax", "amax", "torch.tensor([[2**53 + 1, 2**53], [2**53 + 2, 2**53 + 3]]).amax(0)")
case("int64x_argmax_of", "argmax", "torch.tensor([2**53, 2**53 + 1, 2**53]).argmax()")
case("int64x_argmin_of", "argmin", "torch.tensor([2**53 + 1, 2**53, 2**53 + 1]).argmin()")
case("int64x_sum", "sum", "torch.tensor([2**53 + 1, 2**53 + 1, -2**62 - 3]).sum()")
case("int64x_sum_partial_rounding", "sum", "torch.tensor([2**53 - 1, 2, -2]).sum()", note="a double sum would round 2**53 + 1 on the way")
case("int64x_sum_wraps", "sum", "torch.tensor([2**62, 2**62, 2**62]).sum()")
case("int64x_prod", "prod", "torch.tensor([2**20, 2**20, 2**20 + 1]).prod()")
case("int64x_cumsum", "cumsum", "torch.tensor([2**53, 1, 1, -3]).cumsum(0)")
case("int64x_sort", "sort", "torch.tensor([2**53 + 2, 2**53, -2**62, 2**53 + 1]).sort()")
case("int64x_sort_descending", "sort", "torch.tensor([[2**53 + 2, 2**53, 2**53 + 1]]).sort(1, descending=True)")
case("int64x_clone_index", "clone", "torch.tensor([[2**53 + 1, 1], [2, 2**60 + 3]]).clone()[1]", covers=["select"])
case("int64x_transpose_contiguous", "contiguous", "torch.tensor([[2**53 + 1, 1], [2, 2**60 + 3]]).t().contiguous()", covers=["t"])
case("int64x_slice", "slice", "torch.tensor([2**53 + 1, 5, 2**60 + 3])[1:]")
case("int64x_index_tensor", "index", "torch.tensor([2**53 + 1, 5, 2**60 + 3])[torch.tensor([2, 0])]")
case("int64x_cat", "cat", "torch.cat([torch.tensor([2**53 + 1]), torch.tensor([1, 2])])")
case("int64x_stack", "stack", "torch.stack([torch.tensor([2**53 + 1, 2]), torch.tensor([1, 2**62 + 1])])")
case("int64x_to_float64", "to", "torch.tensor([2**53 + 1, 2**53 + 3, -2**62 - 3]).to(torch.float64)", note="rounded to nearest, ties to even")
case("int64x_to_float32", "to", "torch.tensor([2**60 + 2**36 + 1, 2**24 + 1]).to(torch.float32)", note="one rounding, not two")
case("int64x_from_float", "to", "torch.tensor([1e18, -3.5e18, 2.5e15], dtype=torch.float64).to(torch.int64)")
case("int64x_item", "item", "torch.tensor([2**53 + 1]).sum().item()")
case("int64x_tolist", "tolist", "torch.tensor([2**53 + 1, 5]).tolist()")
case("int64x_matmul", "matmul", "torch.tensor([[2**31, 2**31]]) @ torch.tensor([[2**31], [2**31 + 1]])")
# Data movement and selection on exact storage: values move (or compare) without becoming doubles.
case("int64x_topk", "topk", "torch.tensor([2**53 + 1, 5, -2**62, 2**53 + 2]).topk(2)")
case("int64x_topk_smallest", "topk", "torch.tensor([[2**53 + 1, 5, -2**62, 2**53 + 2]]).topk(3, 1, False)")
case("int64x_kthvalue", "kthvalue", "torch.tensor([2**53 + 2, 5, -2**62, 2**53 + 1]).kthvalue(3)")
case("int64x_median", "median", "torch.tensor([2**53 + 2, 2**53 + 1, -2**62, 2**53 + 3]).median()")
case("int64x_median_dim", "median", "torch.tensor([[2**53 + 2, 2**53 + 1, 2**53 + 3]]).median(1)")
case("int64x_nanmedian", "nanmedian", "torch.tensor([2**53 + 2, 2**53 + 1, 2**53 + 3]).nanmedian()")
case("int64x_mode", "mode", "torch.tensor([2**53 + 1, 2**53 + 1, 2**53, 2**53, 2**53 + 1]).mode()",
     note="2**53 and 2**53 + 1 are one double")
case("int64x_unique", "unique", "torch.unique(torch.tensor([2**53 + 1, 2**53, 2**53 + 1, -2**62]), return_inverse=True, return_counts=True)")
case("int64x_unique_dim", "unique", "torch.unique(torch.tensor([[2**53 + 1, 1], [2**53, 1], [2**53 + 1, 1]]), dim=0)")
case("int64x_gather", "gather", "torch.tensor([[2**53 + 1, 5], [-2**62, 7]]).gather(1, torch.tensor([[1, 0], [0, 0]]))")
case("int64x_scatter_src", "scatter", "torch.zeros(2, 3, dtype=torch.int64).scatter(1, torch.tensor([[2], [0]]), torch.tensor([[2**53 + 1], [-2**62 - 1]]))")
case("int64x_scatter_self", "scatter", "torch.tensor([2**53 + 1, 5, 2**60 + 3]).scatter(0, torch.tensor([1]), torch.tensor([9]))")
case("int64x_scatter_add", "scatter_add", "torch.tensor([2**53 + 1, 5]).scatter_add(0, torch.tensor([0, 0, 1]), torch.tensor([2**53 + 1, 1, 2**62]))")
case("int64x_scatter_add_from_safe", "scatter_add", "torch.tensor([2**53 - 1, 0]).scatter_add(0, torch.tensor([0, 0]), torch.tensor([1, 1]))",
     note="safe inputs; a double sum would round 2**53 + 1")
case("int64x_scatter_add_wraps", "scatter_add", "torch.tensor([2**62]).scatter_add(0, torch.tensor([0, 0]), torch.tensor([2**62, 2**62]))")
case("int64x_masked_select", "masked_select", "torch.tensor([[2**53 + 1, 5], [-2**62, 7]]).masked_select(torch.tensor([True, False]))")
case("int64x_masked_scatter", "masked_scatter", "torch.tensor([1, 2, 3]).masked_scatter(torch.tensor([True, False, True]), torch.tensor([2**53 + 1, -2**62]))")
case("int64x_masked_scatter_self", "masked_scatter", "torch.tensor([2**60 + 1, 2, 3]).masked_scatter(torch.tensor([False, True, False]), torch.tensor([4]))")
case("int64x_index_select", "index_select", "torch.tensor([[2**53 + 1, 5], [-2**62, 7]]).index_select(1, torch.tensor([1, 0, 0]))")
case("int64x_take", "take", "torch.tensor([[2**53 + 1, 5], [-2**62, 7]]).take(torch.tensor([2, 0, -1]))")
case("int64x_tril", "tril", "torch.tensor([[2**53 + 1, 2**60], [-2**62, 7]]).tril()")
case("int64x_triu", "triu", "torch.tensor([[2**53 + 1, 2**60], [-2**62, 7]]).triu(1)")
case("int64x_roll", "roll", "torch.tensor([[2**53 + 1, 2**60], [-2**62, 7]]).roll(1)")
case("int64x_reshape_copy", "reshape", "torch.tensor([[2**53 + 1, 2**60], [-2**62, 7]]).t().reshape(4)", covers=["flatten"])
case("int64x_searchsorted", "searchsorted", "torch.searchsorted(torch.tensor([2**53, 2**53 + 1, 2**53 + 2]), torch.tensor([2**53 + 1, 2**53 + 3]))")
case("int64x_nonzero", "nonzero", "torch.tensor([2**53 + 1, 0, -2**62]).nonzero()")
case("int64x_pad", "pad", "torch.nn.functional.pad(torch.tensor([2**53 + 1, -2**62]), (1, 2))")
# Python ints beyond 2**53 as operands: BigInt scalars, integer scalars in type promotion.
case("int64x_scalar_add", "add", "torch.tensor([1, -2]) + (2**60 + 1)")
case("int64x_scalar_sub_r", "sub", "(2**62 + 3) - torch.tensor([1, 2**53 + 1])")
case("int64x_scalar_mul_wraps", "mul", "torch.tensor([3, -1]) * 2**62", ts="torch.tensor([3, -1]).mul(2n ** 62n)")
case("int64x_scalar_float_tensor", "add", "torch.tensor([1.5, -2.0]) + (2**60 + 1)", note="float32 math: the int is rounded once")
case("int64x_scalar_float64_tensor", "add", "torch.tensor([1.5, -2.0], dtype=torch.float64) + (2**53 + 1)")
case("int64x_scalar_int32_tensor", "add", "torch.tensor([1, 2], dtype=torch.int32) + 2**40", ts="torch.tensor([1, 2], {dtype: torch.int32}).add(2n ** 40n)", note="int32 math: the int wraps")
case("int64x_scalar_bool_tensor", "add", "torch.tensor([True, False]) + 2**60", ts="torch.tensor([true, false]).add(2n ** 60n)")
case("int64x_scalar_ge", "ge", "torch.tensor([2**53, 2**53 + 1, 2**53 + 2]) >= 2**53 + 1")
case("int64x_scalar_eq", "eq", "torch.tensor([2**53, 2**53 + 1]) == 2**53 + 1")
case("int64x_scalar_remainder", "remainder", "torch.tensor([2**60 + 1, 7]) % (2**59 + 1)")
case("int64x_scalar_floor_divide", "floor_divide", "torch.tensor([2**60 + 1, -7]) // (2**55 + 3)")
case("int64x_scalar_pow", "pow", "torch.tensor([2, 3]) ** 2**60", ts="torch.tensor([2, 3]).pow(2n ** 60n)", note="wraps: 2**(2**60) is 0 modulo 2**64")
case("int64x_scalar_overflow", "add", "torch.tensor([1, 2]) + 2**64", ts="torch.tensor([1, 2]).add(2n ** 64n)")
case("int64x_full", "full", "torch.full([2], 2**60 + 1)")
case("int64x_full_float", "full", "torch.full([2], 2**60 + 1, dtype=torch.float32)")
case("int64x_full_like", "full_like", "torch.full_like(torch.tensor([1, 2, 3]), 2**62 + 1)")
case("int64x_new_full", "new_full", "torch.tensor([1, 2]).new_full([3], -2**62 - 1)")
case("int64x_masked_fill", "masked_fill", "torch.tensor([1, 2, 3]).masked_fill(torch.tensor([True, False, True]), 2**62 + 1)")
case("int64x_masked_fill_float", "masked_fill", "torch.tensor([1.5, 2.0]).masked_fill(torch.tensor([True, False]), 2**60 + 1)")
case("int64x_fill_", "fill_", "torch.tensor([1, 2, 3]).fill_(2**62 + 1)")
case("int64x_fill_tensor", "fill_", "torch.tensor([1, 2, 3]).fill_(torch.tensor(2**62 + 1))")
case("int64x_setitem", "setitem", "x = torch.tensor([1, 2, 3])\nx[0] = 2**55 + 1\nout = x")
case("int64x_setitem_index", "setitem", "x = torch.tensor([1, 2, 3])\nx[torch.tensor([0, 2])] = 2**55 + 1\nout = x")
case("int64x_where_scalar", "where", "torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), 2**60 + 1)")
case("int64x_where_scalar_float", "where", "torch.where(torch.tensor([True, False]), torch.tensor([1.5, 2.0]), 2**60 + 1)")
case("int64x_scatter_value", "scatter", "torch.tensor([1, 2, 3]).scatter(0, torch.tensor([1]), 2**60 + 1)")
case("int64x_index_fill_value", "index_fill", "torch.tensor([1, 2, 3]).index_fill(0, torch.tensor([0]), 2**60 + 1)")
case("int64x_addmm", "addmm", "torch.addmm(torch.tensor([[1, 2**60]]), torch.tensor([[2**31, 3]]), torch.tensor([[2**31, 1], [5, 2**53 + 1]]))")
case("int64x_addmm_beta_alpha", "addmm", "torch.addmm(torch.tensor([2**53 - 1]), torch.tensor([[1, 2]]), torch.tensor([[4], [6]]), beta=2, alpha=3)",
     note="safe inputs; a double sum would round")

# =============================================================================================
area("broadcast_errors")
# Shape mismatches name the dimension PyTorch names: ATen's infer_size compares from the last
# dimension, so the first mismatch from the right is reported, and operands broadcast in order
# (where: condition, self, other; lerp: self, end, weight). One table: each family (binary, in-place,
# comparison, where, lerp, losses, masked_fill, copy_, expand) over mismatches in several positions
# and ranks (a: the op's first operand shape, b: the second's).
# =============================================================================================
BROADCAST_SHAPES = [
    ("last", "(2, 3)", "(3, 2)"),        # both dims differ: the last one is named
    ("first", "(2, 3)", "(4, 3)"),
    ("middle", "(4, 2, 3)", "(4, 5, 3)"),
    ("rank3_both", "(4, 2, 3)", "(5, 2, 4)"),
    ("lower_rank_b", "(2, 3, 4)", "(5, 1)"),
    ("lower_rank_a", "(5, 1)", "(2, 3, 4)"),
    ("vector", "(3,)", "(2, 4)"),
]
BROADCAST_FAMILIES = [
    # (id, op, Python with A and B for the two operand shapes)
    ("add", "add", "torch.ones{A} + torch.ones{B}"),
    ("mul", "mul", "torch.ones{A} * torch.ones{B}"),
    ("sub", "sub", "torch.ones{A} - torch.ones{B}"),
    ("div", "div", "torch.ones{A} / torch.ones{B}"),
    ("lt", "lt", "torch.ones{A} < torch.ones{B}"),
    ("maximum", "maximum", "torch.maximum(torch.ones{A}, torch.ones{B})"),
    ("atan2", "atan2", "torch.atan2(torch.ones{A}, torch.ones{B})"),
    ("add_inplace", "add", "torch.ones{A}.add_(torch.ones{B})"),
    ("mul_inplace", "mul", "torch.ones{A}.mul_(torch.ones{B})"),
    ("where_self", "where", "torch.where(torch.ones{A} > 0, torch.ones{B}, torch.ones{A})"),
    ("where_other", "where", "torch.where(torch.ones{A} > 0, torch.ones{A}, torch.ones{B})"),
    ("where_cond", "where", "torch.where(torch.ones{B} > 0, torch.ones{A}, torch.ones{A})"),
    ("lerp_end", "lerp", "torch.lerp(torch.ones{A}, torch.ones{B}, 0.5)"),
    ("lerp_weight", "lerp", "torch.lerp(torch.ones{A}, torch.ones{A}, torch.ones{B})"),
    ("lerp_inplace", "lerp", "torch.ones{A}.lerp_(torch.ones{B}, 0.5)"),
    ("mse_loss", "mse_loss", "torch.nn.functional.mse_loss(torch.ones{A}, torch.ones{B})"),
    ("l1_loss", "l1_loss", "torch.nn.functional.l1_loss(torch.ones{A}, torch.ones{B})"),
    ("smooth_l1_loss", "smooth_l1_loss", "torch.nn.functional.smooth_l1_loss(torch.ones{A}, torch.ones{B})"),
    ("bce", "binary_cross_entropy", "torch.nn.functional.binary_cross_entropy(torch.ones{A} / 2, torch.ones{B})"),
    ("bce_with_logits", "binary_cross_entropy_with_logits", "torch.nn.functional.binary_cross_entropy_with_logits(torch.ones{A}, torch.ones{B})"),
    ("masked_fill", "masked_fill", "torch.ones{A}.masked_fill(torch.ones{B} > 0, 0)"),
    ("copy_", "copy_", "torch.ones{A}.copy_(torch.ones{B})"),
    ("expand", "expand", "torch.ones{A}.expand{B}"),
    ("expand_as", "expand", "torch.ones{A}.expand_as(torch.ones{B})"),
]
for _fam, _op, _py in BROADCAST_FAMILIES:
    for _pos, _a, _b in BROADCAST_SHAPES:
        case(f"broadcast_error_{_fam}_{_pos}", _op, _py.format(A=_a, B=_b))
