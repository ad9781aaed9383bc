/**
 * Knowledge distillation (지식 증류): a student model learns from a teacher's softened
 * probabilities as well as from the labels. With temperature T, the softened softmax of
 * logits z is softmax(z / T); the loss of one sample with student logits z, teacher logits t
 * and (if it has one) a label y is
 *
 *   L = α CE(y, softmax(z)) + (1 - α) T² CE(softmax(t / T), softmax(z / T)),
 *
 * and its gradient with respect to the student's logits is
 *
 *   dL/dz = α (S - Y) + (1 - α) T (S_T - P_T),
 *
 * S = softmax(z), Y the one-hot label, S_T = softmax(z / T), P_T = softmax(t / T): the soft
 * term's (S_T - P_T) / T, scaled by T², keeps the same size whatever T is.
 *
 * In a batch, the hard term is the mean over the samples that have a label (a sample whose
 * label is `null` is one nobody labelled: the teacher's soft target is all it has), the soft
 * term the mean over all samples (a batch with no label at all has no hard term). Logits are rows: one sample per row, one class per column.
 * Two classes with logits (0, z) are the sigmoid: softmax((0, z))[1] = σ(z).
 */
import { Matrix } from "ml-matrix";
import { softmaxRows } from "./activations";
import { EPSILON } from "./losses";
import { assertFiniteNumber, assertFiniteTable } from "./validate";
import { tf } from "./backend";
import { shape } from "./display";

/**
 * The settings of a distillation loss.
 * @taught N9
 */
export interface DistillationOptions {
  /** T > 0: 1 is the plain softmax, larger spreads the probabilities. */
  temperature: number;
  /** The weight of the hard (label) term, in [0, 1]; the soft term gets 1 - α. */
  alpha: number;
}

function assertTemperature(name: string, temperature: unknown): asserts temperature is number {
  assertFiniteNumber(`${name}: temperature`, temperature);
  if (!(temperature > 0)) throw new RangeError(`${name}: temperature must be positive, got ${temperature}`);
}

function assertLogits(name: string, what: string, Z: unknown): asserts Z is Matrix {
  if (!(Z instanceof Matrix)) throw new TypeError(`${name}: ${what} must be a Matrix (one sample per row)`);
  if (Z.rows === 0 || Z.columns === 0) throw new RangeError(`${name}: ${what} is empty`);
  assertFiniteTable(`${name}: ${what}`, Z.to2DArray());
}

/**
 * softmax(z / T) along each row of Z: the softened probabilities (온도를 올린 소프트맥스).
 * @taught N9
 */
export function softenedSoftmax(Z: Matrix, temperature: number): Matrix {
  assertLogits("softenedSoftmax", "the logits", Z);
  assertTemperature("softenedSoftmax", temperature);
  return softmaxRows(Z.clone().div(temperature));
}

/** Checks every input of the loss and its gradient; returns the labelled rows. */
function checkInputs(
  name: string,
  Z: Matrix,
  teacherZ: Matrix,
  labels: readonly (number | null)[],
  options: DistillationOptions,
): number[] {
  assertLogits(name, "the student's logits", Z);
  assertLogits(name, "the teacher's logits", teacherZ);
  if (teacherZ.rows !== Z.rows || teacherZ.columns !== Z.columns) {
    throw new RangeError(
      `${name}: the student's logits are ${shape(Z, "x")} but the teacher's are ${shape(teacherZ, "x")}`,
    );
  }
  if (!Array.isArray(labels) || labels.length !== Z.rows) {
    throw new RangeError(`${name}: ${Array.isArray(labels) ? labels.length : "no"} labels for ${Z.rows} samples`);
  }
  if (!options || typeof options !== "object")
    throw new TypeError(`${name}: options { temperature, alpha } are missing`);
  assertTemperature(name, options.temperature);
  assertFiniteNumber(`${name}: alpha`, options.alpha);
  if (options.alpha < 0 || options.alpha > 1)
    throw new RangeError(`${name}: alpha must be in [0, 1], got ${options.alpha}`);
  const labelled: number[] = [];
  labels.forEach((y, n) => {
    if (y === null) return;
    if (!Number.isInteger(y) || y < 0 || y >= Z.columns) {
      throw new RangeError(
        `${name}: labels[${n}] is ${y}; a label must be an integer class 0..${Z.columns - 1} or null (no label)`,
      );
    }
    labelled.push(n);
  });
  return labelled;
}

/**
 * α × (mean cross-entropy of softmax(Z) against the labels, over the labelled rows) +
 * (1 - α) × T² × (mean cross-entropy of softmax(Z / T) against softmax(teacherZ / T), over all rows).
 * `labels[n]` is row n's class, or null when row n has no label.
 * @taught N9
 */
export function distillationLoss(
  Z: Matrix,
  teacherZ: Matrix,
  labels: readonly (number | null)[],
  options: DistillationOptions,
): number {
  const labelled = checkInputs("distillationLoss", Z, teacherZ, labels, options);
  const { temperature: T, alpha } = options;
  const S = softmaxRows(Z);
  const ST = softenedSoftmax(Z, T);
  const PT = softenedSoftmax(teacherZ, T);
  const log = (p: number) => Math.log(Math.max(p, EPSILON));
  let hard = 0;
  for (const n of labelled) hard -= log(S.get(n, labels[n] as number));
  let soft = 0;
  for (let n = 0; n < Z.rows; n++) for (let k = 0; k < Z.columns; k++) soft -= PT.get(n, k) * log(ST.get(n, k));
  return (labelled.length > 0 ? (alpha * hard) / labelled.length : 0) + ((1 - alpha) * T * T * soft) / Z.rows;
}

/**
 * dL/dZ of `distillationLoss`, by hand: row n gets α (S_n - Y_n) / (labelled rows) if it has a
 * label, plus (1 - α) T (S_T,n - P_T,n) / (all rows).
 * @taught N9
 */
export function distillationGradient(
  Z: Matrix,
  teacherZ: Matrix,
  labels: readonly (number | null)[],
  options: DistillationOptions,
): Matrix {
  const labelled = checkInputs("distillationGradient", Z, teacherZ, labels, options);
  const { temperature: T, alpha } = options;
  const S = softmaxRows(Z);
  const gradient = Matrix.sub(softenedSoftmax(Z, T), softenedSoftmax(teacherZ, T)).mul(((1 - alpha) * T) / Z.rows);
  for (const n of labelled) {
    for (let k = 0; k < Z.columns; k++) {
      const y = k === labels[n] ? 1 : 0;
      gradient.set(n, k, gradient.get(n, k) + (alpha * (S.get(n, k) - y)) / labelled.length);
    }
  }
  return gradient;
}

/**
 * `distillationLoss` on TensorFlow.js, differentiable by tfjs's autograd: Z and teacherZ are
 * [samples, classes] logits, Y the one-hot labels of the same shape, a row of zeros for a
 * sample with no label. The same value as `distillationLoss` to float32 precision.
 * @taught N9
 */
export function tfDistillationLoss(
  Z: tf.Tensor,
  teacherZ: tf.Tensor,
  Y: tf.Tensor,
  options: DistillationOptions,
): tf.Scalar {
  const name = "tfDistillationLoss";
  for (const [what, t] of [
    ["Z", Z],
    ["teacherZ", teacherZ],
    ["Y", Y],
  ] as const) {
    if (!(t instanceof tf.Tensor) || t.rank !== 2)
      throw new RangeError(`${name}: ${what} must be a rank-2 tensor [samples, classes]`);
  }
  if (!tf.util.arraysEqual(Z.shape, teacherZ.shape) || !tf.util.arraysEqual(Z.shape, Y.shape)) {
    throw new RangeError(
      `${name}: Z is [${Z.shape}], teacherZ [${teacherZ.shape}], Y [${Y.shape}]; they must have one shape`,
    );
  }
  assertTemperature(name, options?.temperature);
  assertFiniteNumber(`${name}: alpha`, options.alpha);
  if (options.alpha < 0 || options.alpha > 1)
    throw new RangeError(`${name}: alpha must be in [0, 1], got ${options.alpha}`);
  const { temperature: T, alpha } = options;
  return tf.tidy(() => {
    const rows = Z.shape[0];
    const labelled = tf.maximum(tf.sum(Y), 1); // a batch without labels: 0 / 1
    const hard = tf.div(tf.neg(tf.sum(tf.mul(Y, tf.logSoftmax(Z)))), labelled);
    const PT = tf.softmax(tf.div(teacherZ, T));
    const soft = tf.div(tf.neg(tf.sum(tf.mul(PT, tf.logSoftmax(tf.div(Z, T))))), rows);
    return tf.add(tf.mul(alpha, hard), tf.mul((1 - alpha) * T * T, soft)) as tf.Scalar;
  });
}
