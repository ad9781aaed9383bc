"""What learners do after a chapter ran, in the same kernel: the follow-up that
kernel-setup/execute_notebook.py runs with `--afterwards tests/learner_reruns.py`
(tests/notebooks.test.ts, tests/executor.test.ts). The executed copy keeps the first pass.

- "Run All" again: the cells whose output differs from the first pass (wall-clock times
  and tfjs's numbered layer names aside), and the live tensors after each pass. A cell
  whose first line says it "prints wall-clock times" is run but not compared.
- every code cell alone, from the last to the first: the errors each one printed;
- an edit: the first `lr`, `epochs` or `steps` halved (counts rounded up), then the cells
  after it except the self-check (its claims hold for the chapter's numbers): the errors
  they printed.
"""
import json
import math
import re

import nbformat

from execute_notebook import first_line

# tfjs keeps its engine on the global object; "-" when the chapter never loaded tfjs.
TENSORS_SOURCE = 'console.log(`live tensors: ${(globalThis as any)._tfengine?.state.numTensors ?? "-"}`);'
VARIES = [
    (re.compile(r"\d+(\.\d+)?(e[+-]?\d+)?\s*(µs|ms|s|seconds)\b"), "<time>"),
    (re.compile(r"\b([a-z0-9_]*_[A-Z][A-Za-z0-9]*?)\d+\b"), r"\1<n>"),  # dense_Dense3 in a model summary
    (re.compile(r"[ \t]+"), " "),  # ... whose columns widen with the number
]
CLOCK_MARK = "prints wall-clock times"
# The hyperparameter a learner edits: `const lr = 0.1;`, `const epochs = 40;`, `const steps = 300;`.
EDITABLE = re.compile(r"^(const|let) (lr|epochs|steps) = (\d+(?:\.\d+)?(?:e-?\d+)?);", re.M)


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


def learner_edit(originals):
    """(position in originals, edited source, old line, new line) for the first editable hyperparameter."""
    for position, (_, cell) in enumerate(originals[:-1]):
        match = EDITABLE.search(cell.source)
        if match:
            keyword, name, value = match.groups()
            halved = float(value) / 2 if name == "lr" else math.ceil(float(value) / 2)
            line = f"{keyword} {name} = {halved:g};"
            return position, cell.source[:match.start()] + line + cell.source[match.end():], match.group(0), line
    return None


def may_fail(source: str):
    """A cell whose error is reported to summarize, not raised: the run goes on to the next one."""
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["raises-exception"]})


def plan(originals):
    """The cells to run after the first pass, as (cell, phase, index of the original cell)."""
    code = nbformat.v4.new_code_cell
    steps = [(code(TENSORS_SOURCE), "probe", None)]
    steps += [(code(c.source), "again", i) for i, c in originals]
    steps += [(code(TENSORS_SOURCE), "probe", None)]
    steps += [(may_fail(c.source), "alone", i) for i, c in reversed(originals)]
    edit = learner_edit(originals)
    if edit:
        position, edited, _, _ = edit
        rest = originals[position:-1]
        steps += [(may_fail(edited), "edited", rest[0][0]), *((may_fail(c.source), "edited", i) for i, c in rest[1:])]
    return steps


def summarize(originals, steps, errors):
    """The report: `errors` are those the may-fail cells printed, each with its phase."""
    copies = [cell for cell, phase, _ in steps if phase == "again"]
    probes = [cell for cell, phase, _ in steps if phase == "probe"]
    differ = [{"cell": index, "source": first_line(first.source), "first": printed(first)[-400:], "second": printed(second)[-400:]}
              for (index, first), second in zip(originals, copies)
              if CLOCK_MARK not in first.source.split("\n", 1)[0] and printed(first) != printed(second)]
    of = lambda phase: [{k: e[k] for k in ("cell", "source", "text")} for e in errors if e["phase"] == phase]  # noqa: E731
    edit = learner_edit(originals)
    return {
        "differ": differ,
        "liveTensors": [printed(p).strip().rsplit(" ", 1)[-1] for p in probes],
        "alone": of("alone"),
        "edit": edit and {"cell": originals[edit[0]][0], "from": edit[2], "to": edit[3], "errors": of("edited")},
    }
