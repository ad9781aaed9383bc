/**
 * Executing chapters: each top to bottom in a fresh tslab kernel, through Jupyter's own
 * client (execute_notebook.py), with a report of what every cell did.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { type Chapter, EXECUTED, venvBin } from "./course";

/** What a cell printed to stderr; `cell` is its index in the chapter. */
export interface CellError {
  cell: number | null;
  source: string;
  text: string;
}

export interface ExecutionReport {
  notebook: string;
  ok: boolean;
  seconds: number;
  /** From starting the kernel to starting the first code cell. */
  kernelStartSeconds: number | null;
  /** From starting the kernel to the end of the first code cell (the chapter's first output). */
  firstOutputSeconds: number | null;
  cells: { cell: number; seconds: number }[];
  error: { cell: number | null; source: string; kind: string; message: string } | null;
  stderr: CellError[];
  /** With `afterwards`: what the follow-up module made of the cells it ran after the first pass. */
  afterwards?: unknown;
}

/** How a chapter's report promise is settled. */
interface Pending {
  resolve: (report: ExecutionReport) => void;
  reject: (error: Error) => void;
}

/** Options for executeChapters. */
export interface RunOptions {
  /** A follow-up module (see execute_notebook.py) whose cells run in the same kernel after the first pass. */
  afterwards?: string;
  /** Chapters executed at once, each runner taking every `workers`-th chapter. Default 2: one per core here. */
  workers?: number;
  /** The kernels' environment (default: this process's); its PATH picks the Node.js that runs tslab. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs chapters top to bottom, each in a fresh tslab kernel; executed copies go to
 * EXECUTED. Returns one promise per chapter, in the order given, settled as soon as that
 * chapter has run. A kernel keeps TensorFlow to one thread per op (src/native-threads.ts),
 * so two runners share the two cores without slowing each other much.
 */
export function executeChapters(
  list: Chapter[],
  { afterwards, workers = 2, env = process.env }: RunOptions = {},
): Promise<ExecutionReport>[] {
  const settle = list.map(() => ({}) as Pending);
  const reports = settle.map(
    (s) => new Promise<ExecutionReport>((resolve, reject) => Object.assign(s, { resolve, reject })),
  );
  for (const report of reports) report.catch(() => undefined); // a caller that stops awaiting early is no crash
  for (let worker = 0; worker < Math.min(workers, list.length); worker++) {
    const mine = list.map((_, i) => i).filter((i) => i % workers === worker);
    runChapters(
      mine.map((i) => list[i]),
      afterwards,
      env,
      mine.map((i) => settle[i]),
    );
  }
  return reports;
}

/** One runner process for `list`, settling `settle[k]` with the report of `list[k]`. */
function runChapters(list: Chapter[], afterwards: string | undefined, env: NodeJS.ProcessEnv, settle: Pending[]): void {
  const child = spawn(
    venvBin("python"),
    [
      path.join(__dirname, "execute_notebook.py"),
      ...(afterwards ? ["--afterwards", afterwards] : []),
      ...list.flatMap((c) => [c.file, path.join(EXECUTED, `${c.name}.ipynb`)]),
    ],
    { stdio: ["ignore", "pipe", "pipe"], env },
  );
  let done = 0;
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-5000)));
  createInterface({ input: child.stdout }).on("line", (line) =>
    settle[done++]?.resolve(JSON.parse(line) as ExecutionReport),
  );
  child.on("close", (code) => {
    const why = `the notebook runner stopped (exit code ${code}) before ${list[done]?.file}:\n${stderr.trim().split("\n").slice(-5).join("\n")}`;
    for (const s of settle.slice(done)) s.reject(new Error(why));
  });
}

/** One readable paragraph on what went wrong in a chapter run. */
export function describeFailure(report: ExecutionReport): string {
  const parts: string[] = [];
  if (report.error) {
    parts.push(`${report.error.kind} in cell ${report.error.cell} (${report.error.source}):\n${report.error.message}`);
  }
  for (const s of report.stderr) parts.push(`stderr in cell ${s.cell} (${s.source}):\n${s.text}`);
  return `${path.basename(report.notebook)}: ${parts.join("\n\n")}`;
}
