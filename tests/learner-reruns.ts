/**
 * The learners' re-runs after a chapter ran (tests/learner_reruns.py, run by the executor in
 * the same kernel), and the shape of what they report.
 */
import path from "node:path";
import type { CellError, ExecutionReport, RunOptions } from "../kernel-setup/runner";

/** Pass to executeChapters: `executeChapters(list, LEARNER_RERUNS)`. */
export const LEARNER_RERUNS: RunOptions = { afterwards: path.join(__dirname, "learner_reruns.py") };

export interface Reruns {
  /** The cells whose output changed on a second Run All. */
  differ: { cell: number; source: string; first: string; second: string }[];
  /** Live tfjs tensors after the first and the second Run All. */
  liveTensors: string[];
  /** Errors of code cells re-run one at a time, from the last to the first. */
  alone: CellError[];
  /** A hyperparameter halved and the cells after it re-run, bar the self-check; null when the chapter has none. */
  edit: { cell: number; from: string; to: string; errors: CellError[] } | null;
}

/** The re-runs' report of a chapter executed with LEARNER_RERUNS. */
export function rerunsOf(report: ExecutionReport): Reruns {
  if (!report.afterwards)
    throw new Error(`${report.notebook}: executed without LEARNER_RERUNS, so no re-runs to report`);
  return report.afterwards as Reruns;
}
