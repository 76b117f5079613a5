"""Helpers for talking to a kernel in tests: run a cell, gather what it published, wait for replies."""

import queue

TIMEOUT = 20


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


def drain(kc):
    """Drop any messages left on the shell and IOPub channels."""
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        try:
            while True:
                get(timeout=0.05)
        except queue.Empty:
            pass
