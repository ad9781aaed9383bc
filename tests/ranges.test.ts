import assert from "node:assert/strict";
import { test } from "node:test";
import { arange, linspace } from "../src/ranges";

// Expected values are NumPy 2.4's, printed with repr().
test("arange matches np.arange: ceil((stop - start) / step) entries, stop excluded", () => {
  assert.deepEqual(arange(0, 5), [0, 1, 2, 3, 4]);
  assert.equal(arange(1, 31).length, 30);
  assert.deepEqual(arange(2, 3, 0.5), [2, 2.5]);
  assert.deepEqual(arange(5, 1, -1), [5, 4, 3, 2]);
  assert.deepEqual(arange(0, 1, 0.25), [0, 0.25, 0.5, 0.75]);
  assert.deepEqual(arange(-1, 1, 0.5), [-1, -0.5, 0, 0.5]);
  assert.deepEqual(arange(0.01, 0.05, 0.01), [0.01, 0.02, 0.03, 0.04]);
  assert.deepEqual(arange(0, 1, 0.3), [0, 0.3, 0.6, 0.8999999999999999]);
});

test("arange is empty when the step points away from stop, as np.arange", () => {
  assert.deepEqual(arange(3, 3), []);
  assert.deepEqual(arange(5, 1), []);
  assert.deepEqual(arange(1, 5, -1), []);
});

test("arange computes entry i as start + i * step; NumPy's entries can differ in the last bits", () => {
  const x = arange(-2, 2, 0.01);
  assert.equal(x.length, 400);
  x.forEach((v, i) => assert.equal(v, -2 + i * 0.01));
  // np.arange(-2, 2, 0.01)[-1] is 1.9900000000000038: NumPy steps by (start + step) - start = 0.010000000000000009.
  assert.equal(x[399], 1.9900000000000002);
  assert.ok(Math.abs(x[399] - 1.9900000000000038) < 1e-14);
});

test("linspace matches np.linspace: num entries, both ends included", () => {
  assert.deepEqual(linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(linspace(-3, 3, 7), [-3, -2, -1, 0, 1, 2, 3]);
  assert.deepEqual(linspace(2, 2, 3), [2, 2, 2]);
  assert.deepEqual(linspace(1, 0, 3), [1, 0.5, 0]);
  assert.deepEqual(linspace(0, 1, 2), [0, 1]);
  assert.deepEqual(linspace(0, 1, 1), [0]);
  assert.deepEqual(linspace(0, 1, 0), []);
  // Entry for entry the same floats as NumPy: start + i * (stop - start) / (num - 1), the last one stop itself.
  assert.deepEqual(
    linspace(0.1, 1.3, 25),
    [
      0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.44999999999999996, 0.5, 0.5499999999999999, 0.6, 0.6499999999999999, 0.7,
      0.7499999999999999, 0.7999999999999999, 0.8499999999999999, 0.8999999999999999, 0.95, 0.9999999999999999, 1.05,
      1.0999999999999999, 1.15, 1.2, 1.25, 1.3,
    ],
  );
  const logT = linspace(-1.5, 2, 121);
  assert.deepEqual([logT[1], logT[7], logT[120]], [-1.4708333333333334, -1.2958333333333334, 2]);
});

test("arange and linspace reject bad input with an error that names the argument", () => {
  assert.throws(() => arange(0, 1, 0), { name: "RangeError", message: "step must not be 0" });
  assert.throws(() => arange(Number.NaN, 1), { name: "RangeError", message: "start must be finite, got NaN" });
  assert.throws(() => arange(0, Infinity), { name: "RangeError", message: "stop must be finite, got Infinity" });
  assert.throws(() => arange(0, 1, -Infinity), { name: "RangeError", message: /^step must be finite/ });
  assert.throws(() => arange(0, 1e300, 1e-300), { name: "RangeError", message: /^step is too small/ });
  assert.throws(() => arange("0" as unknown as number, 1), { name: "TypeError", message: /^start must be a number/ });
  assert.throws(() => linspace(0, 1, -1), {
    name: "RangeError",
    message: "num must be a non-negative integer, got -1",
  });
  assert.throws(() => linspace(0, 1, 2.5), { name: "RangeError", message: /^num must be a non-negative integer/ });
  assert.throws(() => linspace(0, Number.NaN, 3), { name: "RangeError", message: "stop must be finite, got NaN" });
});
