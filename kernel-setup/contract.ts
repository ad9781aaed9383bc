/**
 * The contract between the library (src/*.ts) and the chapters, read from the code itself: every
 * export's doc comment names the chapter that teaches it (`@taught 31`) or says that no chapter
 * imports it (`@internal`). `contractFaults` lists where the chapters and the tags disagree.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { chapters, text, readNotebook, ROOT } from "./course";

/** One export of a module and the tags of its doc comment. */
export interface Export {
  module: string;
  name: string;
  line: number;
  /** The chapters its `@taught` lines name, as written. */
  taught: string[];
  internal: boolean;
  /** `@taught` or `@internal` lines that are not the bare `@taught <chapter>` / `@internal`. */
  malformed: string[];
}

/** A chapter as the contract sees it: its number prefix ("31", "L5", "N4") and its code cells. */
export interface ChapterCode {
  id: string;
  name: string;
  cells: { index: number; source: string }[];
}

/** One name a chapter imports from ./src/<module>, and what the import's `// preview:` comments say. */
export interface Import {
  chapter: string;
  cell: number;
  line: number;
  module: string;
  name: string;
  /** name -> the chapters a preview comment on this import says it is taught in. */
  previews: Map<string, string[]>;
}

/** The number prefix of a chapter file name: "31-gradient-descent-problems" -> "31". */
export const chapterId = (name: string): string => name.split("-")[0];

/** The doc comment (a `/** ... *\/` block right above it) of a statement. */
function docComment(statement: ts.Statement, source: string): string {
  const last = (ts.getLeadingCommentRanges(source, statement.getFullStart()) ?? []).at(-1);
  // A comment with a blank line after it is the module's header, not the statement's doc comment.
  if (!last || !source.startsWith("/**", last.pos) || /\n\s*\n/.test(source.slice(last.end, statement.getStart())))
    return "";
  return source.slice(last.pos, last.end);
}

function tags(doc: string): Pick<Export, "taught" | "internal" | "malformed"> {
  const result = { taught: [] as string[], internal: false, malformed: [] as string[] };
  for (const line of doc.split("\n")) {
    if (!/@(taught|internal)\b/.test(line)) continue;
    const bare = line
      .replace(/^\s*\/?\*+\s?/, "")
      .replace(/\s*\*\/\s*$/, "")
      .trim();
    const taught = /^@taught (\S+)$/.exec(bare);
    if (taught) result.taught.push(taught[1]);
    else if (bare === "@internal") result.internal = true;
    else result.malformed.push(bare);
  }
  return result;
}

/** The exports of one module, read with the TypeScript parser; overloads count once. */
export function readExports(module: string, source: string): Export[] {
  const file = ts.createSourceFile(`${module}.ts`, source, ts.ScriptTarget.Latest, true);
  const found = new Map<string, Export>();
  const add = (name: string, statement: ts.Statement) => {
    const previous = found.get(name);
    const entry = {
      module,
      name,
      line: file.getLineAndCharacterOfPosition(statement.getStart()).line + 1,
      ...tags(docComment(statement, source)),
    };
    const untagged = (e: Export) => e.taught.length === 0 && !e.internal && e.malformed.length === 0;
    if (!previous || (untagged(previous) && !untagged(entry))) found.set(name, entry);
  };
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (!statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause))
        for (const element of statement.exportClause.elements) add(element.name.text, statement);
      continue;
    }
    const exported =
      ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) add(declaration.name.text, statement);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      add(statement.name.text, statement);
    }
  }
  return [...found.values()];
}

/** `// preview: SGD, Adam are taught in 31, 33` -> SGD -> [31], Adam -> [33]; one chapter serves every name. */
export function parsePreview(comment: string): Map<string, string[]> | undefined {
  const m = /^\/\/\s*preview:\s*(.+?)\s+(?:is|are)\s+taught\s+in\s+(.+?)\s*$/.exec(comment.trim());
  if (!m) return undefined;
  const names = m[1].split(/\s*,\s*|\s+and\s+/).filter(Boolean);
  const where = m[2].split(/\s*,\s*|\s+and\s+/).filter(Boolean);
  if (where.length !== 1 && where.length !== names.length) return undefined;
  return new Map(names.map((name, i) => [name, where.length === 1 ? [where[0]] : [where[i]]]));
}

/** The names a chapter imports from ./src/<module>, with the preview comments of each import statement. */
export function readImports(chapter: ChapterCode): { imports: Import[]; faults: string[] } {
  const imports: Import[] = [];
  const faults: string[] = [];
  for (const cell of chapter.cells) {
    const file = ts.createSourceFile("cell.ts", cell.source, ts.ScriptTarget.Latest, true);
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const from = statement.moduleSpecifier.text;
      if (!from.startsWith("./src/")) continue;
      const module = from.slice("./src/".length);
      const line = file.getLineAndCharacterOfPosition(statement.getStart()).line + 1;
      const where = `${chapter.name} (cell ${cell.index}, line ${line})`;
      // The statement's lines, to the end of its last line: a preview comment may trail any of them.
      const endOfLine = cell.source.indexOf("\n", statement.getEnd());
      const lines = cell.source.slice(statement.getStart(), endOfLine < 0 ? undefined : endOfLine);
      const previews = new Map<string, string[]>();
      for (const comment of lines.match(/\/\/.*$/gm) ?? []) {
        if (!/^\/\/\s*preview\b/.test(comment)) continue;
        const parsed = parsePreview(comment);
        if (!parsed)
          faults.push(
            `${where}: cannot read "${comment}": write "// preview: <Name>[, <Name>] is|are taught in <chapter>[, <chapter>]"`,
          );
        else for (const [name, at] of parsed) previews.set(name, at);
      }
      const clause = statement.importClause;
      const names: string[] = [];
      if (clause?.name) names.push("default");
      if (clause?.namedBindings && ts.isNamedImports(clause.namedBindings))
        for (const element of clause.namedBindings.elements) names.push((element.propertyName ?? element.name).text);
      if (clause?.namedBindings && ts.isNamespaceImport(clause.namedBindings))
        faults.push(
          `${where}: "import * as ${clause.namedBindings.name.text}" from ${from} hides which exports the chapter uses: import them by name`,
        );
      for (const name of names) imports.push({ chapter: chapter.id, cell: cell.index, line, module, name, previews });
      for (const name of previews.keys())
        if (!names.includes(name))
          faults.push(
            `${where}: the preview comment names ${name}, which this import from ${from} does not import: remove it from the comment`,
          );
    }
  }
  return { imports, faults };
}

/**
 * Every way the chapters and the tags disagree, as messages that name the export, the module, the chapter
 * and what to do. `course` is in course order.
 */
export function contractFaults(modules: { name: string; source: string }[], course: ChapterCode[]): string[] {
  const faults: string[] = [];
  const order = new Map(course.map((c, i) => [c.id, i]));
  const nameOf = new Map(course.map((c) => [c.id, c.name]));
  const exports = new Map<string, Map<string, Export>>();
  for (const m of modules) exports.set(m.name, new Map(readExports(m.name, m.source).map((e) => [e.name, e])));

  const uses: Import[] = [];
  for (const chapter of course) {
    const read = readImports(chapter);
    faults.push(...read.faults);
    uses.push(...read.imports);
  }

  for (const [module, list] of exports) {
    for (const e of list.values()) {
      const what = `${e.name} (src/${module}.ts:${e.line})`;
      for (const bad of e.malformed)
        faults.push(`${what}: cannot read "${bad}": write "@taught <chapter>" or "@internal" alone on its line`);
      const count = e.taught.length + (e.internal ? 1 : 0);
      if (count === 0 && e.malformed.length === 0) {
        faults.push(
          `${what} has no chapter tag: add "@taught <chapter>" (the chapter that teaches it, e.g. 31, L5, N4) or "@internal" to its doc comment`,
        );
        continue;
      }
      if (count > 1) {
        faults.push(
          `${what} has ${count} tags (${[...e.taught.map((t) => `@taught ${t}`), ...(e.internal ? ["@internal"] : [])].join(", ")}): keep one`,
        );
        continue;
      }
      if (e.internal || e.taught.length === 0) continue;
      const chapter = e.taught[0];
      if (!order.has(chapter)) {
        faults.push(
          `${what} is tagged @taught ${chapter}, but there is no chapter ${chapter}: name one of notebooks/<chapter>-*.ipynb`,
        );
        continue;
      }
      if (!uses.some((u) => u.module === module && u.name === e.name && u.chapter === chapter))
        faults.push(
          `${what} is tagged @taught ${chapter}, but ${nameOf.get(chapter)} does not import it from ./src/${module}: import it there, or tag the chapter that teaches it`,
        );
    }
  }

  for (const u of uses) {
    const where = `${nameOf.get(u.chapter)} (cell ${u.cell}, line ${u.line})`;
    const e = exports.get(u.module)?.get(u.name);
    const preview = u.previews.get(u.name);
    if (!exports.has(u.module)) {
      faults.push(`${where} imports ${u.name} from ./src/${u.module}, but there is no src/${u.module}.ts`);
      continue;
    }
    if (!e) {
      faults.push(
        `${where} imports ${u.name} from ./src/${u.module}, which does not export it: fix the name or the module`,
      );
      continue;
    }
    if (e.internal) {
      faults.push(
        `${where} imports ${u.name} from ./src/${u.module}, which is @internal: tag it with the chapter that teaches it, or do not import it`,
      );
      continue;
    }
    if (e.taught.length !== 1 || !order.has(e.taught[0])) continue; // reported above
    const taught = e.taught[0];
    const early = order.get(u.chapter)! < order.get(taught)!;
    const hint = `"// preview: ${u.name} is taught in ${taught}"`;
    if (early && !preview)
      faults.push(
        `${where} imports ${u.name} from ./src/${u.module} before ${nameOf.get(taught)} teaches it: add ${hint} to that import line, or tag this chapter if it teaches ${u.name}`,
      );
    else if (early && preview && preview[0] !== taught)
      faults.push(
        `${where}: the preview comment says ${u.name} is taught in ${preview[0]}, but src/${u.module}.ts tags it @taught ${taught}: write ${hint}`,
      );
    else if (!early && preview)
      faults.push(
        `${where} marks ${u.name} (./src/${u.module}) as a preview, but it is taught in ${taught}, not later: remove ${u.name} from the preview comment`,
      );
  }
  return faults;
}

/** The course as it is on disk: the modules of src/ (without .d.ts files) and the chapters in course order. */
export function courseContract(root = ROOT): { modules: { name: string; source: string }[]; course: ChapterCode[] } {
  const src = path.join(root, "src");
  const modules = fs
    .readdirSync(src)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => ({ name: f.replace(/\.ts$/, ""), source: fs.readFileSync(path.join(src, f), "utf8") }));
  const course = chapters().map((c) => ({
    id: chapterId(c.name),
    name: c.name,
    cells: readNotebook(c.file)
      .cells.map((cell, index) => ({ index, cell }))
      .filter(({ cell }) => cell.cell_type === "code")
      .map(({ index, cell }) => ({ index, source: text(cell.source) })),
  }));
  return { modules, course };
}
