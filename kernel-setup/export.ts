/** `npm run export`: executes every chapter in a fresh kernel and writes the HTML site. */
import path from "node:path";
import { chapters, describeFailure, executeChapter, exportSite, ROOT } from "./course";

const all = chapters();
const failures: string[] = [];
for (const chapter of all) {
  const report = executeChapter(chapter);
  console.log(`${report.ok ? "ok  " : "FAIL"} ${chapter.name} (${report.seconds.toFixed(1)} s)`);
  if (!report.ok) failures.push(describeFailure(report));
}
const index = exportSite(all);
console.log(`\nThe course as HTML: ${path.relative(ROOT, index)}`);
if (failures.length > 0) {
  console.error(`\n${failures.length} chapter(s) failed; their pages show where:\n\n${failures.join("\n\n")}`);
  process.exitCode = 1;
}
