import { test } from "node:test";
import assert from "node:assert/strict";
import { assertNativeBackend, backendReport, tf } from "../src/backend";

test("tfjs runs on the native TensorFlow backend", () => {
  assert.equal(tf.getBackend(), "tensorflow");
  assert.doesNotThrow(() => assertNativeBackend());
});

test("backendReport names the backend and the versions", () => {
  const report = backendReport();
  assert.match(report, /backend: tensorflow/);
  assert.ok(report.includes(`tfjs ${tf.version["tfjs-core"]}`), report);
  assert.match(report, /tfjs-node \d+\.\d+\.\d+/);
  assert.ok(report.includes(`node ${process.versions.node}`), report);
});

test("a small matmul on the native backend gives the right numbers", async () => {
  const a = tf.tensor2d([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  const b = tf.tensor2d([
    [7, 8],
    [9, 10],
    [11, 12],
  ]);
  const c = tf.matMul(a, b);
  assert.deepEqual(c.shape, [2, 2]);
  // [1*7 + 2*9 + 3*11, 1*8 + 2*10 + 3*12], [4*7 + 5*9 + 6*11, 4*8 + 5*10 + 6*12]
  assert.deepEqual(await c.array(), [
    [58, 64],
    [139, 154],
  ]);
  tf.dispose([a, b, c]);
});

test("autograd on the native backend: d/dx sum(x^2) = 2x", async () => {
  const x = tf.tensor1d([1, -2, 0.5]);
  const grad = tf.grad((v: tf.Tensor) => v.square().sum())(x);
  assert.deepEqual(Array.from(await grad.data()), [2, -4, 1]);
  tf.dispose([x, grad]);
});

test("assertNativeBackend refuses the pure-JavaScript backend, naming it", async () => {
  await tf.setBackend("cpu");
  try {
    assert.equal(tf.getBackend(), "cpu");
    assert.throws(() => assertNativeBackend(), /running on the 'cpu' backend, not the native 'tensorflow' one/);
    assert.throws(() => backendReport(), /'cpu' backend/);
  } finally {
    await tf.setBackend("tensorflow");
  }
  assert.equal(tf.getBackend(), "tensorflow");
});

test("the ReLU derivative step(x) runs the course's two-op kernel and gives tfjs's values, NaN and leaky alpha included", async () => {
  const kernel = tf.getKernel("Step", "tensorflow");
  assert.ok(
    kernel && Symbol.for("deep-learning-course.fastStep") in kernel,
    "tf.step is still tfjs-node's seven-op kernel",
  );
  const x = tf.tensor1d([-2, -0, 0, 1e-30, 3, NaN, Infinity, -Infinity]);
  const step = tf.step(x);
  assert.deepEqual(Array.from(await step.data()), [0, 0, 0, 1, 1, NaN, 1, 0]);
  const leaky = tf.step(x, 0.1); // alpha != 0 keeps tfjs-node's own kernel
  assert.deepEqual(
    Array.from(await leaky.data()).map((v) => Math.round(v * 10) / 10),
    [0.1, 0.1, 0.1, 1, 1, NaN, 1, 0.1],
  );
  const grad = tf.grad((v: tf.Tensor) => tf.relu(v).sum())(x);
  assert.deepEqual(Array.from(await grad.data()), [0, 0, 0, 1, 1, NaN, 1, 0], "relu's gradient, through step");
  tf.dispose([x, step, leaky, grad]);
});

test("TensorFlow runs one thread per op unless the environment says otherwise", () => {
  assert.equal(process.env.TF_NUM_INTRAOP_THREADS, "1");
  assert.match(backendReport(), /1 thread per op/);
});
