/**
 * One code style (Biome, `biome.json`) over the library, the tooling, the tests and every chapter's
 * code cells: formatted, and nothing the linter finds. `npm run format` fixes the formatting.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { checkCodeStyle } from "../kernel-setup/code-style";
import { readNotebook, text } from "../kernel-setup/course";

test("the repository and every chapter's code cells are formatted, and the linter finds nothing", () => {
  const findings = checkCodeStyle();
  assert.deepEqual(
    findings.map((f) => `${f.where}: ${f.message}`),
    [],
  );
});

/** A two-cell chapter in a fresh folder: an unused import and unformatted code in cell 1, a use of `a` in cell 3. */
function sketchyChapter(): { name: string; file: string } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "style-")), "99-sketch.ipynb");
  const code = (source: string) => ({ cell_type: "code", source, metadata: {}, outputs: [], execution_count: null });
  const notebook = {
    cells: [
      { cell_type: "markdown", source: "# 99. A sketch", metadata: {} },
      code('import { Matrix } from "ml-matrix";\nconst a={x:1}'),
      { cell_type: "markdown", source: "Then:", metadata: {} },
      code("console.log( a.x )"),
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(file, JSON.stringify(notebook, null, 1));
  return { name: "99-sketch", file };
}

test("a chapter's findings name its cells; a name defined in one cell and used in another counts as used", () => {
  const chapter = sketchyChapter();
  const findings = checkCodeStyle({ notebooks: [chapter], files: false });
  const messages = findings.map((f) => `${f.where.split(", ").slice(1).join(", ")} ${f.message}`);
  assert.equal(findings.length, 2, messages.join("\n"));
  assert.match(messages.join("\n"), /cell 1, line 1 lint\/correctness\/noUnusedImports/);
  assert.match(messages.join("\n"), /format: cells 1, 3 are not formatted/);
});

test("writing formats the cells in place and keeps the rest of the notebook", () => {
  const chapter = sketchyChapter();
  checkCodeStyle({ notebooks: [chapter], files: false, write: true });
  const cells = readNotebook(chapter.file).cells.map((c) => text(c.source));
  assert.deepEqual(cells, [
    "# 99. A sketch",
    'import { Matrix } from "ml-matrix";\nconst a = { x: 1 };',
    "Then:",
    "console.log(a.x);",
  ]);
  const again = checkCodeStyle({ notebooks: [chapter], files: false });
  assert.deepEqual(
    again.map((f) => f.message.split(":")[0]),
    ["lint/correctness/noUnusedImports"],
  );
});
