/**
 * `npm run export`: executes every chapter in a fresh kernel and writes the HTML site
 * (kernel-setup/site.ts). `npm run export -- 12 L5` executes and exports those chapters
 * only, keeping the other pages of the site.
 */
import path from "node:path";
import { chapters, ROOT } from "./course";
import { describeFailure, executeChapters } from "./runner";
import { describeSize, exportSite } from "./site";

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const list = chapters().filter(
    (c) => wanted.length === 0 || wanted.some((w) => c.name === w || c.name.split("-")[0] === w),
  );
  if (list.length === 0)
    throw new Error(`no chapter matches ${wanted.join(" ")} (give a number prefix such as 12 or L5, or a name)`);
  const failures: string[] = [];
  const reports = executeChapters(list);
  for (const [i, chapter] of list.entries()) {
    const report = await reports[i];
    console.log(
      `${report.ok ? "ok  " : "FAIL"} ${i + 1}/${list.length} ${chapter.name} (${report.seconds.toFixed(1)} s)`,
    );
    if (!report.ok) failures.push(describeFailure(report));
  }
  const site = await exportSite(list, {
    keep: wanted.length > 0,
    onPage: (chapter, done) => console.log(`page ${done + 1}/${list.length} ${chapter.name}`),
  });
  console.log(
    `\nThe course as HTML: ${path.relative(ROOT, site.index)}, ${describeSize(site)}, written in ${site.seconds.toFixed(1)} s`,
  );
  if (failures.length > 0) {
    console.error(`\n${failures.length} chapter(s) failed; their pages show where:\n\n${failures.join("\n\n")}`);
    process.exitCode = 1;
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
