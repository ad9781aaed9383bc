/**
 * The course as files: its chapters in order, executing one in a fresh kernel, and
 * exporting executed chapters as an HTML site. Shared by `npm start`, `npm run export`
 * and the tests.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

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
  /** "index" (00-index), "blog" (NN-topic, NN = the blog post id) or "lecture" (LN-topic). */
  kind: "index" | "blog" | "lecture";
  /** The blog post id, for blog chapters. */
  blogId?: number;
  /** The first markdown heading, without the '#'. */
  title: string;
}

/** A notebook's file name: NN-topic.ipynb after blog post NN (00 is the index), LN-topic.ipynb for lecture chapters. */
export const CHAPTER_FILE = /^(\d{2}|L\d)-[a-z0-9-]+\.ipynb$/;

/** Every notebook, in course order: the index, the blog's chapters by post id, then the lecture chapters. */
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
      const kind = f.startsWith("L") ? "lecture" : id === 0 ? "index" : "blog";
      return { name: f.replace(/\.ipynb$/, ""), file, kind, ...(kind === "blog" ? { blogId: id } : {}), title: heading?.slice(2).trim() ?? f };
    });
}

export interface ExecutionReport {
  notebook: string;
  ok: boolean;
  seconds: number;
  cells: { cell: number; seconds: number }[];
  error: { cell: number | null; source: string; kind: string; message: string } | null;
  stderr: { cell: number; source: string; text: string }[];
}

/** Runs a chapter top to bottom in a fresh tslab kernel; the executed copy goes to EXECUTED. */
export function executeChapter(chapter: Chapter): ExecutionReport {
  const output = path.join(EXECUTED, `${chapter.name}.ipynb`);
  const result = spawnSync(venvBin("python"), [path.join(__dirname, "execute_notebook.py"), chapter.file, output], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`could not execute ${chapter.file}: ${result.error?.message ?? result.stderr.trim().split("\n").slice(-5).join("\n")}`);
  }
  return JSON.parse(result.stdout) as ExecutionReport;
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

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Converts executed chapters to HTML in SITE and writes an index page in course order. */
export function exportSite(exported: Chapter[]): string {
  fs.mkdirSync(SITE, { recursive: true });
  const inputs = exported.map((c) => path.join(EXECUTED, `${c.name}.ipynb`));
  const result = spawnSync(venvBin("jupyter"), ["nbconvert", "--to", "html", "--output-dir", SITE, ...inputs], {
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`nbconvert failed:\n${result.stderr}`);
  const items = exported
    .map((c) => `<li><a href="${c.name}.html">${escapeHtml(c.title)}</a>${c.blogId ? ` <small>(<a href="${BLOG}/${c.blogId}">blog</a>)</small>` : ""}</li>`)
    .join("\n");
  const index = path.join(SITE, "index.html");
  fs.writeFileSync(
    index,
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Deep learning and math in TypeScript</title></head>\n` +
      `<body><h1>Deep learning and math in TypeScript</h1>\n<p>Chapters in course order, following ` +
      `<a href="${BLOG}">toyourlight.tistory.com</a>.</p>\n<ol>\n${items}\n</ol></body></html>\n`,
  );
  return index;
}
