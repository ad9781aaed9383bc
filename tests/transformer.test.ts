import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import {
  positionalEncoding,
  layerNorm,
  layerNormBackward,
  splitHeads,
  mergeHeads,
  multiHeadAttention,
  multiHeadAttentionBackward,
  tfLayerNorm,
  tfSplitHeads,
  tfMergeHeads,
  tfMultiHeadAttention,
  type MultiHeadParams,
} from "../src/transformer";
import { dotAttention } from "../src/attention";
import { gradientCheck, numericGradient } from "../src/derivatives";
import { maxAbsDifference } from "../src/selfcheck";
import { RandomState } from "../src/random";
import { tf } from "../src/backend";
import { tidyMatrix } from "../src/tensors";

const rs = new RandomState(8);
const X = rs.randn(3, 4);
const gamma = rs.randn(1, 4);
const beta = rs.randn(1, 4);
const G = rs.randn(3, 4);
const params: MultiHeadParams = { Wq: rs.randn(4, 4), Wk: rs.randn(4, 4), Wv: rs.randn(4, 4), Wo: rs.randn(4, 4) };

test("positionalEncoding: sin on even columns, cos on odd, the paper's frequencies", () => {
  const PE = positionalEncoding(5, 6);
  assert.equal(PE.rows, 5);
  assert.equal(PE.columns, 6);
  assert.deepEqual(PE.getRow(0), [0, 1, 0, 1, 0, 1]);
  assert.ok(Math.abs(PE.get(3, 2) - Math.sin(3 / 10000 ** (2 / 6))) < 1e-15);
  assert.ok(Math.abs(PE.get(3, 3) - Math.cos(3 / 10000 ** (2 / 6))) < 1e-15);
  // sin^2 + cos^2 = 1: every row has squared length d / 2.
  for (let pos = 0; pos < 5; pos++) assert.ok(Math.abs(PE.getRow(pos).reduce((a, v) => a + v * v, 0) - 3) < 1e-12);
});

test("layerNorm: every row has mean 0 and variance 1 before gamma and beta", () => {
  const { Xhat, Y } = layerNorm(X, gamma, beta);
  for (let i = 0; i < 3; i++) {
    const r = Xhat.getRow(i);
    const mean = r.reduce((a, b) => a + b) / 4;
    const variance = r.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
    assert.ok(Math.abs(mean) < 1e-12);
    assert.ok(Math.abs(variance - 1) < 1e-4); // eps 1e-5
    for (let j = 0; j < 4; j++) assert.ok(Math.abs(Y.get(i, j) - (gamma.get(0, j) * r[j] + beta.get(0, j))) < 1e-12);
  }
});

test("layerNormBackward matches numeric gradients for X, gamma and beta", () => {
  const loss = (x: Matrix, g: Matrix, b: Matrix) => Matrix.mul(layerNorm(x, g, b).Y, G).sum();
  const back = layerNormBackward(G, X, gamma);
  assert.ok(
    gradientCheck(
      back.dX,
      numericGradient((x) => loss(x, gamma, beta), X),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      back.dGamma,
      numericGradient((g) => loss(X, g, beta), gamma),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      back.dBeta,
      numericGradient((b) => loss(X, gamma, b), beta),
    ).ok,
  );
});

test("property: layerNorm ignores a shift and a positive scale of a row", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 6 }),
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.double({ min: 0.5, max: 5, noNaN: true }),
      (row, shift, scale) => {
        fc.pre(Math.max(...row) - Math.min(...row) > 0.5);
        const ones = Matrix.ones(1, row.length);
        const zeros = Matrix.zeros(1, row.length);
        const a = layerNorm(new Matrix([row]), ones, zeros, 1e-12).Y;
        const b = layerNorm(new Matrix([row.map((v) => v * scale + shift)]), ones, zeros, 1e-12).Y;
        return maxAbsDifference(a, b) < 1e-8;
      },
    ),
    { seed: 8, numRuns: 100 },
  );
});

test("property: mergeHeads undoes splitHeads", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      (n, heads, dk) => {
        const M = new RandomState(n * 100 + heads * 10 + dk).randn(n, heads * dk);
        const parts = splitHeads(M, heads);
        return (
          parts.length === heads && parts.every((P) => P.columns === dk) && maxAbsDifference(mergeHeads(parts), M) === 0
        );
      },
    ),
    { seed: 8, numRuns: 50 },
  );
});

test("multiHeadAttention: each head is scaled dot attention on its own columns; one head is plain attention", () => {
  const f = multiHeadAttention(X, params, 2);
  const Q = X.mmul(params.Wq);
  const K = X.mmul(params.Wk);
  const V = X.mmul(params.Wv);
  const head1 = dotAttention(Q.subMatrix(0, 2, 2, 3), K.subMatrix(0, 2, 2, 3), V.subMatrix(0, 2, 2, 3), {
    scale: 1 / Math.sqrt(2),
  });
  assert.ok(maxAbsDifference(f.heads[1].weights, head1.weights) < 1e-15);
  const one = multiHeadAttention(X, params, 1);
  const plain = dotAttention(Q, K, V, { scale: 1 / 2 });
  assert.ok(maxAbsDifference(one.output, plain.output.mmul(params.Wo)) < 1e-12);
});

for (const [name, mask] of [
  ["no mask", undefined],
  ["a padding mask", [false, true, true]],
] as const) {
  test(`multiHeadAttentionBackward matches numeric gradients (${name})`, () => {
    const loss = (x: Matrix, p: MultiHeadParams) =>
      Matrix.mul(multiHeadAttention(x, p, 2, mask && [...mask]).output, G).sum();
    const back = multiHeadAttentionBackward(G, X, params, 2, mask && [...mask]);
    assert.ok(
      gradientCheck(
        back.dX,
        numericGradient((x) => loss(x, params), X),
      ).ok,
    );
    for (const k of ["Wq", "Wk", "Wv", "Wo"] as const) {
      const analytic = back[`d${k}` as const];
      assert.ok(
        gradientCheck(
          analytic,
          numericGradient((W) => loss(X, { ...params, [k]: W }), params[k]),
        ).ok,
        k,
      );
    }
  });
}

test("the tfjs versions equal the from-scratch ones to float32 precision", () => {
  const X2 = rs.randn(3, 4);
  const mask = [
    [1, 1, 1],
    [0, 1, 1],
  ];
  const [ln, mha, weights, roundTrip] = tf.tidy(() => {
    const xs = tf.tensor3d([X.to2DArray(), X2.to2DArray()]);
    const P = Object.fromEntries(Object.entries(params).map(([k, W]) => [k, tf.tensor2d(W.to2DArray())])) as Record<
      keyof MultiHeadParams,
      tf.Tensor2D
    >;
    const m = tfMultiHeadAttention(xs, P, 2, tf.tensor3d(mask.map((r) => [r])));
    return [
      tfLayerNorm(xs, tf.tensor1d(gamma.getRow(0)), tf.tensor2d(beta.to2DArray())).arraySync() as number[][][],
      m.output.arraySync() as number[][][],
      m.weights.arraySync() as number[][][][],
      tfMergeHeads(tfSplitHeads(xs, 2), 2).arraySync() as number[][][],
    ];
  });
  [X, X2].forEach((x, b) => {
    assert.ok(maxAbsDifference(new Matrix(ln[b]), layerNorm(x, gamma, beta).Y) < 1e-5);
    const f = multiHeadAttention(x, params, 2, mask[b].map(Boolean));
    assert.ok(maxAbsDifference(new Matrix(mha[b]), f.output) < 1e-4);
    assert.ok(maxAbsDifference(new Matrix(weights[b][1]), f.heads[1].weights) < 1e-5);
    assert.ok(maxAbsDifference(new Matrix(roundTrip[b]), x) < 1e-6);
  });
  const split = tidyMatrix(() =>
    tfSplitHeads(tf.tensor3d([X.to2DArray()]), 2)
      .slice([1, 0, 0], [1, 3, 2])
      .reshape([3, 2]),
  );
  assert.ok(maxAbsDifference(split, splitHeads(X, 2)[1]) < 1e-6);
});

test("bad input: clear errors naming the problem", () => {
  assert.throws(() => positionalEncoding(0, 4), /length must be a positive integer/);
  assert.throws(() => positionalEncoding(3, 2.5), /dModel must be a positive integer/);
  assert.throws(() => positionalEncoding(3, 4, 1), /base must be greater than 1/);
  assert.throws(() => layerNorm(X, Matrix.ones(1, 3), beta), /gamma must be 1x4/);
  assert.throws(() => layerNorm(X, gamma, beta, 0), /eps must be positive/);
  const bad = X.clone();
  bad.set(1, 2, NaN);
  assert.throws(() => layerNorm(bad, gamma, beta), /X\[1, 2\] is NaN/);
  assert.throws(() => layerNormBackward(Matrix.ones(2, 4), X, gamma), /dY must be 3x4/);
  assert.throws(() => splitHeads(X, 3), /4 columns, which 3 heads cannot share/);
  assert.throws(() => mergeHeads([]), /at least one head/);
  assert.throws(() => mergeHeads([Matrix.ones(3, 2), Matrix.ones(2, 2)]), /heads must have one shape/);
  assert.throws(() => multiHeadAttention(X, { ...params, Wo: Matrix.ones(4, 3) }, 2), /Wo must be 4x4/);
  assert.throws(() => multiHeadAttention(X, params, 3), /cannot be shared equally by 3 heads/);
  assert.throws(() => multiHeadAttention(X, params, 2, [true, true]), /mask must have 3 entries/);
  assert.throws(() => multiHeadAttentionBackward(Matrix.ones(3, 2), X, params, 2), /dOutput must be 3x4/);
  tf.tidy(() => {
    assert.throws(() => tfSplitHeads(tf.zeros([2, 3, 4]), 3), /4 features cannot be shared equally by 3 heads/);
    assert.throws(() => tfSplitHeads(tf.zeros([3, 4]), 2), /must be \[batch, positions, features\]/);
    assert.throws(() => tfLayerNorm(tf.zeros([2, 4]), tf.ones([3]), tf.zeros([4])), /gamma and beta need 4 entries/);
    const P = { Wq: tf.zeros([4, 4]), Wk: tf.zeros([4, 4]), Wv: tf.zeros([4, 4]), Wo: tf.zeros([4, 4]) };
    assert.throws(() => tfMultiHeadAttention(tf.zeros([2, 3, 4]), P, 2, tf.ones([2, 3])), /mask must be \[2, 1, 3\]/);
    assert.throws(
      () => tfMultiHeadAttention(tf.zeros([2, 3, 4]), { ...P, Wk: tf.zeros([4, 2]) }, 2),
      /Wk must be \[4, 4\]/,
    );
  });
});
