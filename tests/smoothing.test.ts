import { test } from "node:test";
import assert from "node:assert/strict";
import fixtures from "./fixtures/numpy.json";
import { convolveSame, ewma, movingAverage, weightedMovingAverage } from "../src/smoothing";

function assertAllClose(actual: number[], expected: number[], tolerance: number, what = ""): void {
  assert.equal(actual.length, expected.length, `${what} length`);
  actual.forEach((v, i) =>
    assert.ok(Math.abs(v - expected[i]) <= tolerance, `${what}[${i}]: got ${v}, expected ${expected[i]}`),
  );
}

interface ConvolveCase {
  signal: number[];
  kernel: number[];
  same: number[];
}

const convolveCases = fixtures.convolve as ConvolveCase[];

test("convolveSame matches np.convolve(signal, kernel, 'same') for every fixture case", () => {
  assert.equal(convolveCases.length, 5);
  for (const c of convolveCases) {
    const what = `kernel of ${c.kernel.length}, signal of ${c.signal.length}`;
    assertAllClose(convolveSame(c.signal, c.kernel), c.same, 1e-12, what);
  }
});

test("convolveSame keeps the longer length, as NumPy does (kernel longer than signal)", () => {
  const c = convolveCases[4];
  assert.ok(c.kernel.length > c.signal.length);
  assert.equal(convolveSame(c.signal, c.kernel).length, c.kernel.length);
  // Convolution is symmetric: swapping the arguments gives the same result.
  for (const k of convolveCases) assertAllClose(convolveSame(k.kernel, k.signal), k.same, 1e-12);
});

test("convolveSame with the unit kernel is the identity, and a shifted unit kernel shifts", () => {
  assert.deepEqual(convolveSame([1, 2, 3, 4], [1]), [1, 2, 3, 4]);
  // [0, 1, 0] centred: identity; [1, 0, 0]: each output is the previous input.
  assert.deepEqual(convolveSame([1, 2, 3, 4], [0, 1, 0]), [1, 2, 3, 4]);
  assert.deepEqual(convolveSame([1, 2, 3, 4], [1, 0, 0]), [2, 3, 4, 0]);
  assert.deepEqual(convolveSame([1, 2, 3, 4], [0, 0, 1]), [0, 1, 2, 3]);
});

test("convolveSame rejects empty and non-finite input, naming the argument", () => {
  assert.throws(() => convolveSame([], [1]), /signal is empty/);
  assert.throws(() => convolveSame([1], []), /kernel is empty/);
  assert.throws(() => convolveSame([1, NaN], [1]), /signal\[1\] is NaN/);
  assert.throws(() => convolveSame([1], [Infinity]), /kernel\[0\] is Infinity/);
});

test("ewma follows Y_t = beta Y_{t-1} + (1 - beta) x_t from Y_0 = 0 (by hand)", () => {
  // beta = 0.5: 0.5, 0.25 + 1 = 1.25, 0.625 + 1.5 = 2.125 (all exact in binary)
  assert.deepEqual(ewma([1, 2, 3], 0.5), [0.5, 1.25, 2.125]);
  // beta = 0.9 on [10, 20, 30]: 1, 0.9 + 2 = 2.9, 2.61 + 3 = 5.61
  assertAllClose(ewma([10, 20, 30], 0.9), [1, 2.9, 5.61], 1e-12);
});

test("ewma with bias correction divides by 1 - beta^t (by hand)", () => {
  assertAllClose(ewma([1, 2, 3], 0.5, { biasCorrection: true }), [0.5 / 0.5, 1.25 / 0.75, 2.125 / 0.875], 1e-15);
  assertAllClose(ewma([10, 20, 30], 0.9, { biasCorrection: true }), [1 / 0.1, 2.9 / 0.19, 5.61 / 0.271], 1e-12);
  // Without the option nothing is corrected.
  assert.deepEqual(ewma([1, 2, 3], 0.5, { biasCorrection: false }), ewma([1, 2, 3], 0.5));
});

test("bias correction makes a constant series exact from the first step", () => {
  const constant = new Array(50).fill(20);
  for (const beta of [0.5, 0.9, 0.98]) {
    const corrected = ewma(constant, beta, { biasCorrection: true });
    assertAllClose(corrected, constant, 1e-12, `beta=${beta}`);
    // while the uncorrected curve starts near 0 and creeps up
    const raw = ewma(constant, beta);
    assert.ok(Math.abs(raw[0] - 20 * (1 - beta)) < 1e-12);
    assert.ok(raw[0] < raw[1] && raw[1] < raw[2]);
  }
});

test("ewma edge values of beta: 0 copies the series; beta must be in [0, 1)", () => {
  assert.deepEqual(ewma([3, -1, 4], 0), [3, -1, 4]);
  assert.deepEqual(ewma([3, -1, 4], 0, { biasCorrection: true }), [3, -1, 4]);
  assert.throws(() => ewma([1, 2], 1), /beta must be in \[0, 1\), got 1/);
  assert.throws(() => ewma([1, 2], -0.1), /beta must be in \[0, 1\), got -0.1/);
  assert.throws(() => ewma([1, 2], 1.5), /beta/);
  assert.throws(() => ewma([1, 2], NaN), /beta must be finite/);
  assert.throws(() => ewma([1, 2], "0.9" as unknown as number), /beta must be a number/);
});

test("ewma of [] is [] by design; bad values still throw", () => {
  assert.deepEqual(ewma([], 0.9), []);
  assert.deepEqual(ewma([], 0.9, { biasCorrection: true }), []);
  assert.throws(() => ewma([1, NaN], 0.9), /values\[1\] is NaN/);
  assert.throws(() => ewma("abc" as unknown as number[], 0.9), /values must be an array/);
});

test("ewma does not change its input", () => {
  const values = [1, 2, 3];
  ewma(values, 0.5, { biasCorrection: true });
  assert.deepEqual(values, [1, 2, 3]);
});

test("movingAverage averages a centred window, with zeros beyond the ends (NumPy 'same')", () => {
  // By hand: (0+1+2)/3, (1+2+3)/3, ..., (4+5+0)/3
  assertAllClose(movingAverage([1, 2, 3, 4, 5], 3), [1, 2, 3, 4, 3], 1e-12);
  // An even window leans one step ahead: out[i] = (x[i-2] + x[i-1] + x[i] + x[i+1]) / 4
  assertAllClose(movingAverage([1, 2, 3, 4, 5], 4), [3 / 4, 6 / 4, 10 / 4, 14 / 4, 12 / 4], 1e-12);
  // Window 1 is the identity.
  assert.deepEqual(movingAverage([1, 2, 3], 1), [1, 2, 3]);
  // A constant series stays constant away from the ends.
  const flat = movingAverage(new Array(10).fill(6), 5);
  assertAllClose(flat.slice(2, 8), new Array(6).fill(6), 1e-12);
  assertAllClose([flat[0], flat[9]], [(6 * 3) / 5, (6 * 3) / 5], 1e-12);
});

test("movingAverage agrees with the fixture's uniform kernels", () => {
  for (const c of convolveCases.slice(0, 2).concat(convolveCases[3])) {
    assertAllClose(movingAverage(c.signal, c.kernel.length), c.same, 1e-12, `window ${c.kernel.length}`);
  }
});

test("movingAverage with a window longer than the series has the window's length (as np.convolve)", () => {
  // np.convolve([1, 2, 3], np.ones(5) / 5, "same") = [0.6, 1.2, 1.2, 1.2, 1.0]
  assertAllClose(movingAverage([1, 2, 3], 5), [0.6, 1.2, 1.2, 1.2, 1.0], 1e-12);
});

test("movingAverage rejects a bad window and bad values, naming them", () => {
  assert.throws(() => movingAverage([1, 2, 3], 0), /window must be a positive integer, got 0/);
  assert.throws(() => movingAverage([1, 2, 3], 2.5), /window must be a positive integer/);
  assert.throws(() => movingAverage([1, 2, 3], NaN), /window must be finite/);
  assert.throws(() => movingAverage([], 3), /values is empty/);
  assert.throws(() => movingAverage([1, NaN], 3), /values\[1\] is NaN/);
});

test("weightedMovingAverage normalizes its weights; weights[0] multiplies the newest value", () => {
  // out[i] = 0.5 x[i+1] + 0.3 x[i] + 0.2 x[i-1], zeros beyond the ends
  const expected = [
    0.5 * 2 + 0.3 * 1,
    0.5 * 3 + 0.3 * 2 + 0.2 * 1,
    0.5 * 4 + 0.3 * 3 + 0.2 * 2,
    0.5 * 5 + 0.3 * 4 + 0.2 * 3,
    0.3 * 5 + 0.2 * 4,
  ];
  assertAllClose(weightedMovingAverage([1, 2, 3, 4, 5], [0.5, 0.3, 0.2]), expected, 1e-12);
  // Unnormalized weights give the same result.
  assertAllClose(weightedMovingAverage([1, 2, 3, 4, 5], [5, 3, 2]), expected, 1e-12);
  // Equal weights are the plain moving average.
  assertAllClose(weightedMovingAverage([4, 8, 1, 7], [2, 2, 2]), movingAverage([4, 8, 1, 7], 3), 1e-12);
  // The fixture's triangular-ish kernel 1..7 / 28, passed unnormalized.
  const c = convolveCases[2];
  assertAllClose(weightedMovingAverage(c.signal, [1, 2, 3, 4, 5, 6, 7]), c.same, 1e-12);
});

test("weightedMovingAverage rejects weights that sum to 0, empty input and NaN", () => {
  assert.throws(() => weightedMovingAverage([1, 2, 3], [1, -1]), /weights sum to 0/);
  assert.throws(() => weightedMovingAverage([1, 2, 3], []), /weights is empty/);
  assert.throws(() => weightedMovingAverage([1, 2, 3], [1, NaN]), /weights\[1\] is NaN/);
  assert.throws(() => weightedMovingAverage([], [1, 2]), /values is empty/);
  assert.throws(() => weightedMovingAverage([1, Infinity], [1, 2]), /values\[1\] is Infinity/);
});
