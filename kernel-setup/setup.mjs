#!/usr/bin/env node
// Brings a fresh clone to a runnable course, idempotently. Runs before node_modules
// exists, so it uses nothing but Node itself.
//
// Each stage checks a stamp written only after the stage succeeded, so a run that was
// killed half way is never taken for a finished one: the next run redoes that stage.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const at = (...parts) => path.join(root, ...parts);

const TENSORFLOW_WHEEL = "tensorflow-cpu==2.21.0";
// What set-up can serve: libtensorflow comes from a Linux x86-64 wheel, and the oldest
// Node.js the course is tested on is 20 (see kernel-setup/node-versions.json).
const OLDEST_NODE_MAJOR = 20;
const PLATFORM = { platform: "linux", arch: "x64", name: "Linux on x86-64" };
const KERNEL_NAME = "tslab";
const KERNEL_DISPLAY_NAME = "TypeScript (deep-learning course)";

const venvPython = at(".venv", "bin", "python");
const tfjsNode = at("node_modules", "@tensorflow", "tfjs-node");
const libtensorflow = at(".cache", "libtensorflow");
const kernelDir = at(".venv", "share", "jupyter", "kernels", KERNEL_NAME);
const labSettingsFile = at(".venv", "share", "jupyter", "lab", "settings", "overrides.json");

const LAB_SETTINGS = {
  // The first start asks about news in a pop-up that covers the notebook.
  "@jupyterlab/apputils-extension:notification": { fetchNews: "false" },
  // Keep every cell of a chapter on the page (no virtual scrolling): outputs of cells
  // off screen stay searchable and the browser test can see them.
  "@jupyterlab/notebook-extension:tracker": { windowingMode: "none" },
};

class SetupError extends Error {
  constructor(message, advice) {
    super(message);
    this.advice = advice;
  }
}

/** Stops at once, before anything is downloaded, on a Node.js or a platform set-up cannot serve. */
function assertSupportedRuntime() {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < OLDEST_NODE_MAJOR) {
    throw new SetupError(
      `this is Node.js ${process.versions.node}; the course needs Node.js ${OLDEST_NODE_MAJOR} or newer (24 LTS recommended)`,
      "Install Node.js 24 LTS (https://nodejs.org, or `nvm install 24`), check that `node --version` prints it, and run the command again.",
    );
  }
  if (process.platform !== PLATFORM.platform || process.arch !== PLATFORM.arch) {
    throw new SetupError(
      `this is ${process.platform} on ${process.arch}; the course runs on ${PLATFORM.name} only (its TensorFlow library is built for it)`,
      "On Windows, use WSL2 with Ubuntu or Debian and run the command there; on macOS or ARM, use a Linux x86-64 machine or container.",
    );
  }
}

/** The directory holding the running Node's headers (`include/node/node.h`), if it has them. */
function nodeHeaders() {
  const prefix = path.resolve(process.execPath, "..", "..");
  return fs.existsSync(path.join(prefix, "include", "node", "node.h")) ? prefix : undefined;
}

function sha256(...files) {
  const hash = createHash("sha256");
  for (const file of files) hash.update(fs.readFileSync(file));
  return hash.digest("hex");
}

function readStamp(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function writeStamp(file, value) {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2));
  fs.renameSync(tmp, file);
}

function run(command, args, { cwd = root, env = {}, what }) {
  const result = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new SetupError(
      `${what} failed (${command} ${args.join(" ")}): ${result.error?.message ?? `exit code ${result.status}`}\n${output}`,
    );
  }
  return result.stdout;
}

// pip's primary index is unreachable on offline machines; without retries it falls
// through to the configured local index at once. Nothing is lost with internet.
const pipEnv = { PIP_RETRIES: "0", PIP_DISABLE_PIP_VERSION_CHECK: "1" };

/** The fixes to dependencies that set-up applies after `npm ci` (patches/README.md). */
const patches = () =>
  fs
    .readdirSync(at("patches"))
    .filter((f) => f.endsWith(".patch"))
    .sort()
    .map((f) => at("patches", f));

/**
 * Each stage is current when its stamp matches `want()` and the files it makes still have
 * the sizes they had when it finished (a missing, truncated or replaced file, such as a
 * half-copied libtensorflow, fails that); otherwise `make()` redoes it.
 */
const stages = [
  {
    // A changed patch reinstalls the packages, so it is applied to pristine files.
    name: "node packages (with the fixes in patches/)",
    stamp: at("node_modules", ".course-setup.json"),
    want: () => ({ lock: sha256(at("package-lock.json")), patches: sha256(...patches()) }),
    outputs: () => [at("node_modules", ".bin", "tslab"), at("node_modules", ".bin", "tsx")],
    advice:
      "npm could not install the packages in package-lock.json, or a patch in patches/ no longer applies: check that the npm registry is reachable (npm ping), and read patch-package's message above.",
    make() {
      run("npm", ["ci", "--no-audit", "--no-fund"], { what: "npm ci" });
      run(at("node_modules", ".bin", "patch-package"), ["--error-on-fail"], {
        what: "applying patches/ (patch-package)",
      });
    },
  },
  {
    name: "python environment (JupyterLab, nbconvert, nbclient)",
    stamp: at(".venv", ".course-setup.json"),
    want: () => ({ requirements: sha256(at("kernel-setup", "requirements.txt")) }),
    outputs: () => [venvPython, at(".venv", "bin", "jupyter-lab"), at(".venv", "bin", "jupyter-nbconvert")],
    advice:
      "pip could not install kernel-setup/requirements.txt: check that pip's index is reachable (pip config list), and that python3-venv is installed.",
    make() {
      const python = findSystemPython();
      fs.rmSync(at(".venv"), { recursive: true, force: true });
      run(python, ["-m", "venv", at(".venv")], { what: "creating the Python environment" });
      run(venvPython, ["-m", "pip", "install", "-r", at("kernel-setup", "requirements.txt")], {
        env: pipEnv,
        what: "installing JupyterLab into .venv",
      });
    },
  },
  {
    name: `libtensorflow (from the ${TENSORFLOW_WHEEL} wheel)`,
    stamp: at(".cache", "libtensorflow.json"),
    want: () => ({ wheel: TENSORFLOW_WHEEL }),
    outputs: () => [
      path.join(libtensorflow, "lib", "libtensorflow.so"),
      path.join(libtensorflow, "lib", "libtensorflow_framework.so"),
    ],
    advice: `pip could not fetch the ${TENSORFLOW_WHEEL} wheel (about 270 MB) that libtensorflow comes from: check pip's index (pip config list) and free disk space (about 1 GB).`,
    make() {
      const wheels = at(".cache", "wheels");
      fs.rmSync(wheels, { recursive: true, force: true });
      // Only the C library is taken from the wheel, so any Python version will do.
      run(
        venvPython,
        [
          "-m",
          "pip",
          "download",
          "--no-deps",
          "--only-binary=:all:",
          "--python-version",
          "3.11",
          "--platform",
          "manylinux_2_27_x86_64",
          "-d",
          wheels,
          TENSORFLOW_WHEEL,
        ],
        { env: pipEnv, what: `downloading ${TENSORFLOW_WHEEL}` },
      );
      const [wheel] = fs.readdirSync(wheels).filter((f) => f.endsWith(".whl"));
      if (!wheel) throw new SetupError(`pip reported success but left no wheel in ${wheels}`);
      const bindingSources = path.join(tfjsNode, "binding");
      run(
        venvPython,
        [at("kernel-setup", "extract_libtensorflow.py"), path.join(wheels, wheel), libtensorflow, bindingSources],
        {
          what: "extracting libtensorflow from the wheel",
        },
      );
      fs.rmSync(wheels, { recursive: true, force: true });
    },
  },
  {
    name: "tfjs-node native addon",
    stamp: path.join(tfjsNode, ".course-setup.json"),
    // Built for the running Node: another version (nvm, a system update) rebuilds it.
    want: () => ({
      wheel: TENSORFLOW_WHEEL,
      lock: sha256(at("package-lock.json")),
      node: process.version,
      napi: process.versions.napi,
    }),
    outputs: () => [
      path.join(tfjsNode, "lib", "napi-v8", "tfjs_binding.node"),
      path.join(tfjsNode, "deps", "lib", "libtensorflow.so"),
    ],
    advice:
      "The native addon needs make and g++ (Debian: apt-get install build-essential) and the running Node's headers (include/node beside its bin/, or /usr/include/node). Without it TensorFlow.js would fall back to slow pure JavaScript, which the course refuses.",
    make() {
      // The addon's rpath points at deps/lib inside the package; keep the large
      // libraries in .cache (which survives `npm ci`) and link to them.
      const deps = path.join(tfjsNode, "deps");
      fs.rmSync(deps, { recursive: true, force: true });
      fs.symlinkSync(path.relative(tfjsNode, libtensorflow), deps);
      fs.rmSync(path.join(tfjsNode, "lib"), { recursive: true, force: true });
      // Offline, node-gyp must find the headers here rather than download them.
      const headers = nodeHeaders();
      run(at("node_modules", ".bin", "node-pre-gyp"), ["install", "--build-from-source"], {
        cwd: tfjsNode,
        env: headers ? { npm_config_nodedir: headers } : {},
        what: "compiling the tfjs-node addon against libtensorflow",
      });
      const backend = run(
        process.execPath,
        ["-e", "const tf = require('@tensorflow/tfjs-node'); process.stdout.write(tf.getBackend())"],
        {
          what: "loading @tensorflow/tfjs-node",
        },
      ).trim();
      if (backend !== "tensorflow") {
        throw new SetupError(
          `@tensorflow/tfjs-node loaded the '${backend}' backend instead of the native 'tensorflow' one`,
        );
      }
    },
  },
  {
    name: `Jupyter kernel "${KERNEL_DISPLAY_NAME}"`,
    stamp: path.join(kernelDir, ".course-setup.json"),
    want: () => ({ binary: at("node_modules", ".bin", "tslab") }),
    outputs: () => [path.join(kernelDir, "kernel.json")],
    advice: "tslab could not register its kernel in .venv: delete .venv and run the command again.",
    make() {
      const binary = at("node_modules", ".bin", "tslab");
      run(binary, ["install", `--python=${venvPython}`, "--sys-prefix", `--binary=${binary}`], {
        what: "installing the tslab kernelspec",
      });
      fs.rmSync(path.join(path.dirname(kernelDir), "jslab"), { recursive: true, force: true });
      const specFile = path.join(kernelDir, "kernel.json");
      const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
      spec.display_name = KERNEL_DISPLAY_NAME;
      fs.writeFileSync(specFile, JSON.stringify(spec, null, 2));
    },
  },
  {
    name: "JupyterLab settings",
    stamp: at(".venv", "share", "jupyter", "lab", "settings", ".course-setup.json"),
    want: () => LAB_SETTINGS,
    outputs: () => [labSettingsFile],
    advice: "Delete .venv and run the command again.",
    make() {
      fs.mkdirSync(path.dirname(labSettingsFile), { recursive: true });
      fs.writeFileSync(labSettingsFile, JSON.stringify(LAB_SETTINGS, null, 2));
    },
  },
];

function findSystemPython() {
  for (const candidate of ["python3", "python"]) {
    const probe = spawnSync(candidate, ["-c", "import sys, venv; print(sys.version_info >= (3, 9))"], {
      encoding: "utf8",
    });
    if (probe.status === 0 && probe.stdout.trim() === "True") return candidate;
  }
  throw new SetupError(
    "no Python 3.9+ with the venv module was found on PATH",
    "Install Python 3 (Debian: apt-get install python3 python3-venv) and run the command again.",
  );
}

/** What a finished stage's stamp records: what it was made from, and the sizes of what it made. */
function stampOf(stage) {
  const sizes = Object.fromEntries(
    stage.outputs().map((f) => [path.relative(root, f), fs.existsSync(f) ? fs.statSync(f).size : null]),
  );
  return { ...stage.want(), sizes };
}

function isCurrent(stage) {
  return (
    stage.outputs().every((f) => fs.existsSync(f)) &&
    JSON.stringify(readStamp(stage.stamp)) === JSON.stringify(stampOf(stage))
  );
}

function setup() {
  for (const stage of stages) {
    if (isCurrent(stage)) continue;
    const started = Date.now();
    console.log(`set-up: ${stage.name} ...`);
    fs.rmSync(stage.stamp, { force: true });
    try {
      stage.make();
    } catch (error) {
      if (error instanceof SetupError && !error.advice) error.advice = stage.advice;
      throw error;
    }
    fs.mkdirSync(path.dirname(stage.stamp), { recursive: true });
    writeStamp(stage.stamp, stampOf(stage));
    console.log(`set-up: ${stage.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

try {
  assertSupportedRuntime();
  setup();
} catch (error) {
  console.error(`\nThe course could not be set up: ${error.message}\n`);
  if (error.advice) console.error(error.advice);
  console.error("Then run the same command again: finished steps are kept, unfinished ones are redone.");
  process.exit(1);
}
