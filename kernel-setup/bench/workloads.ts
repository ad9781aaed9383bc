/**
 * The benchmark's training workloads, built the same way for every tfjs variant (the
 * `tf` module comes in as an argument, so the plain variant never loads the course library).
 * `torch_reference.py` builds the same models in PyTorch.
 */
import path from "node:path";
import type * as TF from "@tensorflow/tfjs-node";
import { readCsv } from "../../src/csv";
import { mnistDigits } from "../../src/datasets";
import { standardScaler } from "../../src/normalization";
import { RandomState, torchLinearStart } from "../../src/random";

type Tf = typeof TF;

export interface Workload {
  name: string;
  /** What one step is, for the report. */
  step: string;
  /** Updates per epoch of the full workload. */
  stepsPerEpoch: number;
  batchSize: number;
  /** Floating-point operations of one update (forward and backward passes). */
  flopsPerStep: number;
  data(tf: Tf, rows: number): { xs: TF.Tensor; ys: TF.Tensor };
  model(tf: Tf): TF.Sequential;
  optimizer(tf: Tf): TF.Optimizer;
  /** The loss as `model.compile` names it (`tfjs-run.ts` gives the course's `fit` the same function). */
  loss: "meanSquaredError" | "categoricalCrossentropy" | "binaryCrossentropy";
}

/**
 * A stack of dense layers `sizes[0]-sizes[1]-...` with `activation` between them and `last` at the end. Its weights
 * are He's normal (seeded), or, for the blog's models, PyTorch's own start after `torch.manual_seed(torchSeed)`, bit
 * for bit (`torchLinearStart`), so that tfjs and `torch_reference.py` start from the same weights.
 */
function denseStack(
  tf: Tf,
  sizes: number[],
  activation: "relu" | "sigmoid",
  last: "linear" | "sigmoid",
  torchSeed?: number,
) {
  const model = tf.sequential();
  sizes.slice(1).forEach((units, i) =>
    model.add(
      tf.layers.dense({
        units,
        ...(i === 0 ? { inputShape: [sizes[0]] } : {}),
        activation: i < sizes.length - 2 ? activation : last,
        kernelInitializer: tf.initializers.heNormal({ seed: i + 1 }),
      }),
    ),
  );
  if (torchSeed !== undefined)
    torchLinearStart(torchSeed, sizes).forEach(({ weight, bias }, i) => {
      const start = [tf.tensor2d(weight.transpose().to2DArray()), tf.tensor1d(bias)];
      model.layers[i].setWeights(start);
      tf.dispose(start);
    });
  return model;
}

/** Flops of one step through dense layers: multiply-adds x2, x3 for the forward and both backward matmuls. */
const denseFlops = (rows: number, sizes: number[]) =>
  rows * 2 * 3 * sizes.slice(1).reduce((sum, units, i) => sum + sizes[i] * units, 0);

/** The learner's DNN: 8-256-64-8-1 ReLU, full-batch SGD lr 0.2 on 1000 standardized rows. */
const DNN_SIZES = [8, 256, 64, 8, 1];
export const dnn: Workload = {
  name: "DNN 8-256-64-8-1",
  step: "full batch of 1000 rows",
  stepsPerEpoch: 1,
  batchSize: 1000,
  flopsPerStep: denseFlops(1000, DNN_SIZES),
  data(tf, rows) {
    const rng = new RandomState(0);
    const X = rng.randn(rows, 8).to2DArray();
    const y = X.map((x) => [Math.sin(x[0]) + x[1] * x[2] - 0.5 * x[3] ** 2 + 0.1 * rng.randn()]);
    return { xs: tf.tensor2d(standardScaler(X).transform(X)), ys: tf.tensor2d(standardScaler(y).transform(y)) };
  },
  model: (tf) => denseStack(tf, DNN_SIZES, "relu", "linear"),
  optimizer: (tf) => tf.train.sgd(0.2),
  loss: "meanSquaredError",
};

/** The MNIST CNN of chapter L6: conv 16 - pool - conv 32 - pool - dense 10, Adam, batches of 128. */
export const cnn: Workload = {
  name: "MNIST CNN (L6)",
  step: "batch of 128 images",
  stepsPerEpoch: Math.ceil(7800 / 128),
  batchSize: 128,
  // multiply-adds per image: conv1 28*28*16*9, conv2 14*14*32*9*16, dense 7*7*32*10
  flopsPerStep: 128 * 2 * 3 * (28 * 28 * 16 * 9 + 14 * 14 * 32 * 9 * 16 + 7 * 7 * 32 * 10),
  data(tf, rows) {
    const { train } = mnistDigits(Math.ceil(rows / 10), 0, new RandomState(0));
    const X = train.X.slice(0, rows);
    return {
      xs: tf.tensor4d(X.flat(), [X.length, 28, 28, 1]),
      ys: tf.tidy(() => tf.oneHot(tf.tensor1d(train.y.slice(0, rows), "int32"), 10).toFloat()),
    };
  },
  model(tf) {
    const regularizer = () => tf.regularizers.l1l2({ l1: 1e-5, l2: 1e-4 });
    const model = tf.sequential();
    model.add(
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 16,
        kernelSize: 3,
        padding: "same",
        activation: "relu",
        kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
        kernelRegularizer: regularizer(),
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(
      tf.layers.conv2d({
        filters: 32,
        kernelSize: 3,
        padding: "same",
        activation: "relu",
        kernelInitializer: tf.initializers.heNormal({ seed: 2 }),
        kernelRegularizer: regularizer(),
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    model.add(
      tf.layers.dense({
        units: 10,
        activation: "softmax",
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
    );
    return model;
  },
  optimizer: (tf) => tf.train.adam(0.004),
  loss: "categoricalCrossentropy",
};

/**
 * Chapter 25's XOR network as the learner's PyTorch script trains it: 2-2-1 sigmoid, BCE, SGD lr 1, the 4 rows;
 * PyTorch's start for seed 220132 (the chapter's seed).
 */
export const xor: Workload = {
  name: "XOR 2-2-1 (25)",
  step: "the 4 rows",
  stepsPerEpoch: 1,
  batchSize: 4,
  flopsPerStep: denseFlops(4, [2, 2, 1]),
  data: (tf) => ({ xs: tf.tensor2d([0, 0, 1, 0, 0, 1, 1, 1], [4, 2]), ys: tf.tensor2d([0, 1, 1, 0], [4, 1]) }),
  model: (tf) => denseStack(tf, [2, 2, 1], "sigmoid", "sigmoid", 220132),
  optimizer: (tf) => tf.train.sgd(1),
  loss: "binaryCrossentropy",
};

/**
 * Chapter 28's network as the learner's PyTorch script trains it: 1-8-4-1 ReLU, MSE, SGD lr 0.01, weight_height.csv
 * times 0.1, from PyTorch's start for the script's seed 220119.
 */
export const regression: Workload = {
  name: "regression 1-8-4-1 (28)",
  step: "the 24 rows",
  stepsPerEpoch: 1,
  batchSize: 24,
  flopsPerStep: denseFlops(24, [1, 8, 4, 1]),
  data(tf) {
    const { rows } = readCsv(path.join(__dirname, "../../notebooks/data/weight_height.csv"));
    return {
      xs: tf.tensor2d(rows.map(([weight]) => [weight * 0.1])),
      ys: tf.tensor2d(rows.map(([, height]) => [height * 0.1])),
    };
  },
  model: (tf) => denseStack(tf, [1, 8, 4, 1], "relu", "linear", 220119),
  optimizer: (tf) => tf.train.sgd(0.01),
  loss: "meanSquaredError",
};

export const WORKLOADS = { dnn, cnn, xor, regression };
