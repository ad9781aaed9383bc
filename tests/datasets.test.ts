import { test } from "node:test";
import assert from "node:assert/strict";
import { bostonHousing, iris, mnistDigits, nbaRookies, trainTestSplit, WEIGHT_HEIGHT, weightHeight } from "../src/datasets";
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

test("bostonHousing: 506 rows of 13 features and the median value", () => {
  const { X, y, columns } = bostonHousing();
  assert.equal(X.length, 506);
  assert.equal(y.length, 506);
  assert.equal(columns.length, 13);
  assert.deepEqual(X[0], [0.00632, 18, 2.31, 0, 0.538, 6.575, 65.2, 4.09, 1, 296, 15.3, 396.9, 4.98]);
  assert.equal(y[0], 24);
  assert.ok(X.every((row) => row.length === 13 && row.every(Number.isFinite)));
});

test("mnistDigits: deterministic, balanced, disjoint train and test sets of 28x28 greys", () => {
  const a = mnistDigits(20, 5, new RandomState(1));
  const b = mnistDigits(20, 5, new RandomState(1));
  assert.equal(a.train.X.length, 200);
  assert.equal(a.test.X.length, 50);
  assert.deepEqual(a.train.y, b.train.y, "the same seed gives the same order");
  assert.ok(a.train.X.every((x) => x.length === 784 && x.every((v) => v >= 0 && v <= 1)));
  for (let d = 0; d < 10; d++) assert.equal(a.train.y.filter((y) => y === d).length, 20);
  assert.notDeepEqual(a.train.y.slice(0, 10), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "shuffled, not in digit order");
  const key = (x: number[]) => x.join(",");
  const trainKeys = new Set(a.train.X.map(key));
  assert.ok(a.test.X.every((x) => !trainKeys.has(key(x))), "no test image is a training image");
  assert.throws(() => mnistDigits(900, 100), /digit 5 has only 863 images/);
  assert.throws(() => mnistDigits(-1, 5), /trainPerDigit must be a non-negative integer/);
});
