/**
 * The course as files: its chapters in order and executing one in a fresh kernel (the
 * HTML site of executed chapters is kernel-setup/site.ts). Shared by `npm start`,
 * `npm run export` and the tests.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

export const ROOT = path.resolve(__dirname, "..");
export const NOTEBOOKS = path.join(ROOT, "notebooks");
export const BUILD = path.join(ROOT, "build");
export const EXECUTED = path.join(BUILD, "executed");
export const SITE = path.join(BUILD, "site");
export const BLOG = "https://toyourlight.tistory.com";

export const venvBin = (name: string): string => path.join(ROOT, ".venv", "bin", name);

interface Cell {
  cell_type: "markdown" | "code" | "raw";
  source: string | string[];
  outputs?: Output[];
  execution_count?: number | null;
}

export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}

export interface Notebook {
  cells: Cell[];
  metadata: { kernelspec?: { name: string } };
}

export const text = (source: string | string[] | undefined): string =>
  Array.isArray(source) ? source.join("") : source ?? "";

export function readNotebook(file: string): Notebook {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Notebook;
}

export interface Chapter {
  /** e.g. "05-derivatives" */
  name: string;
  file: string;
  /** "index" (00-index), "blog" (NN-topic, NN = the blog post id), "lecture" (L<n>-topic) or "nlp" (N<n>-topic, part 3). */
  kind: "index" | "blog" | "lecture" | "nlp";
  /** The blog post id, for blog chapters. */
  blogId?: number;
  /** The first markdown heading, without the '#'. */
  title: string;
}

/** A notebook's file name: NN-topic.ipynb after blog post NN (00 is the index), L<n>-topic.ipynb for lecture chapters, N<n>-topic.ipynb for part 3 (NLP). */
export const CHAPTER_FILE = /^(\d{2}|[LN]\d)-[a-z0-9-]+\.ipynb$/;

/** Every notebook, in course order: the index, the blog's chapters by post id, the lecture chapters, then part 3 (NLP). */
export function chapters(): Chapter[] {
  return fs
    .readdirSync(NOTEBOOKS)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => {
      const file = path.join(NOTEBOOKS, f);
      const first = readNotebook(file).cells.find((c) => c.cell_type === "markdown");
      const heading = text(first?.source).split("\n").find((line) => line.startsWith("# "));
      const id = Number.parseInt(f, 10);
      const kind = f.startsWith("L") ? "lecture" : f.startsWith("N") ? "nlp" : id === 0 ? "index" : "blog";
      return { name: f.replace(/\.ipynb$/, ""), file, kind, ...(kind === "blog" ? { blogId: id } : {}), title: heading?.slice(2).trim() ?? f };
    });
}

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
  /** With `rerun`: what the learner's re-runs after the first pass did (see execute_notebook.py). */
  rerun?: {
    /** The cells whose output changed on a second Run All. */
    differ: { cell: number; source: string; first: string; second: string }[];
    /** Live tfjs tensors after the first and the second Run All. */
    liveTensors: string[];
    /** Errors of code cells re-run one at a time, from the last to the first. */
    alone: CellError[];
    /** A hyperparameter halved and the cells after it re-run, bar the self-check; null when the chapter has none. */
    edit: { cell: number; from: string; to: string; errors: CellError[] } | null;
  };
}

/** How a chapter's report promise is settled. */
interface Pending {
  resolve: (report: ExecutionReport) => void;
  reject: (error: Error) => void;
}

/** Options for executeChapters. */
export interface RunOptions {
  /** After the first pass, re-run in the same kernel as learners do: Run All again, single cells backwards, an edit. */
  rerun?: boolean;
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
export function executeChapters(list: Chapter[], { rerun = false, workers = 2, env = process.env }: RunOptions = {}): Promise<ExecutionReport>[] {
  const settle = list.map(() => ({}) as Pending);
  const reports = settle.map((s) => new Promise<ExecutionReport>((resolve, reject) => Object.assign(s, { resolve, reject })));
  for (const report of reports) report.catch(() => undefined); // a caller that stops awaiting early is no crash
  for (let worker = 0; worker < Math.min(workers, list.length); worker++) {
    const mine = list.map((_, i) => i).filter((i) => i % workers === worker);
    runChapters(mine.map((i) => list[i]), rerun, env, mine.map((i) => settle[i]));
  }
  return reports;
}

/** One runner process for `list`, settling `settle[k]` with the report of `list[k]`. */
function runChapters(list: Chapter[], rerun: boolean, env: NodeJS.ProcessEnv, settle: Pending[]): void {
  const child = spawn(venvBin("python"), [
    path.join(__dirname, "execute_notebook.py"),
    ...(rerun ? ["--rerun"] : []),
    ...list.flatMap((c) => [c.file, path.join(EXECUTED, `${c.name}.ipynb`)]),
  ], { stdio: ["ignore", "pipe", "pipe"], env });
  let done = 0;
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-5000)));
  createInterface({ input: child.stdout }).on("line", (line) => settle[done++]?.resolve(JSON.parse(line) as ExecutionReport));
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
