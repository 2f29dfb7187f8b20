"""Helpers for driving a Whetstone kernel through jupyter_client in the probe tests."""
import time
from dataclasses import dataclass, field

from jupyter_client.manager import start_new_kernel

from conftest import KERNEL_NAME


@dataclass
class Execution:
    reply: dict
    outputs: list = field(default_factory=list)

    @property
    def status(self):
        return self.reply["content"]["status"]

    def of_type(self, msg_type):
        return [m for m in self.outputs if m["msg_type"] == msg_type]

    def stdout(self):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stdout")

    def stderr(self):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stderr")

    def result_text(self):
        results = self.of_type("execute_result")
        return results[0]["content"]["data"]["text/plain"] if results else None


def start():
    return start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=90)


def collect(kc, msg_id, timeout=60):
    """iopub messages for one request, up to and including its idle status."""
    outputs = []
    deadline = time.time() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                return outputs
            continue
        outputs.append(msg)


def reply_to(kc, msg_id, timeout=60):
    """The shell reply to one request (skipping stale replies, e.g. extra kernel_info replies from start-up)."""
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply


def execute(kc, code, timeout=60, **kwargs):
    msg_id = kc.execute(code, **kwargs)
    reply = reply_to(kc, msg_id, timeout)
    return Execution(reply, collect(kc, msg_id, timeout))
