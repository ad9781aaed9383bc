/** `npm start` serves JupyterLab for the notebooks folder, with the course kernel, and prints its URL. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { chapters, ROOT } from "../kernel-setup/course";

test("npm start prints a URL where JupyterLab serves the chapters with the TypeScript kernel", async () => {
  const server = spawn("npm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "8899" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  try {
    let output = "";
    server.stderr.on("data", (chunk) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed within 60 s:\n${output}`)), 60_000);
      server.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /http:\/\/127\.0\.0\.1:\d+\/lab\?token=[0-9a-f]+/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
    });
    const api = (route: string) => url.replace(/\/lab\?token=/, `/api/${route}?token=`);
    const specs = (await (await fetch(api("kernelspecs"))).json()) as { default: string; kernelspecs: Record<string, { spec: { display_name: string } }> };
    assert.equal(specs.default, "tslab");
    assert.equal(specs.kernelspecs.tslab.spec.display_name, "TypeScript (deep-learning course)");
    const contents = (await (await fetch(api("contents"))).json()) as { content: { name: string }[] };
    const names = contents.content.map((c) => c.name);
    for (const chapter of chapters()) assert.ok(names.includes(path.basename(chapter.file)), `${chapter.name} is not served`);
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
});
