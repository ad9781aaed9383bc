/**
 * The course as files: where things are, a notebook's shape, and its chapters in order.
 * Executing chapters is kernel-setup/runner.ts; the HTML site, kernel-setup/site.ts.
 */
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
  Array.isArray(source) ? source.join("") : (source ?? "");

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
      const heading = text(first?.source)
        .split("\n")
        .find((line) => line.startsWith("# "));
      const id = Number.parseInt(f, 10);
      const kind = f.startsWith("L") ? "lecture" : f.startsWith("N") ? "nlp" : id === 0 ? "index" : "blog";
      return {
        name: f.replace(/\.ipynb$/, ""),
        file,
        kind,
        ...(kind === "blog" ? { blogId: id } : {}),
        title: heading?.slice(2).trim() ?? f,
      };
    });
}
