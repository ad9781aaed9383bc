/**
 * A learner's interrupt (the stop button, or "Interrupt Kernel") reaches the tslab kernel as
 * SIGINT. tslab then ends the running cell, but an `await`ed training loop would go on in
 * the background; training loops watch for the signal and stop at the next step.
 *
 * Used by `fit` (src/training.ts) and, through `stopOnInterrupt`, by `model.fit`; a cell
 * that trains several times in a row runs its loop in `untilInterrupted`.
 */
import type { tf } from "./backend";
import { kernelState } from "./kernel-state";

/**
 * Calls `handler` on the next interrupts until the returned function is called.
 *
 * It starts listening on the next turn of the event loop: tslab runs a cell's synchronous
 * part under Node's `breakOnSigint`, which puts its own SIGINT handling back when it ends,
 * and a listener added meanwhile would leave the signal unhandled (the next interrupt
 * would kill the kernel).
 */
function onInterrupt(handler: () => void): () => void {
  let listening = false;
  const start = setImmediate(() => {
    process.on("SIGINT", handler);
    listening = true;
  });
  return () => {
    clearImmediate(start);
    if (listening) process.off("SIGINT", handler);
  };
}

/**
 * A `model.fit` callback that stops the training on an interrupt (`model.stopTraining`):
 * `callbacks: [stopOnInterrupt(model), ...]`. The model keeps the weights it reached. Inside
 * an interrupted `untilInterrupted` loop it stops after its first batch, so that a training
 * started just after the interrupt does not run on.
 * @taught 12
 */
export function stopOnInterrupt(model: tf.LayersModel): tf.CustomCallbackArgs {
  let release = (): void => undefined;
  return {
    onTrainBegin: async () => {
      release = onInterrupt(() => (model.stopTraining = true));
    },
    onBatchEnd: async () => {
      if (insideInterruptedLoop()) model.stopTraining = true;
    },
    onTrainEnd: async () => release(),
  };
}

/**
 * The loops running in `untilInterrupted`, each with whether an interrupt came; kernel state, so
 * that `fit` sees them even when tslab has loaded this module again for a notebook.
 */
const loops = kernelState("interruptible-loops", () => new Set<{ interrupted: boolean }>());

/**
 * True while a loop run in `untilInterrupted` has seen an interrupt: trainings inside it stop.
 * @internal
 */
export const insideInterruptedLoop = (): boolean => [...loops].some((loop) => loop.interrupted);

/**
 * Runs a loop of trainings (epochs, or one model after another) that the stop button ends as
 * a whole: `body` gets `stopped()`, true once an interrupt came, to check between trainings.
 * An interrupt between two trainings would otherwise reach no training at all. The trainings
 * inside use `fit` or `stopOnInterrupt(model)`: they stop on the interrupt, and a training
 * that starts after it stops at once.
 * @taught L6
 */
export async function untilInterrupted<T>(body: (stopped: () => boolean) => Promise<T>): Promise<T> {
  const loop = { interrupted: false };
  loops.add(loop);
  const release = onInterrupt(() => (loop.interrupted = true));
  try {
    return await body(() => loop.interrupted);
  } finally {
    release();
    loops.delete(loop);
  }
}
