/**
 * libtensorflow's thread pools, set before it loads (it reads these variables once).
 *
 * On this course's 2-core machines, one thread per op is faster for the small and medium
 * ops of the chapters: splitting a 1000 x 256 ReLU over two threads costs more in wake-ups
 * than it saves (`npm run bench` prints the profile). A value the learner sets wins.
 */
process.env.TF_NUM_INTRAOP_THREADS ??= "1";
process.env.TF_NUM_INTEROP_THREADS ??= "1";

/**
 * Threads per op and ops at once that TensorFlow was given.
 * @internal
 */
export const tensorflowThreads = {
  intraOp: process.env.TF_NUM_INTRAOP_THREADS,
  interOp: process.env.TF_NUM_INTEROP_THREADS,
};
