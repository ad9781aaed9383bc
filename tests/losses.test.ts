import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import fc from "fast-check";
import { binaryCrossEntropy, crossEntropy, EPSILON, meanSquaredError, smoothLabels } from "../src/losses";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test("meanSquaredError averages the squared differences over every entry", () => {
  close(meanSquaredError(new Matrix([[1, 2, 3]]), new Matrix([[3, 5, 7]])), (4 + 9 + 16) / 3);
  close(meanSquaredError(new Matrix([[1], [2]]), new Matrix([[1], [2]])), 0);
});

test("binaryCrossEntropy: -[t log p + (1-t) log(1-p)], mean by default, sum on request", () => {
  const P = new Matrix([[0.9], [0.2], [0.5]]);
  const T = new Matrix([[1], [0], [1]]);
  const terms = [-Math.log(0.9), -Math.log(0.8), -Math.log(0.5)];
  close(binaryCrossEntropy(P, T), (terms[0] + terms[1] + terms[2]) / 3);
  close(binaryCrossEntropy(P, T, { reduction: "sum" }), terms[0] + terms[1] + terms[2]);
});

test("binaryCrossEntropy stays finite for certain, wrong predictions (clipped at EPSILON)", () => {
  const loss = binaryCrossEntropy(new Matrix([[0]]), new Matrix([[1]]));
  close(loss, -Math.log(EPSILON), 1e-9);
});

test("crossEntropy of softmax outputs against one-hot targets, per sample in rows or columns", () => {
  const S = new Matrix([
    [0.7, 0.2, 0.1],
    [0.1, 0.1, 0.8],
  ]);
  const T = new Matrix([
    [1, 0, 0],
    [0, 0, 1],
  ]);
  const expected = -(Math.log(0.7) + Math.log(0.8));
  close(crossEntropy(S, T), expected / 2);
  close(crossEntropy(S, T, { reduction: "sum" }), expected);
  close(crossEntropy(S.transpose(), T.transpose(), { samplesIn: "columns" }), expected / 2);
});

test("losses reject mismatched shapes and NaN predictions, naming the loss", () => {
  assert.throws(
    () => meanSquaredError(new Matrix([[1, 2]]), new Matrix([[1], [2]])),
    /meanSquaredError: predictions are 1x2 but targets are 2x1/,
  );
  assert.throws(
    () => binaryCrossEntropy(new Matrix([[NaN]]), new Matrix([[1]])),
    /binaryCrossEntropy: predictions contain NaN/,
  );
  assert.throws(() => crossEntropy(new Matrix([[1, 0]]), new Matrix([[1, 0, 0]])), /crossEntropy: predictions are 1x2/);
});

test("smoothLabels: (1 - epsilon) T + epsilon / K, as tfjs's softmaxCrossEntropy smooths", () => {
  const T = new Matrix([
    [1, 0, 0],
    [0, 0, 1],
  ]);
  const smoothed = smoothLabels(T, 0.1);
  assert.deepEqual(
    smoothed.getRow(0).map((v) => Number(v.toFixed(12))),
    [0.933333333333, 0.033333333333, 0.033333333333],
  );
  assert.deepEqual(smoothLabels(T, 0).to2DArray(), T.to2DArray(), "epsilon 0 leaves the targets alone");
  assert.ok(
    smoothLabels(T, 1)
      .to1DArray()
      .every((v) => Math.abs(v - 1 / 3) < 1e-15),
    "epsilon 1 gives the uniform distribution",
  );
  assert.deepEqual(
    T.to2DArray(),
    [
      [1, 0, 0],
      [0, 0, 1],
    ],
    "the input is not changed",
  );
  // Soft targets that already sum to 1 are accepted.
  close(smoothLabels(new Matrix([[0.5, 0.5]]), 0.2).get(0, 0), 0.5);
});

test("smoothLabels keeps every row a distribution (property)", () => {
  const rows = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 10 });
  fc.assert(
    fc.property(rows, fc.double({ min: 0, max: 1, noNaN: true }), (labels, epsilon) => {
      const T = new Matrix(labels.map((c) => Array.from({ length: 5 }, (_, k) => (k === c ? 1 : 0))));
      const S = smoothLabels(T, epsilon);
      return S.to2DArray().every(
        (row) => Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12 && row.every((v) => v >= 0 && v <= 1),
      );
    }),
  );
});

test("smoothLabels rejects a bad epsilon and targets that are not distributions, naming the problem", () => {
  const T = new Matrix([
    [1, 0],
    [0, 1],
  ]);
  assert.throws(() => smoothLabels(T, -0.1), /epsilon must be a number in \[0, 1\], got -0.1/);
  assert.throws(() => smoothLabels(T, 1.5), /epsilon must be a number in \[0, 1\], got 1.5/);
  assert.throws(() => smoothLabels(T, Number.NaN), /epsilon must be a number in \[0, 1\], got NaN/);
  assert.throws(
    () =>
      smoothLabels(
        new Matrix([
          [1, 1],
          [0, 1],
        ]),
        0.1,
      ),
    /row 0 of the targets sums to 2, not 1/,
  );
  assert.throws(
    () => smoothLabels(new Matrix([[1.5, -0.5]]), 0.1),
    /row 0 of the targets has an entry that is negative/,
  );
  assert.throws(() => smoothLabels(new Matrix([[Number.NaN, 1]]), 0.1), /not finite/);
  assert.throws(() => smoothLabels(new Matrix(0, 3), 0.1), /targets are empty/);
});
