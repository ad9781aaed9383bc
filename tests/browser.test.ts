/**
 * The course as a learner meets it: JupyterLab in a real (headless) Chromium, a chapter
 * opened on the TypeScript kernel, Run All Cells, a progress bar moving while it trains,
 * charts drawn as charts and no error. Screenshots go to build/screenshots/.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { launchChromium, noChromium } from "./chromium";
import { BUILD, NOTEBOOKS } from "../kernel-setup/course";
import { startCourseServer } from "./course-server";

const SCREENSHOTS = path.join(BUILD, "screenshots");
/** JupyterLab saves outputs into the notebooks it runs: it gets a scratch copy of the chapter. */
const SCRATCH = path.join(BUILD, "browser-notebooks");
/** A chapter with charts, progress bars while it trains on tfjs, and a self-check. */
const CHAPTER = "L5-dnn-concrete.ipynb";
/** A progress bar's text, e.g. "epoch 12/40 [######--------------]  30%  train MSE 0.1234". */
const PROGRESS = /\d+\/\d+ \[[#-]{20}\] +\d+%/;

/** Every code cell done: prompts show [n], none [*] or [ ]. */
// The last code cell (the self-check) numbered and none running: Run All went through. Not every prompt:
// the answers cell is collapsed, and JupyterLab does not number a hidden input's prompt.
const allCellsDone = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")].map((p) => p.textContent ?? "");
    return prompts.length > 0 && /\[\d+\]/.test(prompts[prompts.length - 1]) && !prompts.some((p) => p.includes("*"));
  });

async function runAllCells(page: Page): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Run$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: /^Run All Cells$/ }).click();
}

test("a chapter runs in JupyterLab in Chromium, with a moving progress bar, charts drawn and no error", {
  timeout: 240_000,
}, async (t) => {
  const missing = noChromium();
  if (missing) {
    return t.skip(missing);
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(SCRATCH, { recursive: true });
  fs.copyFileSync(path.join(NOTEBOOKS, CHAPTER), path.join(SCRATCH, CHAPTER));
  for (const shared of ["src", "data"])
    fs.symlinkSync(path.relative(SCRATCH, path.join(NOTEBOOKS, shared)), path.join(SCRATCH, shared));
  const server = await startCourseServer(8897, SCRATCH);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(server.at(`lab/tree/${CHAPTER}`));
    // The notebook's own kernelspec starts the course kernel; wait until it is idle.
    await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: 90_000 });
    await page
      .locator(".jp-Toolbar-kernelName", { hasText: "TypeScript (deep-learning course)" })
      .first()
      .waitFor({ timeout: 90_000 });
    await page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first().waitFor({ timeout: 90_000 });
    await runAllCells(page);
    // While the chapter runs, record every state its progress bars show.
    const progressSeen = new Set<string>();
    const deadline = Date.now() + 150_000;
    while (!(await allCellsDone(page))) {
      assert.ok(Date.now() < deadline, "the chapter did not finish within 150 s");
      const bars = page.locator(".jp-OutputArea-output", { hasText: PROGRESS });
      for (const text of await bars.allInnerTexts()) progressSeen.add(text.trim());
      if (progressSeen.size === 3) {
        await bars.last().scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SCREENSHOTS, "chapter-progress.png") });
      }
      await page.waitForTimeout(100);
    }
    const unfinished = [...progressSeen].filter((text) => !/\] +100%/.test(text));
    assert.ok(
      unfinished.length >= 2,
      `expected a progress bar seen moving before it finished, saw: ${[...progressSeen].join(" | ")}`,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, "chapter-run-all.png"), fullPage: false });
    const errors = await page
      .locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
      .allInnerTexts();
    assert.deepEqual(errors, [], "a cell printed to stderr");
    // Every Vega-Lite output is drawn as a chart; a spec JupyterLab cannot draw shows an error text instead.
    const outputs = page.locator(".jp-OutputArea-output.jp-RenderedVegaLite");
    const drawn = page.locator(".jp-OutputArea-output.jp-RenderedVegaLite:has(svg, canvas)");
    assert.ok((await outputs.count()) >= 3, `expected the chapter's charts, found ${await outputs.count()}`);
    assert.equal(await drawn.count(), await outputs.count(), "a Vega-Lite output was not drawn as a chart");
    await drawn.last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, "chapter-chart.png") });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as JupyterLab renders it, hidden parts left out
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
