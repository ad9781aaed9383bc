/**
 * libtensorflow's thread pools, set before it loads (it reads these variables once, for the
 * whole process: TensorFlow cannot pick a thread count op by op).
 *
 * Measured with `npm run bench`, each workload pinned to two free cores (`taskset -c 0,1`): a
 * second thread per op slows the DNN step by 54% and the 1-8-4-1 step by 57% (their ops are too
 * small: the wake-ups cost more than the split saves), and speeds up the CNN's step by 17% and
 * the XOR step by 14%; pinned to one core, it slows the DNN, CNN and 1-8-4-1 steps (+31%, +7%,
 * +32%). So one thread per op up to four cores; beyond, where the large ops gain more, a quarter
 * of the cores (2 on 8 cores, 4 on 16: not measured here, an extrapolation).
 * A value the learner sets wins.
 */
import os from "node:os";

/**
 * TensorFlow's threads per op on a machine with this many cores.
 * @internal
 */
export function intraOpThreads(cores: number): number {
  return cores <= 4 ? 1 : Math.floor(cores / 4);
}

process.env.TF_NUM_INTRAOP_THREADS ??= String(intraOpThreads(os.availableParallelism()));
process.env.TF_NUM_INTEROP_THREADS ??= "1";

/**
 * Threads per op and ops at once that TensorFlow was given.
 * @internal
 */
export const tensorflowThreads = {
  intraOp: process.env.TF_NUM_INTRAOP_THREADS,
  interOp: process.env.TF_NUM_INTEROP_THREADS,
};
