import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import { bisect, descendPath, gradientDescent, settledAt } from "../src/descent";
import { SGD } from "../src/optimizers";

test("descendPath records x_0..x_steps of an optimizer on a 1-D loss", () => {
  // x^2 with lr 1.05: each step multiplies x by 1 - 2.1 = -1.1
  const path = descendPath(new SGD(1.05), (x) => 2 * x, -4, 3);
  assert.equal(path.length, 4);
  [-4, 4.4, -4.84, 5.324].forEach((v, i) => assert.ok(Math.abs(path[i] - v) < 1e-12));
  assert.throws(() => descendPath(new SGD(0.1), (x) => x, NaN, 3), /x0 must be finite/);
  assert.throws(() => descendPath(new SGD(0.1), (x) => x, 0, -1), /steps must be a non-negative integer/);
});

test("settledAt is the first step from which the path stays near the target", () => {
  assert.equal(settledAt([5, 3, 1.01, 0.9, 1.0005, 1.0001], 1, 1e-3), 4);
  assert.equal(settledAt([5, 3, 2], 1), -1);
  assert.equal(settledAt([1, 1], 1), 0);
});

test("bisect finds a bracketed root and refuses an unbracketed one", () => {
  assert.ok(Math.abs(bisect((x) => x * x - 2, 0, 2) - Math.SQRT2) < 1e-14);
  assert.throws(() => bisect((x) => x * x + 1, -1, 1), /no root is bracketed/);
});

test("gradientDescent steps every matrix by -lr times its gradient and records the loss", () => {
  // L = |P - C|^2 / 2 for two matrices: dL/dP = P - C, so each step multiplies P - C by 1 - lr.
  const C = [new Matrix([[1, 2]]), new Matrix([[3]])];
  const start = [new Matrix([[5, -2]]), new Matrix([[1]])];
  const loss = (ps: Matrix[]) =>
    ps.reduce(
      (s, P, i) =>
        s +
        Matrix.sub(P, C[i])
          .to1DArray()
          .reduce((a, v) => a + v * v, 0) /
          2,
      0,
    );
  const seen: number[] = [];
  const firstEntries: number[] = [];
  const { params, losses } = gradientDescent(start, (ps) => ps.map((P, i) => Matrix.sub(P, C[i])), loss, {
    lr: 0.5,
    steps: 3,
    onStep: (s, _, ps) => {
      seen.push(s);
      firstEntries.push(ps[0].get(0, 0));
    },
  });
  assert.deepEqual(params[0].to1DArray(), [1 + 4 / 8, 2 - 4 / 8]);
  assert.deepEqual(params[1].to1DArray(), [3 - 2 / 8]);
  assert.equal(losses.length, 4);
  losses.forEach((L, i) => assert.ok(Math.abs(L - 18 / 4 ** i) < 1e-12));
  assert.deepEqual(seen, [1, 2, 3]);
  assert.deepEqual(firstEntries, [1 + 4 / 2, 1 + 4 / 4, 1 + 4 / 8], "onStep sees the parameters after each step");
  assert.deepEqual(start[0].to1DArray(), [5, -2], "the start is left as it is");
});

test("gradientDescent names what is wrong with its input", () => {
  const P = [Matrix.ones(2, 2)];
  const zero = (ps: Matrix[]) => ps.map((Q) => Matrix.zeros(Q.rows, Q.columns));
  assert.throws(() => gradientDescent([], zero, () => 0, { lr: 0.1, steps: 1 }), /start holds no matrices/);
  assert.throws(() => gradientDescent(P, zero, () => 0, { lr: 0.1, steps: 0 }), /steps must be a positive integer/);
  assert.throws(() => gradientDescent(P, zero, () => 0, { lr: -1, steps: 1 }), /lr must be positive/);
  assert.throws(
    () =>
      gradientDescent(
        P,
        () => [Matrix.zeros(1, 2)],
        () => 0,
        { lr: 0.1, steps: 1 },
      ),
    /gradient 0 is 1x2 but its parameter is 2x2/,
  );
});
