/**
 * Activation functions and their derivatives, for numbers and element-wise for matrices.
 *
 * Taught in: 6 (sigmoid and its derivative), used from 7 on.
 */
import { Matrix } from "ml-matrix";

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

/** 1 / (1 + e^-x) */
export const sigmoid = elementwise(logistic);

/** sigmoid'(x) = sigmoid(x) (1 - sigmoid(x)); at most 1/4, at x = 0. */
export const sigmoidDerivative = elementwise((x) => logistic(x) * (1 - logistic(x)));
