/**
 * The course's training loop for TensorFlow.js models: seeded mini-batches, one `tf.tidy`
 * per step, no reads from TensorFlow inside an epoch (each update's loss is read once at the
 * epoch's end), and the model's own penalties (kernel regularizers) added to the loss.
 *
 * `model.fit` does the same work but shuffles with an unseeded generator; this loop draws
 * each epoch's order from a `RandomState`, so every run is identical.
 */
import { assertNativeBackend, tf } from "./backend";
import { insideInterruptedLoop, untilInterrupted } from "./interrupt";
import type { RandomState } from "./random";
import { assertPositiveInteger } from "./validate";

/**
 * loss(targets, predictions) as a scalar, e.g. `tf.losses.meanSquaredError`.
 * @internal
 */
export type LossFunction = (targets: tf.Tensor, predictions: tf.Tensor) => tf.Tensor;

/** @internal */
export interface FitOptions {
  epochs: number;
  /** Rows per update; the last batch of an epoch takes the rows left over. Default: all rows (full batch). */
  batchSize?: number;
  /** Draws each epoch's row order; without it the rows go in their stored order. */
  rng?: RandomState;
  /** Default: mean squared error. */
  loss?: LossFunction;
  /** The training forward pass, e.g. with dropout masks of one's own. Default: `model.apply(x, { training: true })`. */
  forward?: (x: tf.Tensor) => tf.Tensor;
  /**
   * Called after every epoch, once its updates have run (epochs count from 1), with the loss of each of the
   * epoch's updates (before the update, penalties included), read from TensorFlow once per epoch.
   */
  onEpoch?: (epoch: number, losses: number[]) => void | Promise<void>;
}

/**
 * Trains `model` in place with `optimizer` on inputs `xs` and targets `ys` (same number of
 * rows). Returns the number of parameter updates. Yields to the event loop after every
 * epoch, so progress displays reach the notebook; an interrupt (the kernel's stop button)
 * ends the training after the epoch it is in, and the model keeps the weights it reached.
 * Inside an interrupted `untilInterrupted` loop it trains no epoch at all.
 * @taught L5
 */
export async function fit(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  xs: tf.Tensor,
  ys: tf.Tensor,
  options: FitOptions,
): Promise<number> {
  const { epochs, rng, onEpoch, loss = tf.losses.meanSquaredError } = options;
  const forward = options.forward ?? ((x: tf.Tensor) => model.apply(x, { training: true }) as tf.Tensor);
  const rows = xs.shape[0];
  const batchSize = options.batchSize ?? rows;
  assertPositiveInteger("epochs", epochs);
  assertPositiveInteger("batchSize", batchSize);
  if (rows === 0) throw new RangeError("fit: xs has no rows");
  if (ys.shape[0] !== rows) throw new RangeError(`fit: xs has ${rows} rows but ys has ${ys.shape[0]}`);
  assertNativeBackend();

  const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const objective = (x: tf.Tensor, y: tf.Tensor) => (): tf.Scalar => {
    const data = loss(y, forward(x)) as tf.Scalar;
    return model.calculateLosses().reduce((total, penalty) => tf.add(total, penalty), data) as tf.Scalar;
  };
  // A loop of its own: an interrupt to it, or to a loop around it, ends the training.
  return untilInterrupted(async () => {
    let updates = 0;
    for (let epoch = 1; epoch <= epochs && !insideInterruptedLoop(); epoch++) {
      const order = rng?.permutation(rows);
      const losses: tf.Scalar[] = [];
      for (let start = 0; start < rows; start += batchSize) {
        const cost = tf.tidy((): tf.Scalar | undefined => {
          const size = Math.min(batchSize, rows - start);
          const index = order && tf.tensor1d(order.slice(start, start + size), "int32");
          // The epoch's order picks the rows; without one, a batch is a slice (or the whole table).
          const batch = (t: tf.Tensor) => (index ? tf.gather(t, index) : size === rows ? t : tf.slice(t, start, size));
          return optimizer.minimize(objective(batch(xs), batch(ys)), onEpoch !== undefined, weights) ?? undefined;
        });
        if (cost) losses.push(cost);
        updates++;
      }
      // One read per epoch, and only when someone looks at the losses.
      let values: number[] = [];
      if (losses.length > 0) {
        const stacked = tf.stack(losses);
        values = Array.from(stacked.dataSync());
        tf.dispose([stacked, ...losses]);
      }
      await onEpoch?.(epoch, values);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return updates;
  });
}
