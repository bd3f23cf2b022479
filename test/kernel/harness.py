"""Helpers for driving a gradlab kernel through the real jupyter_client (Debian's package).

A Harness starts one kernel with KernelManager and a BlockingKernelClient and offers
execute-and-collect helpers that match iopub messages to their parent request.
"""
import json
import os
import queue
import time

import zmq
from jupyter_client.manager import KernelManager

TIMEOUT = 30


class Harness:
    def __init__(self, kernel_name, transport="tcp"):
        self.km = KernelManager(kernel_name=kernel_name, transport=transport)
        if transport == "ipc":
            self.km.ip = os.path.join(os.environ.get("GRADLAB_TEST_TMP", "/tmp"), f"gradlab-ipc-{os.getpid()}")
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        self.flush()

    @property
    def pid(self):
        return self.km.provisioner.process.pid

    def close(self):
        try:
            self.kc.stop_channels()
        finally:
            if self.km.is_alive():
                self.km.shutdown_kernel(now=False)

    def flush(self):
        for get in (self.kc.get_shell_msg, self.kc.get_iopub_msg):
            while True:
                try:
                    get(timeout=0.05)
                except queue.Empty:
                    break

    def shell_reply(self, msg_id, timeout=TIMEOUT):
        deadline = time.time() + timeout
        while True:
            msg = self.kc.get_shell_msg(timeout=max(0.01, deadline - time.time()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def iopub_until_idle(self, msg_id, timeout=TIMEOUT):
        """All iopub messages with this parent, through its `idle` status."""
        out = []
        deadline = time.time() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.01, deadline - time.time()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            msg["_received"] = time.time()
            out.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return out

    def execute(self, code, timeout=TIMEOUT, **kw):
        msg_id = self.kc.execute(code, **kw)
        reply = self.shell_reply(msg_id, timeout)
        return reply, self.iopub_until_idle(msg_id, timeout)

    def request(self, msg_type, content=None, channel="shell", timeout=TIMEOUT):
        msg = self.kc.session.msg(msg_type, content or {})
        getattr(self.kc, f"{channel}_channel").send(msg)
        deadline = time.time() + timeout
        get = getattr(self.kc, f"get_{channel}_msg")
        while True:
            reply = get(timeout=max(0.01, deadline - time.time()))
            if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                return msg, reply

    def value(self, code):
        """text/plain of a cell's execute_result (or the error), as a string."""
        reply, msgs = self.execute(code)
        if reply["content"]["status"] != "ok":
            return f"{reply['content'].get('ename')}: {reply['content'].get('evalue')}"
        for m in msgs:
            if m["msg_type"] == "execute_result":
                return m["content"]["data"]["text/plain"]
        return None

    def url(self, channel):
        info = self.km.get_connection_info()
        port = info[f"{channel}_port"]
        if info["transport"] == "ipc":
            return f"ipc://{info['ip']}-{port}"
        return f"tcp://{info['ip']}:{port}"

    def raw_socket(self, channel, kind=zmq.DEALER):
        sock = zmq.Context.instance().socket(kind)
        sock.linger = 0
        sock.connect(self.url(channel))
        return sock


def stream_text(msgs, name="stdout"):
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def types(msgs):
    return [m["msg_type"] for m in msgs]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    return True


def wait_until(pred, timeout, step=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(step)
    return pred()


def emit(name, ok, detail="", seconds=0.0):
    print("CHECK " + json.dumps({"check": name, "ok": bool(ok), "detail": str(detail)[:4000], "seconds": round(seconds, 3)}), flush=True)
