import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import { DisplayHandle, Progress, display, matrixBundle, progressText, shape, showMatrix } from "../src/display";

// tslab's module-wide writer for the running cell; null outside a kernel.
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

interface Written {
  message: { data: Record<string, unknown>; metadata: object; transient: { display_id?: string } };
  update: boolean;
}

/** Replaces console.log for one test and returns what it was given. */
function captureLog(t: TestContext): string[] {
  const lines: string[] = [];
  t.mock.method(console, "log", (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  return lines;
}

/** Pretends to be inside a kernel for one test. */
function fakeKernel(t: TestContext): Written[] {
  const written: Written[] = [];
  const previous = jupyter.lastWriteDisplayData;
  jupyter.lastWriteDisplayData = (message: Written["message"], update: boolean) => written.push({ message, update });
  t.after(() => {
    jupyter.lastWriteDisplayData = previous;
  });
  return written;
}

test("matrixBundle: text has the shape caption and right-aligned values with 4 digits", () => {
  const bundle = matrixBundle(
    new Matrix([
      [1, 0.5],
      [-2.25, 3],
    ]),
  );
  const lines = bundle["text/plain"].split("\n");
  assert.equal(lines[0], "2x2");
  assert.equal(lines.length, 3);
  // Integers are shown as integers, others with 4 digits after the point.
  assert.deepEqual(lines[1].trim().split(/\s+/), ["1", "0.5000"]);
  assert.deepEqual(lines[2].trim().split(/\s+/), ["-2.2500", "3"]);
  // Every cell is padded to the widest one ("-2.2500", 7 characters), two spaces apart.
  assert.equal(lines[1], "      1   0.5000");
  assert.equal(lines[2], "-2.2500        3");
});

test("matrixBundle: html is a table with the caption and one cell per value", () => {
  const html = matrixBundle([
    [1, 0.5],
    [-2.25, 3],
  ])["text/html"] as string;
  assert.match(html, /^<table>.*<\/table>$/);
  assert.match(html, /<caption[^>]*>2x2<\/caption>/);
  assert.equal(html.match(/<tr>/g)?.length, 2);
  assert.equal(html.match(/<td[^>]*>/g)?.length, 4);
  for (const cell of ["1", "0.5000", "-2.2500", "3"]) assert.ok(html.includes(`>${cell}</td>`), cell);
  assert.ok(!html.includes("<th>"), "no header row without columns");
});

test("matrixBundle: title, column names (escaped) and digits", () => {
  const bundle = matrixBundle(Matrix.columnVector([0.123456, 2]), { title: "W", columns: ["w<1>"], digits: 2 });
  const text = bundle["text/plain"];
  const html = bundle["text/html"] as string;
  assert.equal(text.split("\n")[0], "W (2x1)");
  assert.deepEqual(
    text
      .split("\n")
      .slice(1)
      .map((l) => l.trim()),
    ["w<1>", "0.12", "2"],
  );
  assert.match(html, /<caption[^>]*>W \(2x1\)<\/caption>/);
  assert.ok(html.includes("<th>w&lt;1&gt;</th>"));
  assert.ok(!html.includes("w<1>"));
  assert.ok(html.includes(">0.12</td>"));
});

test("matrixBundle: tiny values switch to exponent notation; zero and large values do not", () => {
  const text = matrixBundle([[0.00012345, -0.0000067, 0, 1234.56789]])["text/plain"];
  const cells = text.split("\n")[1].trim().split(/\s+/);
  assert.deepEqual(cells, [(0.00012345).toExponential(3), (-0.0000067).toExponential(3), "0", "1234.5679"]);
  assert.equal(cells[0], "1.234e-4");
  // 0.001 is the threshold: it is still fixed-point.
  assert.equal(
    matrixBundle([[0.001]])
      ["text/plain"].split("\n")[1]
      .trim(),
    "0.0010",
  );
});

test("matrixBundle: digits = 0 works, tiny values included", () => {
  const text = matrixBundle([[0.4, 2.6, 0.0004]], { digits: 0 })["text/plain"];
  assert.deepEqual(text.split("\n")[1].trim().split(/\s+/), ["0", "3", "4e-4"]);
});

test("matrixBundle: an empty matrix has shape 0x0", () => {
  const bundle = matrixBundle([]);
  assert.equal(bundle["text/plain"], "0x0");
  assert.match(bundle["text/html"] as string, /<caption[^>]*>0x0<\/caption>/);
});

test("progressText: label, count, a 20-character bar, the percentage and a note", () => {
  assert.equal(
    progressText(300, 1000, "epoch", "loss 0.1234"),
    "epoch 300/1000 [######--------------]  30% loss 0.1234",
  );
  assert.equal(progressText(0, 10), "[--------------------]   0%");
  assert.equal(progressText(10, 10, "step"), "step 10/10 [####################] 100%");
  assert.equal(progressText(1, 3), "[#######-------------]  33%"); // 6.67 -> 7, 33.3 -> 33
});

test("progressText clamps to 0..100% and treats an empty total as done", () => {
  assert.equal(progressText(15, 10, "step"), "step 15/10 [####################] 100%");
  assert.equal(progressText(-5, 10), "[--------------------]   0%");
  assert.equal(progressText(0, 0), "[####################] 100%");
  for (const [done, total] of [
    [3, 7],
    [999, 1000],
    [1, 1e6],
  ]) {
    const bar = progressText(done, total).match(/\[([#-]+)\]/)?.[1] ?? "";
    assert.equal(bar.length, 20);
  }
});

test("outside a kernel, display prints the text/plain part only", (t) => {
  assert.equal(jupyter.lastWriteDisplayData, null, "no kernel in the test process");
  const lines = captureLog(t);
  display({ "text/plain": "plain text", "text/html": "<b>html</b>" });
  assert.deepEqual(lines, ["plain text"]);
});

test("outside a kernel, showMatrix prints the matrix text", (t) => {
  const lines = captureLog(t);
  const m = new Matrix([[1, 2]]);
  showMatrix(m, { title: "X" });
  assert.deepEqual(lines, [matrixBundle(m, { title: "X" })["text/plain"]]);
  assert.ok(lines[0].startsWith("X (1x2)\n"));
});

test("inside a kernel, a DisplayHandle sends the whole bundle, then updates the same display", (t) => {
  const written = fakeKernel(t);
  const lines = captureLog(t);
  const handle = new DisplayHandle();
  const first = { "text/plain": "one", "text/html": "<i>one</i>" };
  handle.show(first);
  handle.show({ "text/plain": "two" });
  assert.deepEqual(lines, [], "nothing printed inside a kernel");
  assert.equal(written.length, 2);
  assert.deepEqual(written[0].message.data, first);
  assert.equal(written[0].update, false);
  assert.equal(written[1].update, true);
  const id = written[0].message.transient.display_id;
  assert.ok(typeof id === "string" && id.length > 0);
  assert.equal(written[1].message.transient.display_id, id);
  // A second handle is a different output area.
  new DisplayHandle().show(first);
  assert.notEqual(written[2].message.transient.display_id, id);
  assert.equal(written[2].update, false);
});

test("Progress shows the first update, throttles the next and always shows the last", (t) => {
  const lines = captureLog(t);
  const progress = new Progress(10, "epoch", 60_000);
  assert.equal(progress.total, 10);
  progress.update(1, "loss 1");
  progress.update(2, "loss 0.5"); // within everyMs: skipped
  progress.update(10, "loss 0.1"); // the end is always shown
  assert.deepEqual(lines, [progressText(1, 10, "epoch", "loss 1"), progressText(10, 10, "epoch", "loss 0.1")]);
});

test("Progress with everyMs = 0 shows every update, in place inside a kernel", (t) => {
  const written = fakeKernel(t);
  const progress = new Progress(3, "step", 0);
  progress.update(1);
  progress.update(2);
  progress.update(3);
  assert.deepEqual(
    written.map((w) => w.message.data["text/plain"]),
    [1, 2, 3].map((d) => progressText(d, 3, "step")),
  );
  assert.deepEqual(
    written.map((w) => w.update),
    [false, true, true],
  );
  assert.equal(new Set(written.map((w) => w.message.transient.display_id)).size, 1);
});

test("shape prints a matrix's shape as NumPy does, or as rowsxcolumns", () => {
  assert.equal(shape(new Matrix([[1, 2, 3]])), "(1, 3)");
  assert.equal(shape(new Matrix(3, 2)), "(3, 2)");
  assert.equal(shape(new Matrix(3, 2), "x"), "3x2");
  assert.equal(shape([[1, 2, 3]]), "(1, 3)");
  assert.equal(shape([], "x"), "0x0");
});
