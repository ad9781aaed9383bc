/** kernel-setup/setup.mjs: a second run changes nothing; a stage left unfinished is redone. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../kernel-setup/course";

const kernelDir = path.join(ROOT, ".venv", "share", "jupyter", "kernels", "tslab");
const runSetup = () => spawnSync(process.execPath, [path.join(ROOT, "kernel-setup", "setup.mjs")], { encoding: "utf8" });

test("a second set-up run does nothing", () => {
  const run = runSetup();
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "", "a finished set-up redid a stage");
});

test("a stage whose stamp is missing (an interrupted run) is redone", () => {
  fs.rmSync(path.join(kernelDir, ".course-setup.json"));
  const run = runSetup();
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Jupyter kernel .* done/);
  assert.doesNotMatch(run.stdout, /python environment|libtensorflow|addon/, "only the unfinished stage is redone");
});

test("a stage whose files are gone is redone, and the kernel points at the project's tslab", () => {
  fs.rmSync(path.join(kernelDir, "kernel.json"));
  const run = runSetup();
  assert.equal(run.status, 0, run.stderr);
  const spec = JSON.parse(fs.readFileSync(path.join(kernelDir, "kernel.json"), "utf8"));
  assert.equal(spec.argv[0], path.join(ROOT, "node_modules", ".bin", "tslab"));
  assert.equal(spec.display_name, "TypeScript (deep-learning course)");
});
