/**
 * One code style for the library, the tooling, the tests and the chapters' code cells: Biome
 * formats and lints them all with `biome.json`.
 *
 * Biome reads files, so each chapter's code cells are written, joined into one TypeScript file
 * with a marker line between cells, to a scratch folder with the same settings. One file per
 * chapter keeps the lint honest: a name defined in one cell and used in a later one is used.
 * Formatting keeps every marker on its own line, so the formatted file splits back into the
 * same cells.
 *
 * `npm run format` writes the formatted code back; `tests/code-style.test.ts` fails on any
 * difference or lint finding.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Chapter, type Notebook, ROOT, chapters, readNotebook, text } from "./course";

const BIOME = path.join(ROOT, "node_modules", ".bin", "biome");
const MARKER = "// ‹cell›";

export interface Finding {
  /** A repository file, or `notebooks/<chapter>.ipynb, cell <n>`. */
  where: string;
  /** Biome's words, with the rule's name. */
  message: string;
}

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string; start: { line: number; column: number } | null };
}

function biome(args: string[], cwd: string): { diagnostics: Diagnostic[]; status: number } {
  const run = spawnSync(BIOME, [...args, "--reporter=json", "--max-diagnostics=none"], { cwd, encoding: "utf8" });
  if (run.error) throw new Error(`could not run Biome (${BIOME}): ${run.error.message}`);
  const json = run.stdout.slice(run.stdout.indexOf("{"));
  if (!json) throw new Error(`Biome printed no report (exit ${run.status}): ${run.stderr}`);
  return { diagnostics: (JSON.parse(json) as { diagnostics: Diagnostic[] }).diagnostics, status: run.status ?? 1 };
}

/** The code cells of a chapter, by index in the notebook. */
const codeCells = (notebook: Notebook) =>
  notebook.cells.flatMap((cell, index) => (cell.cell_type === "code" ? [{ index, source: text(cell.source) }] : []));

/** A notebook cell's `source` as Jupyter stores it: lines that keep their newline. */
const asLines = (source: string) => source.split(/(?<=\n)/);

/** Where line `line` (1-based) of a chapter's joined file is: its cell and the line in that cell. */
function cellAt(joined: string, cells: { index: number }[], line: number): string {
  const before = joined.split("\n").slice(0, line - 1);
  const markers = before.filter((l) => l === MARKER).length;
  const lineInCell = line - 1 - before.lastIndexOf(MARKER);
  return `cell ${cells[markers - 1]?.index ?? "?"}, line ${lineInCell}`;
}

export interface StyleOptions {
  /** Write the formatted code back (`npm run format`), instead of reporting it. */
  write?: boolean;
  /** The chapters whose code cells to check: by default every chapter. */
  notebooks?: Pick<Chapter, "name" | "file">[];
  /** Check the repository's files too (`biome.json`'s list). */
  files?: boolean;
}

/**
 * Formats and lints the repository's files and the chapters' code cells, writing the formatted code
 * back when `write`. Returns what is still wrong: unformatted code (when not writing) and lint findings.
 */
export function checkCodeStyle({
  write = false,
  notebooks = chapters().filter((c) => c.kind !== "index"),
  files = true,
}: StyleOptions = {}): Finding[] {
  const findings: Finding[] = [];
  if (files) {
    for (const d of biome(["check", ...(write ? ["--write"] : [])], ROOT).diagnostics) {
      findings.push({ where: d.location.path, message: `${d.category}: ${d.message}` });
    }
  }

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "code-style-"));
  try {
    // The same settings, without the repository's file list.
    const { formatter, javascript, linter } = JSON.parse(fs.readFileSync(path.join(ROOT, "biome.json"), "utf8"));
    fs.writeFileSync(path.join(scratch, "biome.json"), JSON.stringify({ formatter, javascript, linter }));
    const entries = notebooks.map((chapter) => {
      const notebook = readNotebook(chapter.file);
      const cells = codeCells(notebook);
      const joined = cells.map((c) => `${MARKER}\n${c.source.trim()}\n`).join("");
      const scratchFile = path.join(scratch, `${chapter.name}.ts`);
      fs.writeFileSync(scratchFile, joined);
      return { chapter, notebook, cells, joined, scratchFile };
    });
    biome(["format", "--write", "."], scratch);
    const lint = biome(["lint", "."], scratch);
    for (const { chapter, notebook, cells, joined, scratchFile } of entries) {
      const formatted = fs.readFileSync(scratchFile, "utf8");
      const where = path.relative(ROOT, chapter.file);
      for (const d of lint.diagnostics.filter((d) => path.basename(d.location.path) === path.basename(scratchFile))) {
        const at = d.location.start ? `, ${cellAt(formatted, cells, d.location.start.line)}` : "";
        findings.push({ where: `${where}${at}`, message: `${d.category}: ${d.message}` });
      }
      if (formatted === joined) continue;
      const sources = formatted
        .split(`${MARKER}\n`)
        .slice(1)
        .map((s) => s.trimEnd());
      if (sources.length !== cells.length) throw new Error(`${where}: formatting changed the number of cells`);
      if (!write) {
        const changed = cells.filter((c, i) => c.source.trim() !== sources[i]).map((c) => c.index);
        findings.push({ where, message: `format: cells ${changed.join(", ")} are not formatted (npm run format)` });
        continue;
      }
      cells.forEach((c, i) => {
        notebook.cells[c.index].source = asLines(sources[i]);
      });
      fs.writeFileSync(chapter.file, `${JSON.stringify(notebook, null, 1)}\n`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return findings;
}
