/**
 * Activation functions and their derivatives, for numbers and element-wise for matrices.
 *
 * Taught in: 6 (sigmoid and its derivative), used from 7 on; 16 (softmax); 27-28 (ReLU).
 */
import { Matrix } from "ml-matrix";
import { assertFiniteArray } from "./validate";

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

/** max(0, x) */
export const relu = elementwise((x) => Math.max(0, x));

/** 1 where x > 0, else 0 (taking 0 at the kink, as frameworks do). Not 1 everywhere. */
export const reluDerivative = elementwise((x) => (x > 0 ? 1 : 0));

/**
 * softmax(v)_i = e^{v_i} / sum_j e^{v_j}, computed as e^{v_i - max v} / sum_j e^{v_j - max v}:
 * the same value, but e^{1000} no longer overflows to Infinity.
 *
 * Taught in: 16 (exploring softmax).
 */
export function softmax(values: readonly number[]): number[] {
  assertFiniteArray("values", values);
  const top = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - top));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}

/** softmax down each column: one sample per column, as in W x with x a column vector. */
export function softmaxColumns(M: Matrix): Matrix {
  return softmaxRows(M.transpose()).transpose();
}

/** softmax along each row: one sample per row. */
export function softmaxRows(M: Matrix): Matrix {
  return new Matrix(M.to2DArray().map((row) => softmax(row)));
}
