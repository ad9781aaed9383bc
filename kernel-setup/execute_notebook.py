"""Execute one notebook top to bottom in a fresh kernel and report what happened.

Usage: execute_notebook.py NOTEBOOK OUTPUT [KERNEL_NAME]

The kernel starts in the notebook's own folder. The executed copy is written to OUTPUT
even when a cell fails. A JSON report goes to stdout: whether it ran clean, seconds per
cell, the failing cell, and every stderr output (tslab reports compile errors, exceptions
and unhandled rejections only as stderr text, never as an `error` message).
"""
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


SETTLE_SOURCE = "// (after the last cell: late errors land here)\nawait new Promise((resolve) => setTimeout(resolve, 300));"


def first_line(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip()]
    return lines[0][:120] if lines else ""


def watch_stderr(client: NotebookClient, seen: list) -> None:
    """Records (request id, text) of every stderr message on the kernel's output channel.

    tslab sends a late error (an un-awaited rejection) under the id of a cell that has
    finished, and nbclient drops such messages from the notebook; here none is lost.
    """
    channel = client.kc.iopub_channel
    receive = channel.get_msg

    async def get_msg(*args, **kwargs):
        message = await receive(*args, **kwargs)
        if message["msg_type"] == "stream" and message["content"].get("name") == "stderr":
            seen.append((message["parent_header"].get("msg_id"), message["content"]["text"]))
        return message

    channel.get_msg = get_msg


def execute(path: str, output: str, kernel_name: str) -> dict:
    notebook = nbformat.read(path, as_version=4)
    # A late error needs a cell still running to arrive during: one short cell at the end.
    settle = nbformat.v4.new_code_cell(SETTLE_SOURCE)
    notebook.cells.append(settle)
    started, timings, stderr_seen, cell_of_request = {}, [], [], {}

    def on_cell_execute(cell, cell_index):
        started[cell_index] = time.perf_counter()

    def on_cell_executed(cell, cell_index, execute_reply):
        timings.append({"cell": cell_index, "seconds": round(time.perf_counter() - started[cell_index], 3)})
        cell_of_request[execute_reply["parent_header"].get("msg_id")] = cell_index

    client = NotebookClient(
        notebook, kernel_name=kernel_name, timeout=900, startup_timeout=120,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        on_notebook_start=lambda notebook: watch_stderr(client, stderr_seen),
        on_cell_execute=on_cell_execute, on_cell_executed=on_cell_executed,
    )
    report = {"notebook": path, "ok": True, "error": None}
    begin = time.perf_counter()
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        failing = max(started) if started else None
        report["ok"] = False
        report["error"] = {
            "cell": failing,
            "source": first_line(notebook.cells[failing].source) if failing is not None else "",
            "kind": type(error).__name__,
            "message": str(error)[-3000:],
        }
    report["seconds"] = round(time.perf_counter() - begin, 3)
    report["cells"] = [t for t in timings if notebook.cells[t["cell"]] is not settle]
    report["stderr"] = []
    for request, text in stderr_seen:
        index = cell_of_request.get(request)
        report["stderr"].append({"cell": index, "source": first_line(notebook.cells[index].source) if index is not None else "",
                                 "text": text[-3000:]})
    report["ok"] = report["ok"] and not report["stderr"]
    notebook.cells.remove(settle)
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    nbformat.write(notebook, output)
    return report


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    print(json.dumps(execute(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else "tslab")))
