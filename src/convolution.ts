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
 */
import { Matrix } from "ml-matrix";
import { shape } from "./display";
import { assertFiniteNumber, assertPositiveInteger } from "./validate";

/** @internal */
export interface Conv2dOptions {
  /** Pixels between neighbouring windows, along rows and along columns (default 1). */
  stride?: number;
  /** Rows and columns of zeros added on every side of the input (default 0, "valid"). */
  padding?: number;
}

/** @internal */
export interface PoolOptions {
  /** The window is size x size (default 2). */
  size?: number;
  /** Pixels between neighbouring windows (default: size, windows that do not overlap). */
  stride?: number;
}

/** M's entries as rows of numbers, after checking that M is a Matrix of finite numbers. */
function table(name: string, M: unknown): number[][] {
  if (!Matrix.isMatrix(M))
    throw new TypeError(`${name} must be a Matrix (ml-matrix), got ${M === null ? "null" : typeof M}`);
  const rows = (M as Matrix).to2DArray();
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (!Number.isFinite(v)) throw new RangeError(`${name}[${r}][${c}] is ${v}; ${name} must hold finite numbers`);
    }),
  );
  return rows;
}

function assertPadding(padding: unknown): asserts padding is number {
  if (typeof padding !== "number" || !Number.isInteger(padding) || padding < 0) {
    throw new RangeError(`padding must be a non-negative integer, got ${String(padding)}`);
  }
}

/**
 * The length of one side of a convolution's (or pooling's) output: floor((n + 2p - k) / s) + 1
 * for an input side n, kernel side k, stride s and padding p. Throws when the kernel does
 * not fit inside the padded input.
 * @taught 48
 */
export function convOutputSize(
  inputSize: number,
  kernelSize: number,
  { stride = 1, padding = 0 }: Conv2dOptions = {},
): number {
  assertPositiveInteger("inputSize", inputSize);
  assertPositiveInteger("kernelSize", kernelSize);
  assertPositiveInteger("stride", stride);
  assertPadding(padding);
  const padded = inputSize + 2 * padding;
  if (kernelSize > padded) {
    throw new RangeError(
      `kernelSize ${kernelSize} is larger than the padded input (${inputSize} + 2x${padding} = ${padded})`,
    );
  }
  return Math.floor((padded - kernelSize) / stride) + 1;
}

/**
 * X with `padding` rows and columns of zeros added on every side.
 * @taught 48
 */
export function zeroPad(X: Matrix, padding: number): Matrix {
  table("X", X);
  assertPadding(padding);
  const P = new Matrix(X.rows + 2 * padding, X.columns + 2 * padding);
  for (let r = 0; r < X.rows; r++) for (let c = 0; c < X.columns; c++) P.set(r + padding, c + padding, X.get(r, c));
  return P;
}

/**
 * K turned by 180 degrees (flipped upside down and left to right): what true convolution uses.
 * @taught 48
 */
export function rotate180(K: Matrix): Matrix {
  table("K", K);
  const R = new Matrix(K.rows, K.columns);
  for (let r = 0; r < K.rows; r++)
    for (let c = 0; c < K.columns; c++) R.set(K.rows - 1 - r, K.columns - 1 - c, K.get(r, c));
  return R;
}

/** The output shape [rows, columns] of conv2d(X, K, options), with errors naming the argument. */
function convShape(X: Matrix, K: Matrix, stride: number, padding: number): [number, number] {
  assertPositiveInteger("stride", stride);
  assertPadding(padding);
  if (K.rows > X.rows + 2 * padding || K.columns > X.columns + 2 * padding) {
    throw new RangeError(
      `K is ${shape(K, "x")} but X padded by ${padding} is ${X.rows + 2 * padding}x${X.columns + 2 * padding}: the kernel must fit inside the padded input`,
    );
  }
  return [
    convOutputSize(X.rows, K.rows, { stride, padding }),
    convOutputSize(X.columns, K.columns, { stride, padding }),
  ];
}

/**
 * The feature map Z of image X under kernel (filter) K: each Z[i][j] is the sum of the
 * window of the zero-padded X at (i s, j s) times K, entry by entry. No bias: add it after.
 * @taught 48
 */
export function conv2d(X: Matrix, K: Matrix, { stride = 1, padding = 0 }: Conv2dOptions = {}): Matrix {
  const x = table("X", X);
  const k = table("K", K);
  const [rows, cols] = convShape(X, K, stride, padding);
  const Z = new Array<number[]>(rows);
  for (let i = 0; i < rows; i++) {
    const out = new Array<number>(cols);
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let a = 0; a < k.length; a++) {
        const r = i * stride + a - padding;
        if (r < 0 || r >= x.length) continue; // a row of padding zeros
        for (let b = 0; b < k[a].length; b++) {
          const c = j * stride + b - padding;
          if (c >= 0 && c < x[r].length) sum += x[r][c] * k[a][b];
        }
      }
      out[j] = sum;
    }
    Z[i] = out;
  }
  return new Matrix(Z);
}

/** A rows x cols table of zeros. */
const zeros = (rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () => new Array<number>(cols).fill(0));

/**
 * Given dL/dZ for Z = conv2d(X, K, options): dL/dX and dL/dK. Every window sends its
 * gradient back along the products that made it: dX[r][c] += dZ[i][j] K[a][b] and
 * dK[a][b] += dZ[i][j] X[r][c] for the input pixel (r, c) under kernel entry (a, b).
 * Padding zeros receive gradient too, but they are not inputs, so it is dropped.
 * (With stride 1 and no padding this is dX = conv2d(zeroPad(dZ, k - 1), rotate180(K)), a "full"
 * convolution with the kernel turned by 180 degrees, and dK = conv2d(X, dZ); with padding p,
 * dZ is padded by k - 1 - p instead.) The bias gradient is the sum of dZ.
 * dX is what carries the gradient through a convolution to the layer below: taught in 59,
 * section 9 (the input gradient), and used there to train two stacked convolution layers.
 * @taught 59
 */
export function conv2dBackward(
  dZ: Matrix,
  X: Matrix,
  K: Matrix,
  { stride = 1, padding = 0 }: Conv2dOptions = {},
): { dX: Matrix; dK: Matrix } {
  const dz = table("dZ", dZ);
  const x = table("X", X);
  const k = table("K", K);
  const [rows, cols] = convShape(X, K, stride, padding);
  if (dZ.rows !== rows || dZ.columns !== cols) {
    throw new RangeError(
      `dZ is ${shape(dZ, "x")} but conv2d(X, K) with stride ${stride} and padding ${padding} is ${rows}x${cols}`,
    );
  }
  const dX = zeros(X.rows, X.columns);
  const dK = zeros(K.rows, K.columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const g = dz[i][j];
      if (g === 0) continue;
      for (let a = 0; a < k.length; a++) {
        const r = i * stride + a - padding;
        if (r < 0 || r >= x.length) continue;
        for (let b = 0; b < k[a].length; b++) {
          const c = j * stride + b - padding;
          if (c < 0 || c >= x[r].length) continue;
          dX[r][c] += g * k[a][b];
          dK[a][b] += g * x[r][c];
        }
      }
    }
  }
  return { dX: new Matrix(dX), dK: new Matrix(dK) };
}

/** The output shape of max pooling, with errors naming the argument. */
function poolShape(X: Matrix, size: number, stride: number): [number, number] {
  assertPositiveInteger("size", size);
  assertPositiveInteger("stride", stride);
  if (size > X.rows || size > X.columns)
    throw new RangeError(`the pooling window is ${size}x${size} but X is only ${shape(X, "x")}`);
  return [convOutputSize(X.rows, size, { stride }), convOutputSize(X.columns, size, { stride })];
}

/** The position [r, c] of the largest value in the window at (top, left); the first one in reading order on ties. */
function argmaxInWindow(x: number[][], top: number, left: number, size: number): [number, number] {
  let best: [number, number] = [top, left];
  let bestValue = x[top][left];
  for (let r = top; r < top + size; r++) {
    for (let c = left; c < left + size; c++) {
      if (x[r][c] > bestValue) {
        bestValue = x[r][c];
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
 * @taught 59
 */
export function maxPool2d(X: Matrix, { size = 2, stride = size }: PoolOptions = {}): Matrix {
  const x = table("X", X);
  const [rows, cols] = poolShape(X, size, stride);
  return new Matrix(
    Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => {
        const [r, c] = argmaxInWindow(x, i * stride, j * stride, size);
        return x[r][c];
      }),
    ),
  );
}

/**
 * Given dL/dY for Y = maxPool2d(X, options): dL/dX. Each window's gradient goes to the
 * position of its maximum (the first one in reading order on ties); every other position
 * gets 0, since a small change there does not change the output. Overlapping windows add up.
 * @taught 59
 */
export function maxPool2dBackward(dY: Matrix, X: Matrix, { size = 2, stride = size }: PoolOptions = {}): Matrix {
  const dy = table("dY", dY);
  const x = table("X", X);
  const [rows, cols] = poolShape(X, size, stride);
  if (dY.rows !== rows || dY.columns !== cols) {
    throw new RangeError(
      `dY is ${shape(dY, "x")} but maxPool2d(X) with size ${size} and stride ${stride} is ${rows}x${cols}`,
    );
  }
  const dX = zeros(X.rows, X.columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const [r, c] = argmaxInWindow(x, i * stride, j * stride, size);
      dX[r][c] += dy[i][j];
    }
  }
  return new Matrix(dX);
}

/** The channels of a multi-channel input or kernel, after checking that they are Matrices of one size. */
function channels(name: string, M: unknown): Matrix[] {
  if (!Array.isArray(M) || M.length === 0)
    throw new TypeError(`${name} must be a non-empty array of Matrices, one per channel`);
  M.forEach((m, c) => table(`${name}[${c}]`, m));
  const first = M[0] as Matrix;
  (M as Matrix[]).forEach((m, c) => {
    if (m.rows !== first.rows || m.columns !== first.columns) {
      throw new RangeError(
        `${name}[${c}] is ${shape(m, "x")} but ${name}[0] is ${shape(first, "x")}: every channel must have the same size`,
      );
    }
  });
  return M as Matrix[];
}

/** X and K as channel lists with as many kernel slices as input channels. */
function matchChannels(X: unknown, K: unknown): [Matrix[], Matrix[]] {
  const x = channels("X", X);
  const k = channels("K", K);
  if (x.length !== k.length) {
    throw new RangeError(
      `channel mismatch: X has ${x.length} channels but K has ${k.length}; a kernel needs one slice per input channel`,
    );
  }
  return [x, k];
}

/**
 * One output map of a convolution over several input channels (an RGB image has 3): the
 * channels' one-channel convolutions added up, plus one bias,
 *
 *   Z = sum_c conv2d(X[c], K[c]) + b,
 *
 * with X[c] channel c of the input and K[c] the kernel's slice for it (a 3x3x3 kernel for
 * RGB). A layer of F filters has F such kernels and F biases, one output map each; this is
 * `tf.conv2d` with a kernel of shape [k, k, channels, F].
 * @taught L9
 */
export function conv2dChannels(
  X: readonly Matrix[],
  K: readonly Matrix[],
  bias = 0,
  options: Conv2dOptions = {},
): Matrix {
  const [x, k] = matchChannels(X, K);
  assertFiniteNumber("bias", bias);
  const maps = x.map((Xc, c) => conv2d(Xc, k[c], options));
  return maps
    .slice(1)
    .reduce((Z, m) => Z.add(m), maps[0])
    .add(bias);
}

/**
 * Given dL/dZ for Z = conv2dChannels(X, K, b, options): per channel dL/dX[c] and dL/dK[c],
 * and dL/db. Z is a sum over the channels, so each channel's term gets the whole dL/dZ and
 * passes it back as a one-channel convolution does (`conv2dBackward`); the bias gradient is
 * the sum of dL/dZ.
 * @taught L9
 */
export function conv2dChannelsBackward(
  dZ: Matrix,
  X: readonly Matrix[],
  K: readonly Matrix[],
  options: Conv2dOptions = {},
): { dX: Matrix[]; dK: Matrix[]; db: number } {
  const [x, k] = matchChannels(X, K);
  const grads = x.map((Xc, c) => conv2dBackward(dZ, Xc, k[c], options));
  return {
    dX: grads.map((g) => g.dX),
    dK: grads.map((g) => g.dK),
    db: table("dZ", dZ)
      .flat()
      .reduce((s, v) => s + v, 0),
  };
}
