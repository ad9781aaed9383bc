import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import {
  learnersSoftmaxJacobian,
  relu,
  reluDerivative,
  sigmoid,
  sigmoidDerivative,
  softmax,
  softmaxColumns,
  softmaxGradientChecks,
  softmaxJacobian,
  softmaxRows,
  tanh,
  tanhDerivative,
} from "../src/activations";

function assertClose(actual: number, expected: number, tolerance: number, what = ""): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} got ${actual}, expected ${expected} ± ${tolerance}`);
}

test("sigmoid at known points", () => {
  assert.equal(sigmoid(0), 0.5);
  // sigmoid(ln 3) = 1 / (1 + 1/3) = 3/4, sigmoid(-ln 3) = 1/4
  assertClose(sigmoid(Math.log(3)), 0.75, 1e-15);
  assertClose(sigmoid(-Math.log(3)), 0.25, 1e-15);
  assertClose(sigmoid(1), 1 / (1 + Math.exp(-1)), 0);
  assertClose(sigmoid(2), Math.E ** 2 / (1 + Math.E ** 2), 1e-15);
});

test("sigmoid is symmetric, increasing and bounded, even far out", () => {
  for (const x of [-20, -3, -0.5, 0.1, 2, 7]) {
    assertClose(sigmoid(-x), 1 - sigmoid(x), 1e-15, `x=${x}`);
    assert.ok(sigmoid(x) < sigmoid(x + 0.1));
  }
  assert.equal(sigmoid(800), 1);
  assert.equal(sigmoid(-800), 0);
  assert.equal(sigmoid(Infinity), 1);
  assert.equal(sigmoid(-Infinity), 0);
});

test("sigmoidDerivative equals sigmoid (1 - sigmoid), 1/4 at 0", () => {
  assert.equal(sigmoidDerivative(0), 0.25);
  assertClose(sigmoidDerivative(Math.log(3)), 0.75 * 0.25, 1e-15);
  for (const x of [-5, -1, 0.3, 4]) assertClose(sigmoidDerivative(x), sigmoid(x) * (1 - sigmoid(x)), 1e-16);
  // Far out it vanishes instead of becoming NaN.
  assert.equal(sigmoidDerivative(800), 0);
  assert.equal(sigmoidDerivative(-800), 0);
});

test("sigmoidDerivative agrees with a central difference of sigmoid", () => {
  const h = 1e-5;
  for (let x = -6; x <= 6; x += 0.75) {
    const numeric = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h);
    assertClose(sigmoidDerivative(x), numeric, 1e-10, `x=${x}`);
    assert.ok(sigmoidDerivative(x) <= 0.25);
  }
});

test("the matrix versions apply element-wise and keep the shape", () => {
  const X = new Matrix([
    [0, 1, -2],
    [Math.log(3), -800, 5],
  ]);
  for (const [f, name] of [
    [sigmoid, "sigmoid"],
    [sigmoidDerivative, "sigmoidDerivative"],
  ] as const) {
    const Y = f(X);
    assert.ok(Y instanceof Matrix, name);
    assert.equal(Y.rows, 2);
    assert.equal(Y.columns, 3);
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < 3; c++) assert.equal(Y.get(r, c), f(X.get(r, c)), `${name}[${r}][${c}]`);
    }
  }
  assert.equal(sigmoid(X).get(0, 0), 0.5);
  assert.equal(sigmoidDerivative(X).get(0, 0), 0.25);
});

test("the matrix versions return a new matrix and do not change their input", () => {
  const X = new Matrix([
    [1, 2],
    [3, 4],
  ]);
  const before = X.to2DArray();
  const Y = sigmoid(X);
  const D = sigmoidDerivative(X);
  assert.notEqual(Y, X);
  assert.notEqual(D, X);
  assert.deepEqual(X.to2DArray(), before);
});

test("a column vector and a 1x1 matrix work too", () => {
  const v = Matrix.columnVector([-1, 0, 1]);
  const s = sigmoid(v);
  assert.equal(s.columns, 1);
  assertClose(s.get(0, 0) + s.get(2, 0), 1, 1e-15);
  assert.equal(sigmoid(new Matrix([[0]])).get(0, 0), 0.5);
});

test("relu and its derivative: 1 only where x > 0 (not 1 everywhere)", () => {
  assert.deepEqual(
    [-2, 0, 3].map((x) => relu(x)),
    [0, 0, 3],
  );
  assert.deepEqual(
    [-2, 0, 3].map((x) => reluDerivative(x)),
    [0, 0, 1],
  );
  const X = new Matrix([
    [-1, 2],
    [0.5, -0.5],
  ]);
  assert.deepEqual(reluDerivative(X).to2DArray(), [
    [0, 1],
    [1, 0],
  ]);
  assert.deepEqual(
    X.to2DArray(),
    [
      [-1, 2],
      [0.5, -0.5],
    ],
    "input unchanged",
  );
});

test("softmax sums to 1, keeps order, and survives inputs whose exp overflows", () => {
  const s = softmax([1, 2, 3]);
  const e = [1, 2, 3].map(Math.exp);
  const total = e[0] + e[1] + e[2];
  s.forEach((v, i) => assertClose(v, e[i] / total, 1e-15));
  const big = softmax([1000, 1001, 1002]);
  assert.ok(big.every(Number.isFinite), "no NaN from exp(1000)");
  big.forEach((v, i) => assertClose(v, s[i], 1e-15, "shift invariance"));
  assert.throws(() => softmax([]), /values is empty/);
  assert.throws(() => softmax([1, Infinity]), /values\[1\] is Infinity/);
});

test("softmaxColumns and softmaxRows normalize along their axis", () => {
  const G = new Matrix([
    [1, 0],
    [2, 0],
    [3, 0],
  ]);
  const byColumn = softmaxColumns(G);
  assert.deepEqual(
    byColumn.getColumn(0).map((v) => +v.toFixed(12)),
    softmax([1, 2, 3]).map((v) => +v.toFixed(12)),
  );
  byColumn.getColumn(1).forEach((v) => assertClose(v, 1 / 3, 1e-15));
  const byRow = softmaxRows(G.transpose());
  assert.deepEqual(byRow.to2DArray(), byColumn.transpose().to2DArray());
});

test("softmaxJacobian is diag(s) - s s^T and matches a numeric Jacobian", () => {
  const g = [0.3, -1.2, 2.0];
  const s = Matrix.columnVector(softmax(g));
  const J = softmaxJacobian(s);
  const h = 1e-6;
  for (let j = 0; j < 3; j++) {
    const up = softmax(g.map((v, k) => (k === j ? v + h : v)));
    const down = softmax(g.map((v, k) => (k === j ? v - h : v)));
    for (let i = 0; i < 3; i++) assertClose(J.get(i, j), (up[i] - down[i]) / (2 * h), 1e-9, `J[${i}][${j}]`);
  }
  assert.throws(() => softmaxJacobian(new Matrix([[0.5, 0.5]])), /one column of probabilities/);
});

test("the learner's Jacobian differs from the right one exactly at (2,2) and (3,3)", () => {
  const s = Matrix.columnVector([0.2, 0.3, 0.5]);
  const right = softmaxJacobian(s);
  const learner = learnersSoftmaxJacobian(s);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      if ((i === 1 && j === 1) || (i === 2 && j === 2)) assertClose(learner.get(i, j), 0.3 * (1 - 0.2), 1e-15);
      else assert.equal(learner.get(i, j), right.get(i, j));
    }
  }
  assert.throws(() => learnersSoftmaxJacobian(Matrix.columnVector([0.5, 0.5])), /3x1 probabilities/);
});

test("tanh and its derivative 1 - tanh^2, checked numerically", () => {
  for (const x of [-3, -0.5, 0, 0.7, 2]) {
    assertClose(tanh(x), Math.tanh(x), 0);
    assertClose(tanhDerivative(x), (Math.tanh(x + 1e-6) - Math.tanh(x - 1e-6)) / 2e-6, 1e-9);
  }
  assert.equal(tanhDerivative(0), 1);
  assert.deepEqual(tanh(new Matrix([[0]])).to2DArray(), [[0]]);
});

test("softmaxGradientChecks: the blog's dL/dW fails numericGradient for a class-3 target, the corrected ones pass", () => {
  const x = Matrix.columnVector([1, -2, 0.5]);
  const t = Matrix.columnVector([0, 0, 1]);
  const W = new Matrix([
    [0.2, -0.1, 0.4],
    [0.3, 0.5, -0.2],
    [-0.4, 0.1, 0.3],
  ]);
  const B = Matrix.columnVector([0.1, -0.2, 0.05]);
  const probabilities = (W: Matrix, B: Matrix) => Matrix.columnVector(softmax(W.mmul(x).add(B).to1DArray()));
  const loss = (W: Matrix, B: Matrix) => -Math.log(probabilities(W, B).get(2, 0));
  const gradients = (W: Matrix, B: Matrix, jacobian: (s: Matrix) => Matrix) => {
    const S = probabilities(W, B);
    const dL_dG = jacobian(S)
      .mmul(t)
      .mul(-1 / S.get(2, 0));
    return { dL_dW: dL_dG.mmul(x.transpose()), dL_dB: dL_dG };
  };
  const checks = softmaxGradientChecks(gradients, loss, W, B);
  assert.deepEqual(
    checks.map((c) => [c.name, c.ok]),
    [
      ["the blog's dL/dW", false],
      ["corrected dL/dW", true],
      ["corrected dL/dB", true],
    ],
  );
});
