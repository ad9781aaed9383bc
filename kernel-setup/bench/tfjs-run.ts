/**
 * One benchmark measurement in a fresh process, so thread settings and kernels never leak
 * between variants. Prints one line of JSON.
 *
 *   tfjs-run.ts train <course|plain|pure-js> <dnn|cnn|xor|regression> <steps>
 *   tfjs-run.ts matmul <course|plain>       1024 x 1024 matmul rate
 *   tfjs-run.ts ops <course|plain>          microseconds per op of the DNN step's building blocks
 *   tfjs-run.ts profile course              TensorFlow's kernels in one DNN step of the course's `fit`
 *
 * course:  the course library: `src/backend` (thread settings, fast ReLU derivative) and `fit` from `src/training`.
 * plain:   `@tensorflow/tfjs-node` as installed, `model.compile` + `model.fit`, no course code.
 * pure-js: as plain, on tfjs's pure-JavaScript "cpu" backend.
 */
import type * as TF from "@tensorflow/tfjs-node";
import { WORKLOADS, type Workload } from "./workloads";

type Tf = typeof TF;

async function load(variant: string): Promise<Tf> {
  if (variant === "course") await import("../../src/backend"); // must come before tfjs-node loads
  const tf = await import("@tensorflow/tfjs-node");
  if (variant === "pure-js") await tf.setBackend("cpu");
  const expected = variant === "pure-js" ? "cpu" : "tensorflow";
  if (tf.getBackend() !== expected) throw new Error(`${variant}: backend is ${tf.getBackend()}, expected ${expected}`);
  return tf;
}

/** The workload's loss, as `model.compile` computes it, averaged over the batch. */
function lossOf(tf: Tf, workload: Workload, y: TF.Tensor, p: TF.Tensor): TF.Tensor {
  return workload.loss === "meanSquaredError"
    ? tf.losses.meanSquaredError(y, p)
    : tf.metrics[workload.loss](y, p).mean();
}

async function train(tf: Tf, variant: string, workload: Workload, steps: number) {
  // The DNN repeats its one full batch `steps` times; the CNN makes one pass over `steps` batches.
  const fullBatch = workload.stepsPerEpoch === 1;
  const { xs, ys } = workload.data(tf, fullBatch ? workload.batchSize : workload.batchSize * steps);
  const warm = workload.data(tf, workload.batchSize);
  const model = workload.model(tf);
  const optimizer = workload.optimizer(tf);
  let run: (x: TF.Tensor, y: TF.Tensor, epochs: number) => Promise<unknown>;
  if (variant === "course") {
    const { fit } = await import("../../src/training");
    const loss = (y: TF.Tensor, p: TF.Tensor) => lossOf(tf, workload, y, p);
    run = (x, y, epochs) => fit(model, optimizer, x, y, { epochs, batchSize: workload.batchSize, loss });
  } else {
    model.compile({ optimizer, loss: workload.loss });
    run = (x, y, epochs) => model.fit(x, y, { epochs, batchSize: workload.batchSize, shuffle: false, verbose: 0 });
  }
  await run(warm.xs, warm.ys, 2); // first calls build kernels and gradients
  const started = performance.now();
  await run(xs, ys, fullBatch ? steps : 1);
  const seconds = (performance.now() - started) / 1000;
  const loss = tf.tidy(() => lossOf(tf, workload, warm.ys, model.predict(warm.xs) as TF.Tensor).dataSync()[0]);
  return { steps, seconds, msPerStep: (1000 * seconds) / steps, finalLoss: loss };
}

/** Best of several runs of f, in microseconds; each result is disposed. */
function microseconds(f: () => TF.Tensor, repeats: number): number {
  for (let i = 0; i < 5; i++) f().dispose();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let i = 0; i < repeats; i++) f().dispose();
    best = Math.min(best, ((performance.now() - started) * 1000) / repeats);
  }
  return best;
}

function matmul(tf: Tf) {
  const a = tf.randomNormal([1024, 1024]);
  const us = microseconds(() => tf.matMul(a as TF.Tensor2D, a as TF.Tensor2D), 10);
  return { gflops: (2 * 1024 ** 3) / (us * 1e3) };
}

function ops(tf: Tf) {
  const h = tf.relu(tf.randomNormal([1000, 256])) as TF.Tensor2D;
  const w = tf.randomNormal([256, 64]) as TF.Tensor2D;
  const d = tf.randomNormal([1000, 64]) as TF.Tensor2D;
  const small = tf.randomNormal([10, 10]);
  const [x, u] = [tf.randomNormal([64, 32]) as TF.Tensor2D, tf.randomNormal([32, 128]) as TF.Tensor2D];
  return {
    "add 10x10 (fixed cost of an op)": microseconds(() => tf.add(small, small), 200),
    "matmul 64x32 . 32x128 (N6's LSTM step)": microseconds(() => tf.matMul(x, u), 200),
    "matmul 1000x256 . 256x64": microseconds(() => tf.matMul(h, w), 100),
    "matmul 1000x256^T . 1000x64 (weight gradient)": microseconds(() => tf.matMul(h, d, true, false), 100),
    "relu 1000x256": microseconds(() => tf.relu(h), 200),
    "relu backward 1000x256 (dy * step(x))": microseconds(() => tf.tidy(() => tf.mul(h, tf.step(h))), 100),
  };
}

/** Every kernel that one full-batch DNN update runs, with TensorFlow's time for each. */
async function profile(tf: Tf) {
  const { fit } = await import("../../src/training");
  const { xs, ys } = WORKLOADS.dnn.data(tf, 1000);
  const model = WORKLOADS.dnn.model(tf);
  const optimizer = WORKLOADS.dnn.optimizer(tf);
  await fit(model, optimizer, xs, ys, { epochs: 20 });
  const kernels = new Map<string, { calls: number; ms: number }>();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    const info = await tf.profile(() => fit(model, optimizer, xs, ys, { epochs: 1 }));
    const wall = performance.now() - started;
    if (wall >= best) continue;
    best = wall;
    kernels.clear();
    for (const k of info.kernels) {
      const entry = kernels.get(k.name) ?? { calls: 0, ms: 0 };
      entry.calls++;
      entry.ms += k.kernelTimeMs as number;
      kernels.set(k.name, entry);
    }
  }
  return { stepMs: best, kernels: Object.fromEntries([...kernels].sort((a, b) => b[1].ms - a[1].ms)) };
}

async function main(): Promise<void> {
  const [mode, variant, workload, steps] = process.argv.slice(2);
  const tf = await load(variant);
  const result =
    mode === "train"
      ? await train(tf, variant, WORKLOADS[workload as keyof typeof WORKLOADS], Number(steps))
      : mode === "matmul"
        ? matmul(tf)
        : mode === "ops"
          ? ops(tf)
          : mode === "profile"
            ? await profile(tf)
            : null;
  if (!result) throw new Error(`unknown mode ${mode}`);
  console.log(
    JSON.stringify({ ...result, backend: tf.getBackend(), threads: process.env.TF_NUM_INTRAOP_THREADS ?? "default" }),
  );
}

void main();
