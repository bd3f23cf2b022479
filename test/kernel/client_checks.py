#!/usr/bin/python3
"""Protocol checks of the gradlab kernel through the real jupyter_client.

    client_checks.py --kernel gradlab-fake --kernel-sig gradlab-fake-sig [--only NAME,...]

Prints one `CHECK {json}` line per check (test/kernel/jupyter_clients.test.ts asserts on them).
The kernels must be installed in a JUPYTER_PATH the caller sets. GRADLAB_LONG=1 makes the
heartbeat check hold the main thread for a full minute instead of a few seconds.
"""
import argparse
import signal
import subprocess
import sys
import time
import traceback

from harness import Harness, emit, pid_alive, rss_kib, stream_text, types, wait_until

BUSY = "{ const end = Date.now() + %d; while (Date.now() < end) {} }"
CHECKS = []


def check(fresh=False, transport="tcp", kernel="kernel", real=False):
    """real: the check needs the real session (TypeScript cells, torch); skipped with --fake."""
    def register(fn):
        CHECKS.append((fn.__name__, fn, fresh, transport, kernel, real))
        return fn
    return register


@check()
def kernel_info(h, a):
    _, r = h.request("kernel_info_request")
    c = r["content"]
    assert c["status"] == "ok" and c["protocol_version"].startswith("5.") and c["protocol_version"] >= "5.3", c
    li = c["language_info"]
    assert li["name"] == "typescript" and li["file_extension"] == ".ts" and li["mimetype"], li
    assert li["codemirror_mode"] and li["pygments_lexer"] == "typescript" and li["version"], li
    assert c["implementation"] == "gradlab" and "gradlab" in c["banner"] and c["help_links"], c
    _, r2 = h.request("kernel_info_request", channel="control")
    assert r2["content"]["language_info"]["name"] == "typescript"


@check()
def execute_message_flow(h, a):
    reply, msgs = h.execute("var kept = 40; print('hello'); kept + 2")
    assert types(msgs) == ["status", "execute_input", "stream", "execute_result", "status"], types(msgs)
    assert msgs[0]["content"]["execution_state"] == "busy"
    assert msgs[3]["content"]["data"]["text/plain"] == "42", msgs[3]
    count = reply["content"]["execution_count"]
    assert msgs[1]["content"]["execution_count"] == count == msgs[3]["content"]["execution_count"]
    assert reply["content"]["status"] == "ok" and reply["content"]["payload"] == [] and reply["content"]["user_expressions"] == {}
    ids = [m["header"]["msg_id"] for m in msgs] + [reply["header"]["msg_id"]]
    assert len(set(ids)) == len(ids), "msg_ids must be unique"
    sessions = {m["header"]["session"] for m in msgs + [reply]}
    assert len(sessions) == 1 and sessions != {""}, sessions
    assert all(m["header"]["version"] >= "5.3" for m in msgs), [m["header"]["version"] for m in msgs]
    reply2, _ = h.execute("kept")
    assert reply2["content"]["execution_count"] == count + 1


@check()
def streams(h, a):
    reply, msgs = h.execute("console.log('log'); console.error('err'); process.stdout.write('raw\\n'); print('p')")
    assert reply["content"]["status"] == "ok", reply["content"]
    out, err = stream_text(msgs, "stdout"), stream_text(msgs, "stderr")
    assert "log\n" in out and "raw\n" in out and "p\n" in out and "err\n" in err, (out, err)


@check()
def silent_and_store_history(h, a):
    r0, _ = h.execute("1")
    n = r0["content"]["execution_count"]
    r1, msgs = h.execute("print('quiet'); 5", silent=True)
    assert "execute_input" not in types(msgs) and "execute_result" not in types(msgs) and "stream" not in types(msgs), types(msgs)
    r2, msgs2 = h.execute("6", store_history=False)
    assert "execute_result" in types(msgs2)
    r3, _ = h.execute("7")
    assert r3["content"]["execution_count"] == n + 1, (n, r1["content"], r2["content"], r3["content"])


@check()
def user_expressions(h, a):
    reply, _ = h.execute("var ue = 3", user_expressions={"double": "ue * 2", "bad": "nosuchname"})
    ue = reply["content"]["user_expressions"]
    assert ue["double"]["status"] == "ok" and ue["double"]["data"]["text/plain"] == "6", ue
    assert ue["bad"]["status"] == "error" and ue["bad"]["ename"], ue


@check()
def error_reply(h, a):
    reply, msgs = h.execute("throw new TypeError('bad thing')")
    c = reply["content"]
    assert c["status"] == "error" and c["ename"] == "TypeError" and c["evalue"] == "bad thing" and isinstance(c["traceback"], list), c
    errs = [m for m in msgs if m["msg_type"] == "error"]
    assert len(errs) == 1 and errs[0]["content"]["ename"] == "TypeError", types(msgs)
    assert h.value("kept") == "40"


@check()
def stop_on_error(h, a):
    h.execute("var ran_after = 0")
    first = h.kc.execute("throw new Error('stop here')")
    queued = [h.kc.execute("ran_after = 1"), h.kc.execute("2")]
    assert h.shell_reply(first)["content"]["status"] == "error"
    for q in queued:
        r = h.shell_reply(q)
        assert r["content"]["status"] == "aborted", r["content"]
    assert h.value("ran_after") == "0", "a queued cell ran after the error"
    first = h.kc.execute("throw new Error('go on')", stop_on_error=False)
    nxt = h.kc.execute("ran_after = 2")
    assert h.shell_reply(first)["content"]["status"] == "error"
    assert h.shell_reply(nxt)["content"]["status"] == "ok"


@check()
def display_update_clear(h, a):
    reply, msgs = h.execute("const hd = display('one', {display_id: true}); hd.update('two'); clear_output(true); print('x')")
    assert reply["content"]["status"] == "ok", reply["content"]
    t = types(msgs)
    assert "display_data" in t and "update_display_data" in t and "clear_output" in t, t
    d = msgs[t.index("display_data")]["content"]
    u = msgs[t.index("update_display_data")]["content"]
    assert "transient" in d and d["transient"].get("display_id") and u["transient"]["display_id"] == d["transient"]["display_id"], (d, u)
    assert msgs[t.index("clear_output")]["content"]["wait"] is True


PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
JPEG_HEAD = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA=="


def displays(msgs, kind="display_data"):
    return [m["content"] for m in msgs if m["msg_type"] == kind]


@check(real=True)
def display_helpers(h, a):
    cases = [
        ("display.html('<b>hi</b>')", "text/html", "<b>hi</b>"),
        ("display.markdown('# Title')", "text/markdown", "# Title"),
        ("display.latex('$x^2$')", "text/latex", "$x^2$"),
        ("display.svg('<svg xmlns=\"http://www.w3.org/2000/svg\"/>')", "image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg"/>'),
        (f"display.png('{PNG_1PX}', {{width: 40}})", "image/png", PNG_1PX),
        (f"display.jpeg('{JPEG_HEAD}')", "image/jpeg", JPEG_HEAD),
        ("display.json({a: [1, 2]})", "application/json", {"a": [1, 2]}),
        ("display(torch.ones(2))", "text/plain", "tensor([1., 1.])"),
        ("display({'text/html': '<i>raw</i>', 'text/plain': 'raw'}, {raw: true})", "text/html", "<i>raw</i>"),
    ]
    for code, mime, want in cases:
        reply, msgs = h.execute(code)
        assert reply["content"]["status"] == "ok", (code, reply["content"])
        d = displays(msgs)
        assert len(d) == 1 and d[0]["data"].get(mime) == want and "text/plain" in d[0]["data"], (code, d)
        assert "execute_result" not in types(msgs), (code, "display() must not also give Out[n]")
    _, msgs = h.execute(f"display.png('{PNG_1PX}', {{width: 40}})")
    assert displays(msgs)[0]["metadata"] == {"image/png": {"width": 40}}, displays(msgs)[0]
    reply, msgs = h.execute("display.png('bm90IGFuIGltYWdl')")
    assert reply["content"]["status"] == "error" and "not a PNG image" in reply["content"]["evalue"], reply["content"]


@check(real=True)
def display_handle_updates_in_place(h, a):
    reply, msgs = h.execute("const bar = display.html('<b>0%</b>', {display_id: true}); for (const p of [50, 100]) bar.update(`<b>${p}%</b>`)")
    assert reply["content"]["status"] == "ok", reply["content"]
    first, updates = displays(msgs), displays(msgs, "update_display_data")
    assert len(first) == 1 and [u["data"]["text/html"] for u in updates] == ["<b>50%</b>", "<b>100%</b>"], (first, updates)
    ids = {first[0]["transient"]["display_id"]} | {u["transient"]["display_id"] for u in updates}
    assert len(ids) == 1, ids
    # A later cell updates the same output (the progress bar of a loop spread over cells).
    _, msgs = h.execute("bar.update('<b>done</b>')")
    assert displays(msgs, "update_display_data")[0]["transient"]["display_id"] in ids


@check(real=True)
def rich_repr_protocol(h, a):
    code = "class Fancy { [Symbol.for('Jupyter.display')]() { return {'text/html': '<u>fancy</u>'} } }\nnew Fancy()"
    reply, msgs = h.execute(code)
    res = [m["content"] for m in msgs if m["msg_type"] == "execute_result"]
    assert reply["content"]["status"] == "ok" and res and res[0]["data"]["text/html"] == "<u>fancy</u>" and "text/plain" in res[0]["data"], (reply["content"], res)
    _, msgs = h.execute("display(new Fancy())")
    assert displays(msgs)[0]["data"]["text/html"] == "<u>fancy</u>"


@check(real=True)
def tensor_result_and_pager(h, a):
    assert h.value("const x = torch.arange(4, {dtype: torch.float32, requires_grad: true}); const y = 2 * torch.dot(x, x); y") == "tensor(28., grad_fn=<MulBackward0>)"
    reply, msgs = h.execute("torch.ones?")
    pages = reply["content"]["payload"]
    assert reply["content"]["status"] == "ok" and pages and pages[0]["source"] == "page", reply["content"]
    assert "Signature:" in pages[0]["data"]["text/plain"] and "ones" in pages[0]["data"]["text/plain"], pages[0]
    reply, msgs = h.execute("nosuchthing?")
    assert "Object `nosuchthing` not found." in stream_text(msgs), stream_text(msgs)


@check(real=True)
def time_and_timeit_magics(h, a):
    reply, msgs = h.execute("%time const timed = torch.ones(3).sum()")
    out = stream_text(msgs)
    assert reply["content"]["status"] == "ok" and "CPU times: user " in out and "Wall time: " in out, (reply["content"], out)
    assert h.value("timed") == "tensor(3.)", "%time must run the statement in the session"
    reply, msgs = h.execute("%timeit -n 5 -r 3 torch.ones(3).sum()")
    out = stream_text(msgs)
    assert reply["content"]["status"] == "ok" and "per loop (mean \u00b1 std. dev. of 3 runs, 5 loops each)" in out, (reply["content"], out)
    reply, _ = h.execute("%nosuchmagic")
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "UsageError", reply["content"]


@check()
def complete_inspect_is_complete(h, a):
    h.execute("var zebra_1 = 1")
    _, r = h.request("complete_request", {"code": "var zebra_2 = 1; zebr", "cursor_pos": 21})
    c = r["content"]
    assert c["status"] == "ok" and "zebra_1" in c["matches"] and c["cursor_start"] == 17 and c["cursor_end"] == 21, c
    _, r = h.request("inspect_request", {"code": "zebra_1", "cursor_pos": 3, "detail_level": 0})
    assert r["content"]["status"] == "ok" and r["content"]["found"] and r["content"]["data"], r["content"]
    for code, status in [("1 + 1", "complete"), ("function f() {", "incomplete"), ("1 +* )", "invalid")]:
        _, r = h.request("is_complete_request", {"code": code})
        assert r["content"]["status"] == status, (code, r["content"])
        if status == "incomplete":
            assert isinstance(r["content"]["indent"], str)


@check()
def history(h, a):
    codes = ["'hist_a'", "'hist_b'", "'hist_a'"]
    for c in codes:
        shown = h.value(c)
    _, r = h.request("history_request", {"hist_access_type": "tail", "n": 3, "output": False, "raw": True})
    rows = r["content"]["history"]
    assert [x[2] for x in rows] == codes, rows
    session, line = rows[0][0], rows[0][1]
    assert rows[1][1] == line + 1 and all(x[0] == session for x in rows), rows
    _, r = h.request("history_request", {"hist_access_type": "tail", "n": 1, "output": True, "raw": True})
    assert r["content"]["history"][0][2] == ["'hist_a'", shown], r["content"]
    _, r = h.request("history_request", {"hist_access_type": "range", "session": session, "start": line, "stop": line + 2, "output": False, "raw": True})
    assert [x[1] for x in r["content"]["history"]] == [line, line + 1], r["content"]
    _, r = h.request("history_request", {"hist_access_type": "range", "session": 0, "start": line, "stop": line + 1, "output": False, "raw": True})
    assert r["content"]["history"] == [[session, line, "'hist_a'"]], r["content"]
    _, r = h.request("history_request", {"hist_access_type": "search", "pattern": "'hist_?'", "output": False, "raw": True, "unique": True})
    assert [x[2] for x in r["content"]["history"]] == ["'hist_b'", "'hist_a'"], r["content"]
    _, r = h.request("history_request", {"hist_access_type": "search", "pattern": "*hist*", "n": 2, "output": False, "raw": True})
    assert [x[2] for x in r["content"]["history"]] == ["'hist_b'", "'hist_a'"], r["content"]


@check()
def comms(h, a):
    _, r = h.request("comm_info_request", {})
    assert r["content"] == {"status": "ok", "comms": {}}, r["content"]
    msg = h.kc.session.msg("comm_open", {"comm_id": "c-1", "target_name": "no.such.target", "data": {}})
    h.kc.shell_channel.send(msg)
    closes = [m for m in h.iopub_until_idle(msg["header"]["msg_id"]) if m["msg_type"] == "comm_close"]
    assert closes and closes[0]["content"]["comm_id"] == "c-1", closes


@check()
def bad_messages(h, a):
    import zmq
    sess = h.kc.session
    sock = h.raw_socket("shell")
    poller = zmq.Poller()
    poller.register(sock, zmq.POLLIN)

    def frames(msg_type, content=None, sig=None, corrupt=None):
        msg = sess.msg(msg_type, content or {})
        f = sess.serialize(msg)
        if corrupt is not None:
            f[5] = corrupt
            f[1] = sess.sign(f[2:6])
        if sig is not None:
            f[1] = sig
        return msg, f

    def got_reply(wait):
        return dict(poller.poll(wait * 1000)).get(sock) is not None

    for label, sig, corrupt in [("bad signature", b"0" * 64, None), ("missing signature", b"", None), ("malformed JSON", None, b"{not json")]:
        msg, f = frames("kernel_info_request", sig=sig, corrupt=corrupt)
        sock.send_multipart(f)
        assert not got_reply(1.0), f"{label}: the kernel answered"
        statuses = [m for m in drain_iopub(h) if m["parent_header"].get("msg_id") == msg["header"]["msg_id"]]
        assert not statuses, f"{label}: the kernel published {types(statuses)}"
    msg, f = frames("bogus_request")
    sock.send_multipart([b"extra-identity"] + f)
    assert got_reply(5), "no reply to an unknown request type"
    rf = sock.recv_multipart()
    assert rf[0] == b"extra-identity" and rf[1] == b"<IDS|MSG>", rf[:2]
    _, reply = sess.feed_identities(rf)
    reply = sess.deserialize(reply)
    assert reply["msg_type"] == "bogus_reply" and reply["content"]["status"] == "error", reply["content"]
    sock.close()
    assert h.value("kept") == "40"


def drain_iopub(h, wait=0.3):
    import queue
    out = []
    deadline = time.time() + wait
    while time.time() < deadline:
        try:
            out.append(h.kc.get_iopub_msg(timeout=0.05))
        except queue.Empty:
            pass
    return out


@check()
def heartbeat_while_busy(h, a):
    import zmq
    seconds = 60 if a.long else 6
    msg_id = h.kc.execute(BUSY % (seconds * 1000))
    time.sleep(1.0)
    sock = h.raw_socket("hb", zmq.REQ)
    rtts = []
    started = time.time()
    while time.time() - started < seconds - 2.5:
        t0 = time.time()
        sock.send(b"ping")
        assert sock.poll(1000), f"heartbeat did not answer within 1 s, {time.time() - started + 1:.1f} s into the loop"
        assert sock.recv() == b"ping"
        rtts.append(time.time() - t0)
        time.sleep(0.5)
    sock.close()
    reply = h.shell_reply(msg_id, timeout=seconds + 30)
    assert reply["content"]["status"] == "ok"
    return f"{len(rtts)} pings answered during a {seconds} s synchronous loop, max {max(rtts) * 1000:.1f} ms"


@check()
def live_output(h, a):
    code = "for (let i = 0; i < 6; i++) { print('step ' + i); " + BUSY % 500 + " }"
    t0 = time.time()
    msg_id = h.kc.execute(code)
    msgs = h.iopub_until_idle(msg_id)  # timestamps taken as each message arrives
    assert h.shell_reply(msg_id)["content"]["status"] == "ok"
    streams = [m for m in msgs if m["msg_type"] == "stream"]
    first = streams[0]["_received"] - t0
    idle = msgs[-1]["_received"] - t0
    assert "step 0" in streams[0]["content"]["text"] and first < 1.5 and idle - first > 1.5, (first, idle)
    assert len(streams) >= 4, f"only {len(streams)} stream messages: output was not live"
    return f"first print after {first:.2f} s, loop ended after {idle:.2f} s, {len(streams)} stream messages"


@check()
def large_output(h, a):
    # More than the 1 MiB ring between the threads, in one record and in many.
    reply, msgs = h.execute("print('x'.repeat(3000000))")
    assert reply["content"]["status"] == "ok" and len(stream_text(msgs)) == 3000001, len(stream_text(msgs))
    reply, msgs = h.execute("for (let i = 0; i < 100000; i++) print(i)")
    lines = stream_text(msgs).splitlines()
    assert reply["content"]["status"] == "ok" and len(lines) == 100000 and lines[-1] == "99999", (len(lines), lines[-1:])
    return f"100,000 prints arrived in {len([m for m in msgs if m['msg_type'] == 'stream'])} stream messages"


def interrupt_case(h, code, interrupt):
    h.execute("var survivor = 'still here'")
    msg_id = h.kc.execute(code)
    time.sleep(1.0)
    t0 = time.time()
    interrupt()
    reply = h.shell_reply(msg_id, timeout=10)
    took = time.time() - t0
    c = reply["content"]
    assert c["status"] == "error" and c["ename"] == "KeyboardInterrupt", c
    errs = [m for m in h.iopub_until_idle(msg_id) if m["msg_type"] == "error"]
    assert errs and errs[0]["content"]["ename"] == "KeyboardInterrupt"
    assert h.value("survivor") == "'still here'", "state lost after the interrupt"
    return f"interrupted after {took:.2f} s"


@check()
def interrupt_loop_by_message(h, a):
    assert h.km.kernel_spec.interrupt_mode == "message", "the default kernelspec interrupts by message"
    return interrupt_case(h, "while (true) {}", h.km.interrupt_kernel)


@check(kernel="kernel_sig")
def interrupt_loop_by_signal(h, a):
    assert h.km.kernel_spec.interrupt_mode == "signal"
    return interrupt_case(h, "while (true) {}", h.km.interrupt_kernel)


@check()
def interrupt_loop_by_control_request(h, a):
    return interrupt_case(h, "while (true) {}", lambda: h.request("interrupt_request", channel="control"))


@check()
def interrupt_await(h, a):
    return interrupt_case(h, "await new Promise(() => {})", h.km.interrupt_kernel)


@check(kernel="kernel_sig")
def interrupt_await_by_signal(h, a):
    return interrupt_case(h, "await new Promise(() => {})", h.km.interrupt_kernel)


@check()
def interrupt_loop_after_await(h, a):
    # The loop runs from the microtask queue, outside the vm call that SIGINT can break.
    return interrupt_case(h, "await new Promise(r => setTimeout(r, 10)); while (true) {}", h.km.interrupt_kernel)


@check(real=True)
def starts_from_snapshot(h, a):
    # kernel.json runs launch.sh, which starts Node from the kernel's startup snapshot
    # (kernel/snapshot/): TypeScript and the parsed declarations come with the heap.
    assert h.value("typeof (globalThis as any).__gradlab_snapshot") == "'object'", "the kernel did not start from its snapshot"
    assert h.value("torch.ones(2).sum().item()") == "2"


@check(kernel="kernel_sig")
def interrupt_loop_after_await_by_signal(h, a):
    # SIGINT to the process group: the main thread's listener cannot run during this loop;
    # the I/O worker hears the signal through its watcher (kernel/session/sigint_watch.ts).
    return interrupt_case(h, "await new Promise(r => setTimeout(r, 10)); while (true) {}", h.km.interrupt_kernel)


@check()
def interrupt_print_loop_after_await(h, a):
    h.execute("var printed = 0")
    detail = interrupt_case(h, "await new Promise(r => setTimeout(r, 10)); while (true) print(printed++)", h.km.interrupt_kernel)
    reply, msgs = h.execute("print('next cell'); printed > 0")
    assert reply["content"]["status"] == "ok" and "next cell" in stream_text(msgs), (reply["content"], types(msgs))
    results = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
    assert results and results[0] in ("true", "True"), results
    return detail


@check()
def errors_after_the_cell(h, a):
    reply, msgs = h.execute("setTimeout(() => { throw new Error('late boom') }, 200); Promise.reject(new Error('late reject')); 1")
    assert reply["content"]["status"] == "ok"
    seen = stream_text(msgs, "stderr")  # the rejection may be reported while the cell is still busy
    deadline = time.time() + 5
    while time.time() < deadline and not ("late boom" in seen and "late reject" in seen):
        seen += stream_text(drain_iopub(h, 0.2), "stderr")
    assert "late boom" in seen and "late reject" in seen, seen
    assert h.value("survivor") == "'still here'", "the kernel died"


@check()
def stdin_input(h, a):
    msg_id = h.kc.execute("const who = await input('Name? '); print('Hello ' + who)", allow_stdin=True)
    req = h.kc.get_stdin_msg(timeout=10)
    assert req["msg_type"] == "input_request" and req["content"]["prompt"] == "Name? " and req["content"]["password"] is False, req["content"]
    assert req["parent_header"]["msg_id"] == msg_id
    h.kc.input("Ada")
    reply = h.shell_reply(msg_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    assert "Hello Ada" in stream_text(h.iopub_until_idle(msg_id))
    reply, _ = h.execute("await input('no stdin here')", allow_stdin=False)
    assert reply["content"]["status"] == "error", reply["content"]


def heap_mib_after_gc(h):
    """The main isolate's JS heap after a full collection (user cells run there)."""
    return int(h.value("__gc(); Math.round(process.memoryUsage().heapUsed / 1048576)"))


@check()
def thousand_executes(h, a):
    # A leak shows as JS heap that survives full collections, growing from the middle to the end
    # of 1,000 executes. RSS alone is too noisy for that (V8 grows its heap lazily while the
    # machine is busy), so it only guards against gross growth outside the JS heap.
    # The real session runs cells as JS and can reach a full GC; the fake session cannot.
    has_gc = h.value("const __v8 = await import('node:v8'); __v8.setFlagsFromString('--expose-gc'); "
                     "var __gc = (await import('node:vm')).runInNewContext('gc'); 0") == "0"
    start = time.time()
    for i in range(300):
        h.execute(f"var counter = {i}; counter")
        if time.time() - start > 60:
            raise AssertionError(f"too slow: only {i + 1} warm-up executes in 60 s; RSS {rss_kib(h.pid) // 1024} MiB")
    rss, heap = [rss_kib(h.pid)], []
    t0 = time.time()
    for i in range(1000):
        reply, _ = h.execute("counter = counter + 1; print(counter); counter")
        assert reply["content"]["status"] == "ok"
        if i % 250 == 249:
            rss.append(rss_kib(h.pid))
        if has_gc and i in (499, 999):
            heap.append(heap_mib_after_gc(h))
        if time.time() - t0 > 90:
            mib = [r // 1024 for r in rss + [rss_kib(h.pid)]]
            raise AssertionError(f"too slow: only {i + 1} of 1,000 executes in 90 s; RSS every 250: {mib} MiB")
    dt = time.time() - t0
    assert h.value("counter") == "1299"
    mib = [r // 1024 for r in rss]
    assert not heap or heap[1] - heap[0] < 8, f"JS heap kept growing after full collections: {heap} MiB at 500 and 1,000 executes"
    assert (rss[-1] - rss[2]) / 1024 < 64, f"RSS kept growing: {mib} MiB every 250 executes"
    return f"1,000 executes in {dt:.1f} s ({dt:.2f} ms each); heap after GC {heap} MiB; RSS every 250: {mib} MiB"


@check(fresh=True, transport="ipc")
def ipc_transport(h, a):
    assert h.km.transport == "ipc"
    assert h.value("6 * 7") == "42"


@check(fresh=True)
def restart(h, a):
    h.execute("var before_restart = 1")
    old = h.pid
    _, r = h.request("history_request", {"hist_access_type": "tail", "n": 1, "output": False, "raw": True})
    old_session = r["content"]["history"][0][0]
    h.km.restart_kernel(now=False)
    assert wait_until(lambda: not pid_alive(old), 10), "the old kernel process is still running"
    h.kc.wait_for_ready(timeout=60)
    h.flush()
    reply, _ = h.execute("before_restart")
    assert reply["content"]["status"] == "error", "state survived the restart"
    _, r = h.request("history_request", {"hist_access_type": "tail", "n": 2, "output": False, "raw": True})
    rows = r["content"]["history"]
    assert rows[-1][:2] == [old_session + 1, 1] and rows[0][0] == old_session, rows


@check(fresh=True)
def shutdown_while_busy(h, a):
    pid = h.pid
    h.kc.execute("while (true) {}")
    time.sleep(0.5)
    _, r = h.request("shutdown_request", {"restart": False}, channel="control")
    assert r["content"] == {"status": "ok", "restart": False}, r["content"]
    assert wait_until(lambda: not pid_alive(pid), 10), "kernel still running after shutdown_request"


@check(fresh=True)
def exits_when_parent_dies(h, a):
    # A stand-in parent: a Python process that starts the kernel with our connection file, then
    # is killed -9. The kernel must notice and exit (no orphans).
    h.kc.stop_channels()
    h.km.shutdown_kernel(now=False)
    import os
    import tempfile
    from jupyter_client.connect import write_connection_file
    conn, _ = write_connection_file(os.path.join(tempfile.mkdtemp(), "orphan.json"))
    argv = [x.replace("{connection_file}", conn) for x in h.km.kernel_spec.argv]
    parent = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time; p = subprocess.Popen(sys.argv[1:]); print(p.pid, flush=True); time.sleep(600)", *argv], stdout=subprocess.PIPE)
    try:
        kernel_pid = int(parent.stdout.readline())
        time.sleep(1.0)
        assert pid_alive(kernel_pid), "the kernel did not start"
        # the SIGINT watcher (kernel/session/sigint_watch.ts), started once the I/O worker is up
        assert wait_until(lambda: children_of(kernel_pid), 10), "the kernel has no SIGINT watcher process"
        helpers = children_of(kernel_pid)
    finally:
        parent.kill()
        parent.wait()
    assert wait_until(lambda: not pid_alive(kernel_pid), 10), "kernel outlived its parent"
    assert wait_until(lambda: not any(pid_alive(p) for p in helpers), 10), "the kernel's helper processes outlived it"


def children_of(pid):
    import os
    kids = []
    for d in os.listdir("/proc"):
        try:
            with open(f"/proc/{d}/stat") as f:
                if int(f.read().split(")")[-1].split()[1]) == pid:
                    kids.append(int(d))
        except (ValueError, OSError, IndexError):
            pass
    return kids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel")
    ap.add_argument("--kernel-sig", help="the same kernel installed with interrupt_mode signal")
    ap.add_argument("--list", action="store_true", help="print the check names and exit")
    ap.add_argument("--only", default="")
    ap.add_argument("--long", action="store_true")
    ap.add_argument("--fake", action="store_true", help="the fake-session kernel: leave out the checks that need the real session")
    a = ap.parse_args()
    checks = [c for c in CHECKS if not (a.fake and c[5])]
    if a.list:
        print("\n".join(name for name, *_ in checks))
        return
    if not (a.kernel and a.kernel_sig):
        ap.error("--kernel and --kernel-sig are required")
    only = set(filter(None, a.only.split(",")))
    shared = {}
    try:
        for name, fn, fresh, transport, which, _real in checks:
            if only and name not in only:
                continue
            kernel = a.kernel if which == "kernel" else a.kernel_sig
            t0 = time.time()
            h = None
            try:
                if fresh:
                    h = Harness(kernel, transport)
                else:
                    if which not in shared:
                        shared[which] = Harness(kernel)
                        shared[which].execute("var kept = 40; var survivor = 'still here'")
                    h = shared[which]
                detail = fn(h, a) or ""
                emit(name, True, detail, time.time() - t0)
            except Exception:
                emit(name, False, traceback.format_exc(), time.time() - t0)
            finally:
                if fresh and h is not None:
                    try:
                        h.close()
                    except Exception:
                        pass
    finally:
        for h in shared.values():
            h.close()


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    main()
