/**
 * Every chapter executed top to bottom in a fresh tslab kernel through Jupyter, then
 * re-run in the same kernel as learners do, then exported to the HTML site (tests/site.test.ts,
 * which runs next, opens it in a browser). A chapter fails on an
 * error, on any stderr output (console.error, Node's warnings, errors after their cell
 * ended), on a failed self-check, when a second Run All prints something else or leaves
 * more tensors, when a cell re-run alone afterwards fails, or when halving a learning rate
 * or an epoch count breaks a later cell.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { chapters, EXECUTED, readNotebook, SITE, text, type Chapter, type Output } from "../kernel-setup/course";
import { describeFailure, executeChapters } from "../kernel-setup/runner";
import { LEARNER_RERUNS, rerunsOf } from "./learner-reruns";
import { BUDGET, describeSize, exportSite, pageOf } from "../kernel-setup/site";

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
  const reports = executeChapters(all, LEARNER_RERUNS);
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
        assert.match(
          printed(cell.outputs),
          /backend: tensorflow/,
          `${chapter.name}: a cell that loads TensorFlow did not report the native backend:\n${cell.source}`,
        );
      }
      const { differ, liveTensors, alone, edit } = rerunsOf(report);
      assert.deepEqual(differ, [], `${chapter.name}: the second Run All printed something else`);
      assert.equal(
        liveTensors[1],
        liveTensors[0],
        `${chapter.name}: live tensors after the first and the second Run All`,
      );
      assert.deepEqual(
        alone,
        [],
        `${chapter.name}: cells re-run one at a time (last to first) after the chapter ran failed`,
      );
      assert.deepEqual(
        edit?.errors ?? [],
        [],
        `${chapter.name}: after the edit ${edit?.from} -> ${edit?.to}, later cells failed`,
      );
      passed.push(chapter);
    });
  }
});

describe("HTML export", () => {
  test("the chapters export to the site: a chart figure with its spec and SVG per chart, links in course order, within budget", async (t) => {
    if (passed.length === 0) return t.skip("no chapter ran clean");
    // A chapter that failed is exported too: its page shows where, and the course map has no dead link.
    const exported = all.filter((c) => fs.existsSync(path.join(EXECUTED, `${c.name}.ipynb`)));
    const site = await exportSite(exported);
    const index = fs.readFileSync(site.index, "utf8");
    for (const chapter of passed) {
      const html = fs.readFileSync(path.join(SITE, pageOf(chapter)), "utf8");
      const charts = outputsOf(chapter)
        .flatMap((c) => c.outputs)
        .filter((o) => o.data?.["image/svg+xml"]).length;
      // A chart becomes a figure with its Vega-Lite spec and its SVG as a file; an SVG-only output stays an image.
      const figures = (html.match(/<figure class="course-chart"|src="data:image\/svg\+xml/g) ?? []).length;
      assert.ok(figures >= charts, `${pageOf(chapter)} shows ${figures} charts for ${charts} in the notebook`);
      assert.doesNotMatch(
        html,
        /Vega-Lite chart>|output_stderr|Self-check failed|cdnjs|cdn\.jsdelivr|unpkg\.com/,
        `${pageOf(chapter)} shows an error, a chart placeholder or a CDN`,
      );
      if (chapter.kind !== "index")
        assert.match(
          index,
          new RegExp(`href="${chapter.name}\\.html"`),
          `the course map does not link ${chapter.name}`,
        );
      const next = exported[exported.indexOf(chapter) + 1];
      if (next)
        assert.match(
          html,
          new RegExp(`rel="next" href="${pageOf(next).replace(".", "\\.")}"`),
          `${pageOf(chapter)} does not link ${next.name} as next`,
        );
    }
    const budget = Object.entries(site.bytes).filter(([k, v]) => v > BUDGET[k as keyof typeof BUDGET]);
    assert.deepEqual(budget, [], `the site is over budget: ${describeSize(site)}`);
  });
});
