import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import {
  centralDifference,
  chainRuleDerivative,
  forwardDifference,
  gradientCheck,
  numericGradient,
  partialDerivative,
} from "../src/derivatives";
import { compose } from "../src/functions";

function assertClose(actual: number, expected: number, tolerance: number, what = ""): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} got ${actual}, expected ${expected} ± ${tolerance}`);
}

test("forward difference of sin: the error shrinks like h, at rate |f''(x)| / 2", () => {
  const x = 1;
  const errors = [1e-2, 1e-3, 1e-4].map((h) => Math.abs(forwardDifference(Math.sin, x, h) - Math.cos(x)));
  // Taylor: (f(x+h) - f(x)) / h - f'(x) = h f''(x) / 2 + O(h^2)
  [1e-2, 1e-3, 1e-4].forEach((h, i) => assertClose(errors[i] / h, Math.sin(x) / 2, 0.01, `error/h at h=${h}`));
  assertClose(errors[0] / errors[1], 10, 0.2, "error ratio");
  assertClose(errors[1] / errors[2], 10, 0.2, "error ratio");
});

test("forward difference of exp at 0 approaches 1 with error about h / 2", () => {
  for (const h of [1e-2, 1e-3]) {
    const d = forwardDifference(Math.exp, 0, h);
    assert.ok(d > 1, "exp is convex: the forward slope overestimates");
    assertClose((d - 1) / h, 0.5, 0.01, `(d-1)/h at h=${h}`);
  }
});

test("forward difference uses h = 1e-3 by default (the blog's step)", () => {
  const f = (x: number) => x * x;
  // (x+h)^2 - x^2 over h is 2x + h exactly in exact arithmetic.
  assertClose(forwardDifference(f, 3), 6 + 1e-3, 1e-9);
});

test("central difference of sin: the error shrinks like h^2, at rate |f'''(x)| / 6", () => {
  const x = 1;
  const hs = [1e-1, 1e-2, 1e-3];
  const errors = hs.map((h) => centralDifference(Math.sin, x, h) - Math.cos(x));
  // Taylor: (f(x+h) - f(x-h)) / 2h - f'(x) = h^2 f'''(x) / 6 + O(h^4), and f''' = -cos
  hs.forEach((h, i) => assertClose(errors[i] / (h * h), -Math.cos(x) / 6, 0.002, `error/h^2 at h=${h}`));
  assertClose(errors[0] / errors[1], 100, 1, "error ratio");
  assertClose(errors[1] / errors[2], 100, 1, "error ratio");
});

test("central difference of exp is far more accurate than forward at the same h", () => {
  const h = 1e-3;
  const forward = Math.abs(forwardDifference(Math.exp, 2, h) - Math.exp(2));
  const central = Math.abs(centralDifference(Math.exp, 2, h) - Math.exp(2));
  assert.ok(central < forward / 100, `central ${central} vs forward ${forward}`);
  // With the default h = 1e-5 it is accurate to about 1e-9 relative.
  assertClose(centralDifference(Math.exp, 2) / Math.exp(2), 1, 1e-9);
});

test("central difference is exact for a quadratic, up to rounding", () => {
  const f = (x: number) => 3 * x * x - 2 * x + 7;
  assertClose(centralDifference(f, 1.5, 0.1), 6 * 1.5 - 2, 1e-12);
});

test("forward and central difference reject a bad h or x, naming it", () => {
  for (const diff of [forwardDifference, centralDifference]) {
    assert.throws(() => diff(Math.sin, 1, 0), /h must be positive, got 0/);
    assert.throws(() => diff(Math.sin, 1, -1e-3), /h must be positive/);
    assert.throws(() => diff(Math.sin, 1, NaN), /h must be finite/);
    assert.throws(() => diff(Math.sin, 1, Infinity), /h must be finite/);
    assert.throws(() => diff(Math.sin, 1, "0.1" as unknown as number), {
      name: "TypeError",
      message: /h must be a number/,
    });
    assert.throws(() => diff(Math.sin, NaN), /x must be finite/);
    assert.throws(() => diff(Math.sin, -Infinity), /x must be finite/);
    assert.throws(() => diff(Math.sin, undefined as unknown as number), /x must be a number/);
  }
});

test("partialDerivative of x*y is y with respect to x and x with respect to y", () => {
  const f = (x: number, y: number) => x * y;
  const args = [3, 4];
  assertClose(partialDerivative(f, args, 0), 4, 1e-9);
  assertClose(partialDerivative(f, args, 1), 3, 1e-9);
  assert.deepEqual(args, [3, 4], "args are not changed");
});

test("partialDerivative of a three-argument function", () => {
  const f = (x: number, y: number, z: number) => x * x * y + Math.sin(z);
  const args = [2, -1, 0.5];
  assertClose(partialDerivative(f, args, 0), 2 * 2 * -1, 1e-8);
  assertClose(partialDerivative(f, args, 1), 4, 1e-8);
  assertClose(partialDerivative(f, args, 2), Math.cos(0.5), 1e-8);
  // An explicit h is passed on.
  assert.throws(() => partialDerivative(f, args, 0, 0), /h must be positive/);
});

test("partialDerivative rejects a bad index or argument", () => {
  const f = (x: number, y: number) => x + y;
  assert.throws(() => partialDerivative(f, [1, 2], 2), /index must be an argument position 0..1, got 2/);
  assert.throws(() => partialDerivative(f, [1, 2], -1), /index/);
  assert.throws(() => partialDerivative(f, [1, 2], 0.5), /index/);
  assert.throws(() => partialDerivative(f, [], 0), /index/);
  assert.throws(() => partialDerivative(f, [1, NaN], 0), /args\[1\] must be finite/);
});

test("chainRuleDerivative of [2x, x^2] is 8x (the derivative of (2x)^2)", () => {
  const fs = [(x: number) => 2 * x, (u: number) => u * u];
  for (const x of [-1.5, 0.5, 3]) {
    // Forward differences: 2 * (4x + h), so the error is 2h.
    assertClose(chainRuleDerivative(fs, x), 8 * x, 2 * 1e-3 + 1e-9, `x=${x}`);
    assertClose(chainRuleDerivative(fs, x, 1e-6), 8 * x, 1e-5, `x=${x}, h=1e-6`);
    // It agrees with differentiating the composite directly.
    assertClose(chainRuleDerivative(fs, x, 1e-6), centralDifference(compose(fs), x), 1e-5);
  }
});

test("chainRuleDerivative of sigmoid(3x + 1) against the analytic derivative", () => {
  const s = (z: number) => 1 / (1 + Math.exp(-z));
  const x = 0.2;
  const z = 3 * x + 1;
  const expected = 3 * s(z) * (1 - s(z));
  assertClose(chainRuleDerivative([(v) => 3 * v + 1, s], x, 1e-7), expected, 1e-6);
});

test("chainRuleDerivative rejects an empty list and a bad h", () => {
  assert.throws(() => chainRuleDerivative([], 1), /at least one function/);
  assert.throws(() => chainRuleDerivative([Math.sin], 1, -1), /h must be positive/);
  assert.throws(() => chainRuleDerivative([Math.sin], NaN), /x must be finite/);
});

// f(X) = sum((A X - B)^2), whose gradient is 2 A^T (A X - B).
const A = new Matrix([
  [1, 2],
  [-1, 0.5],
  [3, -2],
]);
const B = new Matrix([
  [1, 0, 2],
  [-1, 1, 0],
  [0.5, 2, -3],
]);
const loss = (X: Matrix): number => {
  const r = A.mmul(X).sub(B);
  return r.to1DArray().reduce((s, v) => s + v * v, 0);
};
const analytic = (X: Matrix): Matrix => A.transpose().mmul(A.mmul(X).sub(B)).mul(2);

test("numericGradient of sum((AX - B)^2) matches 2 A^T (AX - B), and X is unchanged", () => {
  const X = new Matrix([
    [0.3, -1.2, 0.7],
    [2.0, 0.1, -0.4],
  ]);
  const before = X.to2DArray();
  const numeric = numericGradient(loss, X);
  assert.equal(numeric.rows, 2);
  assert.equal(numeric.columns, 3);
  const exact = analytic(X);
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 3; c++) assertClose(numeric.get(r, c), exact.get(r, c), 1e-6, `[${r}][${c}]`);
  }
  assert.deepEqual(X.to2DArray(), before, "X is not changed");
  assert.notEqual(numeric, X);
});

test("numericGradient never hands the caller's X to f", () => {
  const X = new Matrix([[1, 2]]);
  const seen = new Set<Matrix>();
  numericGradient((M) => {
    seen.add(M);
    return M.sum();
  }, X);
  assert.ok(!seen.has(X));
});

test("numericGradient rejects a bad h", () => {
  const X = new Matrix([[1]]);
  assert.throws(() => numericGradient(loss, X, 0), /h must be positive/);
  assert.throws(() => numericGradient(loss, X, NaN), /h must be finite/);
});

test("gradientCheck passes the right gradient and catches a wrong one", () => {
  const X = new Matrix([
    [0.3, -1.2, 0.7],
    [2.0, 0.1, -0.4],
  ]);
  const numeric = numericGradient(loss, X);
  const good = gradientCheck(analytic(X), numeric);
  assert.ok(good.ok);
  assert.ok(good.relativeError < 1e-8, `relative error ${good.relativeError}`);
  assert.ok(good.maxAbsoluteError < 1e-6);

  // A classic mistake: forgetting the factor 2. Then analytic = numeric / 2, and
  // ||a - n|| / (||a|| + ||n||) = (1/2) / (3/2) = 1/3.
  const wrong = gradientCheck(analytic(X).div(2), numeric);
  assert.equal(wrong.ok, false);
  assertClose(wrong.relativeError, 1 / 3, 1e-6);
  const expectedMax = Math.max(...numeric.to1DArray().map((v) => Math.abs(v) / 2));
  assertClose(wrong.maxAbsoluteError, expectedMax, 1e-6);
});

test("gradientCheck computes the relative and largest absolute error as documented", () => {
  const a = new Matrix([[3, 0]]);
  const n = new Matrix([[0, 4]]);
  // ||a - n|| = 5, ||a|| + ||n|| = 7
  const result = gradientCheck(a, n);
  assertClose(result.relativeError, 5 / 7, 1e-15);
  assert.equal(result.maxAbsoluteError, 4);
  assert.equal(result.ok, false);
});

test("gradientCheck tolerance is a strict upper bound", () => {
  const a = new Matrix([[1, 1]]);
  const n = new Matrix([[1, 1.001]]);
  const { relativeError } = gradientCheck(a, n);
  assert.equal(gradientCheck(a, n, relativeError).ok, false);
  assert.equal(gradientCheck(a, n, relativeError * 1.01).ok, true);
});

test("gradientCheck of two zero gradients is ok (no division by zero)", () => {
  const result = gradientCheck(Matrix.zeros(2, 2), Matrix.zeros(2, 2));
  assert.equal(result.relativeError, 0);
  assert.equal(result.maxAbsoluteError, 0);
  assert.equal(result.ok, true);
});

test("gradientCheck rejects mismatched shapes and NaN", () => {
  assert.throws(
    () => gradientCheck(Matrix.zeros(2, 3), Matrix.zeros(3, 2)),
    /gradient shapes differ: analytic is 2x3, numeric is 3x2/,
  );
  assert.throws(() => gradientCheck(new Matrix([[1, NaN]]), new Matrix([[1, 2]])), /NaN/);
  assert.throws(() => gradientCheck(new Matrix([[1, 2]]), new Matrix([[NaN, 2]])), /NaN/);
});

test("gradientCheck handles a large gradient (no argument-count limits)", () => {
  const a = Matrix.ones(600, 500);
  const n = Matrix.ones(600, 500);
  n.set(599, 499, 1.5);
  const result = gradientCheck(a, n);
  assert.equal(result.maxAbsoluteError, 0.5);
});
