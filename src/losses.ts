/**
 * Loss functions: how far predictions are from targets, as one number.
 */
import { Matrix } from "ml-matrix";
import { shape } from "./display";

/** @internal */
export interface ReductionOptions {
  /** "mean" (default) averages over samples, "sum" adds them up (the blog's logistic regression). */
  reduction?: "mean" | "sum";
}

/**
 * Keeps log() finite: probabilities are clipped to [EPSILON, 1 - EPSILON].
 * @internal
 */
export const EPSILON = 1e-12;

function assertSameShape(name: string, A: Matrix, B: Matrix): void {
  if (A.rows !== B.rows || A.columns !== B.columns) {
    throw new RangeError(`${name}: predictions are ${shape(A, "x")} but targets are ${shape(B, "x")}`);
  }
  if (A.to1DArray().some(Number.isNaN)) throw new RangeError(`${name}: predictions contain NaN`);
}

function reduce(terms: number[], samples: number, reduction: "mean" | "sum"): number {
  const total = terms.reduce((s, t) => s + t, 0);
  return reduction === "sum" ? total : total / samples;
}

/**
 * mean((Y_hat - Y)^2) over every entry.
 * @taught 11
 */
export function meanSquaredError(Y_hat: Matrix, Y: Matrix): number {
  assertSameShape("meanSquaredError", Y_hat, Y);
  const d = Matrix.sub(Y_hat, Y).to1DArray();
  return d.reduce((s, v) => s + v * v, 0) / d.length;
}

const clip = (p: number) => Math.min(Math.max(p, EPSILON), 1 - EPSILON);

/**
 * -[t log p + (1 - t) log(1 - p)] for each entry, averaged or summed.
 * @taught 14
 */
export function binaryCrossEntropy(P: Matrix, T: Matrix, { reduction = "mean" }: ReductionOptions = {}): number {
  assertSameShape("binaryCrossEntropy", P, T);
  const t = T.to1DArray();
  const terms = P.to1DArray().map((p, i) => -(t[i] * Math.log(clip(p)) + (1 - t[i]) * Math.log(1 - clip(p))));
  return reduce(terms, terms.length, reduction);
}

/**
 * -sum_k t_k log s_k for probabilities S and one-hot targets T of the same shape;
 * the mean is over samples, taken as the rows (`samplesIn: "rows"`, default) or columns.
 * @taught 17
 */
export function crossEntropy(
  S: Matrix,
  T: Matrix,
  { reduction = "mean", samplesIn = "rows" }: ReductionOptions & { samplesIn?: "rows" | "columns" } = {},
): number {
  assertSameShape("crossEntropy", S, T);
  const t = T.to1DArray();
  const terms = S.to1DArray().map((s, i) => (t[i] === 0 ? 0 : -t[i] * Math.log(clip(s))));
  return reduce(terms, samplesIn === "rows" ? S.rows : S.columns, reduction);
}

/**
 * Label smoothing: (1 - epsilon) T + epsilon / K for targets T with one sample per row and K
 * classes (columns). Every row of T must sum to 1 (one-hot or already soft); the result's rows
 * do too, so the gradient of softmax plus cross-entropy stays S - T'. tfjs's
 * `tf.losses.softmaxCrossEntropy(T, logits, weights, epsilon)` smooths the same way.
 * @taught 34
 */
export function smoothLabels(T: Matrix, epsilon: number): Matrix {
  if (!Number.isFinite(epsilon) || epsilon < 0 || epsilon > 1) {
    throw new RangeError(`smoothLabels: epsilon must be a number in [0, 1], got ${epsilon}`);
  }
  if (T.rows === 0 || T.columns === 0) throw new RangeError("smoothLabels: the targets are empty");
  for (let n = 0; n < T.rows; n++) {
    const row = T.getRow(n);
    if (row.some((t) => !Number.isFinite(t) || t < 0)) {
      throw new RangeError(
        `smoothLabels: row ${n} of the targets has an entry that is negative or not finite: ${row.join(", ")}`,
      );
    }
    const total = row.reduce((s, t) => s + t, 0);
    if (Math.abs(total - 1) > 1e-9)
      throw new RangeError(`smoothLabels: row ${n} of the targets sums to ${total}, not 1`);
  }
  return Matrix.mul(T, 1 - epsilon).add(epsilon / T.columns);
}
