/**
 * The pieces of a transformer (트랜스포머) encoder besides scaled dot-product attention itself
 * (`./attention`): sinusoidal positional encoding, layer normalization forward and backward,
 * splitting a sequence's features into heads and merging them back, and multi-head
 * self-attention forward and backward; with tfjs versions for a batch.
 *
 * Layout: one sequence, a row per position (n x d), as in `./attention`.
 */
import { Matrix } from "ml-matrix";
import { tf } from "./backend";
import { dotAttention, dotAttentionBackward, tfDotAttention, type Attention, type AttentionMask } from "./attention";
import { assertFiniteNumber, assertPositiveInteger } from "./validate";
import { shape } from "./display";

function assertFiniteMatrix(name: string, M: Matrix): void {
  if (!(M instanceof Matrix)) throw new TypeError(`${name} must be a Matrix, got ${typeof M}`);
  if (M.rows === 0 || M.columns === 0) throw new RangeError(`${name} is empty (${shape(M, "x")})`);
  const values = M.to1DArray();
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${name}[${Math.floor(bad / M.columns)}, ${bad % M.columns}] is ${values[bad]}`);
}

/**
 * The sinusoidal positional encoding of "Attention is all you need": a `length` x `dModel`
 * matrix with PE[pos, 2i] = sin(pos / 10000^(2i/dModel)) and PE[pos, 2i+1] = cos(the same
 * angle). Added to the token embeddings, it tells attention where each token stands.
 * @taught N8
 */
export function positionalEncoding(length: number, dModel: number, base = 10000): Matrix {
  assertPositiveInteger("length", length);
  assertPositiveInteger("dModel", dModel);
  assertFiniteNumber("base", base);
  if (base <= 1) throw new RangeError(`base must be greater than 1, got ${base}`);
  const PE = new Matrix(length, dModel);
  for (let pos = 0; pos < length; pos++) {
    for (let j = 0; j < dModel; j++) {
      const angle = pos / base ** ((2 * Math.floor(j / 2)) / dModel);
      PE.set(pos, j, j % 2 === 0 ? Math.sin(angle) : Math.cos(angle));
    }
  }
  return PE;
}

/** @internal */
export interface LayerNorm {
  /** gamma * Xhat + beta, n x d. */
  Y: Matrix;
  /** Each row minus its mean, divided by sqrt(its variance + eps), n x d. */
  Xhat: Matrix;
  /** 1 / sqrt(variance + eps) of each row, n x 1. */
  invStd: Matrix;
}

function checkLayerNorm(X: Matrix, gamma: Matrix, beta: Matrix, eps: number): void {
  assertFiniteMatrix("X", X);
  assertFiniteMatrix("gamma", gamma);
  assertFiniteMatrix("beta", beta);
  assertFiniteNumber("eps", eps);
  if (eps <= 0) throw new RangeError(`eps must be positive, got ${eps}`);
  for (const [name, M] of [
    ["gamma", gamma],
    ["beta", beta],
  ] as const) {
    if (M.rows !== 1 || M.columns !== X.columns)
      throw new RangeError(`${name} must be 1x${X.columns} (one per feature of X), got ${shape(M, "x")}`);
  }
}

/**
 * Layer normalization (층 정규화): each row (one position) is normalized over its own d
 * features, Xhat = (x - mean) / sqrt(var + eps) with the biased variance, then scaled and
 * shifted per feature: Y = gamma * Xhat + beta. Unlike batch normalization (L4) it needs no
 * batch and behaves the same in training and use. eps 1e-5 as PyTorch's nn.LayerNorm.
 * @taught N8
 */
export function layerNorm(X: Matrix, gamma: Matrix, beta: Matrix, eps = 1e-5): LayerNorm {
  checkLayerNorm(X, gamma, beta, eps);
  const d = X.columns;
  const Xhat = new Matrix(X.rows, d);
  const invStd = new Matrix(X.rows, 1);
  for (let i = 0; i < X.rows; i++) {
    const row = X.getRow(i);
    const mean = row.reduce((a, b) => a + b, 0) / d;
    const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / d;
    const s = 1 / Math.sqrt(variance + eps);
    invStd.set(i, 0, s);
    for (let j = 0; j < d; j++) Xhat.set(i, j, (row[j] - mean) * s);
  }
  const Y = Xhat.clone().mulRowVector(gamma.getRow(0)).addRowVector(beta.getRow(0));
  return { Y, Xhat, invStd };
}

/**
 * The gradients of a loss for layerNorm's X, gamma and beta, given dL/dY (n x d):
 * dBeta = column sums of dY; dGamma = column sums of dY * Xhat; with G = dY * gamma, each row
 * dX = invStd / d * (d G - sum(G) - Xhat sum(G * Xhat)).
 * @taught N8
 */
export function layerNormBackward(
  dY: Matrix,
  X: Matrix,
  gamma: Matrix,
  eps = 1e-5,
): { dX: Matrix; dGamma: Matrix; dBeta: Matrix } {
  const { Xhat, invStd } = layerNorm(X, gamma, Matrix.zeros(1, X.columns), eps);
  assertFiniteMatrix("dY", dY);
  if (dY.rows !== X.rows || dY.columns !== X.columns)
    throw new RangeError(`dY must be ${shape(X, "x")} like X, got ${shape(dY, "x")}`);
  const d = X.columns;
  const G = dY.clone().mulRowVector(gamma.getRow(0));
  const dX = new Matrix(X.rows, d);
  for (let i = 0; i < X.rows; i++) {
    let sumG = 0;
    let sumGX = 0;
    for (let j = 0; j < d; j++) {
      sumG += G.get(i, j);
      sumGX += G.get(i, j) * Xhat.get(i, j);
    }
    for (let j = 0; j < d; j++)
      dX.set(i, j, (invStd.get(i, 0) / d) * (d * G.get(i, j) - sumG - Xhat.get(i, j) * sumGX));
  }
  return {
    dX,
    dGamma: Matrix.rowVector(Matrix.mul(dY, Xhat).sum("column")),
    dBeta: Matrix.rowVector(dY.sum("column")),
  };
}

/**
 * The columns of X (n x d) cut into `heads` blocks of d / heads: head h gets columns h*dk .. (h+1)*dk - 1.
 * @taught N8
 */
export function splitHeads(X: Matrix, heads: number): Matrix[] {
  assertFiniteMatrix("X", X);
  assertPositiveInteger("heads", heads);
  if (X.columns % heads !== 0)
    throw new RangeError(`X has ${X.columns} columns, which ${heads} heads cannot share equally`);
  const dk = X.columns / heads;
  return Array.from({ length: heads }, (_, h) => X.subMatrix(0, X.rows - 1, h * dk, (h + 1) * dk - 1));
}

/**
 * The inverse of splitHeads: the heads' columns side by side.
 * @taught N8
 */
export function mergeHeads(parts: readonly Matrix[]): Matrix {
  if (!Array.isArray(parts) || parts.length === 0) throw new RangeError("mergeHeads needs at least one head");
  parts.forEach((P, h) => assertFiniteMatrix(`parts[${h}]`, P));
  const { rows, columns } = parts[0];
  parts.forEach((P, h) => {
    if (P.rows !== rows || P.columns !== columns)
      throw new RangeError(
        `parts[${h}] is ${shape(P, "x")} but parts[0] is ${rows}x${columns}: heads must have one shape`,
      );
  });
  const M = new Matrix(rows, columns * parts.length);
  parts.forEach((P, h) => M.setSubMatrix(P, 0, h * columns));
  return M;
}

/**
 * The projections of multi-head self-attention, each d x d (no biases).
 * @taught N8
 */
export interface MultiHeadParams {
  Wq: Matrix;
  Wk: Matrix;
  Wv: Matrix;
  Wo: Matrix;
}

/** @internal */
export interface MultiHeadAttention {
  Q: Matrix;
  K: Matrix;
  V: Matrix;
  /** Each head's scaled dot-product attention (weights n x n, output n x dk). */
  heads: Attention[];
  /** The heads' outputs merged, n x d. */
  concat: Matrix;
  /** concat Wo, n x d. */
  output: Matrix;
}

function checkMultiHead(X: Matrix, p: MultiHeadParams, heads: number): void {
  assertFiniteMatrix("X", X);
  assertPositiveInteger("heads", heads);
  const d = X.columns;
  for (const name of ["Wq", "Wk", "Wv", "Wo"] as const) {
    assertFiniteMatrix(name, p[name]);
    if (p[name].rows !== d || p[name].columns !== d)
      throw new RangeError(`${name} must be ${d}x${d} (X has ${d} features), got ${p[name].rows}x${p[name].columns}`);
  }
  if (d % heads !== 0) throw new RangeError(`d = ${d} features cannot be shared equally by ${heads} heads`);
}

/**
 * Multi-head self-attention of one sequence X (n x d): Q = X Wq, K = X Wk, V = X Wv, each cut
 * into `heads` blocks of dk = d / heads columns; each head is dotAttention with scale
 * 1/sqrt(dk) (and the mask, e.g. padding); the heads' outputs are merged and projected by Wo.
 * @taught N8
 */
export function multiHeadAttention(
  X: Matrix,
  p: MultiHeadParams,
  heads: number,
  mask?: AttentionMask,
): MultiHeadAttention {
  checkMultiHead(X, p, heads);
  const Q = X.mmul(p.Wq);
  const K = X.mmul(p.Wk);
  const V = X.mmul(p.Wv);
  const scale = 1 / Math.sqrt(X.columns / heads);
  const [Qs, Ks, Vs] = [Q, K, V].map((M) => splitHeads(M, heads));
  const results = Qs.map((Qh, h) => dotAttention(Qh, Ks[h], Vs[h], { scale, mask }));
  const concat = mergeHeads(results.map((r) => r.output));
  return { Q, K, V, heads: results, concat, output: concat.mmul(p.Wo) };
}

/**
 * The gradients of a loss for X and the four projections of multiHeadAttention, given
 * dL/d(output) (n x d): back through Wo, split into heads, each head by dotAttentionBackward,
 * merged, back through Wq, Wk, Wv; X gets the sum of the three paths.
 * @taught N8
 */
export function multiHeadAttentionBackward(
  dOutput: Matrix,
  X: Matrix,
  p: MultiHeadParams,
  heads: number,
  mask?: AttentionMask,
): { dX: Matrix; dWq: Matrix; dWk: Matrix; dWv: Matrix; dWo: Matrix } {
  const f = multiHeadAttention(X, p, heads, mask);
  assertFiniteMatrix("dOutput", dOutput);
  if (dOutput.rows !== X.rows || dOutput.columns !== X.columns)
    throw new RangeError(`dOutput must be ${shape(X, "x")} like X, got ${shape(dOutput, "x")}`);
  const scale = 1 / Math.sqrt(X.columns / heads);
  const dWo = f.concat.transpose().mmul(dOutput);
  const dConcat = splitHeads(dOutput.mmul(p.Wo.transpose()), heads);
  const [Qs, Ks, Vs] = [f.Q, f.K, f.V].map((M) => splitHeads(M, heads));
  const back = Qs.map((Qh, h) => dotAttentionBackward(Qh, Ks[h], Vs[h], dConcat[h], { scale, mask }));
  const dQ = mergeHeads(back.map((b) => b.dQ));
  const dK = mergeHeads(back.map((b) => b.dK));
  const dV = mergeHeads(back.map((b) => b.dV));
  const Xt = X.transpose();
  const dX = dQ.mmul(p.Wq.transpose()).add(dK.mmul(p.Wk.transpose())).add(dV.mmul(p.Wv.transpose()));
  return { dX, dWq: Xt.mmul(dQ), dWk: Xt.mmul(dK), dWv: Xt.mmul(dV), dWo };
}

/**
 * `layerNorm` on tfjs over the last axis of X [..., d]; gamma and beta [d] or [1, d]. Call inside tf.tidy.
 * @taught N8
 */
export function tfLayerNorm(X: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor {
  assertFiniteNumber("eps", eps);
  const d = X.shape[X.rank - 1];
  if (gamma.size !== d || beta.size !== d)
    throw new RangeError(`gamma and beta need ${d} entries (X's last axis), got ${gamma.size} and ${beta.size}`);
  const { mean, variance } = tf.moments(X, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(X, mean), tf.sqrt(tf.add(variance, eps))), gamma.reshape([d])), beta.reshape([d]));
}

/**
 * [batch, n, d] -> [batch * heads, n, d / heads]: each head becomes a sequence of its own.
 * @internal
 */
export function tfSplitHeads(X: tf.Tensor, heads: number): tf.Tensor3D {
  assertPositiveInteger("heads", heads);
  if (X.rank !== 3) throw new RangeError(`X must be [batch, positions, features], got rank ${X.rank}`);
  const [b, n, d] = X.shape;
  if (d % heads !== 0) throw new RangeError(`${d} features cannot be shared equally by ${heads} heads`);
  return X.reshape([b, n, heads, d / heads])
    .transpose([0, 2, 1, 3])
    .reshape([b * heads, n, d / heads]);
}

/**
 * The inverse of tfSplitHeads: [batch * heads, n, dk] -> [batch, n, heads * dk].
 * @internal
 */
export function tfMergeHeads(X: tf.Tensor, heads: number): tf.Tensor3D {
  assertPositiveInteger("heads", heads);
  if (X.rank !== 3) throw new RangeError(`X must be [batch * heads, positions, dk], got rank ${X.rank}`);
  const [bh, n, dk] = X.shape;
  if (bh % heads !== 0) throw new RangeError(`the first axis (${bh}) is not a multiple of ${heads} heads`);
  return X.reshape([bh / heads, heads, n, dk])
    .transpose([0, 2, 1, 3])
    .reshape([bh / heads, n, heads * dk]);
}

/**
 * `multiHeadAttention` on tfjs for a batch X [batch, n, d], with the projections as d x d
 * tensors; `mask` (1 = may attend, 0 = not) is [batch, 1, n] for padding. Returns the output
 * [batch, n, d] and each head's weights [batch, heads, n, n]. Call inside tf.tidy.
 * @taught N8
 */
export function tfMultiHeadAttention(
  X: tf.Tensor,
  p: { Wq: tf.Tensor; Wk: tf.Tensor; Wv: tf.Tensor; Wo: tf.Tensor },
  heads: number,
  mask?: tf.Tensor,
): { output: tf.Tensor3D; weights: tf.Tensor4D } {
  if (X.rank !== 3) throw new RangeError(`X must be [batch, positions, features], got rank ${X.rank}`);
  const [b, n, d] = X.shape;
  for (const name of ["Wq", "Wk", "Wv", "Wo"] as const) {
    if (p[name].rank !== 2 || p[name].shape[0] !== d || p[name].shape[1] !== d)
      throw new RangeError(`${name} must be [${d}, ${d}], got [${p[name].shape}]`);
  }
  const flat = X.reshape([b * n, d]);
  const [Q, K, V] = [p.Wq, p.Wk, p.Wv].map((W) => tfSplitHeads(flat.matMul(W).reshape([b, n, d]), heads));
  let headMask: tf.Tensor | undefined;
  if (mask) {
    if (mask.rank !== 3 || mask.shape[0] !== b || mask.shape[1] !== 1 || mask.shape[2] !== n)
      throw new RangeError(`mask must be [${b}, 1, ${n}], got [${mask.shape}]`);
    headMask = tf.tile(mask.expandDims(1), [1, heads, 1, 1]).reshape([b * heads, 1, n]);
  }
  const { weights, output } = tfDotAttention(Q, K, V, { scale: 1 / Math.sqrt(d / heads), mask: headMask });
  const merged = tfMergeHeads(output, heads);
  return {
    output: merged
      .reshape([b * n, d])
      .matMul(p.Wo)
      .reshape([b, n, d]) as tf.Tensor3D,
    weights: weights.reshape([b, heads, n, n]) as tf.Tensor4D,
  };
}
