import { test } from "node:test";
import assert from "node:assert/strict";
import { ColumnScaler, minMaxScaler, standardScaler } from "../src/normalization";

function assertAllClose(actual: number[], expected: number[], tolerance = 1e-12, what = ""): void {
  assert.equal(actual.length, expected.length, `${what} length`);
  actual.forEach((v, i) =>
    assert.ok(Math.abs(v - expected[i]) <= tolerance, `${what}[${i}]: got ${v}, expected ${expected[i]}`),
  );
}

function assertTableClose(actual: number[][], expected: number[][], tolerance = 1e-12): void {
  assert.equal(actual.length, expected.length, "rows");
  actual.forEach((row, r) => assertAllClose(row, expected[r], tolerance, `row ${r}`));
}

const column = (table: number[][], c: number) => table.map((row) => row[c]);

test("min-max on one column maps min to 0 and max to 1", () => {
  const data = [2, 4, 6, 10];
  const scaler = minMaxScaler(data);
  assert.ok(scaler instanceof ColumnScaler);
  assert.equal(scaler.kind, "min-max");
  assert.deepEqual(scaler.offset, [2]);
  assert.deepEqual(scaler.scale, [8]);
  assert.deepEqual(scaler.transform(data), [0, 0.25, 0.5, 1]);
});

test("min-max on a table scales each column on its own", () => {
  const data = [
    [1, 100, -5],
    [3, 300, 5],
    [2, 200, 0],
  ];
  const scaler = minMaxScaler(data);
  assert.deepEqual(scaler.offset, [1, 100, -5]);
  assert.deepEqual(scaler.scale, [2, 200, 10]);
  assertTableClose(scaler.transform(data), [
    [0, 0, 0],
    [1, 1, 1],
    [0.5, 0.5, 0.5],
  ]);
});

test("z-score on one column gives mean 0 and population std 1", () => {
  const data = [1, 3, 5, 7, 9]; // mean 5, population std sqrt(8)
  const scaler = standardScaler(data);
  assert.equal(scaler.kind, "z-score");
  assert.deepEqual(scaler.offset, [5]);
  assert.deepEqual(scaler.scale, [Math.sqrt(8)]);
  const z = scaler.transform(data);
  assertAllClose(
    z,
    [-4, -2, 0, 2, 4].map((d) => d / Math.sqrt(8)),
  );
  const m = z.reduce((s, v) => s + v, 0) / z.length;
  const v = z.reduce((s, x) => s + (x - m) ** 2, 0) / z.length;
  assert.ok(Math.abs(m) < 1e-15);
  assert.ok(Math.abs(v - 1) < 1e-12);
});

test("z-score with ddof = 1 divides by the sample standard deviation", () => {
  const scaler = standardScaler([1, 3, 5, 7, 9], { ddof: 1 });
  assert.deepEqual(scaler.scale, [Math.sqrt(10)]);
  assertAllClose(scaler.transform([5, 5 + Math.sqrt(10)]), [0, 1]);
});

test("z-score on a table standardizes each column", () => {
  const data = [
    [1, 10],
    [2, 30],
    [3, 20],
    [6, 40],
  ];
  const scaler = standardScaler(data);
  assert.deepEqual(scaler.offset, [3, 25]);
  const z = scaler.transform(data);
  for (let c = 0; c < 2; c++) {
    const col = column(z, c);
    const m = col.reduce((s, v) => s + v, 0) / col.length;
    const v = col.reduce((s, x) => s + (x - m) ** 2, 0) / col.length;
    assert.ok(Math.abs(m) < 1e-15, `column ${c} mean ${m}`);
    assert.ok(Math.abs(v - 1) < 1e-12, `column ${c} variance ${v}`);
  }
});

test("inverse undoes transform (round trip), for both scalers and both shapes", () => {
  const oneColumn = [59.1, 66.7, 71.4, 75, 80.1, 173.8];
  const table = [
    [5.9, 59.1],
    [8, 66.7],
    [69.5, 173.8],
    [32.3, 133.3],
  ];
  for (const fit of [minMaxScaler, standardScaler]) {
    const s1 = fit(oneColumn);
    assertAllClose(s1.inverse(s1.transform(oneColumn)), oneColumn, 1e-12, fit.name);
    const s2 = fit(table);
    assertTableClose(s2.inverse(s2.transform(table)), table, 1e-12);
    // and the other way round
    const scaled = [
      [0.1, -0.3],
      [0.9, 1.2],
    ];
    assertTableClose(s2.transform(s2.inverse(scaled)), scaled, 1e-12);
  }
});

test("new data goes through the parameters fitted on the training data", () => {
  const train = [0, 10, 20];
  const mm = minMaxScaler(train);
  assert.deepEqual(mm.transform([30, -10, 5]), [1.5, -0.5, 0.25]);
  assert.deepEqual(mm.inverse([1.5, -0.5]), [30, -10]);

  const zs = standardScaler(train); // mean 10, std sqrt(200/3)
  const std = Math.sqrt(200 / 3);
  assertAllClose(zs.transform([10, 10 + std, 40]), [0, 1, 30 / std]);
  // A prediction made in scaled units goes back to the original units.
  assertAllClose(zs.inverse([2]), [10 + 2 * std]);

  const table = minMaxScaler([
    [0, 1],
    [4, 3],
  ]);
  assertTableClose(table.transform([[2, 5]]), [[0.5, 2]]);
});

test("a constant column (zero range, zero spread) maps to 0 and inverse restores it", () => {
  const data = [
    [1, 7],
    [2, 7],
    [3, 7],
  ];
  for (const fit of [minMaxScaler, standardScaler]) {
    const scaler = fit(data);
    assert.equal(scaler.scale[1], 1, `${fit.name}: the zero scale is replaced by 1`);
    assert.equal(scaler.offset[1], 7);
    const scaled = scaler.transform(data);
    assert.deepEqual(column(scaled, 1), [0, 0, 0]);
    assert.ok(column(scaled, 0).every(Number.isFinite));
    assertTableClose(scaler.inverse(scaled), data);
  }
  const single = minMaxScaler([4, 4, 4]);
  assert.deepEqual(single.transform([4, 4]), [0, 0]);
  assert.deepEqual(single.inverse([0]), [4]);
  assert.deepEqual(standardScaler([4]).transform([4]), [0]);
});

test("transform and inverse do not change their input", () => {
  const data = [
    [1, 2],
    [3, 5],
  ];
  const copy = data.map((r) => [...r]);
  const scaler = standardScaler(data);
  scaler.transform(data);
  scaler.inverse(data);
  assert.deepEqual(data, copy);
});

test("a column-count mismatch throws, naming the counts", () => {
  const two = minMaxScaler([
    [1, 2],
    [3, 4],
  ]);
  assert.throws(() => two.transform([[1, 2, 3]]), /data has 3 columns; this min-max scaler was fitted on 2/);
  assert.throws(() => two.inverse([[1]]), /scaled data has 1 columns; this min-max scaler was fitted on 2/);
  assert.throws(() => two.transform([1, 2]), /data is one column; this min-max scaler was fitted on 2/);
  const one = standardScaler([1, 2, 3]);
  assert.throws(() => one.transform([[1, 2]]), /data has 2 columns; this z-score scaler was fitted on 1/);
  // A one-column table is fine for a one-column scaler.
  assertTableClose(one.transform([[2]]), [[0]]);
});

test("ragged rows throw, when fitting and when transforming", () => {
  const ragged = [[1, 2], [3], [4, 5]];
  assert.throws(() => minMaxScaler(ragged), /data is ragged: row 1 has 1 columns, row 0 has 2/);
  assert.throws(() => standardScaler(ragged), /ragged/);
  const scaler = minMaxScaler([
    [1, 2],
    [3, 4],
  ]);
  assert.throws(() => scaler.transform([[1, 2], [3]]), /data is ragged/);
  assert.throws(() => scaler.inverse([[1, 2], [3]]), /scaled data is ragged/);
  assert.throws(() => scaler.transform([[1, 2], 3] as unknown as number[][]), /data\[1\] must be an array/);
});

test("NaN throws, naming where it is", () => {
  assert.throws(() => minMaxScaler([1, NaN, 3]), /data\[1\] is NaN/);
  assert.throws(
    () =>
      standardScaler([
        [1, 2],
        [3, NaN],
      ]),
    /data\[1\]\[1\] is NaN/,
  );
  const scaler = minMaxScaler([1, 3]);
  assert.throws(() => scaler.transform([NaN]), /data\[0\] is NaN/);
  assert.throws(() => scaler.inverse([0, NaN]), /scaled data\[1\] is NaN/);
  assert.throws(() => minMaxScaler([1, Infinity]), /data\[1\] is Infinity/);
});

test("empty data throws", () => {
  assert.throws(() => minMaxScaler([]), /data is empty/);
  assert.throws(() => standardScaler([]), /data is empty/);
  assert.throws(() => minMaxScaler([[]]), /data\[0\] is empty/);
  assert.throws(() => minMaxScaler([1, 2]).transform([]), /data is empty/);
});

test("a long column (200 000 rows) is fitted without hitting argument-count limits", () => {
  const data = Array.from({ length: 200_000 }, (_, i) => i % 1000);
  const scaler = minMaxScaler(data);
  assert.deepEqual(scaler.offset, [0]);
  assert.deepEqual(scaler.scale, [999]);
});
