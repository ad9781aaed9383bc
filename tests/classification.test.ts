import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import fc from "fast-check";
import {
  accuracy,
  argmax,
  argmaxRows,
  confusionMatrix,
  filteredTest,
  oneHot,
  precisionRecall,
} from "../src/classification";

test("oneHot puts a single 1 in each row at the label's column", () => {
  assert.deepEqual(oneHot([2, 0, 1], 3).to2DArray(), [
    [0, 0, 1],
    [1, 0, 0],
    [0, 1, 0],
  ]);
  assert.deepEqual(oneHot([0], 1).to2DArray(), [[1]]);
});

test("oneHot rejects labels outside 0..classes-1, fractional labels and a bad class count", () => {
  assert.throws(() => oneHot([0, 3], 3), /labels\[1\] is 3; labels must be integers 0\.\.2/);
  assert.throws(() => oneHot([0.5], 3), /labels\[0\] is 0\.5/);
  assert.throws(() => oneHot([-1], 3), /labels\[0\] is -1/);
  assert.throws(() => oneHot([0], 0), /classes must be a positive integer/);
  assert.throws(() => oneHot([], 3), /labels is empty/);
});

test("argmax returns the first index of the largest value, like np.argmax", () => {
  assert.equal(argmax([0.1, 0.7, 0.2]), 1);
  assert.equal(argmax([3, 1, 3]), 0);
  assert.equal(argmax([-5]), 0);
  assert.throws(() => argmax([]), /values is empty/);
  assert.throws(() => argmax([1, NaN]), /values\[1\] is NaN/);
});

test("argmaxRows gives the predicted class of each row", () => {
  assert.deepEqual(
    argmaxRows(
      new Matrix([
        [0.1, 0.7, 0.2],
        [0.8, 0.1, 0.1],
        [0.2, 0.3, 0.5],
      ]),
    ),
    [1, 0, 2],
  );
});

test("accuracy is the fraction of matches and needs equal lengths", () => {
  assert.equal(accuracy([1, 2, 0, 0], [1, 1, 0, 2]), 0.5);
  assert.equal(accuracy([1], [1]), 1);
  assert.throws(() => accuracy([1, 2], [1]), /2 predictions for 1 labels/);
  assert.throws(() => accuracy([], []), /predicted is empty/);
});

test("confusionMatrix counts [true class][predicted class]", () => {
  assert.deepEqual(confusionMatrix([0, 1, 2, 2, 1], [0, 1, 1, 2, 1], 3), [
    [1, 0, 0],
    [0, 2, 1],
    [0, 0, 1],
  ]);
  assert.throws(() => confusionMatrix([0, 3], [0, 1], 3), /predicted\[1\] is 3; classes are 0\.\.2/);
  assert.throws(() => confusionMatrix([0], [0, 1], 3), /1 predictions for 2 labels/);
});

test("precisionRecall counts TP, FP, FN, TN of the positive class", () => {
  //          TP TP FP FN TN TN
  const p = [1, 1, 1, 0, 0, 0];
  const y = [1, 1, 0, 1, 0, 0];
  const r = precisionRecall(p, y);
  assert.deepEqual([r.truePositives, r.falsePositives, r.falseNegatives, r.trueNegatives], [2, 1, 1, 2]);
  assert.equal(r.precision, 2 / 3);
  assert.equal(r.recall, 2 / 3);
  assert.ok(Math.abs(r.f1 - 2 / 3) < 1e-15);
  const zero = precisionRecall([1, 1], [0, 0]);
  assert.ok(Number.isNaN(zero.recall) && zero.precision === 0, "no positive sample: recall is undefined");
  assert.equal(precisionRecall([0, 1], [1, 0]).f1, 0, "precision and recall both 0: f1 is 0");
  assert.equal(precisionRecall([2, 0, 2], [2, 1, 0], 2).precision, 0.5, "any class can be the positive one");
});

test("precisionRecall: predicting negative everywhere is accurate on an imbalanced set and has recall 0", () => {
  const y = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const p = y.map(() => 0);
  assert.equal(accuracy(p, y), 0.9);
  const r = precisionRecall(p, y);
  assert.equal(r.recall, 0);
  assert.ok(Number.isNaN(r.precision), "nothing predicted positive: precision is undefined");
});

test("precisionRecall rejects bad input with a clear error", () => {
  assert.throws(() => precisionRecall([1, 0], [1]), /2 predictions for 1 labels/);
  assert.throws(() => precisionRecall([], []), /predicted is empty/);
  assert.throws(() => precisionRecall([1, NaN], [1, 0]), /predicted\[1\] is NaN/);
  assert.throws(() => precisionRecall([1], [1], NaN), /positive/);
});

test("property: the four counts add up to n, and precision, recall lie in [0, 1]", () => {
  const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })), {
    minLength: 1,
    maxLength: 30,
  });
  fc.assert(
    fc.property(pairs, (rows) => {
      const r = precisionRecall(
        rows.map((x) => x[0]),
        rows.map((x) => x[1]),
      );
      assert.equal(r.truePositives + r.falsePositives + r.falseNegatives + r.trueNegatives, rows.length);
      for (const v of [r.precision, r.recall, r.f1]) assert.ok(Number.isNaN(v) || (v >= 0 && v <= 1));
      assert.equal(
        (r.truePositives + r.trueNegatives) / rows.length,
        accuracy(
          rows.map((x) => x[0]),
          rows.map((x) => x[1]),
        ),
      );
    }),
  );
});

test("filteredTest: argmax accuracy, and the p >= threshold filter, which turns an unsure row into class 0", () => {
  const P = new Matrix([
    [0.8, 0.1, 0.1], // sure setosa, right
    [0.4, 0.35, 0.25], // unsure: filtered to [0, 0, 0], class 0
    [0.1, 0.2, 0.7], // sure virginica, right
    [0.2, 0.5, 0.3], // versicolor by argmax, unsure
  ]);
  const r = filteredTest(P, [0, 1, 2, 1]);
  assert.deepEqual(r.predicted, [0, 0, 2, 1]);
  assert.deepEqual(r.equal, [true, false, true, true]);
  assert.equal(r.accuracy, 0.75);
  assert.deepEqual(r.filterPredicted, [0, 0, 2, 0]);
  assert.deepEqual(r.filterEqual, [true, false, true, false]);
  assert.equal(r.filterAccuracy, 0.5);
  assert.deepEqual(filteredTest(P, [0, 1, 2, 1], 0.5).filterPredicted, [0, 0, 2, 1]);
});
