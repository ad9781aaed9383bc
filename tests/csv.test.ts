/** readCsv (src/csv.ts): numeric tables as the blog reads them, and every faulty file named by line and column. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { readCsv } from "../src/csv";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csv-"));
let count = 0;
/** Writes `text` to a fresh file and returns its path. */
const csvFile = (text: string) => {
  const file = path.join(dir, `t${count++}.csv`);
  fs.writeFileSync(file, text);
  return file;
};

test("a header and rows of numbers, with CRLF line ends, spaces and blank lines", () => {
  const table = readCsv(csvFile("a, b,c\r\n1,2.5, -3\r\n\r\n4e2,0,7\r\n"));
  assert.deepEqual(table, {
    columns: ["a", "b", "c"],
    rows: [
      [1, 2.5, -3],
      [400, 0, 7],
    ],
  });
});

test("columns picks and orders columns by name", () => {
  assert.deepEqual(readCsv(csvFile("x,y,t\n1,2,0\n3,4,1\n"), { columns: ["t", "x"] }).rows, [
    [0, 1],
    [1, 3],
  ]);
});

test("the blog's files: a byte-order mark before the header, one name for several columns", () => {
  assert.deepEqual(readCsv(csvFile("\uFEFFDays,AvgTemperature\n1,5.25\n")), {
    columns: ["Days", "AvgTemperature"],
    rows: [[1, 5.25]],
  });
  const iris = readCsv(csvFile("sepal_length,species,species\n5.1,1,0\n"));
  assert.deepEqual(iris, { columns: ["sepal_length", "species", "species"], rows: [[5.1, 1, 0]] });
  assert.deepEqual(readCsv(csvFile("sepal_length,species,species\n5.1,1,0\n"), { columns: ["sepal_length"] }).rows, [
    [5.1],
  ]);
});

test("a header with no rows is an empty table", () => {
  assert.deepEqual(readCsv(csvFile("x,y\n")), { columns: ["x", "y"], rows: [] });
});

test("every fault names the file and where it is", () => {
  const cases: [string, string, RegExp][] = [
    ["empty file", "", /is empty: it needs a header row/],
    ["ragged row", "a,b,c\n1,2,3\n4,5\n", /line 3 has 2 values, but the header has 3 columns/],
    ["a value too many", "a,b\n1,2,3\n", /line 2 has 3 values, but the header has 2 columns/],
    ["not a number", "a,b\n1,2\n3,abc\n", /line 3, column 'b': 'abc' is not a finite number/],
    ["empty cell", "a,b\n1,\n", /line 2, column 'b': '' is not a finite number/],
    ["NaN", "a,b\nNaN,1\n", /line 2, column 'a': 'NaN' is not a finite number/],
    ["Infinity", "a\nInfinity\n", /line 2, column 'a': 'Infinity' is not a finite number/],
  ];
  for (const [name, text, message] of cases) {
    const file = csvFile(text);
    assert.throws(
      () => readCsv(file),
      (e: Error) => e.message.includes(path.basename(file)) && message.test(e.message),
      name,
    );
  }
  assert.throws(
    () => readCsv(csvFile("x,y\n1,2\n"), { columns: ["x", "price"] }),
    /has no column 'price'; its columns are x, y/,
  );
  assert.throws(
    () => readCsv(csvFile("a,b,a\n1,2,3\n"), { columns: ["a"] }),
    /names more than one column 'a', so it cannot be picked by name/,
  );
  assert.throws(() => readCsv(path.join(dir, "missing.csv")), /no file at .*missing\.csv/);
});

test("property: any table of finite numbers written as CSV reads back exactly", () => {
  const tables = fc.integer({ min: 1, max: 6 }).chain((cols) =>
    fc
      .array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: cols, maxLength: cols }), {
        maxLength: 20,
      })
      .map((rows) => ({ columns: Array.from({ length: cols }, (_, i) => `c${i}`), rows })),
  );
  fc.assert(
    fc.property(tables, (table) => {
      const text = [table.columns.join(","), ...table.rows.map((r) => r.map(String).join(","))].join("\n");
      const back = readCsv(csvFile(text));
      assert.deepEqual(back.columns, table.columns);
      // -0 is written as "0"
      assert.deepEqual(
        back.rows,
        table.rows.map((r) => r.map((v) => (Object.is(v, -0) ? 0 : v))),
      );
    }),
    { numRuns: 100 },
  );
});
