/** The notebook executor fails a chapter on every kind of error tslab can report, and names the cell. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { BUILD, executeChapters } from "../kernel-setup/course";

function notebookWith(name: string, ...code: string[]) {
  // Inside the project, where tslab finds the project's type definitions.
  fs.mkdirSync(BUILD, { recursive: true });
  const dir = fs.mkdtempSync(path.join(BUILD, "executor-"));
  const file = path.join(dir, `${name}.ipynb`);
  const cells = [
    { cell_type: "markdown", id: "title", metadata: {}, source: `# ${name}` },
    ...code.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, source, outputs: [], execution_count: null })),
  ];
  fs.writeFileSync(file, JSON.stringify({ cells, metadata: { kernelspec: { name: "tslab", display_name: "TypeScript" } }, nbformat: 4, nbformat_minor: 5 }));
  return { name: `executor-${name}`, file, kind: "lecture" as const, title: name };
}

test("one broken notebook per failure kind, each reported against its cell, in one runner", async (t) => {
  const cases = [
    { name: "exception", code: ['console.log("fine");', 'throw new Error("boom");', 'console.log("never");'], cell: 2, text: /boom/ },
    { name: "compile-error", code: ["const n: number = 1;", 'const s: string = n * "x";'], cell: 2, text: /error TS|string/ },
    { name: "stderr", code: ['console.error("a warning");', "1 + 1;"], cell: 1, text: /a warning/ },
    { name: "late-rejection", code: ['Promise.reject(new Error("late"));\nconsole.log("cell done");', 'console.log("next");'], cell: 1, text: /late/ },
  ];
  const reports = executeChapters([...cases.map((c) => notebookWith(c.name, ...c.code)), notebookWith("clean", 'console.log("ok");')]);
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
