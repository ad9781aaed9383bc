/**
 * Loads TensorFlow.js on its native TensorFlow backend, and refuses to go on without it:
 * the pure-JavaScript fallback is tens of times slower and must never pass silently.
 */
import { tensorflowThreads } from "./native-threads"; // first: before libtensorflow loads
import * as tf from "@tensorflow/tfjs-node";

/** @taught 10 */
export { tf };

/**
 * Throws unless tfjs runs on libtensorflow (`tf.getBackend() === "tensorflow"`).
 * @internal
 */
export function assertNativeBackend(): void {
  const backend = tf.getBackend();
  if (backend !== "tensorflow") {
    throw new Error(
      `TensorFlow.js is running on the '${backend}' backend, not the native 'tensorflow' one. ` +
        "Run `npm start` or `npm test` once to build the native addon (kernel-setup/setup.mjs).",
    );
  }
}

/**
 * A one-line summary of versions and backend for a chapter's setup cell.
 * @taught 00
 */
export function backendReport(): string {
  assertNativeBackend();
  const v = tf.version as Record<string, string>;
  return `tfjs ${v["tfjs-core"]}, tfjs-node ${v["tfjs-node"] ?? "?"}, backend: ${tf.getBackend()} (${tensorflowThreads.intraOp} thread per op), node ${process.versions.node}`;
}

interface NativeBackend {
  executeSingleInput(name: string, input: tf.TensorInfo): tf.Tensor;
}

/**
 * tfjs-node computes `step(x)` (the ReLU derivative, used by every ReLU backward pass) with
 * seven ops, two of which allocate full-size constants. For alpha = 0 it equals
 * sign(relu(x)) exactly, NaN included: two native ops.
 */
const FAST_STEP = Symbol.for("deep-learning-course.fastStep"); // global, so a re-imported module sees it

function registerFastStep(): void {
  const original = tf.getKernel("Step", "tensorflow");
  if (!original || FAST_STEP in original) return;
  tf.unregisterKernel("Step", "tensorflow");
  tf.registerKernel({
    ...original,
    [FAST_STEP]: true,
    kernelFunc: (args) => {
      const { x } = args.inputs as { x: tf.Tensor };
      if ((args.attrs as { alpha?: number }).alpha || x.dtype !== "float32") return original.kernelFunc(args);
      const backend = args.backend as unknown as NativeBackend;
      const positive = backend.executeSingleInput("Relu", x);
      const step = backend.executeSingleInput("Sign", positive);
      positive.dispose();
      return step;
    },
  } as tf.KernelConfig);
}

registerFastStep();
