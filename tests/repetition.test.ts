/** Nothing written twice: no run of 6+ identical lines in two places of the chapters' code cells and src/. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { countedLines, courseSources, repetitions, type Source } from "../kernel-setup/repetition";

test("no run of 6 or more lines stands in two places (chapters' code cells, src/*.ts)", () => {
  const found = repetitions(courseSources());
  const list = found.map((r) => `${r.length} lines in ${r.places.length} places: ${r.places.join(" ~ ")}`);
  assert.equal(
    found.length,
    0,
    `${found.length} repeated runs: call the first place's function (or move it to src/) instead:\n${list.join("\n")}`,
  );
});

// The detector on small synthetic inputs.
const body = (n: number, name = "x") => Array.from({ length: n }, (_, i) => `const ${name}${i} = f(${i});`);
const chapter = (name: string, ...cells: string[][]): Source => ({
  name,
  parts: cells.map((lines, i) => ({ cell: i + 1, text: lines.join("\n") })),
});

test("a run of 6 lines in two chapters is found, named by chapter, cell and lines", () => {
  const found = repetitions([chapter("01-a", ["let a = 1;", ...body(6)]), chapter("02-b", body(6))]);
  assert.deepEqual(found, [{ length: 6, places: ["01-a cell 1 lines 2-7", "02-b cell 1 lines 1-6"] }]);
});

test("a run of 5 lines is not", () => {
  assert.deepEqual(repetitions([chapter("01-a", body(5)), chapter("02-b", body(5))]), []);
});

test("a run is as long as it goes, across cells, and a chapter and a src file count as two places", () => {
  const lines = body(9);
  const found = repetitions([
    chapter("01-a", lines.slice(0, 4), lines.slice(4)),
    { name: "src/m.ts", parts: [{ text: lines.join("\n") }] },
  ]);
  assert.deepEqual(found, [{ length: 9, places: ["01-a cell 1 line 1 to cell 2 line 5", "src/m.ts lines 1-9"] }]);
});

test("a run twice in one file is found; overlapping copies of one repeated line are not", () => {
  const found = repetitions([{ name: "src/m.ts", parts: [{ text: [...body(6), "other();", ...body(6)].join("\n") }] }]);
  assert.deepEqual(found, [{ length: 6, places: ["src/m.ts lines 1-6", "src/m.ts lines 8-13"] }]);
  assert.deepEqual(repetitions([{ name: "src/m.ts", parts: [{ text: Array(8).fill("step();").join("\n") }] }]), []);
});

test("comments, blank lines, lone punctuation and imports are passed over; white space is folded", () => {
  const plain = body(6);
  const noisy = [
    'import { f } from "./src/f";',
    "import {",
    "  g,",
    '} from "./src/g";',
    plain[0],
    "// a comment only here",
    "",
    `   ${plain[1].replace(/ /g, "   ")}`,
    "/* a block",
    "   comment */",
    plain[2],
    "});",
    plain[3],
    "/** doc */",
    plain[4],
    "  ]",
    plain[5],
  ];
  assert.deepEqual(
    countedLines(noisy.join("\n")).map((l) => l.line),
    [5, 8, 11, 13, 15, 17],
  );
  assert.equal(repetitions([chapter("01-a", plain), chapter("02-b", noisy)]).length, 1);
  const comments = Array.from({ length: 8 }, (_, i) => `// the same comment ${i}`);
  assert.deepEqual(repetitions([chapter("01-a", comments), chapter("02-b", comments)]), []);
});

test("a run in three places is one finding with three places", () => {
  const found = repetitions([chapter("01-a", body(7)), chapter("02-b", body(7)), chapter("03-c", body(7))]);
  assert.deepEqual(found, [
    { length: 7, places: ["01-a cell 1 lines 1-7", "02-b cell 1 lines 1-7", "03-c cell 1 lines 1-7"] },
  ]);
});

test("a call or array spread over several lines counts as one line, however it is laid out", () => {
  const spread = 'console.log(\n  "a",\n  b,\n);\nconst m = [\n  [0, 1],\n  [1, 0],\n];\nf(")", "(");';
  assert.deepEqual(
    countedLines(spread).map((l) => [l.line, l.key]),
    [
      [1, 'console.log( "a", b, );'],
      [5, "const m = [ [0, 1], [1, 0], ];"],
      [9, 'f(")", "(");'],
    ],
  );
});

test("an object literal spread over lines is one line; a block's lines count one by one", () => {
  const code = "const grads = {\n  a: 1,\n  b: [2, 3],\n};\nfor (const x of xs) {\n  f(x);\n  g(x);\n}";
  assert.deepEqual(
    countedLines(code).map((l) => l.key),
    ["const grads = { a: 1, b: [2, 3], };", "for (const x of xs) {", "f(x);", "g(x);"],
  );
});
