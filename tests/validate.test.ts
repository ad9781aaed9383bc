import { test } from "node:test";
import assert from "node:assert/strict";
import { assertFiniteArray, assertFiniteNumber, assertFiniteTable, assertPositiveInteger } from "../src/validate";

test("assertFiniteNumber accepts finite numbers", () => {
  for (const v of [0, -0, 1.5, -1e300, Number.MAX_VALUE, Number.MIN_VALUE]) {
    assert.doesNotThrow(() => assertFiniteNumber("x", v), String(v));
  }
});

test("assertFiniteNumber rejects non-numbers with a TypeError naming the argument and type", () => {
  assert.throws(() => assertFiniteNumber("lr", "0.1"), {
    name: "TypeError",
    message: "lr must be a number, got string (0.1)",
  });
  assert.throws(() => assertFiniteNumber("lr", undefined), {
    name: "TypeError",
    message: "lr must be a number, got undefined (undefined)",
  });
  assert.throws(() => assertFiniteNumber("lr", null), {
    name: "TypeError",
    message: /lr must be a number, got object \(null\)/,
  });
  assert.throws(() => assertFiniteNumber("lr", 10n), { name: "TypeError", message: /got bigint/ });
  assert.throws(() => assertFiniteNumber("lr", [1]), { name: "TypeError" });
});

test("assertFiniteNumber rejects NaN and infinities with a RangeError", () => {
  assert.throws(() => assertFiniteNumber("lr", NaN), { name: "RangeError", message: "lr must be finite, got NaN" });
  assert.throws(() => assertFiniteNumber("lr", Infinity), {
    name: "RangeError",
    message: "lr must be finite, got Infinity",
  });
  assert.throws(() => assertFiniteNumber("lr", -Infinity), {
    name: "RangeError",
    message: "lr must be finite, got -Infinity",
  });
});

test("assertPositiveInteger accepts 1, 2, ... and large integers", () => {
  for (const v of [1, 2, 1000, 2 ** 40]) assert.doesNotThrow(() => assertPositiveInteger("n", v));
});

test("assertPositiveInteger rejects 0, negatives, fractions and non-numbers", () => {
  assert.throws(() => assertPositiveInteger("epochs", 0), {
    name: "RangeError",
    message: "epochs must be a positive integer, got 0",
  });
  assert.throws(() => assertPositiveInteger("epochs", -3), {
    name: "RangeError",
    message: "epochs must be a positive integer, got -3",
  });
  assert.throws(() => assertPositiveInteger("epochs", 2.5), {
    name: "RangeError",
    message: "epochs must be a positive integer, got 2.5",
  });
  assert.throws(() => assertPositiveInteger("epochs", NaN), {
    name: "RangeError",
    message: "epochs must be finite, got NaN",
  });
  assert.throws(() => assertPositiveInteger("epochs", "3"), { name: "TypeError", message: /epochs must be a number/ });
});

test("assertFiniteArray accepts arrays and typed arrays of finite numbers", () => {
  assert.doesNotThrow(() => assertFiniteArray("v", [1, -2.5, 0]));
  assert.doesNotThrow(() => assertFiniteArray("v", new Float64Array([1, 2])));
  assert.doesNotThrow(() => assertFiniteArray("v", new Int32Array(3)));
  assert.doesNotThrow(() => assertFiniteArray("v", [], { allowEmpty: true }));
});

test("assertFiniteArray rejects non-arrays, empty arrays and names the first bad index", () => {
  assert.throws(() => assertFiniteArray("v", "123"), {
    name: "TypeError",
    message: "v must be an array of numbers, got string",
  });
  assert.throws(() => assertFiniteArray("v", { length: 1, 0: 1 }), {
    name: "TypeError",
    message: /v must be an array/,
  });
  assert.throws(() => assertFiniteArray("v", undefined), { name: "TypeError", message: /got undefined/ });
  assert.throws(() => assertFiniteArray("v", []), { name: "RangeError", message: "v is empty" });
  assert.throws(() => assertFiniteArray("v", [1, "2", NaN]), {
    name: "TypeError",
    message: "v[1] must be a number, got string (2)",
  });
  assert.throws(() => assertFiniteArray("v", [1, 2, NaN, Infinity]), { name: "RangeError", message: "v[2] is NaN" });
  assert.throws(() => assertFiniteArray("v", [1, -Infinity]), { name: "RangeError", message: "v[1] is -Infinity" });
  assert.throws(() => assertFiniteArray("v", new Float64Array([0, NaN])), { message: "v[1] is NaN" });
  assert.throws(() => assertFiniteArray("v", [[1]]), {
    name: "TypeError",
    message: /v\[0\] must be a number, got object/,
  });
  // A sparse array has a hole, which is not a number.
  // eslint-disable-next-line no-sparse-arrays
  // biome-ignore lint/suspicious/noSparseArray: a hole is the bad input under test
  assert.throws(() => assertFiniteArray("v", [1, , 3]), { message: /v\[1\] must be a number, got undefined/ });
  // allowEmpty only relaxes emptiness.
  assert.throws(() => assertFiniteArray("v", [NaN], { allowEmpty: true }), /v\[0\] is NaN/);
});

test("assertFiniteTable accepts a rectangular table of finite numbers", () => {
  assert.doesNotThrow(() =>
    assertFiniteTable("X", [
      [1, 2],
      [3, 4],
      [5, 6],
    ]),
  );
  assert.doesNotThrow(() => assertFiniteTable("X", [[1]]));
});

test("assertFiniteTable rejects non-tables, empty, ragged and bad values with positions", () => {
  assert.throws(() => assertFiniteTable("X", "abc"), {
    name: "TypeError",
    message: "X must be an array of rows, got string",
  });
  assert.throws(() => assertFiniteTable("X", []), { name: "RangeError", message: "X has no rows" });
  assert.throws(() => assertFiniteTable("X", [1, 2]), {
    name: "TypeError",
    message: "X[0] must be an array, got number",
  });
  assert.throws(() => assertFiniteTable("X", [[1, 2], 3]), {
    name: "TypeError",
    message: "X[1] must be an array, got number",
  });
  assert.throws(() => assertFiniteTable("X", [[1, 2], [3]]), {
    name: "RangeError",
    message: "X is ragged: row 1 has 1 columns, row 0 has 2",
  });
  assert.throws(
    () =>
      assertFiniteTable("X", [
        [1, 2],
        [3, 4, 5],
      ]),
    /row 1 has 3 columns, row 0 has 2/,
  );
  assert.throws(() => assertFiniteTable("X", [[], []]), { name: "RangeError", message: "X[0] is empty" });
  assert.throws(
    () =>
      assertFiniteTable("X", [
        [1, 2],
        [3, NaN],
      ]),
    { name: "RangeError", message: "X[1][1] is NaN" },
  );
  assert.throws(() => assertFiniteTable("X", [[1, "a"]]), {
    name: "TypeError",
    message: /X\[0\]\[1\] must be a number/,
  });
});

test("the assertions narrow types for the compiler", () => {
  const value: unknown = 3;
  assertPositiveInteger("value", value);
  const doubled: number = value * 2; // compiles only because value is now a number
  assert.equal(doubled, 6);
  const rows: unknown = [[1, 2]];
  assertFiniteTable("rows", rows);
  assert.equal(rows[0][1], 2);
});
