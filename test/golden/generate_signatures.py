#!/usr/bin/python3
"""Write test/golden/signatures.json: PyTorch's own parameter lists for its public API, and the
engine's keyword table engine/api/keyword_table.ts derived from them.

Run: /usr/bin/python3 test/golden/generate_signatures.py      (Debian's python3-torch 1.13)

SPEC.md: every PyTorch keyword argument can be passed in a trailing options object, also as the
only argument. Which names are keywords, and in which positional slot each one belongs, is read
from PyTorch itself:
  - `inspect.signature` where it works (functions written in Python: torch.nn.functional,
    torch.autograd, torch.norm, Tensor.backward, optimizers' and modules' constructors),
  - otherwise the signature lines of the docstring (`sum(input, dim, keepdim=False, *, dtype=None)`
    and each `.. function:: sum(...)` overload) of the C++ builtins. A Tensor method whose
    docstring only says "See torch.X" (or gives a looser list, as `Tensor.sum`'s
    `sum(dim=None, keepdim=False, dtype=None)`, where dtype is really keyword-only) takes
    torch.X's overloads without their leading `input`.

Each parameter is recorded with its kind: "positional" (positional or keyword), "keyword"
(keyword-only, after `*`), "varargs" (`*size`), "varkw" (`**kwargs`), and whether it has a default.
The output is deterministic (sorted names, no dates).
"""
import functools
import inspect
import json
import os
import re
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from signature_types import NAME_TYPES, python_param_type, returns_many, schemas, union  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "signatures.json")
TYPES = os.path.join(HERE, "keyword_types.json")
TABLE = os.path.join(ROOT, "engine", "api", "keyword_table.ts")


def split_params(text):
    """Split a docstring's parameter list at top-level commas (defaults may hold brackets)."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def parse_doc_params(text):
    params, keyword_only = [], False
    for p in split_params(text.replace("\\*", "*")):
        if p == "*":
            keyword_only = True
            continue
        if p.startswith("**"):
            params.append({"name": p[2:], "kind": "varkw", "default": False})
            continue
        if p.startswith("*"):
            params.append({"name": p[1:], "kind": "varargs", "default": False})
            keyword_only = True
            continue
        name, _, default = p.partition("=")
        name = name.split(":")[0].strip()
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            return None
        params.append({"name": name, "kind": "keyword" if keyword_only else "positional", "default": bool(default)})
    return params


def doc_overloads(fn, name):
    """Signature lines of a builtin's docstring: the first line and each `.. function::` line."""
    doc = inspect.getdoc(fn) or ""
    out = []
    for line in doc.splitlines():
        s = line.strip()
        if s.startswith(".. function::"):
            s = s[len(".. function::"):].strip()
        elif s.startswith(name + "("):
            pass
        else:
            continue
        m = re.match(r"^" + re.escape(name) + r"\((.*)\)\s*(->.*)?$", s)
        if not m:
            continue
        params = parse_doc_params(m.group(1))
        if params is not None and params not in out:
            out.append(params)
    return out


def inspect_overload(fn, drop_self):
    sig = inspect.signature(fn)
    kinds = {
        inspect.Parameter.POSITIONAL_ONLY: "positional",
        inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
        inspect.Parameter.KEYWORD_ONLY: "keyword",
        inspect.Parameter.VAR_POSITIONAL: "varargs",
        inspect.Parameter.VAR_KEYWORD: "varkw",
    }
    params = [{"name": p.name, "kind": kinds[p.kind], "default": p.default is not inspect.Parameter.empty,
               "type": python_param_type(p), "tuple": returns_many(sig.return_annotation), "none": p.default is None}
              for p in sig.parameters.values()]
    if drop_self and params and params[0]["name"] == "self":
        params = params[1:]
    # Python-level private knobs (softmax's _stacklevel) are not part of the API.
    return [p for p in params if not p["name"].startswith("_")]


def opaque(params):
    """`(*args, **kwargs)`: a dispatching wrapper (torch._jit_internal.boolean_dispatch) hiding the signature."""
    return [p["kind"] for p in params] == ["varargs", "varkw"]


def with_schema_types(overloads, opname):
    """Docstring overloads typed from the op's ATen schemas: each parameter the union of its types
    over the schemas naming it; an overload returns a tuple when a schema holding all its names does."""
    found = schemas(opname)
    for ov in overloads:
        names = {p["name"] for p in ov if p["kind"] != "keyword"}
        matching = [(args, n, kw) for args, n, kw in found if names <= set(args)]
        many = any(n > 1 for _, n, _ in matching)
        # Keyword-only arguments the docstring leaves out (`Tensor.uniform_(from=0, to=1)` also takes `generator=`).
        have = {p["name"] for p in ov}
        for args, _, kw in matching:
            for k in kw:
                if k not in have and not any(p["kind"] == "varkw" for p in ov):
                    have.add(k)
                    ov.append({"name": k, "kind": "keyword", "default": True})
        for p in ov:
            from_schemas = union(*[args.get(p["name"]) for args, _, _ in found])
            if p["name"] == "data":
                # torch.tensor's and torch.as_tensor's data is array_like (lists, numbers, tensors), whatever a schema says.
                p["type"] = "unknown"
            elif p.get("type") in (None, "unknown", "null"):
                p["type"] = union(from_schemas or NAME_TYPES.get(p["name"]) or "unknown", "null" if p.get("none") else None)
            elif from_schemas:
                # A Python default's type (`p='fro'`) is one of the types the schemas take (`Scalar? p`).
                p["type"] = union(p["type"], from_schemas)
            p["tuple"] = p.get("tuple") or many
    return overloads


def signature_of(fn, name, drop_self=False):
    try:
        ov = inspect_overload(fn, drop_self)
        if not opaque(ov) or not doc_overloads(fn, name):
            return {"source": "inspect.signature", "overloads": [ov]}
    except (ValueError, TypeError):
        pass
    overloads = doc_overloads(fn, name)
    if overloads:
        return {"source": "docstring", "overloads": with_schema_types(overloads, name)}
    return None


def torch_function_overloads(name):
    fn = getattr(torch, name, None)
    if fn is None or not callable(fn) or inspect.isclass(fn):
        return None
    return signature_of(fn, name) or functional_fallback(name)


def functional_fallback(name):
    """A torch.X without docstring or signature (torch.softmax in 1.13) that is torch.nn.functional.X
    under another name: F.X's parameters."""
    f = getattr(F, name, None)
    sig = f and signature_of(f, name)
    return sig and {"source": f"inspect.signature of torch.nn.functional.{name}", "overloads": sig["overloads"]}


def method_signature(name):
    """A Tensor method: torch.X's overloads without `input` where torch.X has them, else its own."""
    fn = getattr(torch.Tensor, name)
    try:
        return {"source": "inspect.signature", "overloads": [inspect_overload(fn, True)]}
    except (ValueError, TypeError):
        pass
    base = name[:-1] if name.endswith("_") and not name.endswith("__") else name
    fsig = torch_function_overloads(base)
    if fsig and fsig["source"] == "docstring":
        # Methods have no `out=`.
        ovs = [[p for p in o[1:] if p["name"] != "out"] for o in fsig["overloads"] if o and o[0]["name"] == "input"]
        if ovs:
            return {"source": f"docstring of torch.{base}", "overloads": ovs}
    own = doc_overloads(fn, name)
    if own:
        return {"source": "docstring", "overloads": with_schema_types(own, name)}
    if fsig and fsig["source"].startswith("inspect.signature"):
        ov = fsig["overloads"][0]
        if ov and ov[0]["name"] == "input":
            return {"source": fsig["source"] if " of " in fsig["source"] else f"inspect.signature of torch.{base}", "overloads": [ov[1:]]}
    return None


def public(ns):
    return sorted(n for n in dir(ns) if not n.startswith("_"))


def collect():
    sigs = {}

    def put(key, sig):
        if sig and sig["overloads"]:
            ns, _, name = key.rpartition(".")
            if ns in ("torch", "Tensor") and sig["source"].startswith("inspect.signature"):
                # Python-level torch functions and Tensor methods (Tensor.split) have few annotations: their ATen schemas say more.
                with_schema_types(sig["overloads"], name[:-1] if name.endswith("_") and not name.endswith("__") else name)
            sigs[key] = sig

    for n in public(torch):
        fn = getattr(torch, n)
        if callable(fn) and not inspect.isclass(fn) and not inspect.ismodule(fn):
            put(f"torch.{n}", signature_of(fn, n) or functional_fallback(n))
    for n in public(torch.Tensor):
        if callable(getattr(torch.Tensor, n)):
            put(f"Tensor.{n}", method_signature(n))
    for n in public(F):
        fn = getattr(F, n)
        if inspect.isfunction(fn) or inspect.isbuiltin(fn):
            put(f"nn.functional.{n}", signature_of(fn, n))
    for n in public(torch.nn.init):
        fn = getattr(torch.nn.init, n)
        if inspect.isfunction(fn):
            put(f"nn.init.{n}", signature_of(fn, n))
    for ns, mod in [("autograd", torch.autograd), ("autograd.functional", torch.autograd.functional)]:
        for n in public(mod):
            fn = getattr(mod, n)
            if inspect.isfunction(fn):
                put(f"{ns}.{n}", signature_of(fn, n))
    # Constructors: optimizers, lr schedulers and modules take their keywords in `new X(..., {...})`.
    for ns, mod, base in [("optim", torch.optim, torch.optim.Optimizer),
                          ("optim.lr_scheduler", torch.optim.lr_scheduler, torch.optim.lr_scheduler._LRScheduler),
                          ("nn", torch.nn, torch.nn.Module)]:
        for n in public(mod):
            cls = getattr(mod, n)
            if inspect.isclass(cls) and issubclass(cls, base):
                try:
                    put(f"{ns}.{n}", {"source": "inspect.signature", "overloads": [inspect_overload(cls.__init__, True)]})
                except (ValueError, TypeError):
                    pass
    # Methods of modules and optimizers: `module.zero_grad({set_to_none: true})`, `load_state_dict(sd, {strict: false})`.
    for ns, cls, names in [("nn.Module", torch.nn.Module, MODULE_METHODS), ("optim.Optimizer", torch.optim.Optimizer, OPTIMIZER_METHODS)]:
        for n in names:
            put(f"{ns}.{n}", signature_of(getattr(cls, n), n, drop_self=True))
    return sigs


MODULE_METHODS = ["add_module", "apply", "buffers", "children", "eval", "get_submodule", "load_state_dict", "modules",
                  "named_buffers", "named_children", "named_modules", "named_parameters", "parameters", "register_buffer",
                  "register_forward_hook", "register_forward_pre_hook", "register_module", "register_parameter",
                  "requires_grad_", "state_dict", "to", "train", "zero_grad"]
OPTIMIZER_METHODS = ["add_param_group", "load_state_dict", "state_dict", "step", "zero_grad"]


BOGUS = "zz_bogus_keyword"


def callable_of(key):
    """The PyTorch object behind a table key, and how to call it (bound method, constructor or function)."""
    ns, _, name = key.rpartition(".")
    if ns == "Tensor":
        # Through the class, as `x.exp(dims=1)` calls it: a bound method object words its errors
        # differently (`Tensor.exp()` instead of `_TensorBase.exp()`).
        f = getattr(torch.Tensor, name, None)
        return f and functools.partial(f, torch.ones(2, 3))
    if ns == "nn.Module":
        return getattr(torch.nn.Linear(2, 2), name, None)
    if ns == "optim.Optimizer":
        return getattr(torch.optim.SGD([torch.ones(1, requires_grad=True)], lr=0.1), name, None)
    mod = {"torch": torch, "nn.functional": F, "nn.init": torch.nn.init, "autograd": torch.autograd,
           "autograd.functional": torch.autograd.functional, "optim": torch.optim,
           "optim.lr_scheduler": torch.optim.lr_scheduler, "nn": torch.nn}.get(ns)
    return mod and getattr(mod, name, None)


def unexpected_keyword_error(key, sig):
    """How PyTorch words an unknown keyword for `key` (BOGUS stands for the name): Python functions say
    `<qualname>() got an unexpected keyword argument`; builtins say it when they have one signature,
    `<Class>.<name>() takes no keyword arguments` when they take none, and otherwise list their
    signatures after `received an invalid combination of arguments` (read from a real call)."""
    fn = callable_of(key)
    if fn is None:
        return None
    if sig["source"].startswith("inspect.signature") and not sig["source"].startswith("inspect.signature of"):
        target = fn.__init__ if inspect.isclass(fn) else getattr(fn, "func", fn)
        return "py:" + getattr(target, "__qualname__", key.rpartition(".")[2])
    x = torch.ones(2, 3)
    # Some builtins word a keyword given with no positional argument differently
    # (`add() received an invalid combination of arguments - got unrecognized keyword arguments: zz`):
    # "unrec:<that message>\n<the usual form>".
    unrec = ""
    for args in [(), (x,), (x, x)]:
        try:
            fn(*args, **{BOGUS: 1})
        except Exception as e:  # noqa: BLE001 - any message is a candidate
            msg = str(e)
        else:
            continue
        if not args and "got unrecognized keyword arguments" in msg:
            unrec = "unrec:" + msg.replace(BOGUS, "{name}") + "\n"
        if "takes no keyword arguments" in msg or "got an unexpected keyword argument" in msg:
            return unrec + "text:" + msg.replace(BOGUS, "{name}")
        if "but expected one of:" in msg:
            lines = [ln for ln in msg.split("but expected one of:\n", 1)[1].splitlines() if ln.startswith(" * ")]
            return unrec + "multi:" + msg.split("()", 1)[0] + "\n" + "\n".join(lines)
    return unrec + "text:" + key.rpartition(".")[2] + "() got an unexpected keyword argument '{name}'"


UNEXPECTED = os.path.join(HERE, "unexpected_keywords.json")


def unexpected_keyword_cases(sigs):
    """What PyTorch says when each callable gets one misspelled keyword and nothing else (the first
    keyword name plus "s": `x.sum(dims=1)`, `F.cross_entropy(inputs=1)`, `nn.Linear(in_featuress=1)`).
    Kept where PyTorch's answer is about the keyword (a builtin with one signature first reports
    its missing arguments instead)."""
    cases = {}
    for key in sorted(sigs):
        names = keyword_names(sigs[key], key)
        fn = callable_of(key)
        if fn is None or names is None:
            continue
        bad = (names[0] if names else "dim") + "s"
        while bad in names:
            bad += "s"
        try:
            fn(**{bad: 1})
        except Exception as e:  # noqa: BLE001 - the message is the golden
            msg = str(e)
        else:
            continue
        if any(w in msg for w in ("unexpected keyword argument", "takes no keyword arguments", "invalid combination of arguments")):
            cases[key] = {"keyword": bad, "message": msg}
    return cases


def keyword_names(sig, key=""):
    """Every name PyTorch accepts as a keyword (over all overloads, and for builtins over all their
    ATen schemas: the docstrings leave some out, as `Tensor.var`'s `correction`), or None when it takes **kwargs."""
    names = []
    ns, _, name = key.rpartition(".")
    if ns in ("torch", "Tensor") and not sig["source"].startswith("inspect.signature"):
        base = name[:-1] if name.endswith("_") and not name.endswith("__") else name
        for args, _, _ in schemas(base) + schemas(name):
            for n in args:
                if n != "input" and n not in names:
                    names.append(n)
    for ov in sig["overloads"]:
        for p in ov:
            if p["kind"] == "varkw":
                return None
            # A Python function's *args cannot be named; a builtin's `*size` can (`torch.zeros(size=(2, 3))`).
            if p["kind"] == "varargs" and sig["source"].startswith("inspect.signature"):
                continue
            if p["name"] not in names:
                names.append(p["name"])
    return names


def write_table(sigs):
    """The engine's runtime table: per callable (and constructor), each overload's positional parameter names (a
    `*varargs` name included: its values come as one array), in order; keyword-only names are
    left out, as the engine reads those from the options object itself."""
    rows, known = [], []
    for key in sorted(sigs):
        if not key.startswith(("torch.", "Tensor.", "nn.", "autograd.", "optim.")):
            continue
        ovs = []
        for ov in sigs[key]["overloads"]:
            names = [p["name"] for p in ov if p["kind"] in ("positional", "varargs")]
            if names not in ovs:
                ovs.append(names)
        if any(ovs):
            rows.append(f"  {json.dumps(key)}: {json.dumps(ovs, separators=(',', ':'))},")
        names = keyword_names(sigs[key], key)
        err = unexpected_keyword_error(key, sigs[key])
        if err:
            known.append(f"  {json.dumps(key)}: {json.dumps([names, err], separators=(',', ':'))},")
    os.makedirs(os.path.dirname(TABLE), exist_ok=True)
    with open(TABLE, "w") as f:
        f.write("// GENERATED by test/golden/generate_signatures.py from PyTorch " + torch.__version__.split("a")[0]
                + "'s signatures: do not edit.\n")
        f.write("// Per public callable, each overload's positional parameter names in order (Python's\n"
                "// keyword-capable slots); engine/api/keywords.ts binds a trailing options object to them.\n")
        # A JSON text, not an object literal: the cell compiler type-checks the engine's sources, and a
        # string costs it nothing where a thousand-entry literal would be inferred on every program.
        f.write("export const KEYWORD_TABLE: Record<string, readonly (readonly string[])[]> = JSON.parse(`{\n")
        f.write("\n".join(rows).rstrip(",") + "\n}`);\n")
        f.write("// Per callable, every name PyTorch takes as a keyword (null: it takes **kwargs), and how PyTorch\n"
                "// words an unknown one: \"py:<qualname>\" (a Python function), \"text:<message with {name}>\", or\n"
                "// \"multi:<name>\\n<its signatures>\" (a builtin's `received an invalid combination of arguments`).\n")
        f.write("export const KEYWORD_NAMES: Record<string, readonly [readonly string[] | null, string]> = JSON.parse(`{\n")
        f.write("\n".join(known).rstrip(",").replace("\\", "\\\\").replace("`", "\\`") + "\n}`);\n")
    return len(rows)


def compact(sig):
    """One overload as Python writes its parameters: `name`, `name=` (has a default), `*` before
    keyword-only ones, `*name` (varargs), `**name`."""
    ovs = []
    for ov in sig["overloads"]:
        toks, star = [], False
        for p in ov:
            if p["kind"] == "keyword" and not star:
                toks.append("*")
                star = True
            if p["kind"] == "varargs":
                toks.append("*" + p["name"])
                star = True
            elif p["kind"] == "varkw":
                toks.append("**" + p["name"])
            else:
                toks.append(p["name"] + ("=" if p["default"] else ""))
        ovs.append(toks)
    return {"source": sig["source"], "overloads": ovs}


def typed(sigs):
    """keyword_types.json: per callable, each overload as [[name, kind, required, TypeScript type], ...]
    and whether it returns a tuple (for engine/api/keyword_types.ts, written by generate_keyword_types.ts)."""
    out = {}
    for key in sorted(sigs):
        ovs = []
        for ov in sigs[key]["overloads"]:
            params = [[p["name"], p["kind"], not p["default"], p.get("type") or "unknown"] for p in ov]
            ovs.append({"params": params, "tuple": any(p.get("tuple") for p in ov)})
        out[key] = ovs
    return out


def main():
    sigs = collect()
    header = {
        "about": "PyTorch's parameter lists for its public callables (torch, Tensor methods, nn.functional, nn.init, "
                 "autograd, optimizer/lr_scheduler/module constructors), from inspect.signature where it works and the "
                 "docstrings' signature lines where it does not. Written by generate_signatures.py.",
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "encoding": "each overload lists its parameters as Python writes them: name (positional or keyword), "
                    "name= (with a default), * (the rest are keyword-only), *name (varargs), **name (varkw)",
    }
    with open(OUT, "w") as f:
        f.write('{"header": ' + json.dumps(header, indent=1, sort_keys=True) + ',\n"signatures": {\n')
        f.write(",\n".join(f" {json.dumps(k)}: {json.dumps(compact(sigs[k]))}" for k in sorted(sigs)))
        f.write("\n}}\n")
    with open(TYPES, "w") as f:
        f.write(json.dumps(typed(sigs), indent=0, sort_keys=True) + "\n")
    cases = unexpected_keyword_cases(sigs)
    with open(UNEXPECTED, "w") as f:
        f.write(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1, sort_keys=True) + "\n")
    n = write_table(sigs)
    by_source = {}
    for s in sigs.values():
        by_source[s["source"].split(" of ")[0]] = by_source.get(s["source"].split(" of ")[0], 0) + 1
    print(f"wrote {OUT}: {len(sigs)} signatures {by_source}; {TABLE}: {n} rows")


if __name__ == "__main__":
    main()
