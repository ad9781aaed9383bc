/**
 * Smoothing a noisy series: exponentially weighted moving average (EWMA), moving average
 * and weighted moving average. The moving averages use NumPy's `np.convolve(x, w, "same")`,
 * so their ends average over zeros beyond the data, exactly as in the blog.
 */
import { assertFiniteArray, assertFiniteNumber, assertPositiveInteger } from "./validate";

/** @internal */
export interface EwmaOptions {
  /** Divide by 1 - beta^t so the first values are not pulled towards the zero start. */
  biasCorrection?: boolean;
}

/**
 * Y_t = beta * Y_{t-1} + (1 - beta) * x_t, starting from Y_0 = 0.
 * @taught 29
 */
export function ewma(values: readonly number[], beta: number, { biasCorrection = false }: EwmaOptions = {}): number[] {
  assertFiniteArray("values", values, { allowEmpty: true });
  assertFiniteNumber("beta", beta);
  if (beta < 0 || beta >= 1) throw new RangeError(`beta must be in [0, 1), got ${beta}`);
  let y = 0;
  return values.map((x, i) => {
    y = beta * y + (1 - beta) * x;
    return biasCorrection ? y / (1 - beta ** (i + 1)) : y;
  });
}

/**
 * `np.convolve(signal, kernel, "same")`: the centre max(n, m) values of the full convolution.
 * @internal
 */
export function convolveSame(signal: readonly number[], kernel: readonly number[]): number[] {
  assertFiniteArray("signal", signal);
  assertFiniteArray("kernel", kernel);
  // NumPy convolves the longer with the shorter; convolution is symmetric.
  const [a, v] = signal.length >= kernel.length ? [signal, kernel] : [kernel, signal];
  const shift = Math.floor((v.length - 1) / 2);
  return a.map((_, i) => {
    const k = i + shift;
    let sum = 0;
    for (let j = 0; j < v.length; j++) {
      const index = k - j;
      if (index >= 0 && index < a.length) sum += a[index] * v[j];
    }
    return sum;
  });
}

/**
 * The mean of each window of `window` values centred on each point ("same" length).
 * @taught 29
 */
export function movingAverage(values: readonly number[], window: number): number[] {
  assertFiniteArray("values", values);
  assertPositiveInteger("window", window);
  return convolveSame(values, new Array<number>(window).fill(1 / window));
}

/**
 * A moving average whose weights are normalized to sum to 1. Like `np.convolve`, the
 * kernel is flipped: `weights[0]` multiplies the newest value in each window.
 * @taught 30
 */
export function weightedMovingAverage(values: readonly number[], weights: readonly number[]): number[] {
  assertFiniteArray("values", values);
  assertFiniteArray("weights", weights);
  const total = weights.reduce((s, w) => s + w, 0);
  if (total === 0) throw new RangeError("weights sum to 0 and cannot be normalized");
  return convolveSame(
    values,
    weights.map((w) => w / total),
  );
}
