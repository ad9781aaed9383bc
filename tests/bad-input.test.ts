/**
 * The ways a learner feeds the library bad input: wrong shapes, empty arrays, NaN or
 * Infinity, strings where numbers belong, a CSV with a missing column or a ragged row, a
 * learning rate of 0, a negative batch size.
 * Each gets an error that names the argument and the problem, thrown before any state
 * changes. Property-based tests (fast-check) drive the numeric helpers with random shapes
 * and values.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { softmaxRows } from "../src/activations";
import { tf } from "../src/backend";
import { readCsv } from "../src/csv";
import { trainTestSplit } from "../src/datasets";
import { numericGradient } from "../src/derivatives";
import { dense } from "../src/layers";
import { minMaxScaler, standardScaler } from "../src/normalization";
import { Adam, SGD } from "../src/optimizers";
import { maxAbsDifference } from "../src/selfcheck";
import { ewma } from "../src/smoothing";
import { fit } from "../src/training";

/** Asserts that f throws an error whose message matches `names` (the argument and the problem). */
const rejects = (f: () => unknown, names: RegExp) =>
  assert.throws(f, (e: Error) => names.test(e.message), `expected an error matching ${names}`);

/** A CSV file with `text` in a fresh temporary folder. */
const csvWith = (text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bad-csv-")), "table.csv");
  fs.writeFileSync(file, text);
  return file;
};

describe("bad input gets an error that names the argument and the problem", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["empty column", () => standardScaler([]), /data is empty/],
    ["empty table", () => minMaxScaler([[]]), /data\[0\] is empty/],
    [
      "NaN in a table",
      () =>
        standardScaler([
          [1, 2],
          [NaN, 3],
        ]),
      /data\[1\]\[0\] is NaN/,
    ],
    ["Infinity in a column", () => ewma([1, Infinity], 0.9), /values\[1\] is Infinity/],
    [
      "a string where a number belongs",
      () =>
        minMaxScaler([
          [1, 2],
          ["3" as unknown as number, 4],
        ]),
      /data\[1\]\[0\] must be a number, got string/,
    ],
    ["a ragged table", () => standardScaler([[1, 2], [3]]), /data is ragged: row 1 has 1 columns, row 0 has 2/],
    [
      "wrong number of columns for a fitted scaler",
      () =>
        standardScaler([
          [1, 2],
          [3, 4],
        ]).transform([[1, 2, 3]]),
      /data has 3 columns; this z-score scaler was fitted on 2/,
    ],
    ["learning rate 0", () => new SGD(0), /lr must be positive, got 0/],
    ["learning rate NaN", () => new Adam(NaN), /lr must be finite, got NaN/],
    ["beta out of range", () => ewma([1, 2], 1), /beta must be in \[0, 1\), got 1/],
    [
      "shapes that do not multiply",
      () => dense(Matrix.ones(4, 3), Matrix.ones(2, 5), Matrix.ones(1, 5)),
      /A is 4x3 but W is 2x5/,
    ],
    [
      "a CSV with a missing column",
      () => readCsv(csvWith("x,y\n1,2\n"), { columns: ["x", "price"] }),
      /table\.csv has no column 'price'; its columns are x, y/,
    ],
    [
      "a CSV with a ragged row",
      () => readCsv(csvWith("x,y\n1,2\n3\n")),
      /table\.csv line 3 has 1 value, but the header has 2 columns/,
    ],
    [
      "a train size larger than the data",
      () => trainTestSplit([[1], [2]], [0, 1], 5),
      /trainSize must be an integer between 1 and 1, got 5/,
    ],
  ];
  for (const [name, f, message] of cases) test(name, () => rejects(f, message));
});

describe("nothing changes before the error", () => {
  test("an optimizer step with a bad gradient leaves every parameter as it was", () => {
    const params = [Matrix.ones(2, 2), Matrix.ones(1, 2)];
    const before = params.map((p) => p.clone());
    const adam = new Adam(0.1);
    rejects(
      () => adam.step(params, [Matrix.ones(2, 2), Matrix.ones(2, 1)]),
      /gradient 1 is 2x1 but its parameter is 1x2/,
    );
    rejects(
      () => adam.step(params, [Matrix.ones(2, 2), new Matrix([[1, NaN]])]),
      /gradient 1 contains NaN or Infinity/,
    );
    params.forEach((p, i) => assert.equal(maxAbsDifference(p, before[i]), 0));
    adam.step(params, [Matrix.ones(2, 2), Matrix.ones(1, 2)]); // the optimizer still works, from step 1
    assert.ok(Math.abs(params[0].get(0, 0) - 0.9) < 1e-9, "Adam's first step after the errors is not its first step");
  });

  test("fit with a negative batch size, no epochs or mismatched rows leaves the model untouched", async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [2], units: 1, kernelInitializer: tf.initializers.ones() })],
    });
    const optimizer = tf.train.sgd(0.1);
    const xs = tf.ones([4, 2]);
    const ys = tf.zeros([4, 1]);
    const weights = () => model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    const before = weights();
    await assert.rejects(
      fit(model, optimizer, xs, ys, { epochs: 1, batchSize: -2 }),
      /batchSize must be a positive integer, got -2/,
    );
    await assert.rejects(fit(model, optimizer, xs, ys, { epochs: 0 }), /epochs must be a positive integer, got 0/);
    await assert.rejects(fit(model, optimizer, xs, tf.zeros([3, 1]), { epochs: 1 }), /xs has 4 rows but ys has 3/);
    assert.deepEqual(weights(), before);
    assert.equal(await fit(model, optimizer, xs, ys, { epochs: 2, batchSize: 3 }), 4, "two epochs of batches 3 + 1");
    assert.notDeepEqual(weights(), before);
    model.dispose();
    optimizer.dispose();
    tf.dispose([xs, ys]);
  });
});

describe("ml-matrix refuses matrices that do not fit (patches/ml-matrix+6.15.1.patch)", () => {
  /** Asserts that f throws a RangeError with exactly this message. */
  const refuses = (f: () => unknown, message: string) =>
    assert.throws(f, (e: Error) => e instanceof RangeError && e.message === message, `expected RangeError: ${message}`);
  const A = new Matrix([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);

  test("mmul names both shapes and the rule, where it returned a wrong product or a TypeError", () => {
    const rule = "the left's 2 columns must equal the right's";
    refuses(() => A.mmul(A), `mmul: a 3x2 matrix times a 3x2 matrix: ${rule} 3 rows`);
    refuses(() => A.mmul(Matrix.ones(1, 3)), `mmul: a 3x2 matrix times a 1x3 matrix: ${rule} 1 row`);
    refuses(() => A.mmulStrassen(A), `mmulStrassen: a 3x2 matrix times a 3x2 matrix: ${rule} 3 rows`);
  });

  test("Matrix.min, Matrix.max and dot of two matrices refuse other shapes; add, sub, mul, div already did", () => {
    const B = Matrix.ones(2, 2);
    refuses(() => Matrix.max(B, A), "Matrix.max: a 2x2 matrix and a 3x2 matrix: both must have the same shape");
    refuses(() => Matrix.min(A, B), "Matrix.min: a 3x2 matrix and a 2x2 matrix: both must have the same shape");
    refuses(() => A.dot(A.transpose()), "dot: a 3x2 matrix and a 2x3 matrix: both must have the same shape");
    const others = [() => Matrix.add(A, B), () => Matrix.sub(A, B), () => A.clone().mul(B), () => Matrix.div(A, B)];
    for (const f of others) refuses(f, "Matrices dimensions must be equal");
  });

  test("products and dot products that fit are unchanged", () => {
    const P = new Matrix([
      [1, 0, 2],
      [0, 1, 3],
    ]);
    assert.deepEqual(A.mmul(P).to2DArray(), [
      [1, 2, 8],
      [3, 4, 18],
      [5, 6, 28],
    ]);
    assert.deepEqual(
      A.mmulStrassen(P).to2DArray(),
      [
        [1, 2, 8],
        [3, 4, 18],
        [5, 6, 28],
      ],
      "its padded blocks",
    );
    assert.equal(Matrix.columnVector([1, 2, 3]).dot(Matrix.rowVector([4, 5, 6])), 32, "two vectors of one length");
    assert.equal(A.dot(A), 91, "two matrices of one shape");
    const size = fc.integer({ min: 1, max: 5 });
    const sizes = fc.tuple(size, size, size);
    fc.assert(
      fc.property(sizes, fc.nat(), ([m, n, p], seed) => {
        const entry = (i: number) => ((seed + 7 * i) % 23) - 11;
        const L = Matrix.from1DArray(
          m,
          n,
          Array.from({ length: m * n }, (_, i) => entry(i)),
        );
        const R = Matrix.from1DArray(
          n,
          p,
          Array.from({ length: n * p }, (_, i) => entry(i + 100)),
        );
        const columns = R.transpose().to2DArray();
        const want = L.to2DArray().map((row) => columns.map((column) => row.reduce((s, v, k) => s + v * column[k], 0)));
        assert.deepEqual(L.mmul(R).to2DArray(), want);
      }),
    );
  });
});

/** Tables of 1-6 rows x 1-4 columns of finite values of any size. */
const table = fc.integer({ min: 1, max: 4 }).chain((columns) =>
  fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: columns, maxLength: columns }), {
    minLength: 1,
    maxLength: 6,
  }),
);

describe("properties over random shapes and values (fast-check)", () => {
  test("both scalers give the data back through inverse(transform(x))", () => {
    fc.assert(
      fc.property(table, (X) => {
        for (const scaler of [minMaxScaler(X), standardScaler(X)]) {
          const back = scaler.inverse(scaler.transform(X));
          const size = Math.max(1, ...X.flat().map(Math.abs));
          assert.ok(maxAbsDifference(new Matrix(back), new Matrix(X)) <= 1e-9 * size);
        }
      }),
    );
  });

  test("min-max scaling maps every column into [0, 1]", () => {
    fc.assert(
      fc.property(table, (X) =>
        minMaxScaler(X)
          .transform(X)
          .flat()
          .every((v) => v >= 0 && v <= 1),
      ),
    );
  });

  test("softmax rows are probabilities, even for huge inputs", () => {
    fc.assert(
      fc.property(table, (X) => {
        const P = softmaxRows(new Matrix(X));
        return P.to2DArray().every(
          (row) => row.every((p) => p >= 0 && p <= 1) && Math.abs(row.reduce((a, b) => a + b) - 1) < 1e-12,
        );
      }),
    );
  });

  test("the numeric gradient of sum(A * X^2) is 2 A * X", () => {
    const small = fc.integer({ min: 1, max: 4 }).chain((columns) =>
      fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: columns, maxLength: columns }), {
        minLength: 1,
        maxLength: 4,
      }),
    );
    fc.assert(
      fc.property(small, (A) => {
        const a = new Matrix(A);
        const X = a.clone().mul(0.5).add(1);
        const numeric = numericGradient((Y) => Y.clone().mul(Y).mul(a).sum(), X);
        return maxAbsDifference(numeric, X.clone().mul(a).mul(2)) < 1e-5 * (1 + a.abs().max() * X.abs().max());
      }),
    );
  });

  test("a random bad entry anywhere in a table is named by its row and column", () => {
    const bad = fc.constantFrom(NaN, Infinity, -Infinity, "7" as unknown as number, undefined as unknown as number);
    fc.assert(
      fc.property(table, fc.nat(), fc.nat(), bad, (X, r, c, value) => {
        const row = r % X.length;
        const column = c % X[0].length;
        const broken = X.map((cells) => [...cells]);
        broken[row][column] = value;
        rejects(() => standardScaler(broken), new RegExp(`data\\[${row}\\]\\[${column}\\]`));
      }),
    );
  });
});
