/** The blog's data files in notebooks/data: every one read by readCsv, with the rows the chapters rely on. */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { NOTEBOOKS } from "../kernel-setup/course";
import { readCsv } from "../src/csv";

const DATA = path.join(NOTEBOOKS, "data");
const read = (file: string) => readCsv(path.join(DATA, file));

test("every data file is listed in the data README with its source, and read by a chapter", () => {
  const readme = fs.readFileSync(path.join(DATA, "README.md"), "utf8");
  const chapters = fs
    .readdirSync(NOTEBOOKS)
    .filter((f) => f.endsWith(".ipynb"))
    .map((f) => fs.readFileSync(path.join(NOTEBOOKS, f), "utf8"));
  for (const file of fs.readdirSync(DATA).filter((f) => f.endsWith(".csv"))) {
    assert.ok(readme.includes(`| \`${file}\` |`), `${file} has no row in notebooks/data/README.md`);
    assert.ok(
      chapters.some((c) => c.includes(`data/${file}`)),
      `no chapter reads data/${file}`,
    );
    assert.ok(read(file).rows.length > 0, file);
  }
});

test("weight_height.csv: 24 children, weight and height both growing down the table", () => {
  const { columns, rows } = read("weight_height.csv");
  assert.deepEqual(columns, ["weight", "height"]);
  assert.equal(rows.length, 24);
  assert.deepEqual(
    [rows[0], rows[23]],
    [
      [5.9, 59.1],
      [69.5, 173.8],
    ],
  );
  rows.slice(1).forEach(([w, h], i) => assert.ok(w > rows[i][0] && h > rows[i][1], `row ${i + 1}`));
});

test("NBA_Rookie_draft.csv: 12 rookies, 3 features and a 0/1 label", () => {
  const { columns, rows } = read("NBA_Rookie_draft.csv");
  assert.deepEqual(columns, ["avg_score", "rebound", "asist", "draft"]);
  assert.deepEqual(
    rows.map((r) => r[3]),
    [0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0],
  );
  assert.deepEqual(rows[0], [12, 3, 6, 0]);
});

test("IRIS_onehot.csv: 150 flowers in class order, one-hot, rows 34 and 37 as the blog had them", () => {
  const { rows } = read("IRIS_onehot.csv");
  assert.equal(rows.length, 150);
  rows.forEach((r, i) =>
    assert.deepEqual(
      r.slice(4),
      [0, 1, 2].map((k) => (k === Math.floor(i / 50) ? 1 : 0)),
      `row ${i}`,
    ),
  );
  assert.deepEqual(
    [rows[34].slice(0, 4), rows[37].slice(0, 4)],
    [
      [4.9, 3.1, 1.5, 0.1],
      [4.9, 3.1, 1.5, 0.1],
    ],
  );
});

test("IRIS_tiny_onehot.csv: rows 0-9, 50-59 and 100-109 of IRIS_onehot.csv", () => {
  const all = read("IRIS_onehot.csv").rows;
  const tiny = read("IRIS_tiny_onehot.csv");
  assert.deepEqual(tiny.columns.slice(4), ["setosa", "versicolor", "virginica"]);
  assert.deepEqual(
    tiny.rows,
    [0, 50, 100].flatMap((start) => all.slice(start, start + 10)),
  );
});

test("2017_seoul_temperature-2C.csv: 365 days in order, whole tenths of a degree Fahrenheit", () => {
  const { columns, rows } = read("2017_seoul_temperature-2C.csv");
  assert.deepEqual(columns, ["Days", "AvgTemperature"]);
  assert.deepEqual(
    rows.map((r) => r[0]),
    Array.from({ length: 365 }, (_, i) => i + 1),
  );
  for (const [day, celsius] of rows) {
    const tenthsF = (celsius * 1.8 + 32) * 10;
    assert.ok(Math.abs(tenthsF - Math.round(tenthsF)) < 1e-5, `day ${day}: ${celsius} °C is no whole tenth of a °F`);
  }
});

test("concrete_data.csv: 1030 mixes, 8 inputs and the strength", () => {
  const { columns, rows } = read("concrete_data.csv");
  assert.equal(columns.length, 9);
  assert.equal(columns[8], "Strength");
  assert.equal(rows.length, 1030);
  assert.deepEqual(rows[0], [540, 0, 0, 162, 2.5, 1040, 676, 28, 79.99]);
});
