/**
 * Activation functions and their derivatives, for numbers and element-wise for matrices.
 */
import { Matrix } from "ml-matrix";
import { type GradientCheck, gradientCheck, numericGradient } from "./derivatives";
import { assertFiniteArray } from "./validate";
import { shape } from "./display";

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

function elementwise(f: (x: number) => number) {
  function apply(x: number): number;
  function apply(x: Matrix): Matrix;
  function apply(x: number | Matrix): number | Matrix {
    if (typeof x === "number") return f(x);
    const result = x.clone();
    return result.apply((r, c) => result.set(r, c, f(result.get(r, c))));
  }
  return apply;
}

/**
 * 1 / (1 + e^-x)
 * @taught 06
 */
export const sigmoid = elementwise(logistic);

/**
 * sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)); at most 1/4, at x = 0.
 * @taught 06
 */
export const sigmoidDerivative = elementwise((x) => logistic(x) * (1 - logistic(x)));

/**
 * tanh(x) = (e^x - e^-x) / (e^x + e^-x), in (-1, 1).
 * @taught 67
 */
export const tanh = elementwise(Math.tanh);

/**
 * tanh'(x) = 1 - tanh(x)^2; at most 1, at x = 0.
 * @taught 70
 */
export const tanhDerivative = elementwise((x) => 1 - Math.tanh(x) ** 2);

/**
 * max(0, x)
 * @taught 26
 */
export const relu = elementwise((x) => Math.max(0, x));

/**
 * 1 where x > 0, else 0 (taking 0 at the kink, as frameworks do). Not 1 everywhere.
 * @taught 26
 */
export const reluDerivative = elementwise((x) => (x > 0 ? 1 : 0));

/**
 * softmax(v)_i = e^{v_i} / sum_j e^{v_j}, computed as e^{v_i - max v} / sum_j e^{v_j - max v}:
 * the same value, but e^{1000} no longer overflows to Infinity.
 * @taught 16
 */
export function softmax(values: readonly number[]): number[] {
  assertFiniteArray("values", values);
  const top = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - top));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}

/**
 * softmax down each column: one sample per column, as in W x with x a column vector.
 * @taught 16
 */
export function softmaxColumns(M: Matrix): Matrix {
  return softmaxRows(M.transpose()).transpose();
}

/**
 * softmax along each row: one sample per row.
 * @taught 16
 */
export function softmaxRows(M: Matrix): Matrix {
  return new Matrix(M.to2DArray().map((row) => softmax(row)));
}

/**
 * The Jacobian of softmax at s (a column of probabilities): dS_i/dG_j = s_i (δ_ij - s_j),
 * that is diag(s) - s s^T.
 * @taught 17
 */
export function softmaxJacobian(s: Matrix): Matrix {
  if (s.columns !== 1) throw new RangeError(`softmaxJacobian needs one column of probabilities, got ${shape(s, "x")}`);
  const p = s.to1DArray();
  return new Matrix(p.map((si, i) => p.map((sj, j) => si * ((i === j ? 1 : 0) - sj))));
}

/**
 * DEFECTIVE ON PURPOSE: the learner's 3-class Jacobian, whose diagonal entries for classes
 * 2 and 3 are s2 (1 - s1) where s2 (1 - s2) and s3 (1 - s3) belong. Only for showing
 * where the blog's printed numbers come from; train with `softmaxJacobian`.
 * @taught 17
 */
export function learnersSoftmaxJacobian(s: Matrix): Matrix {
  if (s.rows !== 3 || s.columns !== 1)
    throw new RangeError(`the learner's Jacobian is for 3x1 probabilities, got ${shape(s, "x")}`);
  const J = softmaxJacobian(s);
  const wrong = s.get(1, 0) * (1 - s.get(0, 0));
  J.set(1, 1, wrong);
  J.set(2, 2, wrong);
  return J;
}

/** A loss_gradient in the blog's form: dL/dW and dL/dB of a softmax layer at (W, B), through the matrix `jacobian` builds. */
type SoftmaxGradients = (W: Matrix, B: Matrix, jacobian: (s: Matrix) => Matrix) => { dL_dW: Matrix; dL_dB: Matrix };

/**
 * A loss_gradient checked against numericGradient of the loss at (W, B), as chapter 18 does: the blog's dL/dW
 * (learnersSoftmaxJacobian), then the corrected dL/dW and dL/dB (softmaxJacobian), each a gradientCheck with its name.
 * @taught 18
 */
export function softmaxGradientChecks(
  gradients: SoftmaxGradients,
  loss: (W: Matrix, B: Matrix) => number,
  W: Matrix,
  B: Matrix,
): (GradientCheck & { name: string })[] {
  const numeric_dW = numericGradient((Wp) => loss(Wp, B), W);
  const numeric_dB = numericGradient((Bp) => loss(W, Bp), B);
  const corrected = gradients(W, B, softmaxJacobian);
  return [
    { name: "the blog's dL/dW", ...gradientCheck(gradients(W, B, learnersSoftmaxJacobian).dL_dW, numeric_dW) },
    { name: "corrected dL/dW", ...gradientCheck(corrected.dL_dW, numeric_dW) },
    { name: "corrected dL/dB", ...gradientCheck(corrected.dL_dB, numeric_dB) },
  ];
}
