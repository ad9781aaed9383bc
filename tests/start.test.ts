/** `npm start` serves JupyterLab for the notebooks folder, with the course kernel, and prints its URL. */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { chapters } from "../kernel-setup/course";
import { startCourseServer } from "./course-server";

test("npm start prints a URL where JupyterLab serves the chapters with the TypeScript kernel", async () => {
  const server = await startCourseServer(8899);
  try {
    const specs = (await (await fetch(server.at("api/kernelspecs"))).json()) as {
      default: string;
      kernelspecs: Record<string, { spec: { display_name: string } }>;
    };
    assert.equal(specs.default, "tslab");
    assert.equal(specs.kernelspecs.tslab.spec.display_name, "TypeScript (deep-learning course)");
    const contents = (await (await fetch(server.at("api/contents"))).json()) as { content: { name: string }[] };
    const names = contents.content.map((c) => c.name);
    for (const chapter of chapters())
      assert.ok(names.includes(path.basename(chapter.file)), `${chapter.name} is not served`);
  } finally {
    server.stop();
  }
});
