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


def first_line(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip()]
    return lines[0][:120] if lines else ""


def execute(path: str, output: str, kernel_name: str) -> dict:
    notebook = nbformat.read(path, as_version=4)
    started = {}
    timings = []

    def on_cell_execute(cell, cell_index):
        started[cell_index] = time.perf_counter()

    def on_cell_executed(cell, cell_index, execute_reply):
        timings.append({"cell": cell_index, "seconds": round(time.perf_counter() - started[cell_index], 3)})

    client = NotebookClient(
        notebook, kernel_name=kernel_name, timeout=900, startup_timeout=120,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
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
    report["cells"] = timings
    report["stderr"] = [
        {"cell": index, "source": first_line(cell.source), "text": output_["text"][-3000:]}
        for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
        for output_ in cell.get("outputs", [])
        if output_.get("output_type") == "stream" and output_.get("name") == "stderr"
    ]
    if report["stderr"]:
        report["ok"] = False
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    nbformat.write(notebook, output)
    return report


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    print(json.dumps(execute(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else "tslab")))
