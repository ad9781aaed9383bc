import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { dotAttention, dotAttentionBackward, tfDotAttention, type AttentionOptions } from "../src/attention";
import { gradientCheck, numericGradient } from "../src/derivatives";
import { maxAbsDifference } from "../src/selfcheck";
import { RandomState } from "../src/random";
import { tf } from "../src/backend";
import { toMatrix } from "../src/tensors";

const rs = new RandomState(17);
// 2 queries, 4 keys of width 3, values of width 2.
const Q = rs.randn(2, 3);
const K = rs.randn(4, 3);
const V = rs.randn(4, 2);
// L = sum(C * output): dL/d(output) = C.
const C = rs.randn(2, 2);
const lossOf = (q: Matrix, k: Matrix, v: Matrix, options: AttentionOptions) =>
  Matrix.mul(dotAttention(q, k, v, options).output, C).sum();

test("dotAttention is softmax(scale Q K^T) V, entry by entry", () => {
  const scale = 0.5;
  const { scores, weights, output } = dotAttention(Q, K, V, { scale });
  for (let i = 0; i < 2; i++) {
    const s = [0, 1, 2, 3].map((j) => scale * [0, 1, 2].reduce((sum, c) => sum + Q.get(i, c) * K.get(j, c), 0));
    const e = s.map(Math.exp);
    const total = e.reduce((a, b) => a + b);
    for (let j = 0; j < 4; j++) {
      assert.ok(Math.abs(scores.get(i, j) - s[j]) < 1e-12);
      assert.ok(Math.abs(weights.get(i, j) - e[j] / total) < 1e-12);
    }
    for (let c = 0; c < 2; c++) {
      const o = [0, 1, 2, 3].reduce((sum, j) => sum + (e[j] / total) * V.get(j, c), 0);
      assert.ok(Math.abs(output.get(i, c) - o) < 1e-12);
    }
  }
});

test("a masked key gets weight 0 and its value does not matter", () => {
  const mask = [true, false, true, true];
  const a = dotAttention(Q, K, V, { mask });
  assert.deepEqual(a.weights.getColumn(1), [0, 0]);
  assert.deepEqual(a.scores.getColumn(1), [-Infinity, -Infinity]);
  const V2 = V.clone();
  V2.setRow(1, [100, -100]);
  assert.ok(maxAbsDifference(dotAttention(Q, K, V2, { mask }).output, a.output) < 1e-15);
  // A per-query mask: query 0 sees only key 2.
  const b = dotAttention(Q, K, V, {
    mask: [
      [false, false, true, false],
      [true, true, true, true],
    ],
  });
  assert.deepEqual(b.weights.getRow(0), [0, 0, 1, 0]);
  assert.deepEqual(b.output.getRow(0), V.getRow(2));
});

for (const [name, options] of [
  ["plain", {}],
  ["scaled and masked", { scale: 1 / Math.sqrt(3), mask: [true, true, false, true] }],
  [
    "a causal-like per-query mask",
    {
      mask: [
        [true, false, false, false],
        [true, true, false, false],
      ],
    },
  ],
] as [string, AttentionOptions][]) {
  test(`dotAttentionBackward matches numeric gradients for Q, K, V (${name})`, () => {
    const g = dotAttentionBackward(Q, K, V, C, options);
    assert.ok(
      gradientCheck(
        g.dQ,
        numericGradient((q) => lossOf(q, K, V, options), Q),
      ).ok,
    );
    assert.ok(
      gradientCheck(
        g.dK,
        numericGradient((k) => lossOf(Q, k, V, options), K),
      ).ok,
    );
    assert.ok(
      gradientCheck(
        g.dV,
        numericGradient((v) => lossOf(Q, K, v, options), V),
      ).ok,
    );
  });
}

test("tfDotAttention equals dotAttention on a batch, with a padding mask, to float32 precision", () => {
  const K2 = rs.randn(4, 3);
  const V2 = rs.randn(4, 2);
  const masks = [
    [true, true, true, true],
    [false, true, true, true],
  ];
  const [weights, output] = tf.tidy(() => {
    const a = tfDotAttention(
      tf.tensor3d([Q.to2DArray(), Q.to2DArray()]),
      tf.tensor3d([K.to2DArray(), K2.to2DArray()]),
      tf.tensor3d([V.to2DArray(), V2.to2DArray()]),
      {
        scale: 0.7,
        mask: tf.tensor3d(masks.map((m) => [m.map(Number)])),
      },
    );
    return [a.weights.arraySync() as number[][][], a.output.arraySync() as number[][][]];
  });
  [
    [K, V],
    [K2, V2],
  ].forEach(([k, v], b) => {
    const a = dotAttention(Q, k, v, { scale: 0.7, mask: masks[b] });
    assert.ok(maxAbsDifference(new Matrix(weights[b]), a.weights) < 1e-6);
    assert.ok(maxAbsDifference(new Matrix(output[b]), a.output) < 1e-5);
  });
});

test("tfjs autograd through tfDotAttention equals dotAttentionBackward", () => {
  const mask = [true, false, true, true];
  const ours = dotAttentionBackward(Q, K, V, C, { mask });
  let grads: Matrix[] = [];
  tf.tidy(() => {
    const f = (q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) =>
      tf.sum(
        tf.mul(
          tfDotAttention(q.expandDims(0), k.expandDims(0), v.expandDims(0), {
            mask: tf.tensor3d([[mask.map(Number)]]),
          }).output.squeeze([0]),
          tf.tensor2d(C.to2DArray()),
        ),
      );
    grads = tf
      .grads(f)([tf.tensor2d(Q.to2DArray()), tf.tensor2d(K.to2DArray()), tf.tensor2d(V.to2DArray())])
      .map(toMatrix);
  });
  [ours.dQ, ours.dK, ours.dV].forEach((g, i) => assert.ok(maxAbsDifference(grads[i], g) < 1e-5));
});

test("bad input: shapes, masks and values are named", () => {
  const rejects = (f: () => unknown, message: RegExp) => assert.throws(f, (e: Error) => message.test(e.message));
  rejects(() => dotAttention(Q, rs.randn(4, 2), V), /queries and keys need the same width/);
  rejects(() => dotAttention(Q, K, rs.randn(3, 2)), /one value per key/);
  rejects(() => dotAttention(Q, K, V, { mask: [true, true, true] }), /mask must have 4 entries/);
  rejects(() => dotAttention(Q, K, V, { mask: [[true, true, true, true]] }), /mask has 1 rows but there are 2 queries/);
  rejects(() => dotAttention(Q, K, V, { mask: [false, false, false, false] }), /allows no key/);
  rejects(() => dotAttention(Q, K, V, { mask: [1, 0, 1, 1] as unknown as boolean[] }), /booleans/);
  rejects(() => dotAttention(new Matrix([[1, NaN, 0]]), K, V), /Q\[0, 1\] is NaN/);
  rejects(() => dotAttention(Q, K, V, { scale: Infinity }), /scale must be finite/);
  rejects(() => dotAttentionBackward(Q, K, V, rs.randn(2, 3)), /dOutput must be 2x2/);
  rejects(
    () => tf.tidy(() => tfDotAttention(tf.zeros([2, 3]), tf.zeros([1, 4, 3]), tf.zeros([1, 4, 2])).output),
    /must be \[batch, positions, width\]/,
  );
});

test("property: weights are probabilities over the allowed keys, and the output lies within the values' range", () => {
  const shape = fc.record({
    n: fc.integer({ min: 1, max: 4 }),
    m: fc.integer({ min: 1, max: 5 }),
    d: fc.integer({ min: 1, max: 3 }),
    s: fc.nat(1000),
  });
  fc.assert(
    fc.property(shape, fc.double({ min: 0.01, max: 10, noNaN: true }), ({ n, m, d, s }, scale) => {
      const r = new RandomState(s);
      const mask = Array.from({ length: m }, (_, j) => j === s % m || r.rand() < 0.6);
      const q = r.randn(n, d).mul(3);
      const k = r.randn(m, d).mul(3);
      const v = r.randn(m, 2);
      const { weights, output } = dotAttention(q, k, v, { scale, mask });
      const allowedValues = v.to2DArray().filter((_, j) => mask[j]);
      return (
        weights
          .to2DArray()
          .every(
            (row) =>
              Math.abs(row.reduce((a, b) => a + b) - 1) < 1e-12 && row.every((w, j) => w >= 0 && (mask[j] || w === 0)),
          ) &&
        [0, 1].every((c) =>
          output
            .getColumn(c)
            .every(
              (o) =>
                o >= Math.min(...allowedValues.map((x) => x[c])) - 1e-12 &&
                o <= Math.max(...allowedValues.map((x) => x[c])) + 1e-12,
            ),
        )
      );
    }),
  );
});
