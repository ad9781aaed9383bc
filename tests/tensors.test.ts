import { test } from "node:test";
import assert from "node:assert/strict";
import { tf } from "../src/backend";
import { summedGradients, tidyMatrix, toMatrix } from "../src/tensors";

test("toMatrix keeps 2-D shapes and lays scalars and 1-D tensors out as one row", () => {
  tf.tidy(() => {
    assert.deepEqual(
      toMatrix(
        tf.tensor2d([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      ).to2DArray(),
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    );
    assert.deepEqual(toMatrix(tf.tensor1d([1, 2, 3])).to2DArray(), [[1, 2, 3]]);
    assert.deepEqual(toMatrix(tf.scalar(7)).to2DArray(), [[7]]);
    assert.throws(() => toMatrix(tf.zeros([1, 2, 3])), /rank 0-2, got shape \[1, 2, 3\]/);
  });
});

test("tidyMatrix returns the values and leaves no tensor behind", () => {
  const before = tf.memory().numTensors;
  const M = tidyMatrix(() =>
    tf
      .tensor2d([
        [1, 2],
        [3, 4],
      ])
      .matMul(tf.eye(2)),
  );
  assert.deepEqual(M.to2DArray(), [
    [1, 2],
    [3, 4],
  ]);
  assert.equal(tf.memory().numTensors, before);
});

test("summedGradients: n times tfjs autograd of a mean loss, one matrix per trainable weight", () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
  tf.tidy(() => model.setWeights([tf.tensor2d([[2]]), tf.tensor1d([0.5])]));
  const x = tf.tensor2d([[1], [3]]);
  const y = tf.tensor2d([[0], [1]]);
  const before = tf.memory().numTensors;
  // L = sum (2x + 0.5 - y)^2 = 2.5^2 + 5.5^2; dL/dw = 2 (2.5 * 1 + 5.5 * 3) = 38, dL/db = 2 (2.5 + 5.5) = 16
  const { loss, grads } = summedGradients(
    model,
    () => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor) as tf.Scalar,
    2,
  );
  assert.ok(Math.abs(loss - 36.5) < 1e-4);
  assert.ok(Math.abs(grads[0].get(0, 0) - 38) < 1e-4 && Math.abs(grads[1].get(0, 0) - 16) < 1e-4);
  assert.equal(tf.memory().numTensors, before, "no tensor is left behind");
  assert.throws(() => summedGradients(model, () => tf.scalar(0), 0), /n must be a positive number of terms, got 0/);
  tf.dispose([x, y]);
  model.dispose();
});
