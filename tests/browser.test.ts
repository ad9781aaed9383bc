/**
 * The course as a learner meets it: JupyterLab in a real (headless) Chromium, a chapter
 * opened on the TypeScript kernel, Run All Cells, charts drawn as charts and no error.
 * Screenshots go to build/screenshots/.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { chromium, type Page } from "playwright-core";
import { BUILD, NOTEBOOKS, ROOT } from "../kernel-setup/course";
import { startCourseServer } from "./course-server";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = path.join(BUILD, "screenshots");
/** JupyterLab saves outputs into the notebooks it runs: it gets a scratch copy of the chapter. */
const SCRATCH = path.join(BUILD, "browser-notebooks");
/** A chapter with charts, training on tfjs and a self-check. */
const CHAPTER = "12-linear-regression.ipynb";

async function runAllCells(page: Page): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
}

test("a chapter runs in JupyterLab in Chromium, with charts drawn and no error", { timeout: 180_000 }, async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    return t.skip(`Chromium is not installed at ${CHROMIUM} (apt-get install chromium; .ci/run does it on CI)`);
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(SCRATCH, { recursive: true });
  fs.copyFileSync(path.join(NOTEBOOKS, CHAPTER), path.join(SCRATCH, CHAPTER));
  fs.symlinkSync(path.relative(SCRATCH, path.join(ROOT, "src")), path.join(SCRATCH, "src"));
  const server = await startCourseServer(8897, SCRATCH);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(server.at(`lab/tree/${CHAPTER}`));
    // The notebook's own kernelspec starts the course kernel; wait until it is idle.
    await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: 90_000 });
    await page.locator(".jp-Toolbar-kernelName", { hasText: "TypeScript (deep-learning course)" }).first().waitFor({ timeout: 90_000 });
    await page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first().waitFor({ timeout: 90_000 });
    await runAllCells(page);
    // Every code cell done: prompts show [n], none [*] or [ ].
    await page.waitForFunction(() => {
      const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")].map((p) => p.textContent ?? "");
      return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p));
    }, undefined, { timeout: 120_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "chapter-run-all.png"), fullPage: false });
    const errors = await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").allInnerTexts();
    assert.deepEqual(errors, [], "a cell printed to stderr");
    // Every Vega-Lite output is drawn as a chart; a spec JupyterLab cannot draw shows an error text instead.
    const outputs = page.locator(".jp-OutputArea-output.jp-RenderedVegaLite");
    const drawn = page.locator(".jp-OutputArea-output.jp-RenderedVegaLite:has(svg, canvas)");
    assert.ok((await outputs.count()) >= 3, `expected the chapter's charts, found ${await outputs.count()}`);
    assert.equal(await drawn.count(), await outputs.count(), "a Vega-Lite output was not drawn as a chart");
    await drawn.last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "chapter-chart.png") });
    const text = (await page.locator(".jp-Notebook").innerText()).replace(/\s+/g, " ");
    assert.match(text, /backend: tensorflow/);
    assert.match(text, /✓/, "the self-check printed no passing claim");
    assert.doesNotMatch(text, /Self-check failed|<Vega-Lite chart>/);
  } catch (error) {
    await page.screenshot({ path: path.join(SCREENSHOTS, "failure.png"), fullPage: true }).catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    server.stop();
  }
});
