/**
 * Executing chapters: each top to bottom in a fresh tslab kernel, through Jupyter's own
 * client (execute_notebook.py), with a report of what every cell did.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
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
  /** Runner processes, each executing one chapter at a time. Default 2: one per core here. */
  workers?: number;
  /** The kernels' environment (default: this process's); its PATH picks the Node.js that runs tslab. */
  env?: NodeJS.ProcessEnv;
}

/** How long each chapter took when it last ran here (any kind of run), to hand out the longest first. */
const LAST_SECONDS = path.join(EXECUTED, "seconds.json");

export function lastSeconds(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(LAST_SECONDS, "utf8")) as Record<string, number>;
  } catch {
    return {}; // not run here yet
  }
}

/** Indexes into `list`, the longest chapter by `seconds` first; chapters without a time come first, in the order given. */
export function longestFirst(list: Chapter[], seconds: Record<string, number>): number[] {
  const known = (i: number): number => seconds[list[i].name] ?? Number.POSITIVE_INFINITY;
  return list.map((_, i) => i).sort((a, b) => known(b) - known(a) || a - b);
}

/**
 * Runs chapters top to bottom, each in a fresh tslab kernel; executed copies go to
 * EXECUTED. Returns one promise per chapter, in the order given, settled as soon as that
 * chapter has run. Each runner takes the next chapter when it is free, the longest first
 * (by the last run here; chapters never run come first, in the order given), so that the
 * runners finish together. A kernel keeps TensorFlow to one thread per op on two cores
 * (src/native-threads.ts), so two runners share them without slowing each other much.
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
  const seconds = lastSeconds();
  const run: Run = {
    list,
    settle,
    queue: longestFirst(list, seconds),
    running: Math.min(workers, list.length),
    record: (chapter, report) => {
      seconds[chapter.name] = report.seconds;
      fs.mkdirSync(EXECUTED, { recursive: true });
      fs.writeFileSync(LAST_SECONDS, `${JSON.stringify(seconds, null, 1)}\n`);
    },
  };
  const args = afterwards ? ["--afterwards", afterwards] : [];
  for (let worker = 0; worker < run.running; worker++) startRunner(run, args, env);
  return reports;
}

/** What the runners of one executeChapters call share. */
interface Run {
  list: Chapter[];
  settle: Pending[];
  /** Indexes into `list` not handed out yet, the next first. */
  queue: number[];
  /** Runner processes still alive. */
  running: number;
  record: (chapter: Chapter, report: ExecutionReport) => void;
}

/** One runner process, taking chapters from the queue until it is empty. */
function startRunner(run: Run, args: string[], env: NodeJS.ProcessEnv): void {
  const child = spawn(venvBin("python"), [path.join(__dirname, "execute_notebook.py"), ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env,
  });
  let current: number | undefined;
  const next = (): void => {
    current = run.queue.shift();
    if (current === undefined) child.stdin.end();
    else child.stdin.write(`${run.list[current].file}\t${path.join(EXECUTED, `${run.list[current].name}.ipynb`)}\n`);
  };
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-5000)));
  child.stdin.on("error", () => undefined); // the runner died: its close event reports it
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (current === undefined) return;
    const report = JSON.parse(line) as ExecutionReport;
    run.record(run.list[current], report);
    run.settle[current].resolve(report);
    next();
  });
  child.on("close", (code) => {
    run.running--;
    // Its chapter fails; the chapters left go to the other runners, or fail with it when none is left.
    const failed = [...(current === undefined ? [] : [current]), ...(run.running === 0 ? run.queue.splice(0) : [])];
    for (const i of failed) {
      const why = `the notebook runner stopped (exit code ${code}) ${i === current ? "in" : "before"} ${run.list[i].file}:\n${stderr.trim().split("\n").slice(-5).join("\n")}`;
      run.settle[i].reject(new Error(why));
    }
  });
  next();
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
