/** src/, tests/ and the course tooling type-check strictly with the project's TypeScript (tslab's 5.0). */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { ROOT } from "../kernel-setup/course";

test("tsc --strict reports no errors", () => {
  const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", ROOT], {
    encoding: "utf8",
  });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});
