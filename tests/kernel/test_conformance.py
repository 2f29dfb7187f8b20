"""jupyter_kernel_test's protocol suite with every sample attribute set (issue 2)."""
import unittest

import jupyter_kernel_test

from conftest import KERNEL_NAME


class WhetstoneKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("some error")'

    completion_samples = [
        {"text": "Math.ab", "matches": {"abs"}},
        {"text": "const longVariableName = 1; longVariableNa", "matches": {"longVariableName"}},
    ]
    complete_code_samples = ["1 + 1", "const x = 1;", "function f() { return 1 }"]
    incomplete_code_samples = ["function f() {", "const a = [1, 2,", "if (true) {\n  console.log(1)"]
    invalid_code_samples = ["1 +* 2", "const = 5", "let x = );"]

    code_generate_error = 'throw new Error("expected failure")'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'a' + 'b'", "result": "'ab'"},
        {"code": "[1, 2, 3].map((x) => x * 2)", "result": "[ 2, 4, 6 ]"},
    ]
    code_display_data = [
        {"code": 'display.html("<b>bold</b>")', "mime": "text/html"},
        {"code": 'display.markdown("*hi*")', "mime": "text/markdown"},
        {"code": 'display.svg("<svg xmlns=\'http://www.w3.org/2000/svg\'></svg>")', "mime": "image/svg+xml"},
    ]
    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"
    code_clear_output = "clearOutput()"
    code_page_something = "Math.max?"


if __name__ == "__main__":
    unittest.main()
