import { test } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import { assertNativeBackend, backendReport, tf } from "../src/backend";
import { intraOpThreads } from "../src/native-threads";
import { RandomState } from "../src/random";

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
    kernel && Symbol.for("deep-learning-course.fastKernel") in kernel,
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

test("tanh's derivative runs as one TensorFlow op, with tfjs's values bit for bit", async () => {
  const gradient = tf.getGradient("Tanh");
  assert.ok(gradient && Symbol.for("deep-learning-course.fastKernel") in gradient, "still tfjs's own four-op gradient");
  // tfjs-core's Tanh_grad, written out.
  const tfjs = (y: tf.Tensor, dy: tf.Tensor) => tf.mul(tf.sub(tf.scalar(1), tf.square(y)), dy);
  const op = (y: tf.Tensor, dy: tf.Tensor) => tf.engine().runKernel("TanhGrad", { y, dy }) as tf.Tensor;
  const special = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, 1e-30, -3.4e38, 1e-45];
  const pairs = special.flatMap((a) => special.map((b) => [a, b]));
  const [y, dy] = [tf.tensor1d(pairs.map(([a]) => a)), tf.tensor1d(pairs.map(([, b]) => b))];
  assert.deepEqual(Array.from(await op(y, dy).data()), Array.from(await tfjs(y, dy).data()), "special values");
  // Small tensors too: TensorFlow computes their elements one by one, not in vector registers.
  for (const n of [1, 3, 4, 8, 9, 17, 10000]) {
    const x = tf.randomNormal([n], 0, 3, "float32", n);
    const dx = tf.randomNormal([n], 0, 2, "float32", n + 1);
    const viaGrad = tf.grad((v: tf.Tensor) => tf.tanh(v))(x, dx);
    assert.deepEqual(Array.from(await viaGrad.data()), Array.from(await tfjs(tf.tanh(x), dx).data()), `${n} values`);
  }
});

test("a small matrix product runs as Eigen's BatchMatMulV3, with tfjs-node's BatchMatMulV2 values bit for bit", async () => {
  const kernel = tf.getKernel("BatchMatMul", "tensorflow");
  assert.ok(kernel && Symbol.for("deep-learning-course.fastKernel") in kernel, "still tfjs-node's own kernel");
  const backend = tf.backend() as unknown as {
    executeSingleOutput(name: string, attrs: unknown[], inputs: tf.TensorInfo[]): tf.Tensor;
    binding: Record<string, number>;
  };
  const { TF_ATTR_TYPE, TF_ATTR_BOOL, TF_FLOAT } = backend.binding;
  // tfjs-node's own kernel, written out.
  const tfjsNode = (a: tf.Tensor, b: tf.Tensor, adjX: boolean, adjY: boolean) =>
    backend.executeSingleOutput(
      "BatchMatMulV2",
      [
        { name: "T", type: TF_ATTR_TYPE, value: TF_FLOAT },
        { name: "adj_x", type: TF_ATTR_BOOL, value: adjX },
        { name: "adj_y", type: TF_ATTR_BOOL, value: adjY },
      ],
      [a, b],
    );
  const ops: string[] = [];
  const execute = backend.executeSingleOutput;
  backend.executeSingleOutput = function (name, attrs, inputs) {
    ops.push(name);
    return execute.call(this, name, attrs, inputs);
  };
  try {
    // The LSTM steps of N6 and the dense layers of L5, then seeded random shapes inside the rule.
    const shapes = [
      [64, 32, 128],
      [32, 32, 128],
      [64, 128, 32],
      [32, 64, 128],
      [32, 256, 64],
      [1000, 8, 256],
    ];
    const rng = new RandomState(1);
    const random = (n: number) => rng.nextInterval(n - 1) + 1; // 1..n
    while (shapes.length < 40) {
      const shape = [31 + random(969), random(256), 16 * random(32)];
      if (shape[0] * shape[1] * shape[2] <= 2 ** 21) shapes.push(shape);
    }
    for (const [i, [m, k, n]] of shapes.entries()) {
      const [adjX, adjY, batch] = [i % 2 === 1, i % 4 >= 2, i % 3 === 0 ? [1] : []];
      const a = tf.randomNormal([...batch, ...(adjX ? [k, m] : [m, k])], 0, 1, "float32", i);
      const b = tf.randomNormal([...batch, ...(adjY ? [n, k] : [k, n])], 0, 1, "float32", i + 100);
      ops.length = 0;
      const product = tf.matMul(a, b, adjX, adjY);
      assert.deepEqual(ops, ["BatchMatMulV3"], `${m}x${k}x${n}`);
      const expected = tfjsNode(a, b, adjX, adjY);
      assert.deepEqual(await product.data(), await expected.data(), `${m}x${k}x${n}, adj ${adjX} ${adjY}`);
      tf.dispose([a, b, product, expected]);
    }
    // NaN and infinities go through the same sums.
    const special = tf.tensor2d(
      Array.from({ length: 32 * 16 }, (_, i) => [NaN, Infinity, -Infinity, 0, -0, 1e-45, 3.4e38, -1][i % 8]),
      [32, 16],
    );
    const square = tf.randomNormal([16, 16], 0, 1, "float32", 7);
    assert.deepEqual(await tf.matMul(special, square).data(), await tfjsNode(special, square, false, false).data());
    // Outside the rule, tfjs-node's own kernel: one column, a long inner dimension, too few rows, too many products.
    for (const [m, k, n] of [
      [64, 32, 1],
      [64, 300, 16],
      [16, 32, 16],
      [1000, 256, 64],
    ]) {
      ops.length = 0;
      tf.tidy(() => tf.matMul(tf.ones([m, k]), tf.ones([k, n])));
      assert.deepEqual(ops, ["BatchMatMulV2"], `${m}x${k}x${n}`);
    }
    tf.dispose([special, square]);
  } finally {
    backend.executeSingleOutput = execute;
  }
});

test("TensorFlow runs the rule's threads per op for this machine, unless the environment says otherwise", () => {
  assert.equal(process.env.TF_NUM_INTRAOP_THREADS, String(intraOpThreads(os.availableParallelism())));
  assert.match(backendReport(), new RegExp(`\\(${process.env.TF_NUM_INTRAOP_THREADS} threads? per op\\)`));
});

test("the thread rule: one thread per op up to 4 cores, then a quarter of the cores", () => {
  assert.deepEqual([1, 2, 4, 5, 8, 12, 16, 64].map(intraOpThreads), [1, 1, 1, 1, 2, 3, 4, 16]);
});

test("reshape to its own shape and cast to its own dtype share the input's data; other ones convert", async () => {
  for (const name of ["Reshape", "Cast"])
    assert.ok(Symbol.for("deep-learning-course.fastKernel") in tf.getKernel(name, "tensorflow")!, name);
  const x = tf.tensor2d([
    [1, 2],
    [3, 4],
  ]);
  const before = tf.memory().numDataBuffers;
  const same = [tf.reshape(x, [2, 2]), tf.reshape(x, [-1, 2]), tf.cast(x, "float32")];
  assert.equal(tf.memory().numDataBuffers, before, "no new data");
  for (const t of same) assert.deepEqual(await t.array(), await x.array());
  const float = tf.scalar(2.7);
  const other = [tf.reshape(x, [4]), tf.reshape(x, [1, -1]), tf.cast(x, "int32"), tf.cast(float, "int32")];
  assert.deepEqual(await other[0].array(), [1, 2, 3, 4]);
  assert.deepEqual(await other[1].array(), [[1, 2, 3, 4]]);
  assert.equal(other[2].dtype, "int32");
  assert.deepEqual(await other[3].array(), 2);
  x.dispose(); // the aliases keep the data alive
  for (const t of same)
    assert.deepEqual(await t.array(), [
      [1, 2],
      [3, 4],
    ]);
  tf.dispose([...same, ...other, float]);
  assert.equal(tf.memory().numDataBuffers, before - 1, "the data goes with its last reference");
});
