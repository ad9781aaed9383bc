import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import { accuracy, argmax, argmaxRows, confusionMatrix, oneHot } from "../src/classification";

test("oneHot puts a single 1 in each row at the label's column", () => {
  assert.deepEqual(oneHot([2, 0, 1], 3).to2DArray(), [[0, 0, 1], [1, 0, 0], [0, 1, 0]]);
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
  assert.deepEqual(argmaxRows(new Matrix([[0.1, 0.7, 0.2], [0.8, 0.1, 0.1], [0.2, 0.3, 0.5]])), [1, 0, 2]);
});

test("accuracy is the fraction of matches and needs equal lengths", () => {
  assert.equal(accuracy([1, 2, 0, 0], [1, 1, 0, 2]), 0.5);
  assert.equal(accuracy([1], [1]), 1);
  assert.throws(() => accuracy([1, 2], [1]), /2 predictions for 1 labels/);
  assert.throws(() => accuracy([], []), /predicted is empty/);
});

test("confusionMatrix counts [true class][predicted class]", () => {
  assert.deepEqual(confusionMatrix([0, 1, 2, 2, 1], [0, 1, 1, 2, 1], 3), [[1, 0, 0], [0, 2, 1], [0, 0, 1]]);
  assert.throws(() => confusionMatrix([0, 3], [0, 1], 3), /predicted\[1\] is 3; classes are 0\.\.2/);
  assert.throws(() => confusionMatrix([0], [0, 1], 3), /1 predictions for 2 labels/);
});
