import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { RandomState } from "../src/random";
import { balancedClassWeights, nearestNeighbours, randomOversample, smote } from "../src/imbalance";

test("balancedClassWeights: n / (classes * n_c), each class the same total weight", () => {
  const y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  assert.deepEqual(balancedClassWeights(y), { 0: 10 / 18, 1: 5 });
  assert.deepEqual(balancedClassWeights([0, 1]), { 0: 1, 1: 1 });
});

test("randomOversample appends minority rows drawn with replacement until balanced", () => {
  const X = [[0], [1], [2], [3], [10]];
  const y = [0, 0, 0, 0, 1];
  const r = randomOversample(X, y, new RandomState(0));
  assert.equal(r.X.length, 8);
  assert.deepEqual(r.y, [0, 0, 0, 0, 1, 1, 1, 1]);
  assert.deepEqual(r.X.slice(5), [[10], [10], [10]]);
  assert.deepEqual(r.drawn, [4, 4, 4]);
  assert.deepEqual(X, [[0], [1], [2], [3], [10]], "the input is not changed");
});

test("nearestNeighbours: the k nearest among the given rows, never the row itself", () => {
  const X = [
    [0, 0],
    [1, 0],
    [5, 0],
    [0, 2],
    [100, 100],
  ];
  assert.deepEqual(nearestNeighbours(X, [0, 1, 2, 3], 2), [
    [1, 3],
    [0, 3],
    [1, 0],
    [0, 1],
  ]);
});

test("smote: each synthetic row lies on the segment between a minority row and one of its k nearest minority neighbours", () => {
  const rng = new RandomState(3);
  const X = [
    [0, 0],
    [1, 1],
    [2, 0],
    [9, 9],
    [8, 9],
    [9, 8],
    [30, 30],
  ];
  const y = [0, 0, 0, 1, 1, 1, 0];
  const r = smote(X, y, rng, { k: 2, count: 20 });
  assert.equal(r.X.length, 27);
  const neighbours = nearestNeighbours(X, [3, 4, 5], 2);
  r.made.forEach(({ from, to, gap }, n) => {
    assert.ok([3, 4, 5].includes(from) && neighbours[[3, 4, 5].indexOf(from)].includes(to));
    assert.ok(gap >= 0 && gap < 1);
    r.X[7 + n].forEach((v, c) => assert.ok(Math.abs(v - (X[from][c] + gap * (X[to][c] - X[from][c]))) < 1e-12));
  });
  const again = smote(X, y, new RandomState(3), { k: 2, count: 20 });
  assert.deepEqual(again.X, r.X, "seeded: the same rows again");
  assert.equal(smote(X, y, new RandomState(3), { k: 2 }).X.length, 8, "default count: up to the majority's size");
});

test("bad input is refused with a clear error", () => {
  const rng = new RandomState(0);
  assert.throws(() => smote([[0], [1]], [0], rng), /X has 2 rows but y has 1 labels/);
  assert.throws(() => smote([[0], [1]], [0, 0], rng), /no row has the label 1/);
  assert.throws(
    () => smote([[0], [1], [2]], [0, 1, 1], rng, { k: 2, count: 1 }),
    /k = 2 needs more than 2 rows, got 2/,
  );
  assert.throws(() => smote([[0], [1], [2]], [0, 1, 1], rng), /class 1 has 2 of 3 rows: it is not the minority/);
  assert.throws(() => smote([[0], [NaN]], [0, 1], rng), /X\[1\]\[0\] is NaN|X.*NaN/);
  assert.throws(() => randomOversample([[0], [1]], [0, 0.5], rng), /y\[1\] is 0.5/);
  assert.throws(
    () => randomOversample([[0], [1]], [0, 1], rng, { count: -1 }),
    /count must be a non-negative integer, got -1/,
  );
  assert.throws(() => balancedClassWeights([0, -1]), /y\[1\] is -1/);
  assert.throws(() => balancedClassWeights([]), /y is empty/);
});

test("property: SMOTE rows stay inside the minority class's bounding box", () => {
  const row = fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: -10, max: 10, noNaN: true }));
  fc.assert(
    fc.property(
      fc.array(row, { minLength: 3, maxLength: 12 }),
      fc.integer({ min: 0, max: 1000 }),
      (minorityRows, s) => {
        const X = [...minorityRows.map((r) => [...r]), [50, 50], [60, 60]];
        const y = [...minorityRows.map(() => 1), 0, 0];
        const r = smote(X, y, new RandomState(s), { k: 2, count: 10 });
        for (const c of [0, 1]) {
          const lo = Math.min(...minorityRows.map((m) => m[c]));
          const hi = Math.max(...minorityRows.map((m) => m[c]));
          r.X.slice(X.length).forEach((v) => assert.ok(v[c] >= lo - 1e-9 && v[c] <= hi + 1e-9));
        }
      },
    ),
  );
});
