import { test } from "node:test";
import assert from "node:assert/strict";
import { mnistDigits, trainTestSplit } from "../src/datasets";
import { RandomState } from "../src/random";

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
