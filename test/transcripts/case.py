"""Shared helper for transcript case modules: `case(name, py, ts)` appends to that module's CASES."""


def make_case_list():
    cases = []

    def case(name, py, ts, note=""):
        cases.append({"name": name, "py": py.strip("\n"), "ts": ts.strip("\n"), "note": note})

    return cases, case
