#!/usr/bin/python3
"""Write test/golden/ops.json: every case of cases.py run through REAL PyTorch.

Run: /usr/bin/python3 test/golden/generate.py      (Debian's python3-torch 1.13 + numpy)

For each case the generator
  1. translates the Python snippet to TypeScript by fixed rules (`to_ts` below; SPEC.md "The
     engine's API") unless the case gives `ts` by hand,
  2. runs the Python snippet with `torch`, `nan`, `inf` in scope: an expression's value, or the
     variable `out` of a statement block, is the result,
  3. records the result (tensors: repr, dtype, shape, stride, values, grad_fn, requires_grad,
     is_leaf, and the next_functions graph when the case asks), the `.grad` of the leaves named in
     `grads`, or the error (type and PyTorch's exact message),
  4. applies the 2.x overrides (`TORCH2` below): SPEC.md says to follow 2.x where it differs from
     1.13; every case touched carries `torch2` with what was replaced and why.

The output is deterministic: cases run in a fixed order from fixed seeds, and the header's
`generated` date only moves when the goldens themselves change.

Value encoding (JSON cannot hold them): NaN -> "nan", +-Infinity -> "inf" / "-inf", integers
beyond 2**53 -> decimal strings. -0.0 is kept as the JSON number -0.0.
"""
import ast
import datetime
import json
import math
import os
import platform
import re
import sys
import warnings

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cases as cases_module  # noqa: E402

OUT = os.path.join(HERE, "ops.json")

# ---------------------------------------------------------------------------------------------
# Python -> TypeScript, by SPEC.md's rules
# ---------------------------------------------------------------------------------------------

BINOPS = {
    ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.FloorDiv: "floor_divide",
    ast.Mod: "remainder", ast.Pow: "pow", ast.MatMult: "matmul",
    ast.BitAnd: "bitwise_and", ast.BitOr: "bitwise_or", ast.BitXor: "bitwise_xor",
}
# `2 op x`: Python calls x.__rop__(2). Commutative ones are the plain method with the scalar second
# (as PyTorch records them); the others keep the dunder name the engine exposes for the cell compiler.
RBINOPS = {ast.Add: "add", ast.Mult: "mul", ast.Sub: "__rsub__", ast.Div: "__rtruediv__", ast.Pow: "__rpow__"}
CMPOPS = {ast.Eq: "eq", ast.NotEq: "ne", ast.Lt: "lt", ast.LtE: "le", ast.Gt: "gt", ast.GtE: "ge"}
AUGOPS = {ast.Add: "add_", ast.Sub: "sub_", ast.Mult: "mul_", ast.Div: "div_"}
NAMES = {"nan": "NaN", "inf": "Infinity", "True": "true", "False": "false", "None": "null"}
# Subscripts on these are plain JS array accesses (tuples / Size / lists), not tensor indexing.
SEQ_ATTRS = {"next_functions", "shape", "saved_tensors"}
SEQ_CALLS = {"size", "stride", "tolist", "split", "chunk", "unbind", "max", "min", "sort", "topk",
             "nonzero", "where", "meshgrid", "broadcast_tensors", "grad"}
# Functions whose data/fill arguments decide the result dtype by int-vs-float: JS cannot tell 2.0
# from 2, so an integral Python float there adds `dtype: torch.float32` (the default dtype).
FLOAT_DATA_FUNCS = {"tensor": "all", "as_tensor": "all", "arange": "all", "full": "fill"}
# Classes are constructed with `new` in TypeScript (SPEC.md: `new nn.Linear(3, 4)`).
CLASSES = {"Generator"}


class Untranslatable(Exception):
    pass


def _is_float_literal(n):
    return isinstance(n, ast.Constant) and isinstance(n.value, float)


def _float_literals(n):
    return [c for c in ast.walk(n) if _is_float_literal(c)]


def _names_float(n):
    return any(isinstance(c, ast.Name) and c.id in ("nan", "inf") for c in ast.walk(n))


def _is_basic_index(n):
    """An index item Python's own text expresses as a string subscript: a slice, an int, None, `...`."""
    return isinstance(n, ast.Slice) or (isinstance(n, ast.Constant) and (n.value is None or n.value is Ellipsis or isinstance(n.value, int))) \
        or (isinstance(n, ast.UnaryOp) and isinstance(n.operand, ast.Constant))


def _is_num(n):
    """A plain number expression (literals, nan/inf, arithmetic on them): stays JS arithmetic."""
    if isinstance(n, ast.Constant):
        return isinstance(n.value, (int, float)) and not isinstance(n.value, bool)
    if isinstance(n, ast.Name):
        return n.id in ("nan", "inf")
    if isinstance(n, ast.UnaryOp):
        return isinstance(n.op, ast.USub) and _is_num(n.operand)
    if isinstance(n, ast.BinOp):
        return _is_num(n.left) and _is_num(n.right)
    return False


def _int_ts(v):
    """A Python int: a JS number when a double holds it exactly, else a BigInt literal (2**53 + 1)."""
    try:
        exact = float(v) == v
    except OverflowError:
        exact = False
    return str(v) if exact else f"{v}n"


def _exact_int(n):
    """Integer arithmetic on literals whose value a JS number would round: the BigInt literal, else None."""
    try:
        v = eval(compile(ast.Expression(n), "<case>", "eval"), {"__builtins__": {}}, {"nan": math.nan, "inf": math.inf})
    except Exception:
        return None
    if isinstance(v, int) and not isinstance(v, bool) and float(v) != v:
        return _int_ts(v)
    return None


class ToTS:
    def __init__(self):
        self.assigned = []

    # -- expressions ---------------------------------------------------------------------------
    def expr(self, n, allow_float=False):
        m = getattr(self, "e_" + type(n).__name__, None)
        if m is None:
            raise Untranslatable(f"no rule for {type(n).__name__}: {ast.unparse(n)}")
        return m(n, allow_float) if type(n).__name__ == "Constant" else m(n)

    def e_Constant(self, n, allow_float=False):
        v = n.value
        if v is True:
            return "true"
        if v is False:
            return "false"
        if v is None:
            return "null"
        if isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, float):
            if v.is_integer() and not allow_float:
                # `x * 2.0` with an integer x is float32 in Python, int64 in JS: write 2 where the
                # other side is float, or give `ts` by hand.
                raise Untranslatable(f"integral float literal {v!r} outside tensor data")
            if math.isinf(v):
                return "Infinity" if v > 0 else "-Infinity"
            r = repr(v)
            return r[:-2] if r.endswith(".0") else r
        if isinstance(v, int):
            return _int_ts(v)
        raise Untranslatable(repr(v))

    def e_Name(self, n):
        return NAMES.get(n.id, n.id)

    def e_Attribute(self, n):
        return f"{self.expr(n.value)}.{n.attr}"

    def e_UnaryOp(self, n):
        if isinstance(n.op, ast.USub):
            if isinstance(n.operand, ast.Constant):
                return "-" + self.expr(n.operand, allow_float=getattr(self, "_float_ok", False))
            if _is_num(n.operand):
                return f"-{self.expr(n.operand)}"
            return f"{self.expr(n.operand)}.neg()"
        if isinstance(n.op, ast.Invert):
            return f"{self.expr(n.operand)}.bitwise_not()"
        if isinstance(n.op, ast.Not):
            return f"!{self.expr(n.operand)}"
        raise Untranslatable(ast.unparse(n))

    def e_BinOp(self, n):
        op = type(n.op)
        lconst, rconst = _is_num(n.left), _is_num(n.right)
        if lconst and rconst:   # plain number arithmetic
            folded = _exact_int(n)
            if folded is not None:
                return folded
            sym = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}[op]
            return f"({self._num(n.left)} {sym} {self._num(n.right)})"
        if lconst:
            if op not in RBINOPS:
                raise Untranslatable(f"reflected {op.__name__}")
            return f"{self.expr(n.right)}.{RBINOPS[op]}({self.expr(n.left)})"
        return f"{self.expr(n.left)}.{BINOPS[op]}({self.expr(n.right)})"

    def _num(self, n):
        return self.expr(n, True) if isinstance(n, ast.Constant) else self.expr(n)

    def e_Compare(self, n):
        if len(n.ops) != 1:
            raise Untranslatable("chained comparison")
        op = type(n.ops[0])
        if op is ast.Is:
            return f"({self.expr(n.left)} === {self.expr(n.comparators[0])})"
        if op is ast.IsNot:
            return f"({self.expr(n.left)} !== {self.expr(n.comparators[0])})"
        return f"{self.expr(n.left)}.{CMPOPS[op]}({self.expr(n.comparators[0])})"

    def e_Tuple(self, n):
        return "[" + ", ".join(self.expr(e) for e in n.elts) + "]"

    e_List = e_Tuple

    def e_Lambda(self, n):
        params = ", ".join(a.arg for a in n.args.args)
        return f"(({params}) => {self.expr(n.body)})"

    def e_Subscript(self, n):
        base = n.value
        while isinstance(base, ast.Subscript):
            base = base.value
        is_seq = (isinstance(base, ast.Attribute) and base.attr in SEQ_ATTRS) or (
            isinstance(base, ast.Call) and isinstance(base.func, ast.Attribute) and base.func.attr in SEQ_CALLS)
        sl = n.slice
        if is_seq:
            if isinstance(sl, ast.Constant) and isinstance(sl.value, int):
                return f"{self.expr(n.value)}[{sl.value}]"
            if isinstance(sl, ast.UnaryOp) and isinstance(sl.operand, ast.Constant):
                return f"{self.expr(n.value)}.at({self.expr(sl)})"
            raise Untranslatable("sequence slice")
        return f"{self.expr(n.value)}.index({self.index_arg(sl)})"

    def index_arg(self, sl):
        if isinstance(sl, ast.Constant) and isinstance(sl.value, int):
            return str(sl.value)
        if isinstance(sl, ast.UnaryOp) and isinstance(sl.operand, ast.Constant):
            return self.expr(sl)
        if isinstance(sl, (ast.Name, ast.List, ast.Compare, ast.Call, ast.Attribute, ast.BinOp)):
            return self.expr(sl)   # a tensor (or list) index: x[torch.tensor([4, 1])] -> x.index(torch.tensor([4, 1]))
        if isinstance(sl, ast.Tuple) and not all(_is_basic_index(e) for e in sl.elts):
            # a tuple mixing slices and tensors: an array of items, each slice as its string subscript
            return "[" + ", ".join(self.index_arg(e) for e in sl.elts) + "]"
        # slices, Ellipsis, None, tuples of those: Python's own text as a string subscript
        return json.dumps(ast.unparse(sl).removeprefix("(").removesuffix(")") if isinstance(sl, ast.Tuple) else ast.unparse(sl))

    def e_Call(self, n):
        f = n.func
        fname = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
        is_torch_fn = isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "torch"
        if isinstance(f, ast.Name):
            builtin = {"float": "Number", "str": "String", "repr": "String", "list": "Array.from", "tuple": "Array.from"}
            if f.id in builtin:
                return f"{builtin[f.id]}({self.expr(n.args[0])})"
            if f.id == "len":
                return f"{self.expr(n.args[0])}.__len__()"
            if f.id == "bool":
                return f"{self.expr(n.args[0])}.__bool__()"
            raise Untranslatable(f"builtin {f.id}")
        kw = {k.arg: k.value for k in n.keywords}
        if any(k is None for k in kw):
            raise Untranslatable("**kwargs")
        args = []
        float_ok = is_torch_fn and fname in FLOAT_DATA_FUNCS
        for i, a in enumerate(n.args):
            self._float_ok = float_ok
            args.append(self.expr(a, allow_float=float_ok) if isinstance(a, ast.Constant) else self._expr_floatctx(a, float_ok))
            self._float_ok = False
        opts = [f"{k}: {self.expr(v)}" for k, v in kw.items()]
        if float_ok and "dtype" not in kw:
            lits = [c for a in n.args for c in _float_literals(a)]
            nonint = any(not c.value.is_integer() for c in lits) or any(_names_float(a) for a in n.args)
            if fname == "full":
                fill = n.args[1] if len(n.args) > 1 else kw.get("fill_value")
                lits = _float_literals(fill) if fill is not None else []
                nonint = fill is not None and (any(not c.value.is_integer() for c in lits) or _names_float(fill))
            if lits and not nonint:
                opts.insert(0, "dtype: torch.float32")
        if opts:
            args.append("{" + ", ".join(opts) + "}")
        new = "new " if fname in CLASSES else ""
        return f"{new}{self.expr(f)}({', '.join(args)})"

    def _expr_floatctx(self, a, float_ok):
        if not float_ok:
            return self.expr(a)
        # inside tensor data: integral floats are fine (the dtype option is added by e_Call)
        if isinstance(a, (ast.List, ast.Tuple)):
            return "[" + ", ".join(self._expr_floatctx(e, True) for e in a.elts) + "]"
        if isinstance(a, ast.Constant):
            return self.expr(a, allow_float=True)
        if isinstance(a, ast.UnaryOp) and isinstance(a.op, ast.USub) and isinstance(a.operand, ast.Constant):
            return "-" + self.expr(a.operand, allow_float=True)
        return self.expr(a)

    # -- statements ----------------------------------------------------------------------------
    def target(self, t):
        if isinstance(t, ast.Name):
            if t.id != "out" and t.id not in self.assigned:
                self.assigned.append(t.id)
            return t.id
        if isinstance(t, ast.Tuple):
            return "[" + ", ".join(self.target(e) for e in t.elts) + "]"
        raise Untranslatable(f"assignment target {ast.unparse(t)}")

    def stmts(self, body, indent=""):
        out = []
        for s in body:
            if isinstance(s, ast.Assign):
                if len(s.targets) != 1:
                    raise Untranslatable("multiple assignment")
                t = s.targets[0]
                if isinstance(t, ast.Subscript):     # x[idx] = v
                    out.append(f"{indent}{self.expr(t.value)}.__setitem__({self.index_arg(t.slice)}, {self.expr(s.value)});")
                elif isinstance(t, ast.Attribute):   # x.grad = None, x.requires_grad = True
                    out.append(f"{indent}{self.expr(t)} = {self.expr(s.value)};")
                else:
                    out.append(f"{indent}{self.target(t)} = {self.expr(s.value)};")
            elif isinstance(s, ast.AugAssign):
                if type(s.op) not in AUGOPS:
                    raise Untranslatable("augmented op")
                if isinstance(s.target, ast.Subscript):
                    raise Untranslatable("augmented subscript")
                out.append(f"{indent}{self.expr(s.target)}.{AUGOPS[type(s.op)]}({self.expr(s.value)});")
            elif isinstance(s, ast.Expr):
                out.append(f"{indent}{self.expr(s.value)};")
            elif isinstance(s, ast.With):
                if len(s.items) != 1:
                    raise Untranslatable("with: one context manager")
                cm = self.expr(s.items[0].context_expr)
                out.append(f"{indent}{cm.removesuffix('()')}(() => {{")
                out += self.stmts(s.body, indent + "  ")
                out.append(f"{indent}}});")
            elif isinstance(s, ast.For):
                it = s.iter
                if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range" and len(it.args) == 1):
                    raise Untranslatable("for: only `for i in range(n)`")
                v = self.target(s.target)
                out.append(f"{indent}for ({v} = 0; {v} < {self.expr(it.args[0])}; {v}++) {{")
                out += self.stmts(s.body, indent + "  ")
                out.append(f"{indent}}}")
            elif isinstance(s, ast.Pass):
                pass
            else:
                raise Untranslatable(f"statement {type(s).__name__}")
        return out


def _is_expression(py):
    try:
        ast.parse(py, mode="eval")
        return True
    except SyntaxError:
        return False


def to_ts(py):
    """The TypeScript for a Python snippet: an expression, or statements leaving `out`."""
    tr = ToTS()
    try:
        tree = ast.parse(py, mode="eval")
        return tr.expr(tree.body)
    except SyntaxError:
        pass
    tree = ast.parse(py, mode="exec")
    body = tr.stmts(tree.body)
    head = [f"let {', '.join(tr.assigned)};"] if tr.assigned else []
    return "\n".join(head + body)


# ---------------------------------------------------------------------------------------------
# Running a case in PyTorch and encoding what it gives
# ---------------------------------------------------------------------------------------------

def encf(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v if abs(v) <= 2 ** 53 else str(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def enc_node(node):
    if node is None:
        return None
    return {"name": node.name(), "next": [[enc_node(fn), nr] for fn, nr in node.next_functions]}


def enc_tensor(t, case):
    d = {"kind": "tensor", "dtype": str(t.dtype).removeprefix("torch."), "shape": list(t.shape),
         "stride": list(t.stride()), "requires_grad": t.requires_grad, "is_leaf": t.is_leaf,
         "grad_fn": t.grad_fn.name() if t.grad_fn is not None else None}
    if not case.get("nodata"):
        d["repr"] = repr(t)
        d["values"] = [encf(v) for v in t.detach().clone().reshape(-1).tolist()]   # clone: materialises ZeroTensors (sgn grad)
    if case.get("graph"):
        d["graph"] = enc_node(t.grad_fn)
    return d


def enc_value(v, case):
    if isinstance(v, torch.Tensor):
        return enc_tensor(v, case)
    if isinstance(v, torch.Size):
        return {"kind": "size", "value": list(v), "repr": repr(v)}
    if isinstance(v, (tuple, list)):
        return {"kind": "seq", "items": [enc_value(x, case) for x in v]}
    if isinstance(v, bool):
        return {"kind": "scalar", "pytype": "bool", "value": v}
    if isinstance(v, int):
        return {"kind": "scalar", "pytype": "int", "value": encf(v)}
    if isinstance(v, float):
        return {"kind": "scalar", "pytype": "float", "value": encf(v)}
    if v is None:
        return {"kind": "none"}
    if isinstance(v, str):
        return {"kind": "str", "value": v}
    if isinstance(v, torch.dtype):
        return {"kind": "dtype", "value": str(v)}
    if hasattr(v, "next_functions"):
        return {"kind": "node", "name": v.name(), "graph": enc_node(v)}
    raise TypeError(f"cannot encode {type(v)}")


def reset_globals():
    torch.set_default_dtype(torch.float32)
    torch.set_printoptions(profile="default", sci_mode=None)
    torch.set_grad_enabled(True)


def run_case(case):
    ns = {"torch": torch, "nan": math.nan, "inf": math.inf}
    reset_globals()
    rec = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                code = compile(case["py"], case["id"], "eval")
                out = eval(code, ns)
            except SyntaxError:
                exec(compile(case["py"], case["id"], "exec"), ns)
                out = ns["out"]
            rec["result"] = enc_value(out, case)
            if case.get("grads"):
                rec["grads"] = {name: (enc_tensor(ns[name].grad, {"nodata": False}) if ns[name].grad is not None else None)
                                for name in case["grads"]}
    except Exception as e:   # noqa: BLE001 - the golden IS the exception
        if rec:
            raise
        rec["error"] = {"type": type(e).__name__, "message": str(e)}
    finally:
        reset_globals()
    return rec


# ---------------------------------------------------------------------------------------------
# PyTorch 2.x overrides (SPEC.md: follow 2.x where it differs from 1.13, and say so)
# ---------------------------------------------------------------------------------------------

# (regex on 1.13's text, 2.x text, applies to, reason). Applied to reprs, grad_fn names, graphs and
# error messages of the cases they match; each application is listed in the case's `torch2`.
TORCH2 = [
    (r"(?<![A-Za-z])NormBackward[01]", "LinalgVectorNormBackward0", "norm",
     "torch.norm / Tensor.norm call torch.linalg.vector_norm in 2.x (torch/functional.py), so the node "
     "is LinalgVectorNormBackward0; 1.13 records NormBackward1"),
    (r"ReshapeAliasBackward0", "ViewBackward0", "reshape",
     "reshape/flatten of a viewable tensor records ViewBackward0 in 2.x (1.13: ReshapeAliasBackward0, "
     "from the _reshape_alias op); the engine follows 2.x"),
    (r"^size mismatch, got (\d+), (\d+)x(\d+),(\d+)$", r"size mismatch, got input (\1), mat (\2x\3), vec (\4)", "mv",
     "2.x's mv shape check reads 'size mismatch, got input (2), mat (2x3), vec (4)' (1.13: "
     "'size mismatch, got 2, 2x3,4')"),
]


def apply_torch2(rec, case):
    applied = []

    def fix(s):
        for pat, rep, tag, reason in TORCH2:
            new = re.sub(pat, rep, s)
            if new != s:
                if tag not in [a["rule"] for a in applied]:
                    applied.append({"rule": tag, "from": re.search(pat, s).group(0), "to": re.sub(pat, rep, re.search(pat, s).group(0)), "reason": reason})
                s = new
        return s

    def walk(v):
        if isinstance(v, dict):
            return {k: (fix(x) if k in ("repr", "grad_fn", "name", "message") and isinstance(x, str) else walk(x)) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v

    rec = walk(rec)
    if applied:
        rec["torch2"] = applied
    return rec


# ---------------------------------------------------------------------------------------------

def main():
    cases = cases_module.build()
    seen = set()
    out_cases = []
    for c in cases:
        if c["id"] in seen:
            raise SystemExit(f"duplicate case id {c['id']}")
        seen.add(c["id"])
        if c.get("ts") is None:
            try:
                ts, ts_source = to_ts(c["py"]), "auto"
            except Untranslatable as e:
                raise SystemExit(f"case {c['id']}: cannot translate ({e}); give `ts` by hand") from None
        else:
            ts, ts_source = c["ts"], "manual"
        try:
            rec = run_case(c)
        except Exception as e:
            raise SystemExit(f"case {c['id']}: the generator failed after the snippet ran: {e!r}") from e
        rec = apply_torch2(rec, c)
        entry = {"id": c["id"], "area": c["area"], "op": c["op"]}
        for k in ("covers",):
            if c.get(k):
                entry[k] = list(c[k])
        entry["py"] = c["py"]
        entry["ts"] = ts
        entry["ts_kind"] = "expr" if _is_expression(c["py"]) else "stmts"
        entry["ts_source"] = ts_source
        entry["tol"] = c["tol"]
        if c.get("grad_tol") and c.get("grads"):
            entry["grad_tol"] = c["grad_tol"]
        if c.get("grads"):
            entry["grads_of"] = list(c["grads"])
        for k in ("check_stride", "nodata", "graph", "note"):
            if c.get(k):
                entry[k] = c[k]
        entry.update(rec)
        out_cases.append(entry)

    cap = [line.strip() for line in torch.__config__.show().splitlines() if "CPU capability usage" in line]
    header = {
        "generator": "test/golden/generate.py (cases in test/golden/cases.py)",
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "cpu_capability": cap[0] if cap else "unknown",
        "generated": None,
        "torch2_note": (
            "Goldens come from PyTorch 1.13 (Debian python3-torch). SPEC.md says to follow 2.x where it "
            "differs; such cases carry `torch2` (rule, 1.13 text, 2.x text, reason). Known differences: "
            "x.norm() grad_fn is LinalgVectorNormBackward0 in 2.x vs NormBackward1 in 1.13; reshape/flatten "
            "of a viewable tensor records ViewBackward0 in 2.x vs ReshapeAliasBackward0 in 1.13 (we follow "
            "2.x); mv's size-mismatch message; Optimizer/Module.zero_grad() defaults to set_to_none=True in "
            "2.x (grads become None, 1.13 zero-fills) - no case here calls zero_grad()."),
        "tolerances": cases_module.TOLERANCES,
        "encoding": 'values are flattened in row-major order; NaN -> "nan", +-Infinity -> "inf"/"-inf", '
                    "integers beyond 2**53 -> decimal strings; -0.0 stays a JSON number",
        "count": len(out_cases),
    }
    doc = {"header": header, "cases": out_cases}

    # Keep the previous date when nothing else changed, so re-running gives identical bytes.
    today = datetime.date.today().isoformat()
    date = today
    if os.path.exists(OUT):
        try:
            with open(OUT) as f:
                old = json.load(f)
            old_date = old["header"].get("generated")
            old["header"]["generated"] = None
            if old == json.loads(json.dumps(doc)):
                date = old_date
        except (ValueError, KeyError):
            pass
    header["generated"] = date
    # One case per line: small files and one-line diffs when a golden changes.
    lines = [json.dumps(c, ensure_ascii=False, allow_nan=False, separators=(",", ":")) for c in out_cases]
    text = ('{"header": ' + json.dumps(header, indent=1, ensure_ascii=False) + ',\n"cases": [\n'
            + ",\n".join(lines) + "\n]}\n")
    with open(OUT, "w") as f:
        f.write(text)
    areas = {}
    for c in out_cases:
        areas[c["area"]] = areas.get(c["area"], 0) + 1
    print(f"wrote {OUT}: {len(out_cases)} cases ({', '.join(f'{a} {n}' for a, n in areas.items())})")


if __name__ == "__main__":
    main()
