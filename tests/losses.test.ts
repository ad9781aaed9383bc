import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import { binaryCrossEntropy, crossEntropy, EPSILON, meanSquaredError } from "../src/losses";

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
  const S = new Matrix([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]);
  const T = new Matrix([[1, 0, 0], [0, 0, 1]]);
  const expected = -(Math.log(0.7) + Math.log(0.8));
  close(crossEntropy(S, T), expected / 2);
  close(crossEntropy(S, T, { reduction: "sum" }), expected);
  close(crossEntropy(S.transpose(), T.transpose(), { samplesIn: "columns" }), expected / 2);
});

test("losses reject mismatched shapes and NaN predictions, naming the loss", () => {
  assert.throws(() => meanSquaredError(new Matrix([[1, 2]]), new Matrix([[1], [2]])), /meanSquaredError: predictions are 1x2 but targets are 2x1/);
  assert.throws(() => binaryCrossEntropy(new Matrix([[NaN]]), new Matrix([[1]])), /binaryCrossEntropy: predictions contain NaN/);
  assert.throws(() => crossEntropy(new Matrix([[1, 0]]), new Matrix([[1, 0, 0]])), /crossEntropy: predictions are 1x2/);
});
