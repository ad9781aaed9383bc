import { test } from "node:test";
import assert from "node:assert/strict";
import fixtures from "./fixtures/numpy.json";
import { deviations, mean, standardDeviation, variance } from "../src/statistics";

const np = fixtures.statistics;

test("mean, variance and standard deviation match NumPy's (ddof 0, the default)", () => {
  assert.equal(mean(np.values), np.mean);
  assert.equal(variance(np.values), np.var);
  assert.equal(variance(np.values, { ddof: 0 }), np.var);
  assert.equal(standardDeviation(np.values), np.std);
  assert.equal(standardDeviation(np.values, {}), np.std);
});

test("the sample variance and standard deviation match NumPy's ddof=1", () => {
  assert.equal(variance(np.values, { ddof: 1 }), np.var_ddof1);
  assert.equal(standardDeviation(np.values, { ddof: 1 }), np.std_ddof1);
});

test("variance and standard deviation by hand on a second data set", () => {
  const values = [2, 4, 4, 4, 5, 5, 7, 9];
  assert.equal(mean(values), 5);
  assert.equal(variance(values), 4); // 32 / 8
  assert.equal(standardDeviation(values), 2);
  assert.equal(variance(values, { ddof: 1 }), 32 / 7);
  // ddof = 2 divides by n - 2.
  assert.equal(variance(values, { ddof: 2 }), 32 / 6);
});

test("deviations are each value minus the mean and sum to zero", () => {
  assert.deepEqual(deviations(np.values), [-4, -2, 0, 2, 4]);
  const d = deviations([0.1, 0.7, 1.3, -2.2]);
  assert.ok(Math.abs(d.reduce((s, v) => s + v, 0)) < 1e-12);
});

test("a single value has mean itself and population variance 0", () => {
  assert.equal(mean([3.5]), 3.5);
  assert.equal(variance([3.5]), 0);
  assert.equal(standardDeviation([3.5]), 0);
});

test("a constant series has zero spread", () => {
  assert.equal(variance([7, 7, 7, 7]), 0);
  assert.equal(standardDeviation([7, 7, 7, 7], { ddof: 1 }), 0);
});

test("typed arrays are accepted", () => {
  assert.equal(mean(Float64Array.from(np.values) as unknown as number[]), np.mean);
});

test("inputs are not changed", () => {
  const values = [3, 1, 2];
  variance(values, { ddof: 1 });
  deviations(values);
  assert.deepEqual(values, [3, 1, 2]);
});

test("empty input throws, naming `values`", () => {
  for (const f of [mean, deviations, variance, standardDeviation]) {
    assert.throws(() => f([]), { name: "RangeError", message: "values is empty" });
  }
});

test("NaN and infinite values throw, naming the position", () => {
  for (const f of [mean, deviations, variance, standardDeviation]) {
    assert.throws(() => f([1, NaN, 3]), /values\[1\] is NaN/);
    assert.throws(() => f([1, 2, Infinity]), /values\[2\] is Infinity/);
  }
});

test("strings and non-arrays throw a TypeError naming the argument", () => {
  assert.throws(() => mean([1, "2", 3] as unknown as number[]), {
    name: "TypeError",
    message: /values\[1\] must be a number, got string/,
  });
  assert.throws(() => variance("123" as unknown as number[]), {
    name: "TypeError",
    message: /values must be an array/,
  });
  assert.throws(() => standardDeviation(undefined as unknown as number[]), /values must be an array/);
});

test("ddof >= n throws, and so does a bad ddof", () => {
  assert.throws(() => variance([1], { ddof: 1 }), /variance with ddof=1 needs more than 1 values, got 1/);
  assert.throws(() => variance([1, 2], { ddof: 2 }), /ddof=2/);
  assert.throws(() => standardDeviation([1, 2, 3], { ddof: 5 }), /ddof=5/);
  assert.throws(() => variance([1, 2, 3], { ddof: -1 }), /ddof must be a non-negative integer, got -1/);
  assert.throws(() => variance([1, 2, 3], { ddof: 0.5 }), /ddof must be a non-negative integer/);
  assert.throws(() => variance([1, 2, 3], { ddof: NaN }), /ddof/);
});
