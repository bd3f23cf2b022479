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
            {"code": "torch.tensor([1., 2., 3.]).sum()", "result": "tensor(6.)"},
            {"code": "2 * torch.dot(torch.ones(2), torch.ones(2))", "result": "tensor(4.)"},
        ]
        code_history_pattern = "1 ?*"
        code_display_data = [
            {"code": 'display.html("<b>hi</b>")', "mime": "text/html"},
            {"code": 'display.markdown("*hi*")', "mime": "text/markdown"},
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
    """Report each test and subtest as a CHECK line."""

    def startTest(self, test):
        super().startTest(test)
        self._t0 = time.time()
        self._failed = False

    def _name(self, test):
        return test.id().split(".")[-1]

    def addSuccess(self, test):
        emit(self._name(test), True, "", time.time() - self._t0)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        emit(self._name(test), False, self._exc_info_to_string(err, test), time.time() - self._t0)

    addError = addFailure

    def addSkip(self, test, reason):
        emit(self._name(test), False, f"skipped: {reason}", time.time() - self._t0)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            super().addSubTest(test, subtest, err)
            emit(f"{self._name(test)} {subtest._subDescription()}", False, self._exc_info_to_string(err, test), time.time() - self._t0)


if __name__ == "__main__":
    if "--list" in sys.argv:
        print("\n".join(n for n in unittest.defaultTestLoader.getTestCaseNames(GradlabKernelTests)))
        sys.exit(0)
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(GradlabKernelTests)
    result = Emitting()
    suite.run(result)
    sys.exit(0 if result.wasSuccessful() else 1)
