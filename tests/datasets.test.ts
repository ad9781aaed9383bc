import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { mnistDigits, stratifiedSplit, trainTestSplit } from "../src/datasets";
import { RandomState } from "../src/random";

test("trainTestSplit shuffles X and y together in np.random.permutation's order", () => {
  const X = Array.from({ length: 150 }, (_, i) => [i]);
  const y = X.map(([i]) => i % 3);
  const { train, test: held } = trainTestSplit(X, y, 130, new RandomState(220106));
  // np.random.seed(220106); np.random.permutation(150)[:10] (NumPy 2.4.6)
  assert.deepEqual(
    train.X.slice(0, 10).map(([i]) => i),
    [78, 1, 80, 126, 60, 96, 5, 111, 131, 84],
  );
  assert.equal(train.X.length, 130);
  assert.equal(held.X.length, 20);
  train.X.forEach(([i], k) => assert.equal(train.y[k], i % 3));
  assert.deepEqual(
    [...train.X, ...held.X].map(([i]) => i).sort((a, b) => a - b),
    X.map(([i]) => i),
  );
});

test("trainTestSplit rejects mismatched lengths and impossible sizes", () => {
  const rng = new RandomState(1);
  assert.throws(() => trainTestSplit([[1], [2]], [0], 1, rng), /X has 2 rows but y has 1 labels/);
  assert.throws(
    () => trainTestSplit([[1], [2]], [0, 1], 2, rng),
    /trainSize must be an integer between 1 and 1, got 2/,
  );
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
  assert.ok(
    a.test.X.every((x) => !trainKeys.has(key(x))),
    "no test image is a training image",
  );
  assert.throws(() => mnistDigits(900, 100), /digit 5 has only 863 images/);
  assert.throws(() => mnistDigits(-1, 5), /trainPerDigit must be a non-negative integer/);
});

test("stratifiedSplit gives every part the same share of each class, and the rest is left out", () => {
  const labels = Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0)); // 30 of class 1, 70 of class 0
  const [train, validation, test] = stratifiedSplit(labels, [0.6, 0.2, 0.2], new RandomState(6));
  const count = (part: number[], c: number) => part.filter((i) => labels[i] === c).length;
  assert.deepEqual(
    [train, validation, test].map((p) => [count(p, 1), count(p, 0)]),
    [
      [18, 42],
      [6, 14],
      [6, 14],
    ],
  );
  assert.deepEqual(
    [...train, ...validation, ...test].sort((a, b) => a - b),
    labels.map((_, i) => i),
  );
  const half = stratifiedSplit(labels, [0.3, 0.1, 0.1], new RandomState(6));
  assert.deepEqual(
    half.map((p) => [count(p, 1), count(p, 0)]),
    [
      [9, 21],
      [3, 7],
      [3, 7],
    ],
  );
  assert.deepEqual(
    stratifiedSplit(labels, [0.6, 0.2, 0.2], new RandomState(6)),
    [train, validation, test],
    "the same seed, the same split",
  );
});

test("stratifiedSplit rejects bad labels and fractions with a clear error", () => {
  const rng = new RandomState(0);
  assert.throws(() => stratifiedSplit([], [0.5], rng), /there are no labels/);
  assert.throws(() => stratifiedSplit([0, 0.5], [0.5], rng), /labels\[1\] is 0.5, not an integer class/);
  assert.throws(() => stratifiedSplit([0, 1], [], rng), /no fractions/);
  assert.throws(() => stratifiedSplit([0, 1], [0.5, 0], rng), /fractions\[1\] is 0; each must be in \(0, 1\]/);
  assert.throws(() => stratifiedSplit([0, 1], [0.7, 0.4], rng), /add up to 1.1\d*, more than 1/);
});

test("property: parts are disjoint, and each holds its class shares to within one sample", () => {
  const input = fc.record({
    labels: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 60 }),
    fractions: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 4 }),
    seed: fc.nat(1000),
  });
  fc.assert(
    fc.property(input, ({ labels, fractions: weights, seed }) => {
      const sum = weights.reduce((s, w) => s + w, 0);
      const fractions = weights.map((w) => w / sum);
      const parts = stratifiedSplit(labels, fractions, new RandomState(seed));
      const all = parts.flat();
      assert.equal(new Set(all).size, all.length);
      assert.equal(all.length, labels.length, "fractions adding up to 1 use every sample");
      for (const c of new Set(labels)) {
        const n = labels.filter((l) => l === c).length;
        parts.forEach((part, j) =>
          assert.ok(Math.abs(part.filter((i) => labels[i] === c).length - fractions[j] * n) <= 1),
        );
      }
    }),
  );
});
