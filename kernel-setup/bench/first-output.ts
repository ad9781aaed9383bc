/**
 * Issue 20's first-output goal: a fresh kernel shows a chapter's first output within
 * FIRST_OUTPUT_GOAL seconds of starting. `npm run bench` times it; alone, on the chapters in
 * ALONE (or those named), on an otherwise idle machine:
 *
 *   npx tsx kernel-setup/bench/first-output.ts [ROUNDS] [CHAPTER ...]
 *
 * tslab's caches are warm, as for a learner who has opened any chapter before: Node.js's
 * compile cache and tslab's cache of transpiled modules (patches/tslab+1.0.22.patch).
 */
import { type Chapter, chapters, readNotebook, text } from "../course";
import { type ExecutionReport, executeChapters } from "../runner";

/** Seconds from starting a fresh kernel to the end of the chapter's first code cell. */
export const FIRST_OUTPUT_GOAL = 2.5;
/** Always timed: pure math, tfjs with charts, the CNN (the first cell with the most imports). */
export const ALONE = ["04-functions", "12-linear-regression", "L6-cnn-mnist"];

/** A chapter's kind for its first output: "tfjs" when its first code cell imports `./src/backend` or a `@tensorflow` package. */
export function firstCellKind(chapter: Chapter): "math" | "tfjs" {
  const first = readNotebook(chapter.file).cells.find((c) => c.cell_type === "code");
  return /from "(\.\/src\/backend|@tensorflow\/[^"]+)"/.test(text(first?.source)) ? "tfjs" : "math";
}

export interface FirstOutput {
  chapter: string;
  kind: "math" | "tfjs";
  kernelStartSeconds: number[];
  firstOutputSeconds: number[];
}

/** Each chapter of `list` alone in a fresh kernel, `rounds` times interleaved. */
export async function measureFirstOutputs(list: Chapter[], rounds: number): Promise<FirstOutput[]> {
  const runs: ExecutionReport[][] = list.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    process.stderr.write(`  first output, round ${round}/${rounds}: ${list.map((c) => c.name).join(", ")}\n`);
    const reports = await Promise.all(executeChapters(list, { workers: 1 }));
    reports.forEach((r, i) => {
      if (!r.ok) throw new Error(`${r.notebook} failed in round ${round}`);
      runs[i].push(r);
    });
  }
  return list.map((chapter, i) => ({
    chapter: chapter.name,
    kind: firstCellKind(chapter),
    kernelStartSeconds: runs[i].map((r) => r.kernelStartSeconds ?? Number.NaN),
    firstOutputSeconds: runs[i].map((r) => r.firstOutputSeconds ?? Number.NaN),
  }));
}

/** The table of `results`: kernel start (best), first output (best and worst) and the goal. */
export function firstOutputTable(results: FirstOutput[]): { header: string[]; rows: string[][] } {
  const s = (v: number) => v.toFixed(2);
  return {
    header: [
      "chapter alone",
      "kind",
      "kernel start (s)",
      "first output, best (s)",
      "worst (s)",
      `goal ${FIRST_OUTPUT_GOAL} s`,
    ],
    rows: results.map((r) => {
      const [best, worst] = [Math.min(...r.firstOutputSeconds), Math.max(...r.firstOutputSeconds)];
      const goal = worst <= FIRST_OUTPUT_GOAL ? "met" : best <= FIRST_OUTPUT_GOAL ? "best round only" : "missed";
      return [r.chapter, r.kind, s(Math.min(...r.kernelStartSeconds)), s(best), s(worst), goal];
    }),
  };
}

if (require.main === module) {
  const [rounds = "3", ...names] = process.argv.slice(2);
  const want = names.length ? names : ALONE;
  const list = chapters().filter((c) => want.some((n) => c.name === n || c.name.startsWith(`${n}-`)));
  void measureFirstOutputs(list, Number(rounds)).then((results) => {
    const { header, rows } = firstOutputTable(results);
    for (const row of [header, ...rows]) console.log(row.join("\t"));
  });
}
