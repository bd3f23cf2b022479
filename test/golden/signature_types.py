"""TypeScript types for PyTorch's parameters, for generate_signatures.py (keyword_types.json).

Each parameter's type comes from what PyTorch itself says about it, first that answers:
  - the ATen schemas of the builtin (`aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False,
    *, ScalarType? dtype=None) -> Tensor`), the union over every schema naming the parameter
    (named-tensor overloads and `out=` variants left out: gradlab has neither),
  - the Python annotation (`reduction: str = 'mean'`, `Optional[torch.Tensor]`),
  - the type of the default value (`momentum=0` is a number, `betas=(0.9, 0.999)` a pair),
  - a short table by name for unannotated parameters whose default is None (NAME_TYPES),
and is `unknown` otherwise (the key is still checked). Types are written with the engine's names
(Tensor, DType, DeviceLike, Generator, Scalar); keyword_types.ts imports them.
"""
import collections.abc
import inspect
import re
import typing

import torch

SCHEMA_BASE = {
    "Tensor": "Tensor", "int": "number", "SymInt": "number", "float": "number", "bool": "boolean",
    "Scalar": "Scalar", "str": "string", "ScalarType": "DType", "Device": "DeviceLike", "Generator": "Generator",
    "Layout": "unknown", "MemoryFormat": "unknown", "number": "number",
}

# Unannotated Python parameters (optimizers, autograd.functional, modules) whose default says nothing.
NAME_TYPES = {
    "dtype": "DType", "device": "DeviceLike", "func": "(...inputs: Tensor[]) => Tensor | Tensor[]",
    "inputs": "Tensor | Tensor[]", "v": "Tensor | Tensor[]", "gradient": "Tensor", "grad_tensors": "Tensor | Tensor[]",
    "generator": "Generator", "weight": "Tensor", "bias": "Tensor", "pos_weight": "Tensor", "out": None,
    "lr": "number", "foreach": "boolean", "capturable": "boolean", "fused": "boolean", "maximize": "boolean",
    "differentiable": "boolean", "size_average": "boolean", "reduce": "boolean", "eps": "number",
    "requires_grad": "boolean", "pin_memory": "boolean", "retain_graph": "boolean", "layout": "unknown", "dim": "number",
}


def union(*types):
    atoms = []
    for t in types:
        if t is None:
            continue
        for a in split_union(t):
            if a not in atoms:
                atoms.append(a)
    if not atoms:
        return None
    if "unknown" in atoms:
        return "unknown"
    return " | ".join(atoms)


def split_union(t):
    out, depth, cur = [], 0, ""
    for ch in t:
        depth += ch in "([{<"
        depth -= ch in ")]}>"
        if ch == "|" and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    out.append(cur.strip())
    return [a for a in out if a]


def array_of(el):
    return f"({el})[]" if "|" in el or "=>" in el else f"{el}[]"


def schema_type(t):
    """An ATen schema type (`int[1]?`, `Tensor(a!)`, `Tensor?[]`) as TypeScript, or None (Dimname: not in gradlab)."""
    t = re.sub(r"\([^)]*\)", "", t).strip()
    if t.endswith("?"):
        inner = schema_type(t[:-1])
        return inner and union(inner, "null")
    m = re.match(r"^(.*)\[(\d*)\]$", t)
    if m:
        el = schema_type(m.group(1))
        if el is None:
            return None
        # `int[1]` takes one int or a list of them (`dim=1` or `dim=(0, 1)`); `int[2]` one or two.
        return union(el, array_of(el)) if m.group(2) else array_of(el)
    return SCHEMA_BASE.get(t)


def split_top(text):
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def schemas(opname):
    """The non-`out`, non-named-tensor schemas of aten::opname: [(args {name: ts}, number of returns, keyword-only names)]."""
    try:
        found = torch._C._jit_get_schemas_for_operator("aten::" + opname)
    except RuntimeError:
        return []
    out = []
    for s in found:
        text = str(s)
        m = re.match(r"^[\w:.]+\((.*)\) -> (.*)$", text)
        # Named-tensor overloads (`max.names_dim(Tensor self, str dim)`) and `out=` variants are not gradlab's.
        if not m or "name" in s.overload_name.lower() or "out" in s.overload_name or "Dimname" in text:
            continue
        args, ok, kwonly, star = {}, True, [], False
        for a in split_top(m.group(1)):
            if a == "*":
                star = True
                continue
            typ, _, rest = a.rpartition(" ")
            name = rest.split("=")[0]
            ts = schema_type(typ)
            if ts is None and name not in ("out",):
                # Named-tensor (`str[1] dim`) and list-of-any overloads (`aten::sum.int(int[] self)`) are not gradlab's.
                ok = False
                break
            args["input" if name == "self" else name] = ts
            if star and name != "out":
                kwonly.append(name)
        rets = m.group(2).strip()
        n_ret = 0 if rets == "()" else len(split_top(rets[1:-1])) if rets.startswith("(") else 1
        if ok and args.get("input", "Tensor") is not None and "Tensor" in (args.get("input") or "Tensor"):
            out.append((args, n_ret, kwonly))
    return out


def annotation_type(a):
    if a is inspect.Parameter.empty or a is typing.Any:
        return None
    if isinstance(a, str):
        return {"Tensor": "Tensor", "torch.Tensor": "Tensor", "int": "number", "float": "number", "bool": "boolean", "str": "string"}.get(a)
    if a is type(None):
        return "null"
    if isinstance(a, type):
        if issubclass(a, torch.Tensor):
            return "Tensor"
        if a is bool:
            return "boolean"
        if a in (int, float):
            return "number"
        if a is str:
            return "string"
        if a is torch.dtype:
            return "DType"
        if a is torch.device:
            return "DeviceLike"
        if a is torch.Generator:
            return "Generator"
        return None
    origin, args = typing.get_origin(a), typing.get_args(a)
    if origin is typing.Union:
        parts = [annotation_type(x) for x in args]
        return None if any(p is None for p in parts) else union(*parts)
    if origin in (list, tuple, collections.abc.Sequence, collections.abc.Iterable):
        if not args:
            return "unknown[]"
        if origin is tuple and (len(args) != 2 or args[1] is not Ellipsis):
            parts = [annotation_type(x) for x in args]
            return None if any(p is None for p in parts) else "[" + ", ".join(parts) + "]"
        el = annotation_type(args[0])
        return el and array_of(el)
    if origin is collections.abc.Callable:
        return "(...args: never[]) => unknown"
    return None


def default_type(d):
    if d is inspect.Parameter.empty or d is None:
        return None
    if isinstance(d, bool):
        return "boolean"
    if isinstance(d, (int, float)):
        return "number"
    if isinstance(d, str):
        return "string"
    if isinstance(d, torch.dtype):
        return "DType"
    if isinstance(d, (tuple, list)) and d and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in d):
        return "[" + ", ".join("number" for _ in d) + "]" if isinstance(d, tuple) else "number[]"
    if type(d).__name__ == "_RequiredParameter":  # optim's `lr=required`
        return "number"
    return None


def python_param_type(p):
    """A Python parameter's type: annotation, else its default's type, else by name; `| null` when it defaults to None."""
    # nn.functional annotates dtype as `DType = int`: the name says what it is.
    by_name = NAME_TYPES.get(p.name) if p.name in ("dtype", "device") else None
    t = by_name or annotation_type(p.annotation) or default_type(p.default) or NAME_TYPES.get(p.name) or "unknown"
    if p.default is None:
        t = union(t, "null")
    return t


def returns_many(annotation):
    return typing.get_origin(annotation) is tuple
