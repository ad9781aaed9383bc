/**
 * The benchmark's two training workloads, built the same way for every tfjs variant (the
 * `tf` module comes in as an argument, so the plain variant never loads the course library).
 * `torch_reference.py` builds the same models in PyTorch.
 */
import type * as TF from "@tensorflow/tfjs-node";
import { mnistDigits } from "../../src/datasets";
import { standardScaler } from "../../src/normalization";
import { RandomState } from "../../src/random";

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
  /** The loss as `model.compile` names it, and as a function for the course's `fit`. */
  loss: "meanSquaredError" | "categoricalCrossentropy";
}

/** The learner's DNN: 8-256-64-8-1 ReLU, full-batch SGD lr 0.2 on 1000 standardized rows. */
const DNN_SIZES = [8, 256, 64, 8, 1];
export const dnn: Workload = {
  name: "DNN 8-256-64-8-1",
  step: "full batch of 1000 rows",
  stepsPerEpoch: 1,
  batchSize: 1000,
  // multiply-adds per row, x2 for flops, x3 for forward + both backward matmuls
  flopsPerStep: 1000 * 2 * 3 * DNN_SIZES.slice(1).reduce((sum, units, i) => sum + DNN_SIZES[i] * units, 0),
  data(tf, rows) {
    const rng = new RandomState(0);
    const X = rng.randn(rows, 8).to2DArray();
    const y = X.map((x) => [Math.sin(x[0]) + x[1] * x[2] - 0.5 * x[3] ** 2 + 0.1 * rng.randn()]);
    return { xs: tf.tensor2d(standardScaler(X).transform(X)), ys: tf.tensor2d(standardScaler(y).transform(y)) };
  },
  model(tf) {
    const model = tf.sequential();
    DNN_SIZES.slice(1).forEach((units, i) =>
      model.add(
        tf.layers.dense({
          units,
          ...(i === 0 ? { inputShape: [DNN_SIZES[0]] } : {}),
          activation: i < DNN_SIZES.length - 2 ? "relu" : "linear",
          kernelInitializer: tf.initializers.heNormal({ seed: i + 1 }),
        }),
      ),
    );
    return model;
  },
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

export const WORKLOADS = { dnn, cnn };
