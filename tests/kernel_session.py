"""Drives the course's tslab kernel through steps, as a Jupyter front end does, and reports
every reply and every output message.

Usage: kernel_session.py DIR < steps.json     (the kernel starts in DIR)

Each step is an object with one action:
  {"execute": CODE}                     run a cell; with "interrupt": S, interrupt the kernel
                                        S seconds after the cell's first output (the stop button)
  {"complete": CODE, "cursor": N}       ask for completions at N
  {"inspect": CODE, "cursor": N}        ask for what is at N (Shift+Tab)
  {"is_complete": CODE}                 ask whether the code is a whole cell (the console)
  {"write": PATH, "text": TEXT}         save a file in DIR as JupyterLab does (a temporary file, then a rename)
  {"sleep": S}
  {"restart": true}                     restart the kernel, keeping the connection
  {"shutdown": true}                    shut the kernel down through the protocol; reports whether it exited
Prints JSON: for each step, the reply's msg_type and content, and for "execute" the cell's
output messages ({"msg_type", "content"}) and "secondsToEnd" (from an interrupt to the
cell's end).
"""
import json
import os
import sys
import time

from jupyter_client.manager import KernelManager

OUTPUTS = {"stream", "display_data", "update_display_data", "execute_result", "error"}


def shell_reply(kc, msg_id, timeout=60, channel="shell"):
    deadline = time.time() + timeout
    receive = kc.get_control_msg if channel == "control" else kc.get_shell_msg
    while time.time() < deadline:
        reply = receive(timeout=deadline - time.time())
        if reply["parent_header"].get("msg_id") == msg_id:
            return {"msg_type": reply["msg_type"], "content": reply["content"]}
    raise TimeoutError(f"no reply to {msg_id}")


def execute(km, kc, code, interrupt=None, timeout=300):
    msg_id = kc.execute(code)
    outputs, interrupted_at, first_output_at = [], None, None
    deadline = time.time() + timeout
    while time.time() < deadline:
        if interrupt is not None and first_output_at and not interrupted_at and time.time() > first_output_at + interrupt:
            interrupted_at = time.time()
            km.interrupt_kernel()
        try:
            msg = kc.get_iopub_msg(timeout=0.1)
        except Exception:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] in OUTPUTS:
            outputs.append({"msg_type": msg["msg_type"], "content": msg["content"]})
            first_output_at = first_output_at or time.time()
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    result = {**shell_reply(kc, msg_id), "outputs": outputs}
    if interrupted_at:
        result["secondsToEnd"] = time.time() - interrupted_at
    if result["content"]["status"] != "ok":
        time.sleep(0.5)  # tslab drops requests for 200 ms after a failed cell; a learner's next click comes later
    return result


def request(kc, method, *args):
    return shell_reply(kc, getattr(kc, method)(*args))


def save(directory, name, text):
    path = os.path.join(directory, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(f"{path}.~saving", "w") as temporary:
        temporary.write(text)
    os.replace(f"{path}.~saving", path)


def step(directory, km, kc, action):
    if "execute" in action:
        return execute(km, kc, action["execute"], action.get("interrupt"))
    if "complete" in action:
        return request(kc, "complete", action["complete"], action["cursor"])
    if "inspect" in action:
        return request(kc, "inspect", action["inspect"], action["cursor"])
    if "is_complete" in action:
        return request(kc, "is_complete", action["is_complete"])
    if "write" in action:
        save(directory, action["write"], action["text"])
        return {}
    if "sleep" in action:
        time.sleep(action["sleep"])
        return {}
    if "restart" in action:
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=60)
        return {}
    if "shutdown" in action:
        reply = shell_reply(kc, kc.shutdown(), channel="control")
        deadline = time.time() + 10
        while km.is_alive() and time.time() < deadline:
            time.sleep(0.1)
        return {**reply, "exited": not km.is_alive()}
    raise ValueError(f"unknown step {action}")


def main(directory, steps):
    km = KernelManager(kernel_name="tslab")
    # The kernel's own output goes to a log, not to this process's stdout: Node makes the pipes
    # it inherits non-blocking, and a long report printed here would then be cut short.
    log = open(os.path.join(directory, ".kernel.log"), "w")
    km.start_kernel(cwd=directory, stdout=log, stderr=log)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        return [step(directory, km, kc, action) for action in steps]
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
        log.close()
        with open(log.name) as kernel_output:
            sys.stderr.write(kernel_output.read())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(json.dumps(main(sys.argv[1], json.load(sys.stdin))))
