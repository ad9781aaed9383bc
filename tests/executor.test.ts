/** The notebook executor fails a chapter on every kind of error tslab can report, names the cell, and reports the learner's re-runs. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { BUILD } from "../kernel-setup/course";
import { executeChapters, lastSeconds, longestFirst } from "../kernel-setup/runner";
import { LEARNER_RERUNS, rerunsOf } from "./learner-reruns";

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function notebookWith(name: string, ...code: string[]) {
  // Inside the project, where tslab finds the project's type definitions.
  fs.mkdirSync(BUILD, { recursive: true });
  const dir = fs.mkdtempSync(path.join(BUILD, "executor-"));
  made.push(dir);
  const file = path.join(dir, `${name}.ipynb`);
  const cells = [
    { cell_type: "markdown", id: "title", metadata: {}, source: `# ${name}` },
    ...code.map((source, i) => ({
      cell_type: "code",
      id: `c${i}`,
      metadata: {},
      source,
      outputs: [],
      execution_count: null,
    })),
  ];
  fs.writeFileSync(
    file,
    JSON.stringify({
      cells,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript" } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  return { name: `executor-${name}`, file, kind: "lecture" as const, title: name };
}

test("one broken notebook per failure kind, each reported against its cell, in one runner that goes on", async (t) => {
  const cases = [
    // The kernel's error message, with the cell's own line: nbclient raises it as a CellExecutionError.
    {
      name: "exception",
      code: ['console.log("fine");', 'throw new Error("boom");', 'console.log("never");'],
      cell: 2,
      text: /Error: boom\n\s+at In\[2\]:1:7/,
    },
    {
      name: "compile-error",
      code: ["const n: number = 1;", 'const s: string = n * "x";'],
      cell: 2,
      text: /In\[2\]:1:23 - The right-hand side/,
    },
    { name: "stderr", code: ['console.error("a warning");', "1 + 1;"], cell: 1, text: /a warning/ },
    {
      name: "late-rejection",
      code: ['Promise.reject(new Error("late"));\nconsole.log("cell done");', 'console.log("next");'],
      cell: 1,
      text: /late/,
    },
  ];
  const reports = executeChapters(
    [...cases.map((c) => notebookWith(c.name, ...c.code)), notebookWith("clean", 'console.log("ok");')],
    { workers: 1 },
  );
  for (const [i, c] of cases.entries()) {
    await t.test(c.name, async () => {
      const report = await reports[i];
      assert.equal(report.ok, false, `${c.name} passed`);
      const blamed = [report.error?.cell, ...report.stderr.map((s) => s.cell)];
      assert.ok(blamed.includes(c.cell), `${c.name}: cell ${c.cell} not named, got ${JSON.stringify(blamed)}`);
      const texts = [report.error?.message ?? "", ...report.stderr.map((s) => s.text)].join("\n");
      assert.match(texts, c.text);
    });
  }
  await t.test("a clean notebook after them passes", async () => {
    const report = await reports[cases.length];
    assert.equal(report.ok, true, JSON.stringify(report));
  });
});

test("the learner's re-runs: a changed output, a cell that breaks when re-run alone, an edit that breaks a later cell", async (t) => {
  const notebooks = [
    notebookWith("varies", "console.log(Math.random());", 'console.log("✓");'),
    // The third cell closes what the second needs, as a chapter's old "release" cells did.
    notebookWith(
      "closed",
      "const box = { open: true };",
      'if (!box.open) throw new Error("box is closed");',
      "box.open = false;",
      'console.log("✓");',
    ),
    // Halving epochs breaks the second cell; the self-check would break too, but the edit does not run it.
    notebookWith(
      "edited",
      "const epochs = 10;",
      'if (epochs !== 10) throw new Error("only 10 epochs work");',
      'if (epochs !== 10) throw new Error("self-check");',
    ),
    notebookWith(
      "robust",
      "const epochs = 10;",
      "const losses = Array.from({ length: epochs }, (_, i) => 1 / (i + 1));",
      "console.log(losses.length > 0);",
    ),
  ];
  const [varies, closed, edited, robust] = executeChapters(notebooks, LEARNER_RERUNS);
  await t.test("a cell printing something else on the second Run All is named", async () => {
    const rerun = rerunsOf(await varies);
    assert.deepEqual(
      rerun.differ.map((d) => d.cell),
      [1],
    );
  });
  await t.test("a cell that fails when re-run alone is named, with its error", async () => {
    const report = await closed;
    assert.equal(report.ok, true, "the first pass and Run All again are clean");
    const rerun = rerunsOf(report);
    assert.deepEqual(
      rerun.alone.map((e) => e.cell),
      [2],
    );
    assert.match(rerun.alone[0].text, /box is closed/);
  });
  await t.test("the edit halves epochs and names the cell it breaks, not the self-check", async () => {
    const rerun = rerunsOf(await edited);
    assert.deepEqual(
      { ...rerun.edit, errors: rerun.edit?.errors.map((e) => e.cell) },
      { cell: 1, from: "const epochs = 10;", to: "const epochs = 5;", errors: [2] },
    );
  });
  await t.test("a notebook that survives every re-run reports nothing", async () => {
    const report = await robust;
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.deepEqual(rerunsOf(report), {
      differ: [],
      liveTensors: ["-", "-"],
      alone: [],
      edit: { cell: 1, from: "const epochs = 10;", to: "const epochs = 5;", errors: [] },
    });
  });
});

test("runners take the longest chapter first, by the time each took when it last ran here", async () => {
  const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => ({
    name,
    file: `${name}.ipynb`,
    kind: "lecture" as const,
    title: name,
  }));
  assert.deepEqual(
    longestFirst([a, b, c, d], { a: 1, b: 30, d: 5 }),
    [2, 1, 3, 0],
    "never run (c) first, then 30, 5, 1 s",
  );
  assert.deepEqual(longestFirst([a, b, c], {}), [0, 1, 2], "nothing run yet: the order given");
  const chapter = notebookWith("timed", 'console.log("ok");');
  const [report] = await Promise.all(executeChapters([chapter]));
  assert.equal(lastSeconds()[chapter.name], report.seconds, "the time recorded for the next run");
});
