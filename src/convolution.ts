/**
 * 2-D convolution and max pooling on one-channel images held as Matrices (row r = image
 * row, column c = image column), with their backward passes. `conv2d` is the
 * cross-correlation that deep-learning frameworks call convolution (`tf.conv2d`,
 * `torch.nn.Conv2d`): the kernel slides over the image without being flipped,
 *
 *   Z[i][j] = sum_{a,b} Xpad[i s + a][j s + b] K[a][b],
 *
 * where Xpad is X with `padding` rows and columns of zeros on every side and s the stride.
 * Each output side is floor((n + 2p - k) / s) + 1 (`convOutputSize`).
 *
 * Taught in: 48 (filters as pattern detectors, stride, zero padding, the output size) and
 * 59 (the backward passes, in a CNN that tells circles from squares).
 */
import { Matrix } from "ml-matrix";
import { assertPositiveInteger } from "./validate";

export interface Conv2dOptions {
  /** Pixels between neighbouring windows, along rows and along columns (default 1). */
  stride?: number;
  /** Rows and columns of zeros added on every side of the input (default 0, "valid"). */
  padding?: number;
}

export interface PoolOptions {
  /** The window is size x size (default 2). */
  size?: number;
  /** Pixels between neighbouring windows (default: size, windows that do not overlap). */
  stride?: number;
}

function assertMatrix(name: string, M: unknown): asserts M is Matrix {
  if (!Matrix.isMatrix(M)) throw new TypeError(`${name} must be a Matrix (ml-matrix), got ${M === null ? "null" : typeof M}`);
  const A = M as Matrix;
  for (let r = 0; r < A.rows; r++) {
    for (let c = 0; c < A.columns; c++) {
      const v = A.get(r, c);
      if (!Number.isFinite(v)) throw new RangeError(`${name}[${r}][${c}] is ${v}; ${name} must hold finite numbers`);
    }
  }
}

function assertPadding(padding: unknown): asserts padding is number {
  if (typeof padding !== "number" || !Number.isInteger(padding) || padding < 0) {
    throw new RangeError(`padding must be a non-negative integer, got ${String(padding)}`);
  }
}

const dims = (M: Matrix): string => `${M.rows}x${M.columns}`;

/**
 * The length of one side of a convolution's (or pooling's) output: floor((n + 2p - k) / s) + 1
 * for an input side n, kernel side k, stride s and padding p. Throws when the kernel does
 * not fit inside the padded input.
 */
export function convOutputSize(inputSize: number, kernelSize: number, { stride = 1, padding = 0 }: Conv2dOptions = {}): number {
  assertPositiveInteger("inputSize", inputSize);
  assertPositiveInteger("kernelSize", kernelSize);
  assertPositiveInteger("stride", stride);
  assertPadding(padding);
  const padded = inputSize + 2 * padding;
  if (kernelSize > padded) {
    throw new RangeError(`kernelSize ${kernelSize} is larger than the padded input (${inputSize} + 2x${padding} = ${padded})`);
  }
  return Math.floor((padded - kernelSize) / stride) + 1;
}

/** X with `padding` rows and columns of zeros added on every side. */
export function zeroPad(X: Matrix, padding: number): Matrix {
  assertMatrix("X", X);
  assertPadding(padding);
  const P = new Matrix(X.rows + 2 * padding, X.columns + 2 * padding);
  for (let r = 0; r < X.rows; r++) for (let c = 0; c < X.columns; c++) P.set(r + padding, c + padding, X.get(r, c));
  return P;
}

/** K turned by 180 degrees (flipped upside down and left to right): what true convolution uses. */
export function rotate180(K: Matrix): Matrix {
  assertMatrix("K", K);
  const R = new Matrix(K.rows, K.columns);
  for (let r = 0; r < K.rows; r++) for (let c = 0; c < K.columns; c++) R.set(K.rows - 1 - r, K.columns - 1 - c, K.get(r, c));
  return R;
}

/** The output shape [rows, columns] of conv2d(X, K, options), with errors naming the argument. */
function convShape(X: Matrix, K: Matrix, stride: number, padding: number): [number, number] {
  assertPositiveInteger("stride", stride);
  assertPadding(padding);
  if (K.rows > X.rows + 2 * padding || K.columns > X.columns + 2 * padding) {
    throw new RangeError(
      `K is ${dims(K)} but X padded by ${padding} is ${X.rows + 2 * padding}x${X.columns + 2 * padding}: the kernel must fit inside the padded input`,
    );
  }
  return [convOutputSize(X.rows, K.rows, { stride, padding }), convOutputSize(X.columns, K.columns, { stride, padding })];
}

/**
 * The feature map Z of image X under kernel (filter) K: each Z[i][j] is the sum of the
 * window of the zero-padded X at (i s, j s) times K, entry by entry. No bias: add it after.
 */
export function conv2d(X: Matrix, K: Matrix, { stride = 1, padding = 0 }: Conv2dOptions = {}): Matrix {
  assertMatrix("X", X);
  assertMatrix("K", K);
  const [rows, cols] = convShape(X, K, stride, padding);
  const Z = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let a = 0; a < K.rows; a++) {
        const r = i * stride + a - padding;
        if (r < 0 || r >= X.rows) continue; // a row of padding zeros
        for (let b = 0; b < K.columns; b++) {
          const c = j * stride + b - padding;
          if (c >= 0 && c < X.columns) sum += X.get(r, c) * K.get(a, b);
        }
      }
      Z.set(i, j, sum);
    }
  }
  return Z;
}

/**
 * Given dL/dZ for Z = conv2d(X, K, options): dL/dX and dL/dK. Every window sends its
 * gradient back along the products that made it: dX[r][c] += dZ[i][j] K[a][b] and
 * dK[a][b] += dZ[i][j] X[r][c] for the input pixel (r, c) under kernel entry (a, b).
 * Padding zeros receive gradient too, but they are not inputs, so it is dropped.
 * (With stride 1 and no padding this is dX = conv2d(zeroPad(dZ, k - 1), rotate180(K)) and
 * dK = conv2d(X, dZ).) The bias gradient is the sum of dZ.
 */
export function conv2dBackward(dZ: Matrix, X: Matrix, K: Matrix, { stride = 1, padding = 0 }: Conv2dOptions = {}): { dX: Matrix; dK: Matrix } {
  assertMatrix("dZ", dZ);
  assertMatrix("X", X);
  assertMatrix("K", K);
  const [rows, cols] = convShape(X, K, stride, padding);
  if (dZ.rows !== rows || dZ.columns !== cols) {
    throw new RangeError(`dZ is ${dims(dZ)} but conv2d(X, K) with stride ${stride} and padding ${padding} is ${rows}x${cols}`);
  }
  const dX = new Matrix(X.rows, X.columns);
  const dK = new Matrix(K.rows, K.columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const g = dZ.get(i, j);
      if (g === 0) continue;
      for (let a = 0; a < K.rows; a++) {
        const r = i * stride + a - padding;
        if (r < 0 || r >= X.rows) continue;
        for (let b = 0; b < K.columns; b++) {
          const c = j * stride + b - padding;
          if (c < 0 || c >= X.columns) continue;
          dX.set(r, c, dX.get(r, c) + g * K.get(a, b));
          dK.set(a, b, dK.get(a, b) + g * X.get(r, c));
        }
      }
    }
  }
  return { dX, dK };
}

/** The output shape of max pooling, with errors naming the argument. */
function poolShape(X: Matrix, size: number, stride: number): [number, number] {
  assertPositiveInteger("size", size);
  assertPositiveInteger("stride", stride);
  if (size > X.rows || size > X.columns) throw new RangeError(`the pooling window is ${size}x${size} but X is only ${dims(X)}`);
  return [convOutputSize(X.rows, size, { stride }), convOutputSize(X.columns, size, { stride })];
}

/** The position [r, c] of the largest value in the window at (top, left); the first one in reading order on ties. */
function argmaxInWindow(X: Matrix, top: number, left: number, size: number): [number, number] {
  let best: [number, number] = [top, left];
  let bestValue = X.get(top, left);
  for (let r = top; r < top + size; r++) {
    for (let c = left; c < left + size; c++) {
      const v = X.get(r, c);
      if (v > bestValue) {
        bestValue = v;
        best = [r, c];
      }
    }
  }
  return best;
}

/**
 * Max pooling: each output is the largest value of a size x size window of X, the windows
 * `stride` apart (no padding; rows or columns that do not fill a window are left out,
 * as "valid" pooling in the frameworks does).
 */
export function maxPool2d(X: Matrix, { size = 2, stride = size }: PoolOptions = {}): Matrix {
  assertMatrix("X", X);
  const [rows, cols] = poolShape(X, size, stride);
  const Y = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const [r, c] = argmaxInWindow(X, i * stride, j * stride, size);
      Y.set(i, j, X.get(r, c));
    }
  }
  return Y;
}

/**
 * Given dL/dY for Y = maxPool2d(X, options): dL/dX. Each window's gradient goes to the
 * position of its maximum (the first one in reading order on ties); every other position
 * gets 0, since a small change there does not change the output. Overlapping windows add up.
 */
export function maxPool2dBackward(dY: Matrix, X: Matrix, { size = 2, stride = size }: PoolOptions = {}): Matrix {
  assertMatrix("dY", dY);
  assertMatrix("X", X);
  const [rows, cols] = poolShape(X, size, stride);
  if (dY.rows !== rows || dY.columns !== cols) {
    throw new RangeError(`dY is ${dims(dY)} but maxPool2d(X) with size ${size} and stride ${stride} is ${rows}x${cols}`);
  }
  const dX = new Matrix(X.rows, X.columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const [r, c] = argmaxInWindow(X, i * stride, j * stride, size);
      dX.set(r, c, dX.get(r, c) + dY.get(i, j));
    }
  }
  return dX;
}
