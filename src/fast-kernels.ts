/**
 * Cheaper versions of four tfjs-node kernels and of tanh's gradient, registered on import
 * (`src/backend` imports this file). Each gives the same numbers, bit for bit; `npm run bench`
 * measures the gain.
 *
 * - `step(x)`, the ReLU derivative in every ReLU backward pass, is seven ops in tfjs-node, two of
 *   which allocate full-size constants. For alpha = 0 it equals sign(relu(x)), NaN included: two ops.
 * - `reshape` to the shape a tensor already has (the gradients of broadcasting ops do it at every
 *   step) and `cast` to the dtype it already has are no-ops: the result shares the input's data, as
 *   tfjs's pure-JavaScript backend does, instead of a native op (and, for reshape, a shape tensor).
 * - A small matrix product (one matrix a side, float32) is TensorFlow's `BatchMatMulV2` in
 *   tfjs-node, which oneDNN takes over and sets up anew at every call: 30-60 µs for products that
 *   take 10 µs. `BatchMatMulV3`, which oneDNN leaves to Eigen, gives the same sums in the same order
 *   where neither library splits a row's sum or handles a ragged edge: an inner dimension of at most
 *   256, at least 32 rows, and a multiple of 16 columns (measured over random shapes). Up to 2^21
 *   multiply-adds: beyond, Eigen on one thread is the slower one.
 * - The derivative of tanh, in every LSTM and GRU step, is four ops in tfjs (a constant 1, then
 *   dy * (1 - y²)); TensorFlow's `TanhGrad` is one, with the same values, NaN and infinities
 *   included. (It needs no gradient of its own: tfjs takes no second derivatives, a nested tf.grad
 *   throws with or without it.) Sigmoid's `SigmoidGrad` is not bit for bit tfjs's dy * (y(1 - y)) on
 *   small tensors, so sigmoid keeps tfjs's gradient.
 */
import * as tf from "@tensorflow/tfjs-node";

interface NativeBackend {
  executeSingleInput(name: string, input: tf.TensorInfo): tf.Tensor;
  executeSingleOutput(name: string, attrs: unknown[], inputs: tf.TensorInfo[]): tf.Tensor;
  incRef(dataId: tf.DataId): void;
  binding: { TF_ATTR_TYPE: number; TF_ATTR_BOOL: number; TF_FLOAT: number };
}

type Kernel = (args: Parameters<tf.KernelFunc>[0], original: tf.KernelFunc) => tf.TensorInfo | tf.TensorInfo[];

const FAST = Symbol.for("deep-learning-course.fastKernel"); // global, so a re-imported module sees it

/** The input itself, one more reference to its data. */
function alias(args: Parameters<tf.KernelFunc>[0], x: tf.TensorInfo): tf.TensorInfo {
  (args.backend as unknown as NativeBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Whether a × b (each transposed or not) is one small float32 product where Eigen sums as oneDNN does (see above). */
function eigenSums(a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): boolean {
  const rank = a.shape.length;
  const single = rank === 2 || (rank === 3 && a.shape[0] === 1 && b.shape[0] === 1);
  if (!single || b.shape.length !== rank || a.dtype !== "float32" || b.dtype !== "float32") return false;
  const [rows, inner] = transposeA ? [a.shape[rank - 1], a.shape[rank - 2]] : [a.shape[rank - 2], a.shape[rank - 1]];
  const columns = transposeB ? b.shape[rank - 2] : b.shape[rank - 1];
  return rows >= 32 && inner <= 256 && columns % 16 === 0 && rows * inner * columns <= 2 ** 21;
}

const kernels: Record<string, Kernel> = {
  BatchMatMul: (args, original) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!eigenSums(a, b, transposeA, transposeB)) return original(args);
    const backend = args.backend as unknown as NativeBackend;
    const { TF_ATTR_TYPE, TF_ATTR_BOOL, TF_FLOAT } = backend.binding;
    const float = (name: string) => ({ name, type: TF_ATTR_TYPE, value: TF_FLOAT });
    const flag = (name: string, value: boolean) => ({ name, type: TF_ATTR_BOOL, value });
    const attrs = [float("Ta"), float("Tb"), float("Tout"), flag("adj_x", transposeA), flag("adj_y", transposeB)];
    return backend.executeSingleOutput("BatchMatMulV3", attrs, [a, b]);
  },
  Step: (args, original) => {
    const { x } = args.inputs as { x: tf.Tensor };
    if ((args.attrs as { alpha?: number }).alpha || x.dtype !== "float32") return original(args);
    const backend = args.backend as unknown as NativeBackend;
    const positive = backend.executeSingleInput("Relu", x);
    const step = backend.executeSingleInput("Sign", positive);
    positive.dispose();
    return step;
  },
  Reshape: (args, original) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { shape } = args.attrs as { shape: number[] };
    // Its own shape, one dimension perhaps given as -1 (with 0 elements, -1 is left to TensorFlow).
    const own =
      shape.length === x.shape.length &&
      shape.every((d, i) => d === x.shape[i] || d === -1) &&
      shape.filter((d) => d === -1).length <= 1 &&
      (tf.util.sizeFromShape(x.shape) > 0 || !shape.includes(-1));
    return own ? alias(args, x) : original(args);
  },
  Cast: (args, original) => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    return x.dtype === (args.attrs as { dtype: tf.DataType }).dtype ? alias(args, x) : original(args);
  },
};

for (const [name, kernelFunc] of Object.entries(kernels)) {
  const original = tf.getKernel(name, "tensorflow");
  if (!original || FAST in original) continue;
  tf.unregisterKernel(name, "tensorflow");
  tf.registerKernel({
    ...original,
    [FAST]: true,
    kernelFunc: (args) => kernelFunc(args, original.kernelFunc),
  } as tf.KernelConfig);
}

const tanhGradient = tf.getGradient("Tanh");
if (tanhGradient && !(FAST in tanhGradient)) {
  tf.registerKernel({
    kernelName: "TanhGrad",
    backendName: "tensorflow",
    kernelFunc: ({ inputs, backend }) => {
      const { y, dy } = inputs as { y: tf.TensorInfo; dy: tf.TensorInfo };
      const native = backend as unknown as NativeBackend;
      const type = { name: "T", type: native.binding.TF_ATTR_TYPE, value: native.binding.TF_FLOAT };
      return native.executeSingleOutput("TanhGrad", [type], [y, dy]); // dy * (1 - y²)
    },
  });
  tf.unregisterGradient("Tanh");
  tf.registerGradient({
    ...tanhGradient,
    [FAST]: true,
    gradFunc: (dy, saved, attrs) => {
      const [y] = saved;
      // Gradients serve every backend: the pure-JavaScript one has no TanhGrad kernel.
      const native = tf.getBackend() === "tensorflow" && y.dtype === "float32" && (dy as tf.Tensor).dtype === "float32";
      if (!native) return tanhGradient.gradFunc(dy, saved, attrs);
      return { x: () => tf.engine().runKernel("TanhGrad", { y, dy: dy as tf.Tensor }) as tf.Tensor };
    },
  } as tf.GradConfig);
}
