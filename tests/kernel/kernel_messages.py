"""Helpers for talking to a kernel in tests: start one, run a cell, gather what it published, wait for replies."""

import os
import queue
import re

TIMEOUT = 20
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def start(kernel_name="eagerrepl", **environment):
    """A started kernel (with `environment` added to ours) and a client on it: (KernelManager, BlockingKernelClient)."""
    from jupyter_client.manager import start_new_kernel
    # Without pytest's marker in its environment, ipykernel behaves as for a person (it stops
    # forwarding output written to the process's file descriptors when it sees the marker).
    env = {name: value for name, value in os.environ.items() if name != "PYTEST_CURRENT_TEST"}
    return start_new_kernel(kernel_name=kernel_name, startup_timeout=60, env={**env, **environment})


def stop(km, kc):
    """Close the client and shut the kernel down."""
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def collect(kc, msg_id, timeout=TIMEOUT):
    """The IOPub messages (type, content) a request caused, up to its `idle`, without the status ones."""
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status":
            if msg["content"]["execution_state"] == "idle":
                return outputs
        elif kind != "execute_input":
            outputs.append((kind, msg["content"]))


def execute(kc, code, timeout=TIMEOUT, **options):
    """Run `code`; return (execute_reply content, [(iopub type, content), ...])."""
    msg_id = kc.execute(code, **options)
    reply = shell_reply(kc, msg_id, timeout)
    return reply, collect(kc, msg_id, timeout)


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    """The content of the shell reply to `msg_id`."""
    while True:
        msg = kc.get_shell_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg["content"]


def result(outputs):
    """The data of the execute_result among a cell's outputs."""
    results = [content["data"] for kind, content in outputs if kind == "execute_result"]
    assert len(results) == 1, outputs
    return results[0]


def stream_text(outputs, name="stdout"):
    """Everything a cell wrote to one stream, as one string."""
    return "".join(content["text"] for kind, content in outputs if kind == "stream" and content["name"] == name)


def plain(text):
    """`text` without its ANSI colour codes (IPython colours tracebacks and help)."""
    return ANSI.sub("", text)


def drain(kc):
    """Drop any messages left on the shell and IOPub channels."""
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        try:
            while True:
                get(timeout=0.05)
        except queue.Empty:
            pass
