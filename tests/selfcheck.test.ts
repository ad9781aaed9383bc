import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import { check, checkAllClose, checkClose, compareAll, maxAbsDifference } from "../src/selfcheck";

function captureLog(t: TestContext): string[] {
  const lines: string[] = [];
  t.mock.method(console, "log", (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  return lines;
}

test("check prints a check mark and the claim when it holds", (t) => {
  const lines = captureLog(t);
  check("the loss went down", true);
  check("W has 3 rows", true, "got 3");
  assert.deepEqual(lines, ["✓ the loss went down", "✓ W has 3 rows (got 3)"]);
});

test("check throws 'Self-check failed: claim (detail)' and prints nothing when it fails", (t) => {
  const lines = captureLog(t);
  assert.throws(() => check("the loss went down", false, "0.5 -> 0.7"), {
    name: "Error",
    message: "Self-check failed: the loss went down (0.5 -> 0.7)",
  });
  assert.throws(() => check("no detail", false), { message: "Self-check failed: no detail" });
  assert.deepEqual(lines, []);
});

test("checkClose passes within the tolerance, including exactly at it", (t) => {
  const lines = captureLog(t);
  checkClose("exact", 0.25, 0.25, 0);
  checkClose("at the boundary", 1.5, 1, 0.5); // |1.5 - 1| = 0.5, exactly representable
  checkClose("below", 0.97213265, 0.9721326, 1e-7);
  checkClose("negative side", -2.25, -2, 0.25);
  assert.equal(lines.length, 4);
  assert.ok(lines[1].startsWith("✓ at the boundary (got 1.5, expected 1 ± 0.5, off by 5.00e-1)"), lines[1]);
});

test("checkClose fails just past the tolerance, with the numbers in the message", (t) => {
  captureLog(t);
  assert.throws(() => checkClose("w", 1.5000000000000002, 1, 0.5), {
    message: /^Self-check failed: w \(got 1.5000000000000002, expected 1 ± 0.5, off by 5.00e-1\)$/,
  });
  assert.throws(() => checkClose("w", 0.5 - 1e-12, 1, 0.5), /Self-check failed: w/);
  assert.throws(() => checkClose("b", 2, 1, 0), /off by 1.00e\+0/);
});

test("checkClose fails on NaN (a NaN error is never within tolerance)", (t) => {
  captureLog(t);
  assert.throws(() => checkClose("nan", NaN, 1, 1e9), /Self-check failed: nan \(got NaN/);
  assert.throws(() => checkClose("nan", 1, NaN, 1e9), /Self-check failed: nan/);
});

test("checkAllClose: NumPy's allclose rule over numbers, arrays and matrices, naming the worst entry", (t) => {
  const lines = captureLog(t);
  checkAllClose("arrays", [1, 2.0000001, -3], [1, 2, -3], { rel: 1e-6 });
  checkAllClose(
    "a matrix against rows",
    new Matrix([
      [1, 2],
      [3, 4.001],
    ]),
    [
      [1, 2],
      [3, 4],
    ],
    { abs: 0.01 },
  );
  checkAllClose("one number", 0.5, 0.5, {});
  assert.equal(lines.length, 3);
  assert.ok(lines[0].startsWith("✓ arrays (worst entry 1"), lines[0]);
  assert.throws(() => checkAllClose("too far", [1, 2.1], [1, 2], { rel: 0.01 }), {
    message: /Self-check failed: too far \(worst entry 1: got 2.1, expected 2\)/,
  });
  assert.throws(() => checkAllClose("NaN", [Number.NaN, 5], [1, 1], { abs: 1 }), { message: /worst entry 0: got NaN/ });
  assert.throws(() => compareAll([1, 2], [[1, 2, 3]], {}), {
    name: "RangeError",
    message: /got has 2 values, want has 3: the shapes differ/,
  });
  assert.throws(() => compareAll("x" as never, [1], {}), {
    name: "TypeError",
    message: /got: expected a number, an array or a Matrix/,
  });
});

test("maxAbsDifference is the largest entry-wise gap and refuses mismatched shapes", () => {
  const A = new Matrix([
    [1, 2],
    [3, 4],
  ]);
  const B = new Matrix([
    [1, 2.5],
    [2, 4],
  ]);
  assert.equal(maxAbsDifference(A, B), 1);
  assert.equal(maxAbsDifference(A, A), 0);
  assert.throws(() => maxAbsDifference(A, new Matrix([[1, 2]])), /shapes differ: 2x2 and 1x2/);
});

test("maxAbsDifference also compares two arrays of the same length", () => {
  assert.equal(maxAbsDifference([1, 2, 3], [1, 2.5, 1]), 2);
  assert.throws(() => maxAbsDifference([1, 2], [1]), /shapes differ: 1x2 and 1x1/);
});
