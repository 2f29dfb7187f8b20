"""jupyter_client probes for what jupyter_kernel_test does not cover (issue 2): interrupt, stdin, comms, restart,
shutdown, forged messages, output ordering, late faults, big outputs, execution counting."""
import json
import os
import queue
import signal
import time
import uuid

import pytest
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

from conftest import KERNEL_NAME
from kernel_client import collect, execute, reply_to, start


@pytest.fixture(scope="module")
def kernel():
    km, kc = start()
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def test_state_survives_and_redeclaration(kernel):
    _, kc = kernel
    assert execute(kc, "const x = 1; let y: number = 2; x + y").result_text() == "3"
    assert execute(kc, "const x = 10; x + y").result_text() == "12"  # re-running a const cell works
    assert execute(kc, "interface P { a: number } type T = P; const p: T = { a: 1 }; p.a").result_text() == "1"
    assert execute(kc, "interface P { b: string } const q: P = { b: 'z' }; q.b").result_text() == "'z'"
    assert execute(kc, "class C { v = 3 } new C().v").result_text() == "3"
    assert execute(kc, "class C { w = 4 } new C().w").result_text() == "4"


def test_functions_see_latest_globals(kernel):
    _, kc = kernel
    execute(kc, "function helper() { return 1 }\nfunction main() { return helper() }")
    execute(kc, "function helper() { return 2 }")
    assert execute(kc, "main()").result_text() == "2"


def test_type_error_stops_cell_with_cell_position(kernel):
    _, kc = kernel
    run = execute(kc, "let ran = false\nconst s: string = 1\nran = true")
    assert run.status == "error"
    assert run.reply["content"]["ename"] == "TypeScriptError"
    assert "In[" in run.reply["content"]["evalue"] and ":2:7" in run.reply["content"]["evalue"]
    assert execute(kc, "typeof (globalThis as any).ran").result_text() == "'undefined'"  # nothing in the cell ran


def test_runtime_error_maps_to_cell_lines_without_kernel_frames(kernel):
    _, kc = kernel
    run = execute(kc, "function thrower() {\n  throw new RangeError('bad')\n}\nthrower()")
    content = run.reply["content"]
    assert content["ename"] == "RangeError" and content["evalue"] == "bad"
    frames = "\n".join(content["traceback"])
    assert ":2:9" in frames and ":4:1" in frames
    assert "dist/src" not in frames and "node:internal" not in frames
    assert len(run.of_type("error")) == 1


def test_top_level_await_and_imports(kernel):
    _, kc = kernel
    assert execute(kc, "await new Promise<number>((r) => setTimeout(() => r(5), 10))").result_text() == "5"
    assert execute(kc, 'import * as path from "node:path"; path.posix.join("a", "b")').result_text() == "'a/b'"
    assert execute(kc, 'import { zeros } from "@tensorflow/tfjs"; zeros([2, 3]).shape').result_text() == "[ 2, 3 ]"
    assert execute(kc, "path.posix.basename('/x/y.ts')").result_text() == "'y.ts'"  # imports persist


def test_preloaded_toolkit_and_tslab(kernel):
    _, kc = kernel
    assert execute(kc, "typeof tf.tensor").result_text() == "'function'"
    run = execute(kc, 'import * as tslab from "tslab"; tslab.display.html("<i>t</i>"); tslab.versions.typescript')
    assert run.of_type("display_data")[0]["content"]["data"]["text/html"] == "<i>t</i>"
    assert run.result_text().startswith("'6.")


def test_kernel_package_imports_itself(kernel):
    # Scripts import the toolkit as `whetstone/toolkit`; the same line must work (and type-check) in a cell.
    _, kc = kernel
    run = execute(kc, 'import { select as S } from "whetstone/toolkit"; const p: number = S.passAtK(10, 5, 1); p')
    assert run.result_text() == "0.5"
    assert execute(kc, 'S === select').result_text() == "true"


def test_execute_result_has_no_ansi(kernel):
    _, kc = kernel
    text = execute(kc, "({ a: 1, s: 'x', arr: [1, 2] })").result_text()
    assert "\x1b[" not in text and "a: 1" in text


def test_interrupt_sync_loop_keeps_state(kernel):
    km, kc = kernel
    execute(kc, "const kept = 41")
    for _ in range(3):  # repeatedly, back to back: each interrupt must leave the next one working
        assert_interrupted(kc, "while (true) {}", km.interrupt_kernel, wait=0.5)
    assert execute(kc, "kept + 1").result_text() == "42"


def assert_interrupted(kc, code, interrupt, wait=1.0):
    """Runs `code`, interrupts it after `wait` seconds, and checks the cell ended with KeyboardInterrupt."""
    msg_id = kc.execute(code)
    time.sleep(wait)
    interrupt()
    reply = reply_to(kc, msg_id, timeout=20)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    collect(kc, msg_id)


def test_interrupt_sync_loop_after_await(kernel):
    # A loop that starts in a promise continuation is outside the vm call breakOnSigint guards (issue 2).
    km, kc = kernel
    assert_interrupted(kc, "const beforeLoop = 5; await new Promise((r) => setTimeout(r, 10)); while (true) {}", km.interrupt_kernel)
    assert execute(kc, "beforeLoop + 1").result_text() == "6"
    assert execute(kc, "await new Promise((r) => setTimeout(() => r('timers still work'), 10))").result_text() == "'timers still work'"


def test_sigint_interrupts_too(kernel):
    km, kc = kernel
    assert_interrupted(kc, "const signalled = 3; while (true) {}", lambda: os.kill(km.provisioner.process.pid, signal.SIGINT))
    assert execute(kc, "signalled * 2").result_text() == "6"


def test_sigint_while_the_export_browser_is_open(kernel, tmp_path):
    # Figure export keeps a headless Chromium open for the kernel's life; Ctrl-C must still interrupt, not exit.
    km, kc = kernel
    target = tmp_path / "fig.svg"
    run = execute(kc, f'await plot.line({{ x: [1, 2, 3], y: [2, 1, 3] }}).save({json.dumps(str(target))})', timeout=120)
    assert run.reply["content"]["status"] == "ok", run.reply["content"]
    assert target.read_text().startswith("<svg")
    assert_interrupted(kc, "const afterExport = 4; await new Promise(() => {})", lambda: os.kill(km.provisioner.process.pid, signal.SIGINT))
    assert execute(kc, "afterExport + 1").result_text() == "5"


def test_sigint_between_cells_and_around_user_listeners(kernel):
    # The kernel's SIGINT watch thread keeps the signal handled: a signal while idle never ends the process, and
    # SIGINT listeners that user code adds and removes (playwright does, while a browser runs) change nothing.
    km, kc = kernel
    pid = km.provisioner.process.pid
    for _ in range(5):
        os.kill(pid, signal.SIGINT)
        time.sleep(0.05)
    assert execute(kc, "const idleSignals = 2; idleSignals * 21").result_text() == "42"
    execute(kc, "let heard = 0; const onSigint = () => { heard++ }; const passing = () => {}\n"
                "process.on('SIGINT', passing); process.off('SIGINT', passing); process.on('SIGINT', onSigint)")
    os.kill(pid, signal.SIGINT)
    time.sleep(0.2)
    assert execute(kc, "heard").result_text() == "1"  # delivered to listeners like any signal
    assert_interrupted(kc, "while (true) {}", lambda: os.kill(pid, signal.SIGINT))
    assert_interrupted(kc, "await new Promise(() => {})", lambda: os.kill(pid, signal.SIGINT))
    execute(kc, "process.off('SIGINT', onSigint)")
    os.kill(pid, signal.SIGINT)
    time.sleep(0.1)
    assert_interrupted(kc, "while (true) {}", lambda: os.kill(pid, signal.SIGINT))
    assert execute(kc, "idleSignals").result_text() == "2"


def test_banner_and_tensor_info_name_the_backend(kernel):
    _, kc = kernel
    banner = kc.kernel_info(reply=True)["content"]["banner"]
    assert "tensor backend: wasm" in banner and "skipped" in banner
    run = execute(kc, "tensor.info()")
    html = run.of_type("execute_result")[0]["content"]["data"]["text/html"]
    assert "wasm" in html and "webgpu" in html  # the active backend, and why webgpu was skipped


def test_kernel_info_waits_behind_a_running_cell(kernel):
    # Start-up: the kernel answers shell kernel_info before its dispatcher exists only while no other request waits
    # before it; from then on the dispatcher answers, so shell replies keep request order.
    _, kc = kernel
    cell = kc.execute("await new Promise((r) => setTimeout(r, 300)); 1")
    info = kc.kernel_info()
    order = []
    while len(order) < 2:
        parent = kc.get_shell_msg(timeout=30)["parent_header"].get("msg_id")
        if parent in (cell, info):
            order.append(parent)
    assert order == [cell, info]
    collect(kc, cell)
    collect(kc, info)


def test_startup_banner_is_truthful_once_tfjs_has_loaded():
    # Start-up: the first kernel_info_reply names a forecast backend (tfjs is still loading); once it has loaded,
    # kernel_info on shell and control names the backend tensor.info() reports.
    km, kc = start_unready()
    try:
        first = kc.kernel_info(reply=True, timeout=60)["content"]["banner"]
        backend = execute(kc, "tensor.info().backend").result_text().strip("'")
        shell = kc.kernel_info(reply=True, timeout=10)["content"]["banner"]
        control = kc.session.msg("kernel_info_request")
        kc.control_channel.send(control)
        control_banner = reply_to_control(kc, control["header"]["msg_id"])["content"]["banner"]
        assert f"tensor backend: {backend} on " in shell and control_banner == shell
        assert "tensor backend: " in first
        if backend in ("wasm", "cpu"):  # forecasts for these need no GPU or native load, so they are exact
            assert first == shell
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def start_unready():
    """A kernel and a client that has not waited for it (start_new_kernel's wait would consume the first reply)."""
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    return km, kc


def reply_to_control(kc, msg_id, timeout=10):
    reply = kc.get_control_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_control_msg(timeout=timeout)
    return reply


def test_toolkit_without_imports_issue_3(kernel):
    _, kc = kernel
    assert execute(kc, "select.passAtK(200, 13, 10).toFixed(4)").result_text() == "'0.4976'"
    run = execute(kc, "const pol = models.categorical({ q: { a: 0.5, b: 0.3, c: 0.2 } });\n"
                      "await sharpen.bestOfN(pol, ['q'], 4, (s) => s.tokenLogProbs[0]!, { seed: 1 })")
    data = run.of_type("execute_result")[0]["content"]["data"]
    assert "<table" in data["text/html"] and "P(BoN" in data["text/html"]


def test_interrupt_pending_await_keeps_state(kernel):
    km, kc = kernel
    assert_interrupted(kc, "const before = 7; await new Promise(() => {})", km.interrupt_kernel)
    assert execute(kc, "before * 6").result_text() == "42"


def test_heartbeat_answers_during_sync_loop(kernel):
    km, kc = kernel
    msg_id = kc.execute("const until = Date.now() + 3000; while (Date.now() < until) {}")
    time.sleep(1.5)
    assert km.is_alive()
    hb = kc.hb_channel
    assert hb.is_beating()
    kc.get_shell_msg(timeout=20)
    collect(kc, msg_id)


def test_stdin_input_request(kernel):
    _, kc = kernel
    msg_id = kc.execute("const answer = prompt('name? '); answer.toUpperCase()", allow_stdin=True)
    request = kc.get_stdin_msg(timeout=20)
    assert request["msg_type"] == "input_request"
    assert request["content"]["prompt"] == "name? "
    kc.input("ada")
    reply = reply_to(kc, msg_id, timeout=20)
    assert reply["content"]["status"] == "ok"
    outputs = collect(kc, msg_id)
    assert [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"] == ["'ADA'"]


def test_stdin_refused_without_allow_stdin(kernel):
    _, kc = kernel
    run = execute(kc, "prompt('x')", allow_stdin=False)
    assert run.status == "error"
    assert "allow_stdin" in run.reply["content"]["evalue"]


def test_comms_both_directions(kernel):
    _, kc = kernel
    execute(kc, "const received: unknown[] = []; comms.registerTarget('echo', (comm, open) => { received.push(open.data); comm.onMsg((m) => comm.send({ echo: m.data })); })")
    comm_id = uuid.uuid4().hex
    kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "echo", "data": {"hello": 1}}))
    kc.shell_channel.send(kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {"ping": 2}}))
    echo = _wait_iopub(kc, lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == comm_id)
    assert echo["content"]["data"] == {"echo": {"ping": 2}}
    info = kc.comm_info(target_name="echo")
    reply = kc.get_shell_msg(timeout=10)
    while reply["msg_type"] != "comm_info_reply":
        reply = kc.get_shell_msg(timeout=10)
    assert comm_id in reply["content"]["comms"]
    # Unknown target: the kernel closes the comm.
    unknown = uuid.uuid4().hex
    kc.shell_channel.send(kc.session.msg("comm_open", {"comm_id": unknown, "target_name": "nope", "data": {}}))
    closed = _wait_iopub(kc, lambda m: m["msg_type"] == "comm_close" and m["content"]["comm_id"] == unknown)
    assert closed is not None
    # Kernel-initiated comm.
    run = execute(kc, "const c = comms.open('from-kernel', { v: 1 }); c.send({ v: 2 }, { buffers: [new Uint8Array([1, 2, 3])] }); c.commId")
    opened = run.of_type("comm_open")
    assert opened and opened[0]["content"]["target_name"] == "from-kernel"
    sent = run.of_type("comm_msg")[0]
    assert sent["content"]["data"] == {"v": 2}
    assert bytes(sent["buffers"][0]) == b"\x01\x02\x03"
    assert execute(kc, "JSON.stringify(received)").result_text() == "'[{\"hello\":1}]'"


def test_output_streams_while_a_cell_never_yields(kernel, tmp_path):
    # The cell spins without yielding until the client has seen its output: it only ends early if that output left
    # the kernel while it ran (shell and iopub share the main thread with the cell, so sends must not wait for it).
    _, kc = kernel
    flag = tmp_path / "seen"
    code = (
        'import { existsSync } from "node:fs";\n'
        f"const flagFile = {json.dumps(str(flag))};\n"
        "let nextPrint = 0;\n"
        "const giveUpAt = Date.now() + 20000;\n"
        "while (!existsSync(flagFile) && Date.now() < giveUpAt) {\n"
        '  if (Date.now() >= nextPrint) { console.log("waiting"); nextPrint = Date.now() + 100; }\n'
        "}\n"
        "existsSync(flagFile)"
    )
    msg_id = kc.execute(code)
    _wait_iopub(kc, lambda m: m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream"
                and "waiting" in m["content"]["text"])
    flag.write_text("seen")
    reply = kc.get_shell_msg(timeout=30)
    assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
    results = [m for m in collect(kc, msg_id) if m["msg_type"] == "execute_result"]
    assert results and results[0]["content"]["data"]["text/plain"] == "true"


def _wait_iopub(kc, predicate, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if predicate(msg):
            return msg
    raise AssertionError("expected iopub message did not arrive")


def test_forged_signature_is_ignored(kernel):
    _, kc = kernel
    forged = Session(key=b"not-the-key", username=kc.session.username)
    before = execute(kc, "let forgedRan = 0; forgedRan").result_text()
    assert before == "0"
    msg = forged.msg("execute_request", {"code": "forgedRan = 99", "silent": False, "store_history": True,
                                         "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    forged.send(kc.shell_channel.socket, msg)
    unsigned = Session(key=b"", username=kc.session.username)
    unsigned.send(kc.shell_channel.socket, unsigned.msg("execute_request", {"code": "forgedRan = 98"}))
    time.sleep(0.5)
    with pytest.raises(queue.Empty):
        kc.get_shell_msg(timeout=1)
    assert execute(kc, "forgedRan").result_text() == "0"


def test_malformed_frames_are_dropped(kernel):
    _, kc = kernel
    sock = kc.shell_channel.socket
    sock.send_multipart([b"<IDS|MSG>", b"sig", b"not json"])
    sock.send_multipart([b"garbage"])
    assert execute(kc, "1 + 1").result_text() == "2"


def test_outputs_never_after_idle_1000_cells(kernel):
    _, kc = kernel
    late = 0
    for i in range(1000):
        msg_id = kc.execute(f"console.log({i}); {i}")
        seen_idle = False
        got = set()
        while not seen_idle:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                late += 1 if msg["msg_type"] != "status" else 0
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                seen_idle = True
            else:
                got.add(msg["msg_type"])
        assert {"stream", "execute_result"} <= got, (i, got)
        kc.get_shell_msg(timeout=30)
    assert late == 0


def test_execution_count_silent_and_store_history(kernel):
    _, kc = kernel
    first = execute(kc, "1").reply["content"]["execution_count"]
    silent = execute(kc, "2", silent=True)
    assert silent.reply["content"]["execution_count"] == first
    assert silent.outputs == []
    unstored = execute(kc, "3", store_history=False)
    assert unstored.reply["content"]["execution_count"] == first
    assert execute(kc, "4").reply["content"]["execution_count"] == first + 1


def test_user_expressions(kernel):
    _, kc = kernel
    run = execute(kc, "const ue = 21", user_expressions={"double": "ue * 2", "bad": "nope.nope"})
    expressions = run.reply["content"]["user_expressions"]
    assert expressions["double"]["status"] == "ok"
    assert expressions["double"]["data"]["text/plain"] == "42"
    assert expressions["bad"]["status"] == "error"


def test_stop_on_error_aborts_queued_cells(kernel):
    _, kc = kernel
    # The failing cell waits before it throws, so the second request is surely queued by then: a cell that fails at
    # once can end before a loaded machine has even delivered the second, which is then rightly not aborted.
    failing = kc.execute("await new Promise((r) => setTimeout(r, 300)); throw new Error('first')")
    queued = kc.execute("console.log('should not run')")
    replies = {}
    while len(replies) < 2:
        reply = kc.get_shell_msg(timeout=20)
        replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
    assert replies == {failing: "error", queued: "aborted"}
    collect(kc, failing)
    assert execute(kc, "'after'").result_text() == "'after'"


def test_stop_on_error_aborts_cells_queued_while_a_failing_cell_blocks(kernel):
    # The second request is sent while the failing cell spins without yielding, so it waits in the socket until the
    # cell has failed: it must still count as queued before the error (the kernel reads what is waiting before it
    # takes its abort cut-off).
    _, kc = kernel
    failing = kc.execute("const spinUntil = Date.now() + 1500; while (Date.now() < spinUntil) {} throw new Error('blocked first')")
    time.sleep(0.5)
    queued = kc.execute("console.log('should not run either')")
    replies = {}
    while len(replies) < 2:
        reply = kc.get_shell_msg(timeout=20)
        replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
    assert replies == {failing: "error", queued: "aborted"}
    collect(kc, failing)
    assert execute(kc, "'after blocking'").result_text() == "'after blocking'"


def test_late_timer_error_and_rejection_are_reported(kernel):
    _, kc = kernel
    run = execute(kc, "setTimeout(() => { throw new Error('late boom') }, 10); await new Promise((r) => setTimeout(r, 100)); 'done'")
    assert run.status == "ok"
    assert "late boom" in run.stderr()
    execute(kc, "Promise.reject(new Error('nobody caught me')); 'sent'")
    time.sleep(0.3)
    later = execute(kc, "'next'")
    assert "nobody caught me" in later.stderr() or "nobody caught me" in execute(kc, "0").stderr()
    assert execute(kc, "1 + 2").result_text() == "3"


def test_stack_overflow_is_an_error(kernel):
    _, kc = kernel
    run = execute(kc, "function down(n: number): number { return down(n + 1) + 1 }\ndown(0)")
    assert run.status == "error"
    assert run.reply["content"]["ename"] == "RangeError"
    assert execute(kc, "'alive'").result_text() == "'alive'"


def test_50mb_print_is_truncated_and_kernel_responsive(kernel):
    _, kc = kernel
    run = execute(kc, "console.log('x'.repeat(50 * 1024 * 1024)); 'printed'", timeout=120)
    assert run.status == "ok"
    assert len(run.stdout()) < 10 * 1024 * 1024
    assert "output truncated" in run.stderr()
    assert execute(kc, "'still here'").result_text() == "'still here'"


def test_stream_from_timer_goes_to_running_cell(kernel):
    _, kc = kernel
    run = execute(kc, "setTimeout(() => console.log('from timer'), 20); await new Promise((r) => setTimeout(r, 80))")
    assert "from timer" in run.stdout()


def test_update_display_data(kernel):
    _, kc = kernel
    run = execute(kc, "const h = display('first'); h.update('second'); const d = newDisplay(); d.text('a'); d.text('b')")
    displays = run.of_type("display_data")
    updates = run.of_type("update_display_data")
    assert len(displays) == 2 and len(updates) == 2
    assert updates[0]["content"]["transient"]["display_id"] == displays[0]["content"]["transient"]["display_id"]


def test_restart_and_shutdown():
    km, kc = start()
    execute(kc, "const gone = 1")
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)
    run = execute(kc, "typeof (globalThis as any).gone")
    assert run.result_text() == "'undefined'"
    kc.shutdown()
    reply = kc.get_control_msg(timeout=10) if hasattr(kc, "get_control_msg") else None
    deadline = time.time() + 10
    while km.is_alive() and time.time() < deadline:
        time.sleep(0.1)
    assert not km.is_alive()
    kc.stop_channels()
