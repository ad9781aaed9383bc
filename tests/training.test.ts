/** fit (src/training.ts): the same updates as a plain tfjs loop, seeded batches, penalties, no leaks. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { tf } from "../src/backend";
import { RandomState } from "../src/random";
import { fit } from "../src/training";

const data = () => ({
  xs: tf.randomNormal([50, 3], 0, 1, "float32", 1),
  ys: tf.randomNormal([50, 1], 0, 1, "float32", 2),
});
const model = (regularizer?: ReturnType<typeof tf.regularizers.l2>) =>
  tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [3],
        units: 8,
        activation: "relu",
        kernelInitializer: tf.initializers.heNormal({ seed: 3 }),
        kernelRegularizer: regularizer,
      }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.heNormal({ seed: 4 }) }),
    ],
  });
const weightsOf = (m: tf.LayersModel) => m.getWeights().flatMap((w) => Array.from(w.dataSync()));

test("full-batch fit makes exactly the updates of optimizer.minimize in a loop", async () => {
  const { xs, ys } = data();
  const [a, b] = [model(), model()];
  const [optA, optB] = [tf.train.sgd(0.1), tf.train.sgd(0.1)];
  assert.equal(await fit(a, optA, xs, ys, { epochs: 20 }), 20);
  for (let i = 0; i < 20; i++)
    tf.tidy(() => void optB.minimize(() => tf.losses.meanSquaredError(ys, b.apply(xs) as tf.Tensor) as tf.Scalar));
  assert.deepEqual(weightsOf(a), weightsOf(b));
  tf.dispose([xs, ys]);
  optA.dispose();
  optB.dispose();
  a.dispose();
  b.dispose();
});

test("onEpoch sees the loss before each update, as minimize(f, true) returns it; forward replaces model.apply", async () => {
  const { xs, ys } = data();
  const [a, b] = [model(), model()];
  const [optA, optB] = [tf.train.adam(0.01), tf.train.adam(0.01)];
  const doubled = (m: tf.LayersModel) => (x: tf.Tensor) => tf.mul(m.apply(x) as tf.Tensor, 2);
  const seen: number[][] = [];
  await fit(a, optA, xs, ys, { epochs: 5, forward: doubled(a), onEpoch: (_, losses) => void seen.push(losses) });
  const want: number[][] = [];
  for (let i = 0; i < 5; i++) {
    const objective = () => tf.losses.meanSquaredError(ys, doubled(b)(xs)) as tf.Scalar;
    want.push([tf.tidy(() => optB.minimize(objective, true)?.dataSync()[0] as number)]);
  }
  assert.deepEqual(seen, want);
  assert.deepEqual(weightsOf(a), weightsOf(b));
  tf.dispose([xs, ys]);
  for (const t of [optA, optB, a, b]) t.dispose();
});

test("seeded mini-batches: the same RandomState seed gives the same weights, another seed others; no tensor leaks", async () => {
  const { xs, ys } = data();
  const before = tf.memory().numTensors;
  const run = async (seed: number) => {
    const m = model();
    const optimizer = tf.train.adam(0.01);
    const sizes: number[] = [];
    const updates = await fit(m, optimizer, xs, ys, {
      epochs: 3,
      batchSize: 16,
      rng: new RandomState(seed),
      onEpoch: (_, losses) => void sizes.push(losses.length),
    });
    assert.deepEqual(sizes, [4, 4, 4], "one loss per update");
    const weights = weightsOf(m);
    m.dispose();
    optimizer.dispose();
    return { updates, weights };
  };
  const [first, again, other] = [await run(0), await run(0), await run(1)];
  assert.equal(first.updates, 3 * 4, "50 rows in batches of 16: 4 updates per epoch");
  assert.deepEqual(again.weights, first.weights);
  assert.notDeepEqual(other.weights, first.weights);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([xs, ys]);
});

test("a kernel regularizer's penalty is part of the loss fit minimizes", async () => {
  const { xs, ys } = data();
  const [plain, penalized] = [model(), model(tf.regularizers.l2({ l2: 10 }))];
  for (const m of [plain, penalized]) await fit(m, tf.train.sgd(0.05), xs, ys, { epochs: 30 });
  const kernelNorm = (m: tf.LayersModel) => tf.tidy(() => m.layers[0].getWeights()[0].square().sum().dataSync()[0]);
  assert.ok(kernelNorm(penalized) < 0.5 * kernelNorm(plain), `${kernelNorm(penalized)} vs ${kernelNorm(plain)}`);
  tf.dispose([xs, ys]);
  plain.dispose();
  penalized.dispose();
});
