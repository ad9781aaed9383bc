/**
 * Nothing written twice: runs of 6 or more identical lines that stand in two places of the course
 * (two chapters, a chapter and src/, or twice in one file), by the rule of the `duplicates` tool:
 * white space is folded, and blank lines, comment-only lines, lone punctuation and import lines
 * are passed over. Unlike the tool, a statement spread over several lines by the formatter counts
 * as one line.
 */
import fs from "node:fs";
import path from "node:path";
import { chapters, readNotebook, ROOT, text } from "./course";

/** A place's code, as the parts it is written in: a chapter's code cells, or one file. */
export interface Source {
  name: string;
  parts: { cell?: number; text: string }[];
}

/** One line that counts, folded, and where it stands. */
interface Line {
  key: string;
  cell?: number;
  line: number;
}

/** Runs of `length` lines that stand, identical, in every one of `places` (each "name cell c lines a-b"). */
export interface Repetition {
  length: number;
  places: string[];
}

export const MIN_LINES = 6;

/** The brackets open at the end of the lines read so far, and the code just before them. */
interface Brackets {
  stack: string[];
  before: string;
}

/**
 * Reads one line into the open brackets: ( [ and the { of an object literal count ("o"); a block's
 * { is kept ("b") only to be matched. Strings and a trailing comment are passed over.
 */
function readBrackets(key: string, open: Brackets): void {
  const code = key.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""').replace(/\/\/.*$/, "");
  for (const ch of code) {
    if (ch === "(" || ch === "[") open.stack.push(ch);
    else if (ch === "{") open.stack.push(/([=([,:?]|\breturn)\s*$/.test(open.before) ? "o" : "b");
    else if (ch === ")" || ch === "]" || ch === "}") open.stack.pop();
    open.before = (open.before + ch).slice(-20);
  }
  open.before += " ";
}

/** Whether a statement is still open: a call, an array or an object literal not yet closed. */
const continues = (open: Brackets) => open.stack.some((b) => b !== "b");

/**
 * The lines of one part that count, white space folded. A call, array or object literal that the
 * formatter spreads over several lines is one line, as if written on one: the check does not
 * depend on the layout.
 */
export function countedLines(code: string): { key: string; line: number }[] {
  const kept: { key: string; line: number }[] = [];
  let inComment = false;
  let inImport = false;
  const open: Brackets = { stack: [], before: "" };
  let statement: { key: string; line: number } | null = null;
  code.split("\n").forEach((raw, i) => {
    const key = raw.trim().replace(/\s+/g, " ");
    if (inComment) {
      if (key.includes("*/")) inComment = false;
      return;
    }
    if (inImport) {
      if (/\bfrom\s*["']/.test(key)) inImport = false;
      return;
    }
    if (key.startsWith("/*")) {
      inComment = !key.includes("*/");
      return;
    }
    if (/^import\b/.test(key)) {
      inImport = !/\bfrom\s*["']|^import\s*["']/.test(key);
      return;
    }
    if (key === "" || key.startsWith("//")) return;
    readBrackets(key, open);
    if (statement) {
      statement.key += ` ${key}`;
      if (!continues(open)) statement = null;
      return;
    }
    if (/^[\s{}()[\];,.:]*$/.test(key)) return;
    const line = { key, line: i + 1 };
    kept.push(line);
    if (continues(open)) statement = line;
  });
  return kept;
}

function where(source: Source, first: Line, last: Line): string {
  if (first.cell === undefined) return `${source.name} lines ${first.line}-${last.line}`;
  if (first.cell === last.cell) return `${source.name} cell ${first.cell} lines ${first.line}-${last.line}`;
  return `${source.name} cell ${first.cell} line ${first.line} to cell ${last.cell} line ${last.line}`;
}

/** Every maximal run of `min` or more counted lines that stands in two places, grouped by its text. */
export function repetitions(sources: Source[], min = MIN_LINES): Repetition[] {
  const docs = sources.map((s) =>
    s.parts.flatMap((p) => countedLines(p.text).map((l): Line => ({ ...l, cell: p.cell }))),
  );
  const windows = new Map<string, [number, number][]>();
  docs.forEach((lines, d) => {
    for (let i = 0; i + min <= lines.length; i++) {
      const key = lines
        .slice(i, i + min)
        .map((l) => l.key)
        .join("\n");
      const list = windows.get(key) ?? [];
      list.push([d, i]);
      windows.set(key, list);
    }
  });
  const found = new Map<string, { length: number; places: Set<string> }>();
  for (const list of windows.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [da, a] = list[x];
        const [db, b] = list[y];
        const A = docs[da];
        const B = docs[db];
        const same = da === db;
        if (same && b - a < min) continue; // overlapping copies of one run
        if (a > 0 && b > 0 && A[a - 1].key === B[b - 1].key) continue; // not where the run starts
        let length = min;
        while (
          a + length < A.length &&
          b + length < B.length &&
          A[a + length].key === B[b + length].key &&
          (!same || a + length < b)
        )
          length++;
        const key = A.slice(a, a + length)
          .map((l) => l.key)
          .join("\n");
        const entry = found.get(key) ?? { length, places: new Set<string>() };
        entry.places.add(where(sources[da], A[a], A[a + length - 1]));
        entry.places.add(where(sources[db], B[b], B[b + length - 1]));
        found.set(key, entry);
      }
    }
  }
  return [...found.values()]
    .map((r) => ({ length: r.length, places: [...r.places] }))
    .sort((p, q) => q.length - p.length || p.places[0].localeCompare(q.places[0]));
}

/** The course's code: every chapter's code cells, in course order, then src/*.ts. */
export function courseSources(root = ROOT): Source[] {
  const src = path.join(root, "src");
  return [
    ...chapters().map((c) => ({
      name: c.name,
      parts: readNotebook(c.file)
        .cells.map((cell, index) => ({ cell: index, kind: cell.cell_type, text: text(cell.source) }))
        .filter((p) => p.kind === "code")
        .map(({ cell, text }) => ({ cell, text })),
    })),
    ...fs
      .readdirSync(src)
      .filter((f) => f.endsWith(".ts"))
      .sort()
      .map((f) => ({ name: `src/${f}`, parts: [{ text: fs.readFileSync(path.join(src, f), "utf8") }] })),
  ];
}
