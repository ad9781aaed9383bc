import { test } from "node:test";
import assert from "node:assert/strict";
import { iris, nbaRookies, trainTestSplit, WEIGHT_HEIGHT, weightHeight } from "../src/datasets";
import { RandomState } from "../src/random";

test("WEIGHT_HEIGHT has 24 rows of [weight kg, height cm]", () => {
  assert.equal(WEIGHT_HEIGHT.length, 24);
  for (const row of WEIGHT_HEIGHT) {
    assert.equal(row.length, 2);
    assert.ok(row.every(Number.isFinite));
  }
  assert.deepEqual(WEIGHT_HEIGHT[0], [5.9, 59.1]);
  assert.deepEqual(WEIGHT_HEIGHT[23], [69.5, 173.8]);
});

test("the children grow: weight and height both increase down the table, in plausible ranges", () => {
  for (let i = 1; i < WEIGHT_HEIGHT.length; i++) {
    assert.ok(WEIGHT_HEIGHT[i][0] > WEIGHT_HEIGHT[i - 1][0], `weight, row ${i}`);
    assert.ok(WEIGHT_HEIGHT[i][1] > WEIGHT_HEIGHT[i - 1][1], `height, row ${i}`);
  }
  for (const [w, h] of WEIGHT_HEIGHT) {
    assert.ok(w > 3 && w < 100, `weight ${w}`);
    assert.ok(h > 45 && h < 200, `height ${h}`);
  }
});

test("weightHeight() gives the two columns in row order", () => {
  const { weight, height } = weightHeight();
  assert.equal(weight.length, 24);
  assert.equal(height.length, 24);
  assert.deepEqual([weight[0], height[0]], [5.9, 59.1]);
  assert.deepEqual([weight[23], height[23]], [69.5, 173.8]);
  weight.forEach((w, i) => assert.deepEqual([w, height[i]], [...WEIGHT_HEIGHT[i]]));
});

test("weightHeight() returns fresh arrays: changing them leaves the table alone", () => {
  const first = weightHeight();
  first.weight[0] = 999;
  first.height.length = 0;
  const second = weightHeight();
  assert.equal(second.weight[0], 5.9);
  assert.equal(second.height.length, 24);
  assert.deepEqual(WEIGHT_HEIGHT[0], [5.9, 59.1]);
});

test("nbaRookies: 12 rows of 3 features and a 0/1 label", () => {
  const { X, y } = nbaRookies();
  assert.equal(X.length, 12);
  assert.deepEqual(X[0], [12, 3, 6]);
  assert.deepEqual(X[11], [24, 4, 5]);
  assert.deepEqual(y, [0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0]);
});

test("iris: 150 rows in class order; the blog's rows 34 and 37 by default, the corrected ones on request", () => {
  const blog = iris();
  assert.equal(blog.X.length, 150);
  assert.deepEqual(blog.classes, ["setosa", "versicolor", "virginica"]);
  assert.deepEqual([blog.y[0], blog.y[49], blog.y[50], blog.y[99], blog.y[100], blog.y[149]], [0, 0, 1, 1, 2, 2]);
  assert.deepEqual(blog.X[0], [5.1, 3.5, 1.4, 0.2]);
  assert.deepEqual(blog.X[34], [4.9, 3.1, 1.5, 0.1]);
  assert.deepEqual(blog.X[37], [4.9, 3.1, 1.5, 0.1]);
  const corrected = iris({ rows: "corrected" });
  assert.deepEqual(corrected.X[34], [4.9, 3.1, 1.5, 0.2]);
  assert.deepEqual(corrected.X[37], [4.9, 3.6, 1.4, 0.1]);
  blog.X[0][0] = 99;
  assert.equal(iris().X[0][0], 5.1, "each call returns fresh rows");
});

test("trainTestSplit shuffles X and y together in np.random.permutation's order", () => {
  const X = Array.from({ length: 150 }, (_, i) => [i]);
  const y = X.map(([i]) => i % 3);
  const { train, test: held } = trainTestSplit(X, y, 130, new RandomState(220106));
  // np.random.seed(220106); np.random.permutation(150)[:10] (NumPy 2.4.6)
  assert.deepEqual(train.X.slice(0, 10).map(([i]) => i), [78, 1, 80, 126, 60, 96, 5, 111, 131, 84]);
  assert.equal(train.X.length, 130);
  assert.equal(held.X.length, 20);
  train.X.forEach(([i], k) => assert.equal(train.y[k], i % 3));
  assert.deepEqual([...train.X, ...held.X].map(([i]) => i).sort((a, b) => a - b), X.map(([i]) => i));
});

test("trainTestSplit rejects mismatched lengths and impossible sizes", () => {
  const rng = new RandomState(1);
  assert.throws(() => trainTestSplit([[1], [2]], [0], 1, rng), /X has 2 rows but y has 1 labels/);
  assert.throws(() => trainTestSplit([[1], [2]], [0, 1], 2, rng), /trainSize must be an integer between 1 and 1, got 2/);
});
