"""Execute notebooks top to bottom, each in a fresh kernel, and report what happened.

Usage: execute_notebook.py [--afterwards FOLLOW_UP.py] < PAIRS

Reads one "NOTEBOOK<tab>OUTPUT" pair per line from stdin and runs each as it arrives, so the
caller can hand the next notebook to whichever runner is free; stops at the end of input.
One process runs them all, one after the other (Jupyter's client libraries take about
2 s to import). Each kernel starts in its notebook's own folder. An executed copy is
written to its OUTPUT even when a cell fails. For each notebook, as soon as it finishes,
one line of JSON goes to stdout: whether it ran clean, seconds per cell, the failing cell
(the kernel's `error` message: an exception or a compile error), and every stderr output
(console.error, Node's warnings, and errors that arrive after their cell ended).

With --afterwards, the same kernel then runs the cells FOLLOW_UP.py plans (its
`plan(originals)` returns (cell, phase, original index) triples; a cell tagged
`raises-exception` may fail), and the report's "afterwards" is what its
`summarize(originals, steps, errors)` makes of them. The tests' follow-up is the learners'
re-runs (tests/learner_reruns.py). The executed copy keeps the first pass.
"""
import importlib.util
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


def watch_problems(client: NotebookClient, seen: list) -> None:
    """Records (request id, kind, text) of every stderr stream and error message on the kernel's output channel.

    tslab sends a late error (an un-awaited rejection) to stderr under the id of a cell that
    has finished, and nbclient drops such messages from the notebook; here none is lost.
    """
    channel = client.kc.iopub_channel
    receive = channel.get_msg

    async def get_msg(*args, **kwargs):
        message = await receive(*args, **kwargs)
        content, request = message["content"], message["parent_header"].get("msg_id")
        if message["msg_type"] == "stream" and content.get("name") == "stderr":
            seen.append((request, "stderr", content["text"]))
        elif message["msg_type"] == "error":
            seen.append((request, "error", "\n".join(content["traceback"])))
        return message

    channel.get_msg = get_msg


def load_follow_up(path: str):
    """The follow-up module at `path` (its folder joins the import path, so it can import this one)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location("follow_up", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def execute(path: str, output: str, follow_up=None) -> dict:
    notebook = nbformat.read(path, as_version=4)
    originals = [(i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    steps = follow_up.plan(originals) if follow_up else []
    added = [cell for cell, _, _ in steps]
    phases = [(phase, original) for _, phase, original in steps]
    # A late error needs a cell still running to arrive during: one short cell at the end.
    added.append(nbformat.v4.new_code_cell(SETTLE_SOURCE))
    phases.append(("settle", None))
    first_added = len(notebook.cells)
    notebook.cells.extend(added)
    started, timings, problems, cell_of_request = {}, [], [], {}

    def on_cell_execute(cell, cell_index):
        started[cell_index] = time.perf_counter()

    def on_cell_error(cell, cell_index, execute_reply):
        time.sleep(0.5)  # tslab aborts every request for 200 ms after an error

    def on_cell_executed(cell, cell_index, execute_reply):
        timings.append({"cell": cell_index, "seconds": round(time.perf_counter() - started[cell_index], 3)})
        cell_of_request[execute_reply["parent_header"].get("msg_id")] = cell_index

    client = NotebookClient(
        notebook, kernel_name="tslab", timeout=900, startup_timeout=120,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        on_notebook_start=lambda notebook: watch_problems(client, problems),
        on_cell_execute=on_cell_execute, on_cell_executed=on_cell_executed, on_cell_error=on_cell_error,
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
    # nbclient starts the kernel and waits until it is ready before the first cell.
    report["kernelStartSeconds"] = round(min(started.values()) - begin, 3) if started else None
    first_code = timings[0] if timings else None
    report["firstOutputSeconds"] = round(started[first_code["cell"]] + first_code["seconds"] - begin, 3) if first_code else None
    report["cells"] = [t for t in timings if t["cell"] < first_added]
    report["stderr"], follow_up_errors = [], []
    for request, kind, text in problems:
        index = cell_of_request.get(request)
        may_fail = index is not None and "raises-exception" in notebook.cells[index].metadata.get("tags", [])
        if kind == "error" and index is not None and not may_fail:
            continue  # nbclient raised it: it is report["error"]
        phase, original = phases[index - first_added] if index is not None and index >= first_added else ("first", index)
        seen = {"cell": original, "source": first_line(notebook.cells[index].source) if index is not None else "", "text": text[-3000:]}
        if may_fail:
            follow_up_errors.append({**seen, "phase": phase})
        else:
            report["stderr"].append(seen)
    report["ok"] = report["ok"] and not report["stderr"]
    if follow_up:
        report["afterwards"] = follow_up.summarize(originals, steps, follow_up_errors)
    del notebook.cells[first_added:]
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    nbformat.write(notebook, output)
    return report


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments and (len(arguments) != 2 or arguments[0] != "--afterwards"):
        sys.exit(__doc__)
    follow_up = load_follow_up(arguments[1]) if arguments else None
    for line in sys.stdin:
        notebook, output = line.rstrip("\n").split("\t")
        print(json.dumps(execute(notebook, output, follow_up)), flush=True)
