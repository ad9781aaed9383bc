"""Interrupts a running cell in a tslab kernel, as JupyterLab's stop button does.

Usage: interrupt_session.py DIR SETUP LONG AFTER   (each a cell's source)

Runs SETUP, starts LONG, interrupts the kernel a second after LONG's first output (as a
learner watching it would), waits for LONG to end, then runs AFTER. Prints JSON: for each cell its reply status and
what it printed, and the seconds from the interrupt to LONG's end.
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager


def reply_status(kc, msg_id):
    while True:
        reply = kc.get_shell_msg(timeout=10)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]["status"]


def run(kc, code, on_first_output=None, timeout=120):
    msg_id = kc.execute(code)
    printed, status, first_output_at = [], None, None
    deadline = time.time() + timeout
    while time.time() < deadline:
        if on_first_output and first_output_at and time.time() > first_output_at + 1:
            on_first_output()
            on_first_output = None
        try:
            msg = kc.get_iopub_msg(timeout=0.1)
        except Exception:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        content = msg["content"]
        if msg["msg_type"] == "stream":
            printed.append(content["text"])
        elif msg["msg_type"] in ("display_data", "update_display_data", "execute_result"):
            printed.append(content["data"].get("text/plain", ""))
        elif msg["msg_type"] == "error":
            printed.append(f'{content["ename"]}: {content["evalue"]}')
        elif msg["msg_type"] == "status" and content["execution_state"] == "idle":
            status = reply_status(kc, msg_id)
            break
        if printed and not first_output_at:
            first_output_at = time.time()
    return {"status": status, "printed": "".join(printed)}


def main(directory, setup, long, after):
    km = KernelManager(kernel_name="tslab")
    km.start_kernel(cwd=directory)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        interrupted_at = []

        def interrupt():
            interrupted_at.append(time.time())
            km.interrupt_kernel()

        report = {"setup": run(kc, setup), "long": run(kc, long, on_first_output=interrupt)}
        report["secondsToStop"] = time.time() - interrupted_at[0] if interrupted_at else None
        time.sleep(0.5)  # tslab drops requests for 200 ms after a failed cell; a learner's next click comes later
        report["after"] = run(kc, after)
        return report
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    print(json.dumps(main(*sys.argv[1:])))
