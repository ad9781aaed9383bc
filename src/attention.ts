/**
 * Dot-product attention (어텐션): each query row asks every key row how well they match
 * (a dot product), the matches become weights by a softmax, and the answer is the weighted
 * sum of the value rows. With Q = the decoder's states and K = V = the encoder's, it is
 * Luong's dot attention of a sequence-to-sequence model; with scale = 1/sqrt(d) it is the
 * transformer's scaled dot-product attention.
 *
 * Layout: one sequence, a row per position. Q is n x d (n queries), K is m x d (m keys), V
 * is m x dv. scores = scale Q K^T (n x m), weights = the softmax of each row over the keys a
 * mask allows (0 elsewhere), output = weights V (n x dv).
 */
import { Matrix } from "ml-matrix";
import { tf } from "./backend";
import { assertFiniteNumber } from "./validate";
import { shape } from "./display";

/**
 * Which keys each query may attend to: one row of m booleans for every query (true = may
 * attend), or one row of m shared by all queries (a padding mask). Every query needs at
 * least one allowed key.
 * @taught N8
 */
export type AttentionMask = readonly boolean[] | readonly (readonly boolean[])[];

/** @internal */
export interface AttentionOptions {
  /** Multiplies the scores: 1 (default) for Luong's dot attention, 1/sqrt(d) for the transformer's. */
  scale?: number;
  /** Keys a query must not see get weight 0 (default: every key is allowed). */
  mask?: AttentionMask;
}

/** @internal */
export interface Attention {
  /** scale Q K^T, n x m (masked entries are -Infinity). */
  scores: Matrix;
  /** The softmax of each row of scores over the allowed keys, n x m; each row sums to 1. */
  weights: Matrix;
  /** weights V, n x dv: for each query, the weighted average of the values. */
  output: Matrix;
}

/** @internal */
export interface AttentionGradients {
  dQ: Matrix;
  dK: Matrix;
  dV: Matrix;
}

function assertFiniteMatrix(name: string, M: Matrix): void {
  if (!(M instanceof Matrix)) throw new TypeError(`${name} must be a Matrix, got ${typeof M}`);
  if (M.rows === 0 || M.columns === 0) throw new RangeError(`${name} is empty (${shape(M, "x")})`);
  const bad = M.to1DArray().findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new RangeError(`${name}[${Math.floor(bad / M.columns)}, ${bad % M.columns}] is ${M.to1DArray()[bad]}`);
}

/** The mask as n rows of m booleans, checked. */
function maskRows(mask: AttentionMask | undefined, n: number, m: number): boolean[][] {
  if (mask === undefined) return Array.from({ length: n }, () => new Array<boolean>(m).fill(true));
  if (!Array.isArray(mask))
    throw new TypeError(`mask must be an array of booleans or of rows of booleans, got ${typeof mask}`);
  const perQuery = mask.length > 0 && Array.isArray(mask[0]);
  const rows = (perQuery ? mask : Array.from({ length: n }, () => mask)) as readonly (readonly boolean[])[];
  if (rows.length !== n) throw new RangeError(`mask has ${rows.length} rows but there are ${n} queries`);
  return rows.map((row, i) => {
    if (!Array.isArray(row) || row.length !== m)
      throw new RangeError(
        `mask${perQuery ? `[${i}]` : ""} must have ${m} entries (one per key), got ${Array.isArray(row) ? row.length : typeof row}`,
      );
    if (row.some((v) => typeof v !== "boolean"))
      throw new TypeError(`mask${perQuery ? `[${i}]` : ""} must hold booleans (true = may attend)`);
    if (!row.includes(true))
      throw new RangeError(`mask${perQuery ? `[${i}]` : ""} allows no key: query ${i} has nothing to attend to`);
    return [...row];
  });
}

function checkShapes(Q: Matrix, K: Matrix, V: Matrix, scale: number): void {
  assertFiniteMatrix("Q", Q);
  assertFiniteMatrix("K", K);
  assertFiniteMatrix("V", V);
  assertFiniteNumber("scale", scale);
  if (K.columns !== Q.columns)
    throw new RangeError(`Q is ${shape(Q, "x")} but K is ${shape(K, "x")}: queries and keys need the same width`);
  if (V.rows !== K.rows) throw new RangeError(`K has ${K.rows} rows but V has ${V.rows}: one value per key`);
}

/**
 * Dot-product attention of queries Q over keys K and values V (one sequence, a row per position).
 * @taught N7
 */
export function dotAttention(Q: Matrix, K: Matrix, V: Matrix, { scale = 1, mask }: AttentionOptions = {}): Attention {
  checkShapes(Q, K, V, scale);
  const allowed = maskRows(mask, Q.rows, K.rows);
  const scores = Q.mmul(K.transpose()).mul(scale);
  const weights = new Matrix(Q.rows, K.rows);
  for (let i = 0; i < Q.rows; i++) {
    let top = -Infinity;
    for (let j = 0; j < K.rows; j++) {
      if (allowed[i][j]) top = Math.max(top, scores.get(i, j));
      else scores.set(i, j, -Infinity);
    }
    let total = 0;
    for (let j = 0; j < K.rows; j++) {
      const e = allowed[i][j] ? Math.exp(scores.get(i, j) - top) : 0;
      weights.set(i, j, e);
      total += e;
    }
    for (let j = 0; j < K.rows; j++) weights.set(i, j, weights.get(i, j) / total);
  }
  return { scores, weights, output: weights.mmul(V) };
}

/**
 * The gradients of a loss L for Q, K and V, given dL/d(output) (n x dv):
 * dV = A^T dO; dA = dO V^T; dS = A * (dA - rowsum(A * dA)) (the softmax backward, row by row);
 * dQ = scale dS K; dK = scale dS^T Q. Masked keys have weight 0 and get no gradient through it.
 * @taught N7
 */
export function dotAttentionBackward(
  Q: Matrix,
  K: Matrix,
  V: Matrix,
  dOutput: Matrix,
  options: AttentionOptions = {},
): AttentionGradients {
  const scale = options.scale ?? 1;
  const { weights: A } = dotAttention(Q, K, V, options);
  assertFiniteMatrix("dOutput", dOutput);
  if (dOutput.rows !== Q.rows || dOutput.columns !== V.columns) {
    throw new RangeError(`dOutput must be ${Q.rows}x${V.columns} (queries x value width), got ${shape(dOutput, "x")}`);
  }
  const dA = dOutput.mmul(V.transpose());
  const dV = A.transpose().mmul(dOutput);
  const dS = new Matrix(A.rows, A.columns);
  for (let i = 0; i < A.rows; i++) {
    let dot = 0;
    for (let j = 0; j < A.columns; j++) dot += A.get(i, j) * dA.get(i, j);
    for (let j = 0; j < A.columns; j++) dS.set(i, j, A.get(i, j) * (dA.get(i, j) - dot));
  }
  return { dQ: dS.mmul(K).mul(scale), dK: dS.transpose().mmul(Q).mul(scale), dV };
}

/** @internal */
export interface TfAttention {
  /** [..., n, m] */
  weights: tf.Tensor;
  /** [..., n, dv] */
  output: tf.Tensor;
}

/**
 * `dotAttention` on tfjs for a batch: Q [batch, n, d], K [batch, m, d], V [batch, m, dv];
 * `mask`, if given, is 1 where a query may attend and 0 where not, broadcastable to
 * [batch, n, m] (e.g. [batch, 1, m] for padding). Masked scores get -1e9 added, so their
 * weight is 0 in float32. Call it inside `tf.tidy` (or `tf.variableGrads`): it makes tensors.
 * @taught N7
 */
export function tfDotAttention(
  Q: tf.Tensor,
  K: tf.Tensor,
  V: tf.Tensor,
  { scale = 1, mask }: { scale?: number; mask?: tf.Tensor } = {},
): TfAttention {
  assertFiniteNumber("scale", scale);
  if (Q.rank !== 3 || K.rank !== 3 || V.rank !== 3)
    throw new RangeError(`Q, K and V must be [batch, positions, width], got ranks ${Q.rank}, ${K.rank}, ${V.rank}`);
  if (Q.shape[2] !== K.shape[2])
    throw new RangeError(`Q is [${Q.shape}] but K is [${K.shape}]: queries and keys need the same width`);
  if (K.shape[1] !== V.shape[1]) throw new RangeError(`K is [${K.shape}] but V is [${V.shape}]: one value per key`);
  let scores = tf.matMul(Q, K, false, true);
  if (scale !== 1) scores = tf.mul(scores, scale);
  if (mask) scores = tf.add(scores, tf.mul(tf.sub(1, mask), -1e9));
  const weights = tf.softmax(scores);
  return { weights, output: tf.matMul(weights, V) };
}
