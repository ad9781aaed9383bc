/**
 * Rebalancing a skewed training set: class weights for the loss, random oversampling, and SMOTE
 * (synthetic minority samples interpolated between a minority sample and one of its k nearest
 * minority neighbours). Apply them to the training rows only; the test rows keep their skew.
 */
import type { RandomState } from "./random";
import { assertFiniteArray, assertFiniteTable, assertPositiveInteger } from "./validate";

function assertLabelled(X: readonly (readonly number[])[], y: readonly number[]): void {
  assertFiniteTable("X", X);
  assertFiniteArray("y", y);
  if (X.length !== y.length) throw new RangeError(`X has ${X.length} rows but y has ${y.length} labels`);
  y.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0)
      throw new RangeError(`y[${i}] is ${label}; labels must be integers 0, 1, ...`);
  });
}

/**
 * "Balanced" class weights, as scikit-learn's: w_c = n / (classes * n_c), so every class carries
 * the same total weight n / classes. For 0/1 labels with 10% positives: { 0: 0.556, 1: 5 }.
 * @taught L8
 */
export function balancedClassWeights(y: readonly number[]): Record<number, number> {
  assertFiniteArray("y", y);
  const counts = new Map<number, number>();
  y.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0)
      throw new RangeError(`y[${i}] is ${label}; labels must be integers 0, 1, ...`);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  });
  const weights: Record<number, number> = {};
  for (const [label, n] of [...counts].sort((a, b) => a[0] - b[0])) weights[label] = y.length / (counts.size * n);
  return weights;
}

/** The rows of X whose label is `label`, as indices into X. */
function rowsOf(y: readonly number[], label: number): number[] {
  const rows = y.flatMap((v, i) => (v === label ? [i] : []));
  if (rows.length === 0) throw new RangeError(`no row has the label ${label}`);
  return rows;
}

/** How many rows to add: `count`, or by default as many as bring the minority up to the rest. */
function extraRows(n: number, minorityCount: number, minority: number, count: number | undefined): number {
  if (count === undefined) {
    if (2 * minorityCount > n)
      throw new RangeError(`class ${minority} has ${minorityCount} of ${n} rows: it is not the minority`);
    return n - 2 * minorityCount;
  }
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  return count;
}

/**
 * What the resamplers return: the original rows first, then the new ones.
 * @internal
 */
export interface Resampled {
  X: number[][];
  y: number[];
}

/**
 * Random oversampling: minority rows drawn with replacement (rng.nextInterval) and appended until
 * the minority class has `count` more rows (default: as many as the majority, the other label).
 * @taught L8
 */
export function randomOversample(
  X: readonly (readonly number[])[],
  y: readonly number[],
  rng: RandomState,
  { minority = 1, count }: { minority?: number; count?: number } = {},
): Resampled & { drawn: number[] } {
  assertLabelled(X, y);
  const minorityRows = rowsOf(y, minority);
  const extra = extraRows(y.length, minorityRows.length, minority, count);
  const drawn = Array.from({ length: extra }, () => minorityRows[rng.nextInterval(minorityRows.length - 1)]);
  return {
    X: [...X.map((r) => [...r]), ...drawn.map((i) => [...X[i]])],
    y: [...y, ...drawn.map(() => minority)],
    drawn,
  };
}

/**
 * One synthetic sample: X[from] + gap * (X[to] - X[from]), with `to` one of the k nearest minority neighbours of `from`.
 * @internal
 */
export interface SmoteSample {
  from: number;
  to: number;
  gap: number;
}

/**
 * The k nearest rows (Euclidean) of each of `rows` among `rows` themselves, nearest first; indices into X.
 * @taught L8
 */
export function nearestNeighbours(X: readonly (readonly number[])[], rows: readonly number[], k: number): number[][] {
  assertPositiveInteger("k", k);
  if (k >= rows.length) throw new RangeError(`k = ${k} needs more than ${k} rows, got ${rows.length}`);
  return rows.map((i) => {
    const distances = rows
      .filter((j) => j !== i)
      .map((j) => [j, X[i].reduce((s, v, c) => s + (v - X[j][c]) ** 2, 0)] as const);
    distances.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    return distances.slice(0, k).map(([j]) => j);
  });
}

/**
 * SMOTE (Chawla et al. 2002): `count` synthetic minority rows (default: up to the majority's
 * size), each from a minority row i drawn at random, one of its k nearest minority neighbours j
 * drawn at random, and a gap u uniform in [0, 1): x = X[i] + u (X[j] - X[i]). Scale the features
 * first (the neighbours are Euclidean).
 * @taught L8
 */
export function smote(
  X: readonly (readonly number[])[],
  y: readonly number[],
  rng: RandomState,
  { k = 5, minority = 1, count }: { k?: number; minority?: number; count?: number } = {},
): Resampled & { made: SmoteSample[] } {
  assertLabelled(X, y);
  const minorityRows = rowsOf(y, minority);
  const extra = extraRows(y.length, minorityRows.length, minority, count);
  const neighbours = nearestNeighbours(X, minorityRows, k);
  const made: SmoteSample[] = [];
  const synthetic: number[][] = [];
  for (let n = 0; n < extra; n++) {
    const a = rng.nextInterval(minorityRows.length - 1);
    const from = minorityRows[a];
    const to = neighbours[a][rng.nextInterval(k - 1)];
    const gap = rng.nextDouble();
    made.push({ from, to, gap });
    synthetic.push(X[from].map((v, c) => v + gap * (X[to][c] - v)));
  }
  return { X: [...X.map((r) => [...r]), ...synthetic], y: [...y, ...synthetic.map(() => minority)], made };
}
