#!/usr/bin/python3
"""iopub under bursts, through the real jupyter_client: no message is ever lost, every request
ends with its `idle`, and output the kernel merges shows the same as output it does not merge.

    iopub_checks.py --kernel gradlab-fake [--fake] [--only NAME,...]

Prints one `CHECK {json}` line per check (test/kernel/jupyter_clients.test.ts asserts on them).
Floods run on kernels started with GRADLAB_IOPUB_FLUSH_MS=0 (every print, clear_output and
update is its own message, nothing merged), so the count of messages is exact; the clients
read slowly on purpose (ZeroMQ's queues fill, and a PUB socket drops what does not fit).
"""
import argparse
import json
import os
import queue
import signal
import tempfile
import threading
import time
import traceback

import zmq
from jupyter_client.manager import KernelManager

from harness import Harness, emit, rss_kib, stream_text, wait_until

CHECKS = []
DELIM = b"<IDS|MSG>"


def check(fake_only=False, real_only=False):
    def register(fn):
        CHECKS.append((fn.__name__, fn, fake_only, real_only))
        return fn
    return register


class Kernel(Harness):
    """A Harness whose kernel gets extra environment, its stderr kept in a file. Its history
    stays in memory: these cells must not turn up in other drivers' history searches."""

    def __init__(self, kernel_name, **env):
        self.km = KernelManager(kernel_name=kernel_name)
        self.stderr = tempfile.NamedTemporaryFile("w+", prefix="gradlab-kernel-stderr-", delete=False)
        self.km.start_kernel(env={**os.environ, "GRADLAB_HISTORY_FILE": ":memory:", **env}, stderr=self.stderr)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        self.flush()

    def log(self):
        with open(self.stderr.name) as f:
            return f.read()

    def close(self):
        try:
            super().close()
        finally:
            os.unlink(self.stderr.name)

    def raw_readers(self, n):
        """n RawReaders in place of the client's own iopub channel (which would be one more
        subscriber, reading nothing while they read)."""
        self.kc.iopub_channel.stop()
        readers = [RawReader(self) for _ in range(n)]
        time.sleep(0.5)  # the subscriptions reach the kernel
        return readers


class RawReader:
    """An iopub subscriber of its own that skips jupyter_client's full deserialization (fast
    enough for 100,000 messages): msg_type and content of each message of one request, in order."""

    def __init__(self, h):
        self.sock = zmq.Context.instance().socket(zmq.SUB)
        self.sock.linger = 0
        self.sock.setsockopt(zmq.SUBSCRIBE, b"")
        self.sock.connect(h.url("iopub"))

    def close(self):
        self.sock.close()

    def until_idle(self, msg_id, timeout=60, pause_every=0, pause=0.0, start_after=0.0):
        time.sleep(start_after)
        out = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            if not self.sock.poll(200):
                continue
            frames = self.sock.recv_multipart()
            i = frames.index(DELIM)
            header, parent, content = json.loads(frames[i + 2]), json.loads(frames[i + 3]), json.loads(frames[i + 5])
            if parent.get("msg_id") != msg_id:
                continue
            out.append((header["msg_type"], content))
            if pause_every and len(out) % pause_every == 0:
                time.sleep(pause)
            if header["msg_type"] == "status" and content["execution_state"] == "idle":
                return out
        raise AssertionError(f"no idle within {timeout} s; {len(out)} messages arrived, the last: {out[-3:]}")


def slow_jupyter_client_read(h, msg_id, start_after=2.0, pause_every=500, pause=0.05, timeout=60):
    """Every message through jupyter_client's own get_iopub_msg, starting late and pausing."""
    time.sleep(start_after)
    out = []
    deadline = time.time() + timeout
    while True:
        m = h.kc.get_iopub_msg(timeout=max(0.01, deadline - time.time()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        out.append((m["msg_type"], m["content"]))
        if pause_every and len(out) % pause_every == 0:
            time.sleep(pause)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return out


# One cell with every kind of message a progress display sends: prints, clear_output(wait) +
# print pairs, and display updates; `n` rounds of 4 messages each.
MIXED = """
var h = display('start');
for (let i = 0; i < %d; i++) { print('p' + i); clear_output(true); print('c' + i); h.update('u' + i); }
"""


def expect_mixed(msgs, rounds):
    """Exactly the messages MIXED(rounds) sends, in order, then `idle`."""
    kinds = [t for t, _ in msgs]
    assert kinds[0] == "status" and msgs[0][1]["execution_state"] == "busy", kinds[:3]
    assert kinds[-1] == "status" and msgs[-1][1]["execution_state"] == "idle", kinds[-3:]
    body = [(t, c) for t, c in msgs if t not in ("status", "execute_input")]
    assert body[0][0] == "display_data", body[:2]
    body = body[1:]
    expected = 4 * rounds
    assert len(body) == expected, f"{len(body)} of {expected} output messages arrived ({expected - len(body)} lost)"
    for i in range(rounds):
        p, c, s, u = body[4 * i: 4 * i + 4]
        assert p == ("stream", {"name": "stdout", "text": f"p{i}\n"}), (i, p)
        assert c == ("clear_output", {"wait": True}), (i, c)
        assert s == ("stream", {"name": "stdout", "text": f"c{i}\n"}), (i, s)
        assert u[0] == "update_display_data" and u[1]["data"]["text/plain"] == f"u{i}", (i, u)
    return len(msgs)


@check(fake_only=True)
def flood_10k_read_after_the_reply(a):
    """10,000 output messages; the client waits for the execute_reply (on shell) first, then
    reads iopub through jupyter_client's get_iopub_msg, pausing now and then."""
    h = Kernel(a.kernel, GRADLAB_IOPUB_FLUSH_MS="0")
    try:
        msg_id = h.kc.execute(MIXED % 2500)
        assert h.shell_reply(msg_id, timeout=60)["content"]["status"] == "ok"
        msgs = slow_jupyter_client_read(h, msg_id, start_after=0.5)
        n = expect_mixed(msgs, 2500)
        return f"all {n} iopub messages arrived, in order, through the idle"
    finally:
        h.close()


@check(fake_only=True)
def flood_100k_two_clients(a):
    """100,000 output messages to two subscribed clients, one reading slowly: both get them all."""
    h = Kernel(a.kernel, GRADLAB_IOPUB_FLUSH_MS="0")
    fast, slow = h.raw_readers(2)
    try:
        results, errors = {}, []

        def read(name, reader, **kw):
            try:
                results[name] = reader.until_idle(msg_id, timeout=120, **kw)
            except Exception as e:  # noqa: BLE001 (reported below)
                errors.append(f"{name}: {e}")

        msg_id = h.kc.execute(MIXED % 25000)
        threads = [
            threading.Thread(target=read, args=("fast", fast)),
            threading.Thread(target=read, args=("slow", slow), kwargs={"start_after": 1.0, "pause_every": 5000, "pause": 0.1}),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        counts = {name: expect_mixed(msgs, 25000) for name, msgs in results.items()}
        assert h.shell_reply(msg_id)["content"]["status"] == "ok"
        return f"both clients got every message: {counts}"
    finally:
        fast.close()
        slow.close()
        h.close()


@check(fake_only=True)
def every_request_ends_idle_under_a_flood(a):
    """Requests sent while a flood fills iopub (kernel_info, complete) still get busy and idle."""
    h = Kernel(a.kernel, GRADLAB_IOPUB_FLUSH_MS="0")
    (reader,) = h.raw_readers(1)
    try:
        flood = h.kc.execute(MIXED % 5000)
        others = [h.kc.kernel_info(), h.kc.complete("pri", 3), h.kc.execute("'queued'")]
        time.sleep(1.5)
        states = {m: [] for m in (flood, *others)}
        deadline = time.time() + 60
        while any(s[-1:] != ["idle"] for s in states.values()):
            assert time.time() < deadline, states
            if not reader.sock.poll(200):
                continue
            frames = reader.sock.recv_multipart()
            i = frames.index(DELIM)
            header, parent, content = (json.loads(f) for f in (frames[i + 2], frames[i + 3], frames[i + 5]))
            if parent.get("msg_id") in states and header["msg_type"] == "status":
                states[parent["msg_id"]].append(content["execution_state"])
        assert all(s == ["busy", "idle"] for s in states.values()), states
        return "busy and idle for the flooding cell and the 3 requests queued behind it"
    finally:
        reader.close()
        h.close()


def render(msgs):
    """What a frontend's output area shows after these messages (JupyterLab's OutputArea rules:
    a waiting clear_output clears on the next new output; consecutive text on one stream joins;
    update_display_data replaces every output with its display_id and clears nothing)."""
    outputs, clear_next = [], False

    def add(out):
        nonlocal clear_next
        if clear_next:
            outputs.clear()
            clear_next = False
        if out[0] == "stream" and outputs and outputs[-1][0] == "stream" and outputs[-1][1] == out[1]:
            outputs[-1] = ("stream", out[1], outputs[-1][2] + out[2], None)
        else:
            outputs.append(out)

    for t, c in msgs:
        if t == "stream":
            add(("stream", c["name"], c["text"], None))
        elif t in ("display_data", "execute_result"):
            add(("display", json.dumps(c["data"], sort_keys=True), "", c.get("transient", {}).get("display_id")))
        elif t == "error":
            add(("error", c["ename"], c["evalue"], None))
        elif t == "update_display_data":
            did = c["transient"]["display_id"]
            for i, o in enumerate(outputs):
                if o[3] == did:
                    outputs[i] = ("display", json.dumps(c["data"], sort_keys=True), "", did)
        elif t == "clear_output":
            if c["wait"]:
                clear_next = True
            else:
                outputs.clear()
                clear_next = False
    return outputs


# Cells whose output crosses the flush interval (busy(ms) holds the main thread) in every order.
ORDER_CELLS = [
    "for (let i = 0; i < 1000; i++) { clear_output(true); print('step ' + i) }",
    "print('a'); busy(120); var d = display('d1'); print('b'); console.error('e1'); print('c'); busy(120); d.update('d1 again'); print('after')",
    "print('x'); clear_output(true); print('y'); busy(120); clear_output(true); busy(120); display('z'); clear_output(true); clear_output(false); print('end')",
    "var u = display('u0'); var v = display('v0'); for (let i = 0; i < 500; i++) { u.update('u' + i); if (i % 7 == 0) v.update('v' + i); if (i % 100 == 0) print(i) }",
    "for (let i = 0; i < 600; i++) { if (i % 3) print(i); else console.error(i); if (i % 100 == 0) { clear_output(true); busy(60) } }",
    "for (let i = 0; i < 300; i++) { clear_output(true); display('frame ' + i); print('loss ' + i) } 'done'",
]


@check(fake_only=True)
def merged_output_shows_the_same(a):
    """The same cells on a kernel that merges (the default) and one that does not: the output
    areas end up identical, and the merging kernel sends far fewer messages."""
    merged, plain = Kernel(a.kernel), Kernel(a.kernel, GRADLAB_IOPUB_FLUSH_MS="0")
    try:
        detail = []
        for code in ORDER_CELLS:
            runs = []
            for h in (merged, plain):
                reply, msgs = h.execute(code, timeout=60)
                assert reply["content"]["status"] == "ok", reply["content"]
                runs.append([(m["msg_type"], m["content"]) for m in msgs])
            shown = [render(r) for r in runs]
            assert shown[0] == shown[1], f"{code}\nmerged shows {shown[0]}\nunmerged shows {shown[1]}"
            assert runs[0][-1][0] == "status" and runs[0][-1][1]["execution_state"] == "idle"
            detail.append(f"{len(runs[1])} -> {len(runs[0])}")
        loops = [int(d.split(" -> ")[1]) for d in detail]
        assert loops[0] < 100, f"1000 clear_output + print pairs still sent {loops[0]} messages"
        return "messages unmerged -> merged, per cell: " + ", ".join(detail)
    finally:
        merged.close()
        plain.close()


@check(fake_only=True)
def a_client_that_never_reads_holds_nobody_forever(a):
    """A client subscribed to iopub that reads nothing, another that reads (slowly, pausing now and
    then): the reading one gets every message, in order, and its idle; after
    GRADLAB_IOPUB_STUCK_MS the kernel says loudly that it drops messages for the other one alone,
    and once that one reads again it gets the next cell's output whole."""
    h = Kernel(a.kernel, GRADLAB_IOPUB_FLUSH_MS="0", GRADLAB_IOPUB_STUCK_MS="5000")
    stuck = zmq.Context.instance().socket(zmq.SUB)
    stuck.setsockopt(zmq.SUBSCRIBE, b"")
    stuck.setsockopt(zmq.RCVHWM, 10)
    stuck.setsockopt(zmq.RCVBUF, 4096)
    stuck.connect(h.url("iopub"))
    (reader,) = h.raw_readers(1)
    try:
        # Far more than ZeroMQ's queue for one subscriber (1000 messages), the TCP buffers and the
        # kernel's own queue (20,000 messages): the cell cannot end while the client that does
        # not read holds everything.
        n = 30000
        msg_id = h.kc.execute(f"for (let i = 0; i < {n}; i++) print(String(i).padStart(6, '0') + 'x'.repeat(1000))")
        msgs = reader.until_idle(msg_id, timeout=300, pause_every=2000, pause=0.2)
        prints = [c["text"][:6] for t, c in msgs if t == "stream" and c["name"] == "stdout"]
        others = [(t, c) for t, c in msgs if t not in ("stream", "status", "execute_input")]
        assert not others, others[:3]
        assert prints == [str(i).zfill(6) for i in range(n)], (
            f"the reading client got {len(prints)} of {n} prints; first gap after {next((p for i, p in enumerate(prints) if p != str(i).zfill(6)), None)}")
        assert wait_until(lambda: "DROPPED for that client alone" in h.log(), timeout=60), h.log()[-2000:]
        # The client that did not read now reads what it has (until nothing more comes), then
        # gets a whole cell again. (Should its drain have stopped early, its queue may still be
        # full for that cell: then drain and try again.)
        for attempt in range(5):
            while stuck.poll(2000):
                stuck.recv_multipart()
            again = h.kc.execute(f"print('again {attempt}')")
            reader.until_idle(again, timeout=120)
            got = []
            while (not got or got[-1] != ("status", "idle")) and stuck.poll(10000):
                frames = stuck.recv_multipart()
                i = frames.index(DELIM)
                header, parent, content = (json.loads(f) for f in (frames[i + 2], frames[i + 3], frames[i + 5]))
                if parent.get("msg_id") == again:
                    got.append((header["msg_type"], content.get("execution_state", content.get("text"))))
            if got == [("status", "busy"), ("execute_input", None), ("stream", f"again {attempt}\n"), ("status", "idle")]:
                break
        else:
            raise AssertionError(f"the client that reads again never got a whole cell; the last try: {got}")
        log = h.log()
        assert "takes its output again" in log, log[-2000:]
        said = [line for line in log.splitlines() if "DROPPED" in line or "takes its output again" in line]
        return f"the reading client got all {n} prints, in order, and the idle; the kernel logged: " + " / ".join(said)
    finally:
        stuck.close(linger=0)
        reader.close()
        h.close()


@check(real_only=True)
def progress_display_in_a_real_cell(a):
    """The issue's progress display, as a user writes it (clear_output({wait: true}), a
    DisplayHandle used without `!` under the cell's strict type check)."""
    h = Kernel(a.kernel)
    try:
        reply, msgs = h.execute("for (let i = 0; i < 5000; i++) { clear_output({wait: true}); print(i) }", timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        shown = render([(m["msg_type"], m["content"]) for m in msgs])
        assert shown == [("stream", "stdout", "4999\n", None)], shown
        assert msgs[-1]["content"]["execution_state"] == "idle"
        n = len(msgs)
        reply, msgs2 = h.execute("const bar = display('0%', {display_id: true}); for (let i = 1; i <= 1000; i++) bar.update(`${i / 10}%`)", timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        shown = render([(m["msg_type"], m["content"]) for m in msgs2])
        assert len(shown) == 1 and "100%" in shown[0][1], shown
        return f"5000 redraws arrived as {n} messages; 1000 updates as {len(msgs2)}"
    finally:
        h.close()


@check(real_only=True)
def memory_returns_after_a_20mb_line(a):
    """One 20 MB print: the kernel's memory (RSS) comes back to within 48 MiB of its level within
    a few seconds of the idle (it held 170-320 MiB more for 8 s or longer, then 53-64 MiB). What
    stays is mostly the main thread's young generation, which V8 grows under any busy cell."""
    h = Kernel(a.kernel)
    try:
        for _ in range(3):
            h.execute("print('y'.repeat(1000)); 1")
        time.sleep(1.0)
        base = rss_kib(h.pid)
        reply, msgs = h.execute("print('x'.repeat(20_000_000))", timeout=120)
        assert reply["content"]["status"] == "ok" and len(stream_text(msgs)) == 20_000_001
        t0 = time.time()
        limit = base + 48 * 1024
        back = wait_until(lambda: rss_kib(h.pid) < limit, timeout=5.0, step=0.1)
        extra = (rss_kib(h.pid) - base) // 1024
        assert back, f"RSS still {extra} MiB above its level of {base // 1024} MiB 5 s after the idle"
        return f"RSS {extra} MiB above its level of {base // 1024} MiB, {time.time() - t0:.1f} s after the idle"
    finally:
        h.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel")
    ap.add_argument("--list", action="store_true", help="print the check names and exit")
    ap.add_argument("--only", default="")
    ap.add_argument("--fake", action="store_true", help="the fake-session kernel (else the real one)")
    a = ap.parse_args()
    checks = [c for c in CHECKS if not (a.fake and c[3]) and not (not a.fake and c[2])]
    if a.list:
        print("\n".join(name for name, *_ in checks))
        return
    if not a.kernel:
        ap.error("--kernel is required")
    only = set(filter(None, a.only.split(",")))
    for name, fn, *_ in checks:
        if only and name not in only:
            continue
        t0 = time.time()
        try:
            emit(name, True, fn(a) or "", time.time() - t0)
        except Exception:
            emit(name, False, traceback.format_exc(), time.time() - t0)


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    main()
