/** The notebooks as committed: clean (no outputs), on the course kernel, with the chapter skeleton. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { BLOG, CHAPTER_FILE, chapters, NOTEBOOKS, readNotebook, text } from "../kernel-setup/course";

const all = chapters();

/**
 * The faults of the pipe tables in a markdown text: a run of `|` lines (outside code fences)
 * whose second line is no `|---|` separator renders as raw pipes, as does a row whose cell
 * count differs from the header's.
 */
function tableFaults(markdown: string): string[] {
  const faults: string[] = [];
  let fenced = false;
  let table: string[] = [];
  const cells = (row: string) =>
    row
      .trim()
      .replace(/^\||\|$/g, "")
      .split(/(?<!\\)\|/).length;
  const close = () => {
    if (table.length > 0 && !/^\|(\s*:?-+:?\s*\|)+\s*$/.test(table[1] ?? ""))
      faults.push(`a table without a |---| line under its header: ${table[0]}`);
    else
      for (const row of table)
        if (cells(row) !== cells(table[0]))
          faults.push(`a row with ${cells(row)} cells under a header of ${cells(table[0])}: ${row}`);
    table = [];
  };
  for (const line of markdown.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (!fenced && /^\s*\|/.test(line)) table.push(line);
    else close();
  }
  close();
  return faults;
}

/** The bookkeeping a chapter does besides its lesson (README, "Working on the course"). */
const MACHINERY =
  /\b(hold|looseTensors|tensorReport|disposeOptimizer|stopOnInterrupt|untilInterrupted|checkNoLooseTensors)\(/g;
/** A hyperparameter in capitals, which the learners' re-run edit (`const lr|epochs|steps = N;`) would not find. */
const SHOUTED_SETTING = /^const ([A-Z_]*(LR|EPOCHS?|STEPS?|BATCH)[A-Z_]*) =/gm;

/** Words that told the learner the blog was not read; the chapters follow the blog's code as the learner's scripts keep it. */
const UNSEEN =
  /could not be (consulted|read|seen)|(was|is|were|are) not (available|public)|reconstruct|unseen|not consulted/i;

test("notebooks are named NN-topic.ipynb after their blog post id, L<n>-topic.ipynb for lecture chapters, N<n>-topic.ipynb for part 3", () => {
  assert.ok(all.length > 0, "no notebooks found");
  for (const f of fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb"))) {
    assert.match(f, CHAPTER_FILE, `${f} does not follow NN-topic.ipynb, L<n>-topic.ipynb or N<n>-topic.ipynb`);
  }
});

for (const chapter of all) {
  test(`${chapter.name} is committed clean, on the course kernel, with the chapter skeleton`, () => {
    const notebook = readNotebook(chapter.file);
    assert.equal(notebook.metadata.kernelspec?.name, "tslab", "kernelspec must be the tslab kernel");
    const code = notebook.cells.filter((c) => c.cell_type === "code");
    code.forEach((cell, i) => {
      assert.deepEqual(cell.outputs ?? [], [], `code cell ${i} carries outputs`);
      assert.equal(cell.execution_count ?? null, null, `code cell ${i} carries an execution count`);
    });
    for (const cell of notebook.cells) assert.ok((cell as { id?: string }).id, "every cell needs an id (nbformat 4.5)");
    for (const source of code.map((c) => text(c.source))) {
      // Without it the stop button ends the cell, and the training goes on in the background.
      const fits = source.match(/\.fit\(/g)?.length ?? 0;
      const stops = source.match(/stopOnInterrupt\(/g)?.length ?? 0;
      assert.ok(
        stops >= fits,
        `a model.fit without stopOnInterrupt(model) in the cell starting ${source.split("\n")[0]}`,
      );
    }
    const markdown = notebook.cells
      .filter((c) => c.cell_type === "markdown")
      .map((c) => text(c.source))
      .join("\n");
    assert.deepEqual(tableFaults(markdown), [], "every markdown table renders");
    assert.ok(!markdown.includes("\t"), "no TAB in markdown: MathJax shows it inside \\text{} and tables break on it");
    assert.doesNotMatch(
      markdown,
      UNSEEN,
      "the chapters follow the blog's code, which the learner's scripts keep: never say the blog was unseen",
    );
    const title = text(notebook.cells[0].source);
    assert.equal(notebook.cells[0].cell_type, "markdown", "the first cell is the title");
    assert.match(title, /^# /, "the first cell starts with a '# ' title");
    if (chapter.kind === "blog") {
      assert.ok(
        title.includes(`${BLOG}/${chapter.blogId}`),
        `the title cell links the blog post ${BLOG}/${chapter.blogId}`,
      );
    }
    if (chapter.kind !== "index") {
      assert.match(markdown, /^## Summary/m, "a Summary section");
      assert.match(markdown, /^## Exercises/m, "an Exercises section");
      // Answers to the exercises: a code cell right after "## Answers", collapsed, before the self-check (so tests run it).
      const answers = notebook.cells.findIndex(
        (c) => c.cell_type === "markdown" && /^## Answers/m.test(text(c.source)),
      );
      assert.ok(answers >= 0, "an '## Answers' section after the exercises");
      const cell = notebook.cells[answers + 1] as {
        cell_type: string;
        metadata?: { jupyter?: { source_hidden?: boolean } };
      };
      assert.ok(
        cell?.cell_type === "code" && cell.metadata?.jupyter?.source_hidden === true,
        "the cell after '## Answers' is a collapsed code cell (metadata.jupyter.source_hidden)",
      );
      const source = code.map((c) => text(c.source)).join("\n");
      const machinery = source.match(MACHINERY) ?? [];
      assert.ok(
        machinery.length <= 6,
        `at most 6 calls of the tensor-keeping and interrupt machinery, not ${machinery.length}: ${machinery.join(", ")}`,
      );
      assert.deepEqual(
        source.match(SHOUTED_SETTING) ?? [],
        [],
        "hyperparameters are named lr, epochs, steps, batchSize (camelCase: teacherLr, shortEpochs)",
      );
      const last = text(code[code.length - 1]?.source);
      assert.match(last, /^\/\/ Self-check/, "the last code cell is the self-check");
      assert.match(last, /\bcheck(Close)?\(/, "the self-check asserts with check()/checkClose()");
    }
  });
}

test("tableFaults finds the tables that render as raw pipes", () => {
  const header = "| a | b |\n|---|---|\n| 1 | 2 |";
  assert.deepEqual(tableFaults(header), []);
  assert.deepEqual(tableFaults("| a \\| c | b |\n|:--|--:|\n| 1 | 2 |"), [], "an escaped pipe is no cell border");
  assert.deepEqual(tableFaults("```\n| not | a table\n```"), []);
  assert.equal(tableFaults(`${header}\n\n| 3 | 4 |`).length, 1, "rows cut off by a blank line");
  assert.equal(tableFaults(`${header}\n| 3 |`).length, 1, "a row short of a cell");
});

test("the notebooks folder reaches the library through the src link", () => {
  const link = path.join(NOTEBOOKS, "src");
  assert.ok(fs.lstatSync(link).isSymbolicLink(), "notebooks/src must be a symlink");
  assert.equal(fs.realpathSync(link), path.resolve(NOTEBOOKS, "..", "src"));
});

test("the course index links every chapter", () => {
  const index = all.find((c) => c.kind === "index");
  assert.ok(index, "notebooks/00-index.ipynb is missing");
  const markdown = readNotebook(index.file)
    .cells.map((c) => text(c.source))
    .join("\n");
  for (const chapter of all.filter((c) => c.kind !== "index")) {
    assert.ok(markdown.includes(`(${chapter.name}.ipynb)`), `the index does not link ${chapter.name}.ipynb`);
  }
});
