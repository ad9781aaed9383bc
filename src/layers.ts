/**
 * A fully connected (dense) layer with one sample per row: Z = A W + B, and its backward
 * pass. Activations are separate (./activations).
 */
import { Matrix } from "ml-matrix";
import { shape } from "./display";

function assertShapes(A: Matrix, W: Matrix, B: Matrix): void {
  if (A.columns !== W.rows)
    throw new RangeError(`A is ${shape(A, "x")} but W is ${shape(W, "x")}: A's columns must equal W's rows`);
  if (B.rows !== 1 || B.columns !== W.columns)
    throw new RangeError(`B must be 1x${W.columns} (one bias per unit), got ${shape(B, "x")}`);
}

/**
 * Z = A W + B, with the 1 x units bias B added to every row.
 * @taught 26
 */
export function dense(A: Matrix, W: Matrix, B: Matrix): Matrix {
  assertShapes(A, W, B);
  return A.mmul(W).addRowVector(B.getRow(0));
}

/**
 * Given dL/dZ for Z = A W + B: dL/dW = A^T dZ, dL/dB = the column sums of dZ, dL/dA = dZ W^T.
 * @taught 26
 */
export function denseBackward(dZ: Matrix, A: Matrix, W: Matrix): { dW: Matrix; dB: Matrix; dA: Matrix } {
  if (dZ.rows !== A.rows || dZ.columns !== W.columns) {
    throw new RangeError(`dZ is ${shape(dZ, "x")} but Z = A W is ${A.rows}x${W.columns}`);
  }
  return { dW: A.transpose().mmul(dZ), dB: Matrix.rowVector(dZ.sum("column")), dA: dZ.mmul(W.transpose()) };
}
