/** kernel-setup/setup.mjs: a second run changes nothing; a stage left unfinished is redone. */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
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

/** The native backend loads in a fresh Node process. */
function assertNativeBackendLoads(): void {
  const load = spawnSync(process.execPath, ["-e", "process.stdout.write(require('@tensorflow/tfjs-node').getBackend())"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(load.stdout, "tensorflow", load.stderr);
}

test("a set-up killed while it extracts a damaged libtensorflow is finished by the next run", { timeout: 300_000 }, async () => {
  const library = path.join(ROOT, ".cache", "libtensorflow", "lib", "libtensorflow_framework.so");
  fs.truncateSync(library, 4096); // a half-copied file: it exists, but its size is wrong
  const killed = spawn(process.execPath, [path.join(ROOT, "kernel-setup", "setup.mjs")], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve) => killed.stdout.on("data", (chunk: Buffer) => {
    if (/set-up: libtensorflow .*\.\.\./.test(String(chunk))) {
      killed.kill("SIGKILL");
      resolve();
    }
  }));
  await new Promise((resolve) => killed.on("close", resolve));
  const run = runSetup();
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /set-up: libtensorflow .* done/);
  assert.doesNotMatch(run.stdout, /python environment|node packages/, "only the damaged stage is redone");
  assert.ok(fs.statSync(library).size > 1_000_000, "libtensorflow_framework.so is still truncated");
  assertNativeBackendLoads();
});

test("a stage that cannot finish stops with what to do, and the next good run repairs it", () => {
  fs.rmSync(path.join(kernelDir, ".course-setup.json"));
  // Without node on PATH the tslab binary (#!/usr/bin/env node) cannot install the kernel.
  const failed = spawnSync(process.execPath, [path.join(ROOT, "kernel-setup", "setup.mjs")], { encoding: "utf8", env: { ...process.env, PATH: "/nonexistent" } });
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /The course could not be set up: installing the tslab kernelspec failed/);
  assert.match(failed.stderr, /tslab could not register its kernel in \.venv: delete \.venv and run the command again/);
  assert.match(failed.stderr, /Then run the same command again/);
  const repaired = runSetup();
  assert.equal(repaired.status, 0, repaired.stderr);
  assert.match(repaired.stdout, /Jupyter kernel .* done/);
});

test("a missing Python environment is built again, with the kernel and the settings in it", { timeout: 300_000 }, () => {
  fs.rmSync(path.join(ROOT, ".venv"), { recursive: true, force: true });
  const run = runSetup();
  assert.equal(run.status, 0, run.stderr);
  for (const stage of [/python environment .* done/, /Jupyter kernel .* done/, /JupyterLab settings done/]) assert.match(run.stdout, stage);
  assert.ok(fs.existsSync(path.join(kernelDir, "kernel.json")));
  assert.equal(runSetup().stdout, "", "the rebuilt set-up is not complete");
});
