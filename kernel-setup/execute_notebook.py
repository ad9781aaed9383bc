"""Execute notebooks top to bottom, each in a fresh kernel, and report what happened.

Usage: execute_notebook.py [--rerun] NOTEBOOK OUTPUT [NOTEBOOK OUTPUT ...]

One process runs them all, one after the other (Jupyter's client libraries take about
2 s to import). Each kernel starts in its notebook's own folder. An executed copy is
written to its OUTPUT even when a cell fails. For each notebook, as soon as it finishes,
one line of JSON goes to stdout: whether it ran clean, seconds per cell, the failing cell
(the kernel's `error` message: an exception or a compile error), and every stderr output
(console.error, Node's warnings, and errors that arrive after their cell ended).

With --rerun, the same kernel then does what learners do after a chapter ran, and the
report says how each went (the executed copy keeps the first pass):
- "Run All" again: the cells whose output differs from the first pass (wall-clock times
  and tfjs's numbered layer names aside), and the live tensors after each pass. A cell
  whose first line says it "prints wall-clock times" is run but not compared.
- every code cell alone, from the last to the first: the errors each one printed;
- an edit: the first learning rate, epoch or step count halved (counts rounded up), then
  the cells after it except the self-check (its claims hold for the chapter's numbers):
  the errors they printed.
"""
import json
import math
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


SETTLE_SOURCE = "// (after the last cell: late errors land here)\nawait new Promise((resolve) => setTimeout(resolve, 300));"
# tfjs keeps its engine on the global object; "-" when the chapter never loaded tfjs.
TENSORS_SOURCE = 'console.log(`live tensors: ${(globalThis as any)._tfengine?.state.numTensors ?? "-"}`);'
VARIES = [
    (re.compile(r"\d+(\.\d+)?(e[+-]?\d+)?\s*(µs|ms|s|seconds)\b"), "<time>"),
    (re.compile(r"\b([a-z0-9_]*_[A-Z][A-Za-z0-9]*?)\d+\b"), r"\1<n>"),  # dense_Dense3 in a model summary
    (re.compile(r"[ \t]+"), " "),  # ... whose columns widen with the number
]
CLOCK_MARK = "prints wall-clock times"
# The hyperparameter a learner edits: `const lr = 0.1;`, `const EPOCHS = 40;`, ...
EDITABLE = re.compile(r"^(const|let) (lr|LR|epochs|EPOCHS|steps) = (\d+(?:\.\d+)?(?:e-?\d+)?);", re.M)


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


def printed(cell) -> str:
    """What a code cell showed: its text, plain-text displays and chart specs, minus what varies between runs."""
    parts = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        spec = data.get("application/vnd.vegalite.v5+json")
        parts.append(out.get("text", "") + data.get("text/plain", "") + (json.dumps(spec) if spec else ""))
    text = "".join(parts)
    for pattern, replacement in VARIES:
        text = pattern.sub(replacement, text)
    return text


def rerun_report(originals, copies, probes) -> dict:
    differ = [{"cell": index, "source": first_line(first.source), "first": printed(first)[-400:], "second": printed(second)[-400:]}
              for (index, first), second in zip(originals, copies)
              if CLOCK_MARK not in first.source.split("\n", 1)[0] and printed(first) != printed(second)]
    return {"differ": differ, "liveTensors": [printed(p).strip().rsplit(" ", 1)[-1] for p in probes]}


def learner_edit(originals):
    """(cell position in originals, edited source, old line, new line) for the first editable hyperparameter."""
    for position, (_, cell) in enumerate(originals[:-1]):
        match = EDITABLE.search(cell.source)
        if match:
            keyword, name, value = match.groups()
            halved = float(value) / 2 if name.lower() == "lr" else math.ceil(float(value) / 2)
            line = f"{keyword} {name} = {halved:g};"
            return position, cell.source[:match.start()] + line + cell.source[match.end():], match.group(0), line
    return None


def may_fail(source: str):
    """A cell whose error is reported, not raised: the run goes on to the next one."""
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["raises-exception"]})


def execute(path: str, output: str, rerun: bool = False) -> dict:
    notebook = nbformat.read(path, as_version=4)
    originals = [(i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    added, phases = [], []  # each added cell, and (phase, index of the original cell) for it
    if rerun:
        probes = [nbformat.v4.new_code_cell(TENSORS_SOURCE) for _ in range(2)]
        copies = [nbformat.v4.new_code_cell(c.source) for _, c in originals]
        added += [probes[0], *copies, probes[1]]
        phases += [("probe", None), *(("again", i) for i, _ in originals), ("probe", None)]
        added += [may_fail(c.source) for _, c in reversed(originals)]
        phases += [("alone", i) for i, _ in reversed(originals)]
        edit = learner_edit(originals)
        if edit:
            position, edited, _, _ = edit
            rest = originals[position:-1]
            added += [may_fail(edited), *(may_fail(c.source) for _, c in rest[1:])]
            phases += [("edited", i) for i, _ in rest]
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
    report["stderr"], learner_errors = [], {"alone": [], "edited": []}
    for request, kind, text in problems:
        index = cell_of_request.get(request)
        if kind == "error" and index is not None and "raises-exception" not in notebook.cells[index].metadata.get("tags", []):
            continue  # nbclient raised it: it is report["error"]
        phase, original = phases[index - first_added] if index is not None and index >= first_added else ("first", index)
        seen = {"cell": original, "source": first_line(notebook.cells[index].source) if index is not None else "", "text": text[-3000:]}
        (learner_errors[phase] if phase in learner_errors else report["stderr"]).append(seen)
    report["ok"] = report["ok"] and not report["stderr"]
    if rerun:
        report["rerun"] = {
            **rerun_report(originals, copies, probes),
            "alone": learner_errors["alone"],
            "edit": edit and {"cell": originals[edit[0]][0], "from": edit[2], "to": edit[3], "errors": learner_errors["edited"]},
        }
    del notebook.cells[first_added:]
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    nbformat.write(notebook, output)
    return report


if __name__ == "__main__":
    rerun = sys.argv[1:2] == ["--rerun"]
    pairs = sys.argv[2:] if rerun else sys.argv[1:]
    if not pairs or len(pairs) % 2:
        sys.exit(__doc__)
    for notebook, output in zip(pairs[::2], pairs[1::2]):
        print(json.dumps(execute(notebook, output, rerun)), flush=True)
