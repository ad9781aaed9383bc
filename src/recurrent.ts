/**
 * A vanilla recurrent cell (순환 신경망, RNN): h_t = tanh(x_t Wx + h_{t-1} Wh + B), run over
 * a sequence, and its backward pass through time (BPTT), optionally truncated.
 *
 * Layout, fixed for the whole course: one sample per row, as in ./layers. A sequence is an
 * array over time, X[t] a batch x inputs matrix (row b = sample b's input at step t);
 * states H[t] are batch x hidden; Wx is inputs x hidden, Wh hidden x hidden, B 1 x hidden
 * (or 1 x 1: one bias shared by every hidden unit, the blog's `Bh`, chapters 67-73).
 * The start state h_0 is zeros unless given. Output layers (dense, sigmoid, softmax) are
 * separate: they hand `rnnBackward` the gradient dL/dh_t they put on each state.
 */
import { Matrix } from "ml-matrix";
import { tanh, tanhDerivative } from "./activations";
import { seed, randn } from "./random";
import { assertPositiveInteger } from "./validate";
import { shape } from "./display";

/** @taught N7 */
export interface RnnParams {
  /** inputs x hidden */
  Wx: Matrix;
  /** hidden x hidden */
  Wh: Matrix;
  /** 1 x hidden, or 1 x 1 for one bias shared by all hidden units (its gradient is then the sum over units) */
  B: Matrix;
}

/** @internal */
export interface RnnGradients {
  dWx: Matrix;
  dWh: Matrix;
  dB: Matrix;
  /** dL/dx_t for each step, batch x inputs. */
  dX: Matrix[];
  /** dL/dh_t for each step, batch x hidden: the gradient given at step t plus what flows back from later steps (within the truncation). */
  dH: Matrix[];
  /** dL/dh_0, batch x hidden. */
  dH0: Matrix;
}

/** @internal */
export interface RnnBackwardOptions {
  /** The start state h_0 the forward pass used (default zeros). */
  h0?: Matrix;
  /**
   * Truncated BPTT: the gradient put on h_t flows back through at most this many steps
   * (steps t, t-1, ..., t-truncate+1); 1 treats h_{t-1} as a constant. Default Infinity:
   * full BPTT.
   */
  truncate?: number;
}

function assertParams({ Wx, Wh, B }: RnnParams): void {
  const hidden = Wh.rows;
  if (Wh.columns !== hidden) throw new RangeError(`Wh must be square (hidden x hidden), got ${shape(Wh, "x")}`);
  if (Wx.columns !== hidden)
    throw new RangeError(
      `Wx is ${shape(Wx, "x")} but Wh is ${hidden}x${hidden}: Wx needs ${hidden} columns (inputs x hidden)`,
    );
  if (B.rows !== 1 || (B.columns !== hidden && B.columns !== 1)) {
    throw new RangeError(
      `B must be 1x${hidden} (one bias per hidden unit) or 1x1 (one shared bias), got ${shape(B, "x")}`,
    );
  }
}

function assertSequence(X: readonly Matrix[], p: RnnParams): void {
  if (X.length === 0) throw new RangeError("the sequence X is empty: it needs at least one time step");
  X.forEach((x, t) => {
    if (x.columns !== p.Wx.rows)
      throw new RangeError(
        `X[${t}] is ${shape(x, "x")} but Wx is ${shape(p.Wx, "x")}: X[t] needs ${p.Wx.rows} columns (batch x inputs)`,
      );
    if (x.rows !== X[0].rows)
      throw new RangeError(`X[${t}] has ${x.rows} rows but X[0] has ${X[0].rows}: every step needs the same batch`);
  });
}

function startState(h0: Matrix | undefined, batch: number, hidden: number): Matrix {
  if (!h0) return Matrix.zeros(batch, hidden);
  if (h0.rows !== batch || h0.columns !== hidden)
    throw new RangeError(`h0 must be ${batch}x${hidden} (batch x hidden), got ${shape(h0, "x")}`);
  return h0;
}

/**
 * z_t = x_t Wx + h_{t-1} Wh + B, the cell's input to tanh (batch x hidden); a 1x1 B is added to every unit.
 * @internal
 */
export function rnnPreActivation(x: Matrix, hPrev: Matrix, { Wx, Wh, B }: RnnParams): Matrix {
  const Z = x.mmul(Wx).add(hPrev.mmul(Wh));
  return B.columns === 1 ? Z.add(B.get(0, 0)) : Z.addRowVector(B.getRow(0));
}

/**
 * One step of the cell: h_t = tanh(x_t Wx + h_{t-1} Wh + B).
 * @taught 67
 */
export function rnnStep(x: Matrix, hPrev: Matrix, p: RnnParams): Matrix {
  assertParams(p);
  assertSequence([x], p);
  startState(hPrev, x.rows, p.Wh.rows);
  return tanh(rnnPreActivation(x, hPrev, p));
}

/**
 * The states h_1, ..., h_T (H[t] for input X[t]) of the cell run over the sequence from h0 (default zeros).
 * @taught 67
 */
export function rnnForward(X: readonly Matrix[], p: RnnParams, h0?: Matrix): Matrix[] {
  assertParams(p);
  assertSequence(X, p);
  let h = startState(h0, X[0].rows, p.Wh.rows);
  return X.map((x) => (h = tanh(rnnPreActivation(x, h, p))));
}

/**
 * BPTT: given dL/dh_t put on each state by the layers above (dH[t], batch x hidden, or
 * null/undefined where step t has no loss), the gradients of L for the cell's parameters,
 * its inputs and its start state. Runs the forward pass again from X and h0.
 * @taught 70
 */
export function rnnBackward(
  X: readonly Matrix[],
  p: RnnParams,
  dH: readonly (Matrix | null | undefined)[],
  { h0, truncate = Infinity }: RnnBackwardOptions = {},
): RnnGradients {
  assertParams(p);
  assertSequence(X, p);
  const T = X.length;
  const batch = X[0].rows;
  const hidden = p.Wh.rows;
  if (dH.length !== T)
    throw new RangeError(`dH has ${dH.length} steps but X has ${T}: give one gradient (or null) per step`);
  dH.forEach((g, t) => {
    if (g && (g.rows !== batch || g.columns !== hidden))
      throw new RangeError(`dH[${t}] must be ${batch}x${hidden} (batch x hidden), got ${shape(g, "x")}`);
  });
  if (!(truncate === Infinity || (Number.isInteger(truncate) && truncate >= 1))) {
    throw new RangeError(`truncate must be a positive integer or Infinity, got ${truncate}`);
  }

  const start = startState(h0, batch, hidden);
  const H = rnnForward(X, p, start);
  const prev = (t: number) => (t === 0 ? start : H[t - 1]);
  const Z = X.map((x, t) => rnnPreActivation(x, prev(t), p));
  const WxT = p.Wx.transpose();
  const WhT = p.Wh.transpose();

  const grads: RnnGradients = {
    dWx: Matrix.zeros(p.Wx.rows, hidden),
    dWh: Matrix.zeros(hidden, hidden),
    dB: Matrix.zeros(1, p.B.columns),
    dX: X.map((x) => Matrix.zeros(batch, x.columns)),
    dH: X.map(() => Matrix.zeros(batch, hidden)),
    dH0: Matrix.zeros(batch, hidden),
  };

  /** Adds a gradient g arriving at h_t, then passes it one step back; returns what reaches h_{t-1}. */
  const through = (t: number, g: Matrix): Matrix => {
    grads.dH[t].add(g);
    const dZ = Matrix.mul(g, tanhDerivative(Z[t])); // batch x hidden
    grads.dWx.add(X[t].transpose().mmul(dZ));
    grads.dWh.add(prev(t).transpose().mmul(dZ));
    grads.dB.add(p.B.columns === 1 ? dZ.sum() : Matrix.rowVector(dZ.sum("column")));
    grads.dX[t].add(dZ.mmul(WxT));
    return dZ.mmul(WhT);
  };

  if (truncate >= T) {
    // Full BPTT in one sweep: what reaches h_t is its own dH[t] plus what came back from t+1.
    let carry = Matrix.zeros(batch, hidden);
    for (let t = T - 1; t >= 0; t--) {
      const g = dH[t] ? Matrix.add(carry, dH[t] as Matrix) : carry;
      carry = through(t, g);
    }
    grads.dH0.add(carry);
  } else {
    // Each step's gradient on its own, back through at most `truncate` steps.
    for (let s = T - 1; s >= 0; s--) {
      const given = dH[s];
      if (!given) continue;
      let g = given;
      const stop = s - truncate + 1;
      for (let t = s; t >= Math.max(stop, 0); t--) g = through(t, g);
      if (stop <= 0) grads.dH0.add(g);
    }
  }
  return grads;
}

/**
 * The Frobenius norm ||M|| of each matrix, e.g. of the dH of `rnnBackward`: how much gradient reaches each step.
 * @taught 70
 */
export function normsPerStep(Ms: readonly Matrix[]): number[] {
  return Ms.map((M) => M.norm());
}

/**
 * The blog's RNN weights (chapters 67-73), named as in its scripts: Wxh (inputs x hidden), Whh (hidden x hidden),
 * Bh (1x1, or 1 x hidden: one bias per unit), Wy (hidden x outputs), By (1x1, or 1 x outputs).
 * @taught 70
 */
export interface BlogRnnWeights {
  Wxh: Matrix;
  Whh: Matrix;
  Bh: Matrix;
  Wy: Matrix;
  By: Matrix;
}

/**
 * The order of the scripts' draws, and of a tfjs simpleRNN + dense model's trainable weights.
 * @taught 70
 */
export const BLOG_RNN_NAMES = ["Wxh", "Whh", "Bh", "Wy", "By"] as const;

/**
 * np.random.seed(s), then randn for Wxh, Whh, Bh (1x1), Wy and By (1x1), in the scripts' order.
 * @taught 67
 */
export function drawBlogRnn(s: number, inputs: number, hidden: number, outputs: number): BlogRnnWeights {
  for (const [name, n] of [
    ["inputs", inputs],
    ["hidden", hidden],
    ["outputs", outputs],
  ] as const)
    assertPositiveInteger(name, n);
  seed(s);
  return {
    Wxh: randn(inputs, hidden),
    Whh: randn(hidden, hidden),
    Bh: randn(1, 1),
    Wy: randn(hidden, outputs),
    By: randn(1, 1),
  };
}

/**
 * A copy of every matrix, for training that must leave the original as it is.
 * @taught 70
 */
export function copyBlogRnn(p: BlogRnnWeights): BlogRnnWeights {
  return { Wxh: p.Wxh.clone(), Whh: p.Whh.clone(), Bh: p.Bh.clone(), Wy: p.Wy.clone(), By: p.By.clone() };
}
