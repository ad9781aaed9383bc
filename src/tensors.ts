/**
 * Between TensorFlow.js and the from-scratch code: tensors, and tfjs gradients, as matrices.
 */
import { Matrix } from "ml-matrix";
import { tf } from "./backend";

/**
 * A tensor's values as a Matrix: 2-D as it is, a scalar or 1-D tensor (such as a bias) as one row.
 * @taught 10
 */
export function toMatrix(t: tf.Tensor): Matrix {
  if (t.rank > 2) throw new RangeError(`toMatrix takes tensors of rank 0-2, got shape [${t.shape.join(", ")}]`);
  const values = Array.from(t.dataSync());
  const [rows, cols] = t.rank === 2 ? t.shape : [1, values.length];
  return new Matrix(Array.from({ length: rows }, (_, r) => values.slice(r * cols, (r + 1) * cols)));
}

/**
 * Runs tensor code in `tf.tidy` and hands back its result as a Matrix, with every tensor
 * disposed (`tf.tidy` itself cannot return a Matrix, and `toMatrix(tf.tidy(f))` would
 * leave the returned tensor alive).
 * @taught L1
 */
export function tidyMatrix(f: () => tf.Tensor): Matrix {
  const result = tf.tidy(f);
  try {
    return toMatrix(result);
  } finally {
    result.dispose();
  }
}

/**
 * tfjs autograd of the summed loss of a model whose `meanLoss` averages over n terms (sentences or steps):
 * n times the value and the gradient of each trainable weight, in the model's order, as float64 matrices.
 * @taught 70
 */
export function summedGradients(
  model: tf.LayersModel,
  meanLoss: () => tf.Scalar,
  n: number,
): { loss: number; grads: Matrix[] } {
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`n must be a positive number of terms, got ${n}`);
  // variableGrads tidies what the loss creates; only the value and the gradients remain, and go here.
  const { value, grads } = tf.variableGrads(meanLoss);
  const result = {
    loss: value.dataSync()[0] * n,
    grads: model.trainableWeights.map((w) => toMatrix(grads[w.name]).mul(n)),
  };
  tf.dispose([value, ...Object.values(grads)]);
  return result;
}
