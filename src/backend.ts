/**
 * Loads TensorFlow.js on its native TensorFlow backend, and refuses to go on without it:
 * the pure-JavaScript fallback is tens of times slower and must never pass silently.
 */
import { tensorflowThreads } from "./native-threads"; // first: before libtensorflow loads
import * as tf from "@tensorflow/tfjs-node";
import "./fast-kernels"; // cheaper step, reshape and cast kernels

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
  return `tfjs ${v["tfjs-core"]}, tfjs-node ${v["tfjs-node"] ?? "?"}, backend: ${tf.getBackend()} (${tensorflowThreads.intraOp} thread${tensorflowThreads.intraOp === "1" ? "" : "s"} per op), node ${process.versions.node}`;
}
