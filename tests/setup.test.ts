/** kernel-setup/setup.mjs: a second run changes nothing; a stage left unfinished is redone. */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../kernel-setup/course";

const kernelDir = path.join(ROOT, ".venv", "share", "jupyter", "kernels", "tslab");
const runSetup = () =>
  spawnSync(process.execPath, [path.join(ROOT, "kernel-setup", "setup.mjs")], { encoding: "utf8" });

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
  const load = spawnSync(
    process.execPath,
    ["-e", "process.stdout.write(require('@tensorflow/tfjs-node').getBackend())"],
    { cwd: ROOT, encoding: "utf8" },
  );
  assert.equal(load.stdout, "tensorflow", load.stderr);
}

test("a set-up killed while it extracts a damaged libtensorflow is finished by the next run", {
  timeout: 300_000,
}, async () => {
  const library = path.join(ROOT, ".cache", "libtensorflow", "lib", "libtensorflow_framework.so");
  fs.truncateSync(library, 4096); // a half-copied file: it exists, but its size is wrong
  const killed = spawn(process.execPath, [path.join(ROOT, "kernel-setup", "setup.mjs")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve) =>
    killed.stdout.on("data", (chunk: Buffer) => {
      if (/set-up: libtensorflow .*\.\.\./.test(String(chunk))) {
        killed.kill("SIGKILL");
        resolve();
      }
    }),
  );
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
  const failed = spawnSync(process.execPath, [path.join(ROOT, "kernel-setup", "setup.mjs")], {
    encoding: "utf8",
    env: { ...process.env, PATH: "/nonexistent" },
  });
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /The course could not be set up: installing the tslab kernelspec failed/);
  assert.match(failed.stderr, /tslab could not register its kernel in \.venv: delete \.venv and run the command again/);
  assert.match(failed.stderr, /Then run the same command again/);
  const repaired = runSetup();
  assert.equal(repaired.status, 0, repaired.stderr);
  assert.match(repaired.stdout, /Jupyter kernel .* done/);
});

test("a missing Python environment is built again, with the kernel and the settings in it", {
  timeout: 300_000,
}, () => {
  fs.rmSync(path.join(ROOT, ".venv"), { recursive: true, force: true });
  const run = runSetup();
  assert.equal(run.status, 0, run.stderr);
  for (const stage of [/python environment .* done/, /Jupyter kernel .* done/, /JupyterLab settings done/])
    assert.match(run.stdout, stage);
  assert.ok(fs.existsSync(path.join(kernelDir, "kernel.json")));
  assert.equal(runSetup().stdout, "", "the rebuilt set-up is not complete");
});

/** Runs a copy of setup.mjs in an empty scratch project, on a simulated Node or platform, with nothing on PATH. */
function setupSimulating(simulation: string) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "course-setup-"));
  fs.mkdirSync(path.join(scratch, "kernel-setup"));
  fs.copyFileSync(path.join(ROOT, "kernel-setup", "setup.mjs"), path.join(scratch, "kernel-setup", "setup.mjs"));
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      `data:text/javascript,${encodeURIComponent(simulation)}`,
      path.join(scratch, "kernel-setup", "setup.mjs"),
    ],
    { cwd: scratch, encoding: "utf8", env: { PATH: "/nonexistent" } },
  );
  const left = fs.readdirSync(scratch, { recursive: true }).map(String).sort();
  fs.rmSync(scratch, { recursive: true, force: true });
  return { ...run, left };
}

test("Node.js older than 20 is refused before anything is downloaded, naming the version found and what to do", () => {
  const run = setupSimulating(
    'Object.defineProperty(process, "versions", { value: { ...process.versions, node: "18.20.4" } });',
  );
  assert.equal(run.status, 1);
  assert.match(
    run.stderr,
    /The course could not be set up: this is Node\.js 18\.20\.4; the course needs Node\.js 20 or newer/,
  );
  assert.match(run.stderr, /Install Node\.js 24 LTS/);
  assert.deepEqual(run.left, ["kernel-setup", "kernel-setup/setup.mjs"], "set-up made files before refusing");
});

for (const [platform, arch] of [
  ["win32", "x64"],
  ["darwin", "arm64"],
  ["linux", "arm64"],
]) {
  test(`${platform} on ${arch} is refused before anything is downloaded, with what to do instead`, () => {
    const run = setupSimulating(
      `Object.defineProperty(process, "platform", { value: "${platform}" }); Object.defineProperty(process, "arch", { value: "${arch}" });`,
    );
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`this is ${platform} on ${arch}; the course runs on Linux on x86-64 only`));
    assert.match(run.stderr, /use WSL2/);
    assert.deepEqual(run.left, ["kernel-setup", "kernel-setup/setup.mjs"], "set-up made files before refusing");
  });
}

test("an edited patch reinstalls the packages and applies it to pristine files", { timeout: 300_000 }, () => {
  const patch = path.join(ROOT, "patches", "@tensorflow+tfjs-node+4.22.0.patch");
  const topK = path.join(ROOT, "node_modules", "@tensorflow", "tfjs-node", "dist", "kernels", "TopK.js");
  const fixed = "var isSorted = sorted == null ? true : sorted;";
  const edited = "var isSorted = sorted ?? true;";
  const original = fs.readFileSync(patch, "utf8");
  assert.ok(original.includes(`+        ${fixed}`), "the tfjs-node patch no longer fixes TopK as this test expects");
  try {
    fs.writeFileSync(patch, original.replace(`+        ${fixed}`, `+        ${edited}`));
    const run = runSetup();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /node packages \(with the fixes in patches\/\) done/);
    assert.ok(fs.readFileSync(topK, "utf8").includes(edited), "the edited patch was not applied");
  } finally {
    fs.writeFileSync(patch, original);
  }
  const restored = runSetup();
  assert.equal(restored.status, 0, restored.stderr);
  assert.ok(fs.readFileSync(topK, "utf8").includes(fixed), "the original patch was not applied again");
  assertNativeBackendLoads();
  assert.equal(runSetup().stdout, "", "set-up is not complete after the patch changed back");
});
