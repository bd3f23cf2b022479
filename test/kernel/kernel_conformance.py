#!/usr/bin/python3
"""The Jupyter project's kernel conformance suite (Debian's python3-jupyter-kernel-test) run
against a gradlab kernel, with every sample filled in.

    GRADLAB_KERNEL=gradlab GRADLAB_SESSION=real kernel_conformance.py

GRADLAB_SESSION=fake uses plain-JavaScript samples for the fake-session kernel; `real` uses
TypeScript with torch. Prints one `CHECK {json}` line per test (subtests included).
"""
import os
import sys
import time
import unittest

import jupyter_kernel_test

sys.path.insert(0, os.path.dirname(__file__))
from harness import emit  # noqa: E402

REAL = os.environ.get("GRADLAB_SESSION", "real") == "real"


class GradlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("GRADLAB_KERNEL", "gradlab")
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'console.error("oops")'
    complete_code_samples = ["1 + 1", 'print("x")', "for (let i = 0; i < 3; i++) {}"]
    incomplete_code_samples = ["function f(x) {", "for (let i = 0; i < 3; i++) {", "const a = ["]
    invalid_code_samples = ["1 +* )", "let = = 5"]
    code_generate_error = 'throw new Error("boom")'
    code_clear_output = "clear_output()"
    supported_history_operations = ("tail", "range", "search")

    if REAL:
        completion_samples = [{"text": "torch.zeros_l", "matches": {"zeros_like"}}, {"text": "torch.ones"}]
        code_page_something = "torch.ones?"
        code_execute_result = [
            {"code": "1 + 2", "result": "3"},
            # NOTE: JavaScript has no float literals: `1.` is the integer 1, so say 1.5 or use dtype.
            {"code": "torch.tensor([1.5, 2.5, 3.0]).sum()", "result": "tensor(7.)"},
            {"code": "2 * torch.dot(torch.ones(2), torch.ones(2))", "result": "tensor(4.)"},
        ]
        code_history_pattern = "1 ?*"
        code_display_data = [
            {"code": "display(torch.ones(2))", "mime": "text/plain"},
            {"code": "display.html('<b>hi</b>')", "mime": "text/html"},
            {"code": "display.markdown('# hi')", "mime": "text/markdown"},
            {"code": "display.latex('$x$')", "mime": "text/latex"},
            {"code": "display.svg('<svg xmlns=\"http://www.w3.org/2000/svg\"/>')", "mime": "image/svg+xml"},
            {"code": "display.json({a: 1})", "mime": "application/json"},
        ]
        code_inspect_sample = "torch.ones"
    else:
        completion_samples = [{"text": "clear_o", "matches": {"clear_output"}}]
        code_page_something = "print?"
        code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": "'a' + 'b'", "result": "'ab'"}]
        code_history_pattern = "6 ?*"
        code_display_data = [{"code": "display.html('<b>hi</b>')", "mime": "text/html"}]
        code_inspect_sample = "print"


class Emitting(unittest.TestResult):
    """Report each test as one CHECK line; failed subtests are listed in its detail."""

    def startTest(self, test):
        super().startTest(test)
        self._t0 = time.time()
        self._problems = []
        self._skipped = None

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._problems.append(self._exc_info_to_string(err, test))

    addError = addFailure

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._skipped = reason

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._problems.append(f"{subtest._subDescription()}: {self._exc_info_to_string(err, test)}")

    def stopTest(self, test):
        super().stopTest(test)
        name = test.id().split(".")[-1]
        if self._skipped is not None:
            emit(name, False, f"skipped (a sample is missing): {self._skipped}", time.time() - self._t0)
        else:
            emit(name, not self._problems, "\n".join(self._problems), time.time() - self._t0)


if __name__ == "__main__":
    if "--list" in sys.argv:
        print("\n".join(n for n in unittest.defaultTestLoader.getTestCaseNames(GradlabKernelTests)))
        sys.exit(0)
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(GradlabKernelTests)
    result = Emitting()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
