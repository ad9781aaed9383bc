/**
 * The exported site as a reader without internet sees it: Chromium, every request outside
 * the site blocked, opens every page and finds the math rendered, every chart drawn by
 * vega-embed, animated charts replaying their frames and Korean text in the shipped font.
 * It reads the site that tests/notebooks.test.ts exported (it runs before this file); with
 * no site yet it exports the executed copies in build/executed, without executing anything.
 * Screenshots go to build/screenshots/.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium, noChromium } from "./chromium";
import { BUILD, chapters, EXECUTED, SITE } from "../kernel-setup/course";
import { exportSite } from "../kernel-setup/site";

const SCREENSHOTS = path.join(BUILD, "screenshots");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};
/** One screenshot per kind of page: math, a live training chart, a 3-D surface, an animation, Korean text. */
const SHOTS: Record<string, { page: string; selector: string }> = {
  "site-math": { page: "24-mlp-xor-derivatives", selector: ".katex-display" },
  "site-live-chart": { page: "25-mlp-xor", selector: "figure.course-chart" },
  "site-surface": { page: "06-partial-derivatives", selector: "figure.course-chart:has(.vega-bindings)" },
  "site-animation": { page: "31-gradient-descent-problems", selector: "figure.course-chart:has(.course-chart-frames)" },
  "site-korean": { page: "index", selector: "h1" },
};

/** The site over HTTP on localhost, as a reader's browser would load it from a web server. */
function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const file = path.join(SITE, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(SITE) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** What a page shows: formulas left as TeX, charts drawn or not, Korean text and its font. */
function inspect(page: Page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const prose = [...document.querySelectorAll(".jp-MarkdownCell .jp-RenderedMarkdown")]
      .map((cell) => {
        const copy = cell.cloneNode(true) as HTMLElement;
        copy.querySelectorAll("code, pre, .katex").forEach((e) => e.remove());
        return copy.textContent ?? "";
      })
      .join("\n");
    const figures = [...document.querySelectorAll("figure.course-chart")];
    return {
      rawTex: prose.match(/\$\$|\\[a-zA-Z]{2,}\b/g) ?? [],
      formulas: document.querySelectorAll(".katex").length,
      charts: figures.length,
      drawn: figures.filter(
        (f) => (f as HTMLElement).dataset.drawn === "true" && f.querySelector(".course-chart-view svg"),
      ).length,
      chartErrors: figures.map((f) => (f as HTMLElement).dataset.error).filter(Boolean),
      // biome-ignore lint/performance/useDomNodeTextContent: the text as the page renders it
      korean: /[\uac00-\ud7af]/.test(document.body.innerText),
      koreanFontLoaded: [...document.fonts].some(
        (f) => f.family.replace(/"/g, "") === "Noto Sans KR" && f.status === "loaded",
      ),
      links: [...document.querySelectorAll(".course-nav a")].map((a) => a.getAttribute("href")),
    };
  });
}

describe("the exported site, offline in Chromium", {
  skip: noChromium(),
}, () => {
  let server: http.Server;
  let browser: Browser;
  let base: string;
  /** Requests that left the site, by page. */
  const outside: string[] = [];

  before(async () => {
    const executed = chapters().filter((c) => fs.existsSync(path.join(EXECUTED, `${c.name}.ipynb`)));
    if (!fs.existsSync(path.join(SITE, "index.html"))) await exportSite(executed);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  /** A page of the site, and what went wrong while it loaded (HTTP errors, script errors). */
  async function open(name: string): Promise<Page & { failed: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      outside.push(`${name}: ${url}`);
      return route.abort();
    });
    const failed: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on("pageerror", (e) => failed.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") failed.push(`console: ${m.text()}`);
    });
    await page.goto(base + (name === "index" ? "index.html" : `${name}.html`), { waitUntil: "load" });
    return Object.assign(page, { failed });
  }

  const pages = (): string[] =>
    fs
      .readdirSync(SITE)
      .filter((f) => f.endsWith(".html"))
      .map((f) => f.replace(/\.html$/, ""));

  test("home is the index with the course map linking every page, and no link inside the site is broken", () => {
    const home = fs.readFileSync(path.join(SITE, "index.html"), "utf8");
    assert.match(home, /course index/);
    const broken: string[] = [];
    for (const name of pages()) {
      if (name !== "index")
        assert.match(home, new RegExp(`href="${name}\\.html"`), `the course map does not link ${name}`);
      const html = fs.readFileSync(path.join(SITE, `${name}.html`), "utf8");
      for (const [, url] of html.matchAll(/(?:href|src)="([^"#:]+)(?:#[^"]*)?"/g)) {
        if (!fs.existsSync(path.join(SITE, decodeURIComponent(url)))) broken.push(`${name}: ${url}`);
      }
    }
    assert.deepEqual(broken, [], "links to files the site does not have");
  });

  test("every page: nothing from outside the site, no raw TeX, every chart drawn, Korean in the shipped font", {
    timeout: 900_000,
  }, async () => {
    const problems: string[] = [];
    for (const name of pages()) {
      const page = await open(name);
      try {
        await page
          .waitForFunction(
            () =>
              [...document.querySelectorAll("figure.course-chart")].every(
                (f) => (f as HTMLElement).dataset.drawn === "true" || (f as HTMLElement).dataset.error,
              ),
            undefined,
            { timeout: 60_000 },
          )
          .catch(() => undefined);
        const seen = await inspect(page);
        if (seen.rawTex.length > 0) problems.push(`${name}: raw TeX in the text: ${seen.rawTex.slice(0, 5).join(" ")}`);
        if (seen.drawn !== seen.charts)
          problems.push(`${name}: ${seen.drawn} of ${seen.charts} charts drawn ${seen.chartErrors.join("; ")}`);
        if (seen.korean && !seen.koreanFontLoaded)
          problems.push(`${name}: Korean text, but Noto Sans KR was not loaded`);
        if (!seen.links.includes("index.html")) problems.push(`${name}: no link to the course map`);
        if (!seen.links.some((l) => l?.startsWith("https://toyourlight.tistory.com")))
          problems.push(`${name}: no link to the blog`);
        if (page.failed.length > 0) problems.push(`${name}: ${page.failed.join("; ")}`);
        for (const [shot, { page: on, selector }] of Object.entries(SHOTS)) {
          if (on !== name || (await page.locator(selector).count()) === 0) continue;
          await page.locator(selector).first().scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(SCREENSHOTS, `${shot}.png`) });
        }
      } finally {
        await page.close();
      }
    }
    assert.deepEqual(outside, [], "requests outside the site");
    assert.deepEqual(problems, []);
  });

  test("Korean text is drawn with the shipped Noto Sans KR (the fonts Chromium used for it)", async () => {
    const page = await open("index");
    try {
      await page.evaluate(() => document.fonts.ready);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("DOM.enable");
      await cdp.send("CSS.enable");
      const { root } = await cdp.send("DOM.getDocument");
      const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "h1" });
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      // A web font (isCustomFont) named by its file's own name table, e.g. "Noto Sans KR Thin" (fontsource's cut of the variable font).
      assert.ok(
        fonts.some((f) => f.familyName.startsWith("Noto Sans KR") && f.isCustomFont && f.glyphCount > 0),
        `the home page's title was drawn with ${JSON.stringify(fonts)}`,
      );
    } finally {
      await page.close();
    }
  });

  test("without JavaScript a chart shows its SVG", async () => {
    const name = pages().find((n) =>
      fs.readFileSync(path.join(SITE, `${n}.html`), "utf8").includes('class="course-chart"'),
    );
    assert.ok(name, "no page has a chart");
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${base}${name}.html`, { waitUntil: "load" });
      const images = await page
        .locator("figure.course-chart img")
        .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
      assert.ok(
        images.length > 0 && images.every((w) => w > 0),
        `${name}: chart images without JavaScript: ${images.join(", ")}`,
      );
    } finally {
      await context.close();
    }
  });

  test("an animated chart's play control steps through its frames", { timeout: 120_000 }, async (t) => {
    const animated = pages().find((name) =>
      fs.readFileSync(path.join(SITE, `${name}.html`), "utf8").includes("course-chart-frames"),
    );
    if (!animated) return t.skip("no page has an animated chart");
    const page = await open(animated);
    try {
      const figure = page.locator("figure.course-chart:has(.course-chart-frames)").first();
      await figure.scrollIntoViewIfNeeded();
      await figure.locator(".course-chart-play").click();
      await page.waitForFunction(
        (el) => Number((el as HTMLElement).dataset.frame ?? 0) >= 2,
        await figure.elementHandle(),
        { timeout: 30_000 },
      );
      await page.screenshot({ path: path.join(SCREENSHOTS, "site-animation-playing.png") });
      assert.deepEqual(page.failed, []);
      assert.deepEqual(outside, []);
    } finally {
      await page.close();
    }
  });
});
