/**
 * Labels and scores for classifiers: one-hot targets, the predicted class, accuracy.
 */
import { Matrix } from "ml-matrix";
import { assertFiniteArray, assertFiniteNumber, assertPositiveInteger } from "./validate";

/**
 * Labels 0..classes-1 as one row per sample with a single 1: oneHot([2, 0], 3) = [[0,0,1],[1,0,0]].
 * @taught 17
 */
export function oneHot(labels: readonly number[], classes: number): Matrix {
  assertPositiveInteger("classes", classes);
  assertFiniteArray("labels", labels);
  const T = new Matrix(labels.length, classes);
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(`labels[${i}] is ${label}; labels must be integers 0..${classes - 1}`);
    }
    T.set(i, label, 1);
  });
  return T;
}

/**
 * The index of the largest value (the first one on ties), as `np.argmax`.
 * @taught 16
 */
export function argmax(values: readonly number[]): number {
  assertFiniteArray("values", values);
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * The predicted class of each sample, for scores laid out one row per sample.
 * @taught 17
 */
export function argmaxRows(scores: Matrix): number[] {
  return scores.to2DArray().map((row) => argmax(row));
}

/**
 * The fraction of predictions equal to the labels.
 * @taught 15
 */
export function accuracy(predicted: readonly number[], labels: readonly number[]): number {
  assertFiniteArray("predicted", predicted);
  assertFiniteArray("labels", labels);
  if (predicted.length !== labels.length) {
    throw new RangeError(`${predicted.length} predictions for ${labels.length} labels`);
  }
  return predicted.filter((p, i) => p === labels[i]).length / labels.length;
}

/**
 * The blog's test on held-out samples (P: probabilities, one row per sample): the argmax predictions, which are right
 * and their accuracy; then the same after its filter, which sets every p >= threshold to 1 and the others to 0
 * (a row with nothing left becomes [0, 0, 0], whose argmax is class 0).
 * @taught 20
 */
export function filteredTest(P: Matrix, labels: readonly number[], threshold = 0.7) {
  const predicted = argmaxRows(P);
  const filterPredicted = argmaxRows(new Matrix(P.to2DArray().map((row) => row.map((p) => (p >= threshold ? 1 : 0)))));
  return {
    predicted,
    filterPredicted,
    equal: predicted.map((p, i) => p === labels[i]),
    filterEqual: filterPredicted.map((p, i) => p === labels[i]),
    accuracy: accuracy(predicted, labels),
    filterAccuracy: accuracy(filterPredicted, labels),
  };
}

/**
 * counts[true class][predicted class], for labels 0..classes-1.
 * @taught 20
 */
export function confusionMatrix(predicted: readonly number[], labels: readonly number[], classes: number): number[][] {
  accuracy(predicted, labels); // the same checks: numbers, equal lengths
  assertPositiveInteger("classes", classes);
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  labels.forEach((label, i) => {
    const guess = predicted[i];
    for (const [name, v] of [
      ["labels", label],
      ["predicted", guess],
    ] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= classes)
        throw new RangeError(`${name}[${i}] is ${v}; classes are 0..${classes - 1}`);
    }
    counts[label][guess] += 1;
  });
  return counts;
}

/**
 * What `precisionRecall` counts and derives for one class taken as positive.
 * @internal
 */
export interface PrecisionRecall {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** Of the samples predicted positive, the fraction that are: TP / (TP + FP); NaN if none is predicted positive. */
  precision: number;
  /** Of the positive samples, the fraction predicted positive: TP / (TP + FN); NaN if there is no positive sample. */
  recall: number;
  /** Their harmonic mean 2PR / (P + R); NaN if either is NaN, 0 if both are 0. */
  f1: number;
}

/**
 * Precision (정밀도) and recall (재현율) of class `positive` (default 1, e.g. spam), every other
 * label counting as negative. On an imbalanced set they say what accuracy hides: predicting
 * "negative" for everything can be accurate and has recall 0.
 * @taught L8
 */
export function precisionRecall(
  predicted: readonly number[],
  labels: readonly number[],
  positive = 1,
): PrecisionRecall {
  accuracy(predicted, labels); // the same checks: numbers, equal lengths
  assertFiniteNumber("positive", positive);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  labels.forEach((label, i) => {
    const guess = predicted[i] === positive;
    if (label === positive) guess ? truePositives++ : falseNegatives++;
    else if (guess) falsePositives++;
  });
  const trueNegatives = labels.length - truePositives - falsePositives - falseNegatives;
  const precision = truePositives + falsePositives === 0 ? NaN : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? NaN : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, trueNegatives, precision, recall, f1 };
}
