/**
 * The other tested Node.js versions (kernel-setup/node-versions.json; CI runs the whole
 * suite on the primary one): set-up rebuilds the addon for each, then the library's unit
 * tests and the kernel's conformance test pass and a math, a training and a plotting
 * chapter run clean on it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, describe, test } from "node:test";
import { chapters, EXECUTED, readNotebook, ROOT, text } from "../kernel-setup/course";
import { describeFailure, executeChapters } from "../kernel-setup/runner";
import versions from "../kernel-setup/node-versions.json";

const SMOKE_CHAPTERS = ["05-derivatives", "12-linear-regression", "30-ewma-temperatures"];
const running = process.versions.node;
const others = [versions.primary, ...versions.others].filter((v) => v.split(".")[0] !== running.split(".")[0]);

/** The library's unit tests (one file per module of src/), and the kernel's conformance test. */
const smokeTests = fs
  .readdirSync(path.join(ROOT, "tests"))
  .filter(
    (f) =>
      f === "kernel.test.ts" ||
      (f.endsWith(".test.ts") && fs.existsSync(path.join(ROOT, "src", f.replace(/\.test\.ts$/, ".ts")))),
  )
  .map((f) => path.join("tests", f));

/** An environment whose `node` and `npm` are those of `bin`, outside this test runner. */
function envWith(bin: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
  delete env.NODE_TEST_CONTEXT; // else a nested `node --test` reports to this runner, not to its exit code
  return env;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function setUp(env: NodeJS.ProcessEnv) {
  const setup = run("node", [path.join("kernel-setup", "setup.mjs")], env);
  assert.equal(setup.status, 0, setup.stdout + setup.stderr);
  return setup.stdout;
}

// Leave the addon built for the Node that runs the rest of the suite.
after(() => setUp(envWith(path.dirname(process.execPath))));

for (const version of others) {
  describe(`Node.js ${version}`, () => {
    const bin = run(process.execPath, [path.join("kernel-setup", "node-versions.mjs"), version], process.env);
    const env = envWith(bin.stdout.trim());

    test("is fetched from the npm registry with npm beside it", () => {
      assert.equal(bin.status, 0, bin.stderr);
      assert.equal(run("node", ["--version"], env).stdout.trim(), `v${version}`);
      assert.match(run("npm", ["--version"], env).stdout, new RegExp(`^${versions.npm}`));
    });

    test("set-up rebuilds the native addon for it, and only that", () => {
      const stdout = setUp(env);
      assert.match(stdout, /tfjs-node native addon done/);
      assert.doesNotMatch(stdout, /node packages|python environment|libtensorflow|Jupyter kernel/);
      assert.equal(setUp(env), "", "a second set-up on the same Node redid a stage");
    });

    test(`the library's unit tests and the kernel's conformance test pass (${smokeTests.length} files)`, () => {
      // The spec reporter passes on what the test files print to stderr, Node's warnings included.
      const units = run(
        "node",
        ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...smokeTests],
        env,
      );
      assert.equal(units.status, 0, `${units.stdout.slice(-4000)}\n${units.stderr.slice(-2000)}`);
      const warning = /^.*\(node:\d+\) (\[\w+\] )?\w*Warning.*$/m.exec(units.stdout + units.stderr);
      assert.equal(warning, null, `Node printed a warning: ${warning?.[0]}`);
    });

    test(`chapters ${SMOKE_CHAPTERS.join(", ")} run clean in its kernel`, async () => {
      const list = chapters().filter((c) => SMOKE_CHAPTERS.includes(c.name));
      assert.equal(list.length, SMOKE_CHAPTERS.length, "a smoke chapter was renamed");
      const reports = await Promise.all(executeChapters(list, { env }));
      for (const report of reports) assert.ok(report.ok, describeFailure(report));
      const printedByTraining = readNotebook(path.join(EXECUTED, "12-linear-regression.ipynb"))
        .cells.flatMap((c) => c.outputs ?? [])
        .map((o) => text(o.text))
        .join("");
      assert.match(
        printedByTraining,
        new RegExp(`backend: tensorflow .*node ${version.replace(/\./g, "\\.")}`),
        "the kernel did not run on this Node",
      );
    });
  });
}
