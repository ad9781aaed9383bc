/**
 * Descriptive statistics with NumPy's conventions: variance and standard deviation divide
 * by n (`ddof = 0`) unless asked for the sample version (`ddof = 1`, dividing by n - 1).
 */
import { assertFiniteArray } from "./validate";

/** @internal */
export interface SpreadOptions {
  /** Delta degrees of freedom: 0 for the population (NumPy's default), 1 for the sample. */
  ddof?: number;
}

/** @taught 29 */
export function mean(values: readonly number[]): number {
  assertFiniteArray("values", values);
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * Each value minus the mean; they always sum to zero.
 * @taught 36
 */
export function deviations(values: readonly number[]): number[] {
  const m = mean(values);
  return values.map((v) => v - m);
}

/** @taught 36 */
export function variance(values: readonly number[], { ddof = 0 }: SpreadOptions = {}): number {
  const d = deviations(values);
  if (!Number.isInteger(ddof) || ddof < 0) throw new RangeError(`ddof must be a non-negative integer, got ${ddof}`);
  if (values.length - ddof <= 0) {
    throw new RangeError(`variance with ddof=${ddof} needs more than ${ddof} values, got ${values.length}`);
  }
  return d.reduce((sum, v) => sum + v * v, 0) / (values.length - ddof);
}

/** @taught 36 */
export function standardDeviation(values: readonly number[], options: SpreadOptions = {}): number {
  return Math.sqrt(variance(values, options));
}
