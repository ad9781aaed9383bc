/** `npm run export`: executes every chapter in a fresh kernel and writes the HTML site. */
import path from "node:path";
import { chapters, describeFailure, executeChapters, exportSite, ROOT } from "./course";

async function main(): Promise<void> {
  const all = chapters();
  const failures: string[] = [];
  const reports = executeChapters(all);
  for (const [i, chapter] of all.entries()) {
    const report = await reports[i];
    console.log(`${report.ok ? "ok  " : "FAIL"} ${chapter.name} (${report.seconds.toFixed(1)} s)`);
    if (!report.ok) failures.push(describeFailure(report));
  }
  const index = exportSite(all);
  console.log(`\nThe course as HTML: ${path.relative(ROOT, index)}`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} chapter(s) failed; their pages show where:\n\n${failures.join("\n\n")}`);
    process.exitCode = 1;
  }
}

void main();
