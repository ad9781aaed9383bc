/**
 * The exported course: executed chapters as one static site in build/site that reads
 * offline. Math is rendered here with KaTeX (its CSS and fonts ship once in assets/),
 * Korean text uses the Noto Sans KR subsets the pages need, charts carry their Vega-Lite
 * spec for vega-embed (bundled from node_modules) with the SVG as the no-JavaScript
 * fallback, and every page links home (the index notebook), the previous and next
 * chapter and its blog post. nbconvert's HTML uses our template (kernel-setup/nbconvert),
 * which drops the scripts it would load from CDNs.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type * as Katex from "katex/types/katex";
import { FRAMES_MIME } from "../src/plots";
import {
  BLOG,
  BUILD,
  chapters,
  EXECUTED,
  readNotebook,
  ROOT,
  SITE,
  text,
  venvBin,
  type Chapter,
  type Notebook,
} from "./course";

// KaTeX declares its types behind package "exports", which this project's module resolution (node10) does not read.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const katex: typeof Katex = require("katex");

const ASSETS = path.join(SITE, "assets");
const CHARTS = path.join(SITE, "charts");
/** Notebooks as nbconvert gets them: math replaced by placeholders, charts by their HTML. */
const STAGED = path.join(BUILD, "site-staged");
const MODULES = path.join(ROOT, "node_modules");
const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
const COURSE_TITLE = "Deep learning and math in TypeScript";

/** The page of a chapter; the index notebook is the home page. */
export const pageOf = (chapter: Chapter): string => (chapter.kind === "index" ? "index.html" : `${chapter.name}.html`);

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JSON inside <script type="application/json">: "</script>" and "<!--" cannot end it early. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * Math in a markdown cell, as JupyterLab finds it: `$$...$$` (display) and `$...$`
 * (inline), not inside code, `\$` being a dollar sign.
 */
const MATH = /(?<!\\)\$\$([\s\S]+?)\$\$|(?<!\\)\$((?:\\\$|[^$\n])+?)\$/g;
const CODE = /(```[\s\S]*?```|`[^`\n]*`)/;
const placeholder = (i: number): string => `KATEXMATH${i}X`;

/** A formula: its TeX and KaTeX's HTML of it. */
interface Formula {
  tex: string;
  html: string;
}

/** Replaces the math of a markdown source by placeholders, pushing each formula to `math`. */
function stageMath(markdown: string, math: Formula[], where: string): string {
  return markdown
    .split(CODE)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(MATH, (_, display: string | undefined, inline: string | undefined) => {
            const tex = display ?? inline!;
            try {
              math.push({
                tex,
                html: katex.renderToString(tex, {
                  displayMode: display !== undefined,
                  output: "html",
                  throwOnError: true,
                }),
              });
            } catch (error) {
              throw new Error(`${where}: KaTeX cannot render $${tex}$: ${(error as Error).message}`);
            }
            return placeholder(math.length - 1);
          }),
    )
    .join("");
}

/** A chart's HTML: its spec (and frames) for vega-embed, its SVG as a file shown without JavaScript. */
function chartHtml(data: Record<string, unknown>, svgFile: string | null): string {
  const title = String(text(data["text/plain"] as string | string[])).replace(/^<chart:? ?|>$/g, "") || "chart";
  const frames = data[FRAMES_MIME];
  return (
    `<figure class="course-chart" data-title="${escapeHtml(title)}">` +
    `<script type="application/json" class="course-chart-spec">${scriptJson(data[VEGA_LITE_MIME])}</script>` +
    (frames ? `<script type="application/json" class="course-chart-frames">${scriptJson(frames)}</script>` : "") +
    `<div class="course-chart-view"></div>` +
    (svgFile ? `<noscript><img src="charts/${svgFile}" alt="${escapeHtml(title)}"></noscript>` : "") +
    `</figure>`
  );
}

/** Writes the staged copy of an executed chapter; returns the formula of each math placeholder. */
function stage(chapter: Chapter): Formula[] {
  const notebook: Notebook = readNotebook(path.join(EXECUTED, `${chapter.name}.ipynb`));
  const math: Formula[] = [];
  let chart = 0;
  for (const [i, cell] of notebook.cells.entries()) {
    if (cell.cell_type === "markdown") cell.source = stageMath(text(cell.source), math, `${chapter.name}, cell ${i}`);
    for (const output of cell.outputs ?? []) {
      if (!output.data?.[VEGA_LITE_MIME]) continue;
      const svg = output.data["image/svg+xml"];
      const svgFile = svg ? `${chapter.name}-${++chart}.svg` : null;
      if (svgFile) fs.writeFileSync(path.join(CHARTS, svgFile), text(svg as string | string[]));
      output.data = { "text/html": chartHtml(output.data, svgFile), "text/plain": output.data["text/plain"] };
    }
  }
  (notebook.metadata as Record<string, unknown>).title = chapter.title;
  fs.writeFileSync(path.join(STAGED, `${chapter.name}.ipynb`), JSON.stringify(notebook));
  return math;
}

/** The links above and below every page. */
function navigation(all: Chapter[], chapter: Chapter): string {
  const i = all.findIndex((c) => c.name === chapter.name);
  const link = (c: Chapter | undefined, rel: "prev" | "next"): string =>
    c
      ? `<a rel="${rel}" href="${pageOf(c)}">${rel === "prev" ? `← ${escapeHtml(c.title)}` : `${escapeHtml(c.title)} →`}</a>`
      : "<span></span>";
  const blog = chapter.blogId ? `${BLOG}/${chapter.blogId}` : BLOG;
  return (
    `<nav class="course-nav">` +
    `<a href="index.html">Course map</a>` +
    `<a href="${blog}">${chapter.blogId ? `Blog post ${chapter.blogId}` : "The blog"} (toyourlight.tistory.com)</a>` +
    link(all[i - 1], "prev") +
    link(all[i + 1], "next") +
    `</nav>`
  );
}

/** nbconvert's page made into a page of the site. */
function finishPage(html: string, all: Chapter[], chapter: Chapter, math: Formula[], styles: Set<string>): string {
  const head = html.slice(0, html.indexOf("</head>"));
  for (const m of head.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) styles.add(m[1].trim());
  const charts = html.includes('class="course-chart"');
  const links = [
    `<link rel="stylesheet" href="assets/notebook.css">`,
    `<link rel="stylesheet" href="assets/katex/katex.min.css">`,
    `<link rel="stylesheet" href="assets/fonts/noto-sans-kr.css">`,
    `<link rel="stylesheet" href="assets/site.css">`,
    ...(charts
      ? ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "site.js"].map(
          (f) => `<script defer src="assets/${f}"></script>`,
        )
      : []),
  ].join("\n");
  const nav = navigation(all, chapter);
  return (
    html
      .replace(/<style[^>]*>[\s\S]*?<\/style>\s*/g, (s, offset: number) => (offset < head.length ? "" : s))
      .replace(
        /<title>[\s\S]*?<\/title>/,
        `<title>${escapeHtml(chapter.kind === "index" ? COURSE_TITLE : `${chapter.title} · ${COURSE_TITLE}`)}</title>`,
      )
      .replace("</head>", `${links}\n</head>`)
      .replace("<main>", `${nav}\n<main>`)
      .replace("</main>", `</main>\n${nav}`)
      // In a tag (a heading's id) a formula stays TeX; in the text it becomes KaTeX's HTML.
      .replace(/<[^>]*KATEXMATH[^>]*>/g, (tag) =>
        tag.replace(/KATEXMATH(\d+)X/g, (_, i: string) => escapeHtml(math[Number(i)].tex)),
      )
      .replace(/KATEXMATH(\d+)X/g, (_, i: string) => math[Number(i)].html)
      .replace(
        /href="(\d\d|[LN]\d)(-[a-z0-9-]+)\.ipynb(#[^"]*)?"/g,
        (_, id: string, rest: string, anchor = "") => `href="${id === "00" ? "index" : id + rest}.html${anchor}"`,
      )
  );
}

/** Ranges of a CSS unicode-range, e.g. "U+ac00-ac0f,U+20" -> [[0xac00, 0xac0f], [0x20, 0x20]]. */
function ranges(unicodeRange: string): [number, number][] {
  return unicodeRange.split(",").map((r) => {
    const [lo, hi = lo] = r.trim().replace(/^U\+/i, "").split("-");
    return [Number.parseInt(lo, 16), Number.parseInt(hi, 16)];
  });
}

/** Hangul (jamo, compatibility jamo, syllables) and CJK punctuation: what the Korean font draws. */
const KOREAN: [number, number][] = [
  [0x1100, 0x11ff],
  [0x3000, 0x303f],
  [0x3130, 0x318f],
  [0xac00, 0xd7af],
];
const isKorean = (code: number): boolean => KOREAN.some(([lo, hi]) => code >= lo && code <= hi);

/**
 * Noto Sans KR's faces (regular) that hold a Korean character of the site, each cut down
 * to the Korean blocks so that Latin text keeps the page's own fonts.
 */
function writeKoreanFont(pages: string[]): void {
  const used = new Set<number>();
  for (const page of pages)
    for (const ch of fs.readFileSync(page, "utf8")) if (isKorean(ch.codePointAt(0)!)) used.add(ch.codePointAt(0)!);
  const fontsource = path.join(MODULES, "@fontsource", "noto-sans-kr");
  const out = path.join(ASSETS, "fonts");
  fs.mkdirSync(out, { recursive: true });
  const faces: string[] = [];
  for (const face of fs.readFileSync(path.join(fontsource, "400.css"), "utf8").match(/@font-face\s*{[^}]*}/g) ?? []) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(face)![1];
    const korean = ranges(/unicode-range:\s*([^;]+);/.exec(face)![1])
      .flatMap(([lo, hi]) => KOREAN.map(([klo, khi]): [number, number] => [Math.max(lo, klo), Math.min(hi, khi)]))
      .filter(([lo, hi]) => lo <= hi);
    if (!korean.some(([lo, hi]) => [...used].some((c) => c >= lo && c <= hi))) continue;
    fs.copyFileSync(path.join(fontsource, "files", file), path.join(out, file));
    const range = korean
      .map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`))
      .join(",");
    faces.push(
      `@font-face{font-family:'Noto Sans KR';font-style:normal;font-display:swap;font-weight:400;` +
        `src:url(${file}) format('woff2');unicode-range:${range};}`,
    );
  }
  fs.writeFileSync(
    path.join(out, "noto-sans-kr.css"),
    `/* Noto Sans KR (@fontsource/noto-sans-kr, OFL-1.1): the subsets this site uses */\n${faces.join("\n")}\n`,
  );
}

/** KaTeX's CSS and fonts (woff2, the first format its CSS names), vega-embed and the site's own files. */
function writeAssets(styles: Set<string>): void {
  const katexDist = path.join(MODULES, "katex", "dist");
  fs.mkdirSync(path.join(ASSETS, "katex", "fonts"), { recursive: true });
  fs.copyFileSync(path.join(katexDist, "katex.min.css"), path.join(ASSETS, "katex", "katex.min.css"));
  for (const font of fs.readdirSync(path.join(katexDist, "fonts")).filter((f) => f.endsWith(".woff2"))) {
    fs.copyFileSync(path.join(katexDist, "fonts", font), path.join(ASSETS, "katex", "fonts", font));
  }
  for (const [pkg, file] of [
    ["vega", "vega.min.js"],
    ["vega-lite", "vega-lite.min.js"],
    ["vega-embed", "vega-embed.min.js"],
  ]) {
    fs.copyFileSync(path.join(MODULES, pkg, "build", file), path.join(ASSETS, file));
  }
  for (const file of ["site.css", "site.js"])
    fs.copyFileSync(path.join(__dirname, "nbconvert", file), path.join(ASSETS, file));
  fs.writeFileSync(path.join(ASSETS, "notebook.css"), [...styles].join("\n\n"));
}

/** Runs nbconvert with the course template over the staged chapters, telling each one as it starts. */
function nbconvert(names: string[], onStart: (name: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      venvBin("jupyter"),
      [
        "nbconvert",
        "--to",
        "html",
        "--template",
        "course",
        `--TemplateExporter.extra_template_basedirs=${path.join(__dirname, "nbconvert")}`,
        "--output-dir",
        SITE,
        ...names.map((n) => path.join(STAGED, `${n}.ipynb`)),
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let log = "";
    createInterface({ input: child.stderr }).on("line", (line) => {
      log = `${log}${line}\n`.slice(-5000);
      const converting = /Converting notebook (\S+)\.ipynb/.exec(line);
      if (converting) onStart(path.basename(converting[1]));
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`nbconvert failed (exit code ${code}):\n${log}`)),
    );
  });
}

/** Bytes under a folder. */
function size(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce(
      (sum, e) => sum + (e.isDirectory() ? size(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size),
      0,
    );
}

/** What the site may weigh: pages with their specs, the SVGs shown without JavaScript, shared assets. */
export const BUDGET = { pages: 45e6, charts: 45e6, assets: 3e6 };

export interface SiteReport {
  /** build/site/index.html */
  index: string;
  /** Bytes of the pages, of the charts' SVG fallbacks, of the shared assets. */
  bytes: { pages: number; charts: number; assets: number };
  seconds: number;
}

const MB = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** "62.1 MB: pages 28.0 MB (budget 40.0 MB), ..." */
export function describeSize({ bytes }: SiteReport): string {
  const parts = (Object.keys(bytes) as (keyof typeof bytes)[]).map(
    (k) => `${k} ${MB(bytes[k])} (budget ${MB(BUDGET[k])})`,
  );
  return `${MB(bytes.pages + bytes.charts + bytes.assets)}: ${parts.join(", ")}`;
}

export interface SiteOptions {
  /** Keep the other chapters' pages (exporting a few chapters); by default the site is written anew. */
  keep?: boolean;
  /** Told as nbconvert starts each page; `done` pages came before. */
  onPage?: (chapter: Chapter, done: number) => void;
}

/**
 * Writes the pages of `exported` (executed copies in build/executed) into the site, and
 * the shared assets. Without `keep` the site is exactly these pages.
 */
export async function exportSite(
  exported: Chapter[],
  { keep = false, onPage = () => undefined }: SiteOptions = {},
): Promise<SiteReport> {
  const start = Date.now();
  // Previous and next run through the site's pages: the exported ones, or the whole course when others are kept.
  const all = keep ? chapters() : exported;
  if (!keep) fs.rmSync(SITE, { recursive: true, force: true });
  for (const dir of [SITE, CHARTS, STAGED]) fs.mkdirSync(dir, { recursive: true });
  for (const chapter of exported)
    for (const f of fs.readdirSync(CHARTS).filter((f) => f.startsWith(`${chapter.name}-`)))
      fs.rmSync(path.join(CHARTS, f));
  fs.rmSync(ASSETS, { recursive: true, force: true });
  const math = new Map(exported.map((c) => [c.name, stage(c)]));
  let done = 0;
  await nbconvert(
    exported.map((c) => c.name),
    (name) => onPage(exported.find((c) => c.name === name)!, done++),
  );
  const styles = new Set<string>();
  for (const chapter of exported) {
    const raw = path.join(SITE, `${chapter.name}.html`);
    const page = finishPage(fs.readFileSync(raw, "utf8"), all, chapter, math.get(chapter.name)!, styles);
    if (pageOf(chapter) !== path.basename(raw)) fs.rmSync(raw);
    fs.writeFileSync(path.join(SITE, pageOf(chapter)), page);
  }
  writeAssets(styles);
  writeKoreanFont(
    fs
      .readdirSync(SITE)
      .filter((f) => f.endsWith(".html"))
      .map((f) => path.join(SITE, f)),
  );
  fs.rmSync(STAGED, { recursive: true, force: true });
  const bytes = { charts: size(CHARTS), assets: size(ASSETS) };
  return {
    index: path.join(SITE, "index.html"),
    bytes: { pages: size(SITE) - bytes.charts - bytes.assets, ...bytes },
    seconds: (Date.now() - start) / 1000,
  };
}
