"""The eagerrepl kernel over ZeroMQ: outputs in order, errors, stdin, payloads, interrupt, restart,
signing, sockets, and the debugger (the IPython features cells use are in test_ipython_features.py)."""

import itertools
import os
import re
import time

import pytest
import zmq
from jupyter_client.session import Session as MessageSession

from kernel_messages import TIMEOUT, collect, drain, execute, plain, result, shell_reply, start, stop


def test_outputs_arrive_in_the_order_the_cell_made_them(kernel):
    _, kc = kernel
    reply, outputs = execute(kc, "print('a')\ndisplay(er.constant([3.]))\nprint('b')\n6 * 7")
    assert reply["status"] == "ok"
    assert [kind for kind, _ in outputs] == ["stream", "display_data", "stream", "execute_result"]
    assert outputs[0][1] == {"name": "stdout", "text": "a\n"}
    assert "text/html" in outputs[1][1]["data"] and "[3.]" in outputs[1][1]["data"]["text/plain"]
    assert outputs[3][1]["data"] == {"text/plain": "42"}
    assert outputs[3][1]["execution_count"] == reply["execution_count"]


def test_a_tensor_result_carries_text_and_html(kernel):
    _, kc = kernel
    _, outputs = execute(kc, "er.constant([[1., 2.]])")
    (kind, content), = outputs
    assert kind == "execute_result"
    assert content["data"]["text/plain"] == "Tensor shape=(1, 2) dtype=float32 device=cpu:0\n[[1. 2.]]"
    assert content["data"]["text/html"].startswith('<div class="eagerrepl-tensor">')


def test_an_error_is_one_message_with_the_trimmed_traceback(kernel):
    _, kc = kernel
    reply, outputs = execute(kc, "def f(x):\n    return x / 0\n\nf(1)")
    assert reply["status"] == "error"
    assert [kind for kind, _ in outputs] == ["error"]
    error = outputs[0][1]
    assert (error["ename"], error["evalue"]) == ("ZeroDivisionError", "division by zero")
    assert error["traceback"] == reply["traceback"]
    text = plain("\n".join(error["traceback"]))
    assert re.search(rf"In ?\[{reply['execution_count']}\], line 4", text)
    assert "line 2, in f" in text and "return x / 0" in text
    assert "eagerrepl/" not in text and "ipykernel" not in text and "IPython/" not in text  # only the user's frames


def test_a_failed_cell_keeps_the_namespace(kernel):
    _, kc = kernel
    execute(kc, "kept = er.constant(2.)")
    assert execute(kc, "kept + undefined_name")[0]["ename"] == "NameError"
    _, outputs = execute(kc, "float(kept * 3)")
    assert outputs == [("execute_result", {"execution_count": outputs[0][1]["execution_count"],
                                           "data": {"text/plain": "6.0"}, "metadata": {}})]


def test_magics_run_as_in_ipython(kernel):
    _, kc = kernel
    reply, outputs = execute(kc, "%nosuchmagic")
    assert reply["status"] == "error" and reply["ename"] == "UsageError"
    assert "Line magic function `%nosuchmagic` not found" in reply["evalue"]
    reply, outputs = execute(kc, "%time er.reduce_sum(er.ones([3]))")
    assert reply["status"] == "ok"
    assert "Wall time" in "".join(c["text"] for kind, c in outputs if kind == "stream")
    assert outputs[-1][1]["data"]["text/plain"].endswith("\n3.0")


def test_silent_cells_have_no_result_and_are_not_counted(kernel):
    _, kc = kernel
    before = execute(kc, "1")[0]["execution_count"]
    # ipykernel still streams what a silent cell prints, as the python3 kernel does.
    reply, outputs = execute(kc, "5", silent=True)
    assert reply["status"] == "ok" and outputs == []
    assert execute(kc, "1")[0]["execution_count"] == before + 1


def test_user_expressions_are_evaluated_without_being_stored(kernel):
    _, kc = kernel
    execute(kc, "w = er.constant([1., 2.])")
    reply, _ = execute(kc, "pass", user_expressions={"total": "float(er.reduce_sum(w))", "bad": "nope"})
    assert reply["user_expressions"]["total"] == {"status": "ok", "data": {"text/plain": "3.0"}, "metadata": {}}
    assert reply["user_expressions"]["bad"]["status"] == "error"
    assert reply["user_expressions"]["bad"]["ename"] == "NameError"


def test_input_asks_the_front_end(kernel):
    _, kc = kernel
    msg_id = kc.execute("print('Hello.', end=' ')\nname = input('who? ')\nname.upper()", allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["content"] == {"prompt": "who? ", "password": False}
    kc.input("ada")
    assert shell_reply(kc, msg_id)["status"] == "ok"
    outputs = collect(kc, msg_id)
    # print() writes "Hello." and its end apart: on a busy machine they may come in two messages.
    assert "".join(content["text"] for kind, content in outputs if kind == "stream") == "Hello. "
    assert outputs[-1][1]["data"] == {"text/plain": "'ADA'"}


def test_input_without_stdin_is_a_clear_error(kernel):
    _, kc = kernel
    reply, _ = execute(kc, "input()", allow_stdin=False)
    assert reply["status"] == "error" and reply["ename"] == "StdinNotImplementedError"


def test_load_puts_a_file_into_the_next_cell(kernel, tmp_path):
    _, kc = kernel
    script = tmp_path / "snippet.py"
    script.write_text("y = 2\n")
    reply, _ = execute(kc, f"%load {script}")
    assert any(p["source"] == "set_next_input" and "y = 2" in p["text"] for p in reply["payload"])


def test_exit_asks_the_front_end_and_ends_the_kernel(fresh_kernel):
    km, kc = fresh_kernel
    reply, _ = execute(kc, "exit()")
    assert reply["status"] == "ok"
    assert {"source": "ask_exit", "keepkernel": False} in reply["payload"]
    deadline = time.monotonic() + TIMEOUT
    while km.is_alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not km.is_alive()


def test_complete_reports_kinds_and_the_span_to_replace(kernel):
    _, kc = kernel
    msg_id = kc.complete("x = er.reduce_me", cursor_pos=16)
    reply = shell_reply(kc, msg_id)
    assert reply["matches"] == ["reduce_mean"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (7, 16)
    assert reply["metadata"]["_jupyter_types_experimental"][0]["type"] == "function"


def test_inspect_shows_the_docstring(kernel):
    _, kc = kernel
    reply = shell_reply(kc, kc.inspect("er.reduce_sum(", cursor_pos=14))
    assert reply["found"] is True
    assert "Signature: er.reduce_sum(" in plain(reply["data"]["text/plain"])
    assert shell_reply(kc, kc.inspect("no_such_name"))["found"] is False


def test_kernel_info_describes_python_and_eagerrepl(kernel):
    _, kc = kernel
    import platform

    import eagerrepl
    info = shell_reply(kc, kc.kernel_info())
    assert info["implementation"] == "eagerrepl"
    assert info["implementation_version"] == eagerrepl.__version__
    assert info["language_info"]["version"] == platform.python_version()
    assert info["language_info"]["pygments_lexer"] == "ipython3"
    assert info["banner"].startswith(f"eagerrepl {eagerrepl.__version__}")
    assert "IPython" in info["banner"]
    assert "debugger" in info["supported_features"]  # JupyterLab offers its debugger panel


def test_interrupt_stops_the_cell_and_keeps_the_namespace(kernel):
    km, kc = kernel
    drain(kc)
    execute(kc, "before_interrupt = er.constant(5.)")
    msg_id = kc.execute("while True: pass")
    time.sleep(0.5)  # let the loop start: an interrupt before the cell runs would hit nothing
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id)
    assert reply["status"] == "error" and reply["ename"] == "KeyboardInterrupt"
    assert [kind for kind, _ in collect(kc, msg_id)] == ["error"]
    reply, outputs = execute(kc, "float(before_interrupt + 1)")
    assert reply["status"] == "ok" and outputs[-1][1]["data"] == {"text/plain": "6.0"}


@pytest.mark.parametrize("key", [b"", b"not-the-kernel-key"], ids=["unsigned", "wrongly-signed"])
def test_an_unverified_execute_request_runs_nothing(kernel, tmp_path, key):
    km, kc = kernel
    info = km.get_connection_info()
    marker = tmp_path / "forged-ran"
    # key=b"" sends an empty signature, as a client that knows no key would.
    forger = MessageSession(key=key, signature_scheme=info["signature_scheme"])
    context = zmq.Context.instance()
    socket = context.socket(zmq.DEALER)
    socket.linger = 0
    socket.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    try:
        forger.send(socket, forger.msg("execute_request", {
            "code": f"forged = 1\nopen({str(marker)!r}, 'w').close()", "silent": False,
            "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}))
        assert socket.poll(1000) == 0, "the kernel answered a message it could not verify"
    finally:
        socket.close()
    # A signed request sent after the forged one is answered, so the forged one was handled (dropped) first.
    reply, _ = execute(kc, "forged")
    assert reply["status"] == "error" and reply["ename"] == "NameError"
    assert not marker.exists()
    reply, outputs = execute(kc, "6 * 7")
    assert reply["status"] == "ok" and outputs[-1][1]["data"] == {"text/plain": "42"}


def listening_sockets(pid):
    """(address, port) of each TCP socket process `pid` listens on, IPv4 and IPv6, from /proc."""
    import os
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue  # closed while we looked
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("tcp", "tcp6"):
        try:
            with open(f"/proc/{pid}/net/{table}") as f:
                rows = [line.split() for line in f.readlines()[1:]]
        except OSError:
            continue
        # Columns: sl, local "ADDR:PORT" in hex, remote, state (0A = LISTEN), ..., inode (10th).
        for row in rows:
            if row[3] == "0A" and row[9] in inodes:
                address, port = row[1].split(":")
                found.append((address, int(port, 16)))
    return found


def kernel_pid(km):
    return km.provisioner.process.pid


def test_it_listens_on_loopback_only_and_signs_messages(kernel):
    km, _ = kernel
    info = km.get_connection_info()
    assert (info["transport"], info["ip"]) == ("tcp", "127.0.0.1")
    assert info["key"] and info["signature_scheme"] == "hmac-sha256"
    if not os.path.isdir(f"/proc/{kernel_pid(km)}/fd"):
        pytest.skip("no /proc to read listening sockets from")
    ports = {info[name] for name in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")}
    listening = listening_sockets(kernel_pid(km))
    # The connection file's five ports, and ipykernel's own pipe for forked subprocesses' output
    # (which checks a random token on each message): all on 127.0.0.1 (little-endian hex).
    assert ports <= {port for _, port in listening} and len(listening) <= len(ports) + 1
    assert {address for address, _ in listening} == {"0100007F"}


def test_the_ipc_transport_listens_on_unix_sockets(tmp_path):
    import tempfile

    from jupyter_client.manager import KernelManager
    # Unix socket paths are limited to about 100 bytes: pytest's tmp_path can be longer.
    with tempfile.TemporaryDirectory(prefix="er-ipc-") as folder:
        km = KernelManager(kernel_name="eagerrepl", transport="ipc", ip=os.path.join(folder, "kernel"))
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            info = km.get_connection_info()
            assert info["transport"] == "ipc"
            reply, outputs = execute(kc, "er.constant([1., 2.]) * 2")
            assert reply["status"] == "ok" and outputs[-1][1]["data"]["text/plain"].endswith("[2. 4.]")
            sockets = sorted(name for name in os.listdir(folder) if name.startswith("kernel-"))
            assert len(sockets) == 5 and all(os.stat(os.path.join(folder, s)).st_mode & 0o170000 == 0o140000
                                             for s in sockets)  # S_IFSOCK
            if os.path.isdir(f"/proc/{kernel_pid(km)}/fd"):
                # No TCP port but ipykernel's loopback pipe for forked subprocesses' output.
                listening = listening_sockets(kernel_pid(km))
                assert len(listening) <= 1 and {address for address, _ in listening} <= {"0100007F"}
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


def test_restart_gives_a_fresh_session(fresh_kernel):
    km, kc = fresh_kernel
    execute(kc, "survivor = 1")
    km.restart_kernel(now=True)
    kc.wait_for_ready(timeout=60)
    drain(kc)
    reply, _ = execute(kc, "survivor")
    assert reply["status"] == "error" and reply["ename"] == "NameError"
    assert reply["execution_count"] == 1
    reply, outputs = execute(kc, "er.constant(2.) * 2")
    assert reply["status"] == "ok" and result(outputs)["text/plain"].endswith("4.0")


def test_help_goes_to_the_pager_not_the_output(kernel):
    _, kc = kernel
    reply, outputs = execute(kc, "er.reduce_sum??")
    assert reply["status"] == "ok" and outputs == []
    page, = [p for p in reply["payload"] if p["source"] == "page"]
    assert "Signature: er.reduce_sum(" in plain(page["data"]["text/plain"])
    assert "Source:" in plain(page["data"]["text/plain"])  # `??` adds the source


def test_output_written_below_python_joins_the_cell(kernel):
    _, kc = kernel
    drain(kc)
    msg_id = kc.execute("import os\nos.system('echo from a subprocess')")
    assert shell_reply(kc, msg_id)["status"] == "ok"
    # ipykernel reads the process's file descriptors in a thread, so this text may trail the idle status.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["msg_type"] == "stream" and "from a subprocess" in msg["content"]["text"]:
            assert msg["parent_header"].get("msg_id") == msg_id
            return
    raise AssertionError("the subprocess's output never arrived")


DEBUG_SEQUENCE = itertools.count(1)


def debug_request(kc, command, arguments=None):
    """Send a Debug Adapter Protocol request on the control channel (as JupyterLab's debugger does); its reply."""
    msg = kc.session.msg("debug_request", {"type": "request", "seq": next(DEBUG_SEQUENCE),
                                           "command": command, "arguments": arguments or {}})
    kc.control_channel.send(msg)
    while True:
        reply = kc.get_control_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            assert reply["content"]["success"], reply["content"]
            return reply["content"]


def test_the_debugger_stops_at_a_breakpoint_in_a_cell(fresh_kernel):
    _, kc = fresh_kernel
    debug_request(kc, "initialize", {"clientID": "tests", "adapterID": "python", "pathFormat": "path",
                                     "linesStartAt1": True, "columnsStartAt1": True})
    debug_request(kc, "attach")
    assert debug_request(kc, "debugInfo")["body"]["isStarted"]
    code = "def double(a):\n    return er.constant(a) * 2\n"
    source = debug_request(kc, "dumpCell", {"code": code})["body"]["sourcePath"]
    debug_request(kc, "setBreakpoints", {"source": {"path": source}, "breakpoints": [{"line": 2}]})
    debug_request(kc, "configurationDone")
    assert execute(kc, code)[0]["status"] == "ok"
    msg_id = kc.execute("double(21.)")
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["msg_type"] == "debug_event" and msg["content"]["event"] == "stopped":
            thread = msg["content"]["body"]["threadId"]
            break
    frame = debug_request(kc, "stackTrace", {"threadId": thread})["body"]["stackFrames"][0]
    assert (frame["name"], frame["line"]) == ("double", 2)
    scope = debug_request(kc, "scopes", {"frameId": frame["id"]})["body"]["scopes"][0]
    variables = debug_request(kc, "variables", {"variablesReference": scope["variablesReference"]})
    assert {"a": "21.0"}.items() <= {v["name"]: v["value"] for v in variables["body"]["variables"]}.items()
    debug_request(kc, "continue", {"threadId": thread})
    assert shell_reply(kc, msg_id)["status"] == "ok"
    assert result(collect(kc, msg_id))["text/plain"].endswith("42.0")
    debug_request(kc, "disconnect", {"restart": False, "terminateDebuggee": True})


def test_curve_encryption_when_the_manager_requires_it():
    from jupyter_client.manager import KernelManager
    km = KernelManager(kernel_name="eagerrepl", transport_encryption="required")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        info = km.get_connection_info()
        assert info["curve_publickey"] and info["curve_secretkey"]
        reply, outputs = execute(kc, "er.constant([1., 2.]) * 2")
        assert reply["status"] == "ok" and result(outputs)["text/plain"].endswith("[2. 4.]")
        # A client with the signing key but without the CURVE handshake gets no answer.
        signer = MessageSession(key=info["key"], signature_scheme=info["signature_scheme"])
        socket = zmq.Context.instance().socket(zmq.DEALER)
        socket.linger = 0
        socket.connect(f"tcp://127.0.0.1:{info['shell_port']}")
        try:
            signer.send(socket, signer.msg("kernel_info_request", {}))
            assert socket.poll(1000) == 0, "the kernel answered a client that skipped the CURVE handshake"
        finally:
            socket.close()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_a_failing_extension_load_is_shown_and_the_kernel_goes_on(tmp_path):
    # A broken numpy, first on the kernel's path: loading the extension fails on the first cell.
    (tmp_path / "numpy").mkdir()
    (tmp_path / "numpy" / "__init__.py").write_text("raise ImportError('this numpy is broken')\n")
    km, kc = start(PYTHONPATH=str(tmp_path))
    try:
        reply, outputs = execute(kc, "6 * 7")
        assert reply["status"] == "ok" and result(outputs) == {"text/plain": "42"}
        error, = [content for kind, content in outputs if kind == "error"]
        assert "this numpy is broken" in error["evalue"] and len(error["traceback"]) <= 2
        reply, outputs = execute(kc, "%pwd")  # IPython itself still works
        assert reply["status"] == "ok" and outputs[-1][0] == "execute_result"
    finally:
        stop(km, kc)
