/**
 * NumPy's two ways to make a range of numbers: `arange` steps from start and stops before stop,
 * `linspace` spreads a number of points evenly with both ends included.
 */
import { assertFiniteNumber } from "./validate";

/**
 * `np.arange(start, stop, step)`: the ceil((stop - start) / step) numbers start, start + step, ...
 * before stop (none when that count is 0 or less). Entry i is computed as start + i * step, so no
 * rounding error adds up from one entry to the next. NumPy computes start + i * ((start + step) - start),
 * which can differ from this in the last bits.
 * @taught 05
 */
export function arange(start: number, stop: number, step = 1): number[] {
  assertFiniteNumber("start", start);
  assertFiniteNumber("stop", stop);
  assertFiniteNumber("step", step);
  if (step === 0) throw new RangeError("step must not be 0");
  const length = Math.max(0, Math.ceil((stop - start) / step));
  if (length > 2 ** 32 - 1) {
    throw new RangeError(`step is too small: arange(${start}, ${stop}, ${step}) would have ${length} entries`);
  }
  return Array.from({ length }, (_, i) => start + i * step);
}

/**
 * `np.linspace(start, stop, num)`: num evenly spaced numbers from start to stop, both included.
 * As in NumPy, entry i is start + i * step with step = (stop - start) / (num - 1), and the last entry
 * is stop itself.
 * @taught 04
 */
export function linspace(start: number, stop: number, num: number): number[] {
  assertFiniteNumber("start", start);
  assertFiniteNumber("stop", stop);
  assertFiniteNumber("num", num);
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`num must be a non-negative integer, got ${num}`);
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : start + i * step));
}
