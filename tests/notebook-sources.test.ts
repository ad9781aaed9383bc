/** The notebooks as committed: clean (no outputs), on the course kernel, with the chapter skeleton. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { BLOG, CHAPTER_FILE, chapters, NOTEBOOKS, readNotebook, text } from "../kernel-setup/course";

const all = chapters();

test("notebooks are named NN-topic.ipynb after their blog post id, or LN-topic.ipynb for lecture chapters", () => {
  assert.ok(all.length > 0, "no notebooks found");
  for (const f of fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb"))) {
    assert.match(f, CHAPTER_FILE, `${f} does not follow NN-topic.ipynb or LN-topic.ipynb`);
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
      assert.ok(stops >= fits, `a model.fit without stopOnInterrupt(model) in the cell starting ${source.split("\n")[0]}`);
    }
    const title = text(notebook.cells[0].source);
    assert.equal(notebook.cells[0].cell_type, "markdown", "the first cell is the title");
    assert.match(title, /^# /, "the first cell starts with a '# ' title");
    if (chapter.kind === "blog") {
      assert.ok(title.includes(`${BLOG}/${chapter.blogId}`), `the title cell links the blog post ${BLOG}/${chapter.blogId}`);
    }
    if (chapter.kind !== "index") {
      const markdown = notebook.cells.filter((c) => c.cell_type === "markdown").map((c) => text(c.source)).join("\n");
      assert.match(markdown, /^## Summary/m, "a Summary section");
      assert.match(markdown, /^## Exercises/m, "an Exercises section");
      const last = text(code[code.length - 1]?.source);
      assert.match(last, /^\/\/ Self-check/, "the last code cell is the self-check");
      assert.match(last, /\bcheck(Close)?\(/, "the self-check asserts with check()/checkClose()");
    }
  });
}

test("the notebooks folder reaches the library through the src link", () => {
  const link = path.join(NOTEBOOKS, "src");
  assert.ok(fs.lstatSync(link).isSymbolicLink(), "notebooks/src must be a symlink");
  assert.equal(fs.realpathSync(link), path.resolve(NOTEBOOKS, "..", "src"));
});

test("the course index links every chapter", () => {
  const index = all.find((c) => c.kind === "index");
  assert.ok(index, "notebooks/00-index.ipynb is missing");
  const markdown = readNotebook(index.file).cells.map((c) => text(c.source)).join("\n");
  for (const chapter of all.filter((c) => c.kind !== "index")) {
    assert.ok(markdown.includes(`(${chapter.name}.ipynb)`), `the index does not link ${chapter.name}.ipynb`);
  }
});
