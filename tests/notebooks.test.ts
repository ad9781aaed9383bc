/**
 * Every chapter executed top to bottom in a fresh tslab kernel through Jupyter, then
 * re-run in the same kernel as learners do, then exported to HTML. A chapter fails on an
 * error, on any stderr output (console.error, Node's warnings, errors after their cell
 * ended), on a failed self-check, when a second Run All prints something else or leaves
 * more tensors, when a cell re-run alone afterwards fails, or when halving a learning rate
 * or an epoch count breaks a later cell.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import {
  chapters, describeFailure, executeChapters, EXECUTED, exportSite, readNotebook, SITE, text, type Chapter, type Output,
} from "../kernel-setup/course";

const all = chapters();
const passed: Chapter[] = [];

function outputsOf(chapter: Chapter): { source: string; outputs: Output[] }[] {
  return readNotebook(path.join(EXECUTED, `${chapter.name}.ipynb`))
    .cells.filter((c) => c.cell_type === "code")
    .map((c) => ({ source: text(c.source), outputs: c.outputs ?? [] }));
}

const printed = (outputs: Output[]): string =>
  outputs.map((o) => text(o.text) + text(o.data?.["text/plain"] as string | string[] | undefined)).join("");

describe("each chapter runs clean in a fresh kernel, and survives the learner's re-runs", () => {
  const reports = executeChapters(all, { rerun: true });
  for (const [i, chapter] of all.entries()) {
    test(chapter.name, async () => {
      const report = await reports[i];
      assert.ok(report.ok, describeFailure(report));
      const cells = outputsOf(chapter);
      const selfCheck = cells[cells.length - 1];
      if (chapter.kind !== "index") {
        assert.match(printed(selfCheck.outputs), /✓/, `${chapter.name}: the self-check cell printed no passing claim`);
      }
      for (const cell of cells.filter((c) => c.source.includes("./src/backend"))) {
        assert.match(printed(cell.outputs), /backend: tensorflow/,
          `${chapter.name}: a cell that loads TensorFlow did not report the native backend:\n${cell.source}`);
      }
      const { differ, liveTensors, alone, edit } = report.rerun!;
      assert.deepEqual(differ, [], `${chapter.name}: the second Run All printed something else`);
      assert.equal(liveTensors[1], liveTensors[0], `${chapter.name}: live tensors after the first and the second Run All`);
      assert.deepEqual(alone, [], `${chapter.name}: cells re-run one at a time (last to first) after the chapter ran failed`);
      assert.deepEqual(edit?.errors ?? [], [], `${chapter.name}: after the edit ${edit?.from} -> ${edit?.to}, later cells failed`);
      passed.push(chapter);
    });
  }
});

describe("HTML export", () => {
  test("every executed chapter exports with an image for each chart, and an index in course order", (t) => {
    if (passed.length === 0) return t.skip("no chapter ran clean");
    const index = fs.readFileSync(exportSite(passed), "utf8");
    let position = -1;
    for (const chapter of passed) {
      const html = fs.readFileSync(path.join(SITE, `${chapter.name}.html`), "utf8");
      const charts = outputsOf(chapter).flatMap((c) => c.outputs).filter((o) => o.data?.["image/svg+xml"]).length;
      // nbconvert embeds an SVG output as <img src="data:image/svg+xml;base64,...">.
      const svgs = (html.match(/<svg[\s>]|src="data:image\/svg\+xml/g) ?? []).length;
      assert.ok(svgs >= charts, `${chapter.name}.html shows ${svgs} SVG images for ${charts} charts`);
      assert.doesNotMatch(html, /Vega-Lite chart>|output_stderr|Self-check failed/, `${chapter.name}.html shows an error or a chart placeholder`);
      const next = index.indexOf(`href="${chapter.name}.html"`);
      assert.ok(next > position, `index.html does not list ${chapter.name} after the chapters before it`);
      position = next;
    }
  });
});
