/**
 * A fresh kernel of the course driven through steps by tests/kernel_session.py (jupyter_client
 * and the installed kernelspec), as a front end drives it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BUILD, ROOT, venvBin } from "../kernel-setup/course";

export interface Message {
  msg_type: string;
  content: Record<string, any>;
}
export interface Result extends Message {
  outputs: Message[];
  secondsToEnd?: number;
  exited?: boolean;
}
export type Step = Record<string, unknown>;

/** Runs the steps in one fresh kernel, started in a scratch folder that reaches the library as notebooks do. */
export function session(steps: Step[], files: Record<string, string> = {}): Result[] {
  const dir = path.join(BUILD, "kernel", String(process.hrtime.bigint()));
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(path.relative(dir, path.join(ROOT, "src")), path.join(dir, "src"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  // A learner's environment: under node:test, NODE_TEST_CONTEXT would keep SIGINT from tslab.
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const run = spawnSync(venvBin("python"), [path.join(__dirname, "kernel_session.py"), dir], {
    input: JSON.stringify(steps),
    encoding: "utf8",
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Result[];
}

export const streams = (r: Result, name: string): string =>
  r.outputs
    .filter((o) => o.msg_type === "stream" && o.content.name === name)
    .map((o) => o.content.text as string)
    .join("");
export const errorOf = (r: Result): Message["content"] | undefined =>
  r.outputs.find((o) => o.msg_type === "error")?.content;
