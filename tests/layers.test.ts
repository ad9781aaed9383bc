import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import { dense, denseBackward } from "../src/layers";
import { gradientCheck, numericGradient } from "../src/derivatives";

const A = new Matrix([
  [1, 2],
  [3, 4],
  [5, 6],
]);
const W = new Matrix([
  [0.5, -1, 2],
  [1.5, 0, -0.5],
]);
const B = new Matrix([[0.1, 0.2, 0.3]]);

test("dense adds the bias row to every row of A W", () => {
  assert.deepEqual(
    dense(A, W, B).to2DArray(),
    A.mmul(W)
      .to2DArray()
      .map((row) => row.map((v, j) => v + B.get(0, j))),
  );
});

test("denseBackward's gradients match numeric ones for L = sum(C * Z)", () => {
  const C = new Matrix([
    [1, -2, 0.5],
    [0, 3, 1],
    [-1, 1, 2],
  ]);
  const loss = (a: Matrix, w: Matrix, b: Matrix) => Matrix.mul(dense(a, w, b), C).sum();
  const { dW, dB, dA } = denseBackward(C, A, W);
  assert.ok(
    gradientCheck(
      dW,
      numericGradient((w) => loss(A, w, B), W),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      dB,
      numericGradient((b) => loss(A, W, b), B),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      dA,
      numericGradient((a) => loss(a, W, B), A),
    ).ok,
  );
});

test("dense and denseBackward name the shapes that do not fit", () => {
  assert.throws(() => dense(A, W.transpose(), B), /A is 3x2 but W is 3x2: A's columns must equal W's rows/);
  assert.throws(() => dense(A, W, new Matrix([[1, 2]])), /B must be 1x3/);
  assert.throws(() => denseBackward(new Matrix(2, 3), A, W), /dZ is 2x3 but Z = A W is 3x3/);
});
