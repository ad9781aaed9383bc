/**
 * Gated recurrent cells: the LSTM cell (장단기 메모리, long short-term memory) and the GRU cell
 * (게이트 순환 유닛, gated recurrent unit), run over a sequence, and their backward passes
 * through time (BPTT).
 *
 * Layout: the course's, as in ./recurrent (one sample per row; a sequence is an array over time,
 * X[t] batch x inputs; states batch x hidden), with the weights laid out exactly as
 * TensorFlow.js's `tf.layers.lstm` / `tf.layers.gru` keep them, so `layer.setWeights([W, U, B])`
 * loads them unchanged (B as a 1-D tensor):
 * - LSTM: W is inputs x 4H, U is hidden x 4H, B is 1 x 4H, the column blocks in the gate order
 *   i (input), f (forget), g (candidate, tfjs's "c"), o (output). tfjs's default gate activation
 *   is `hardSigmoid`: give the layer `recurrentActivation: "sigmoid"` to get these cells.
 * - GRU: W is inputs x 3H, U is hidden x 3H, B is 1 x 3H, blocks z (update), r (reset),
 *   h (candidate). tfjs's convention (Keras's `reset_after=False`; tfjs throws on `resetAfter`):
 *   the reset gate multiplies the state before U_h, and z keeps the old state:
 *   ĥ = tanh(x W_h + B_h + (r ⊙ h_prev) U_h), h = z ⊙ h_prev + (1 - z) ⊙ ĥ.
 * The start states h_0 (and c_0) are zeros unless given.
 */
import { Matrix } from "ml-matrix";
import { sigmoid, tanh } from "./activations";
import { shape } from "./display";

/**
 * The weights of a gated cell, in tfjs's layout (see the module comment).
 * @taught N5
 */
export interface GatedParams {
  /** inputs x (gates * hidden) */
  W: Matrix;
  /** hidden x (gates * hidden) */
  U: Matrix;
  /** 1 x (gates * hidden) */
  B: Matrix;
}

/** @internal */
export interface GatedGradients {
  dW: Matrix;
  dU: Matrix;
  dB: Matrix;
  /** dL/dx_t for each step, batch x inputs. */
  dX: Matrix[];
  /** dL/dh_t for each step, batch x hidden: what is given at step t plus what flows back from later steps. */
  dH: Matrix[];
  /** dL/dh_0, batch x hidden. */
  dH0: Matrix;
}

/** @internal */
export interface LstmGradients extends GatedGradients {
  /** dL/dc_t for each step, batch x hidden: the whole gradient on the cell state, through h_t = o_t ⊙ tanh(c_t) and from c_{t+1} (the memory path). */
  dC: Matrix[];
  /** dL/dc_0, batch x hidden. */
  dC0: Matrix;
}

/** @internal */
export interface LstmState {
  h: Matrix;
  c: Matrix;
}

/** @internal */
export interface LstmStart {
  /** h_0, batch x hidden (default zeros) */
  h0?: Matrix;
  /** c_0, batch x hidden (default zeros) */
  c0?: Matrix;
}

/** @internal */
export interface LstmBackwardOptions extends LstmStart {
  /** A gradient on the last cell state c_T (batch x hidden), e.g. from a decoder started at it. */
  dCLast?: Matrix;
}

type Kind = "LSTM" | "GRU";
const GATES: Record<Kind, number> = { LSTM: 4, GRU: 3 };
const ORDER: Record<Kind, string> = { LSTM: "i, f, g, o", GRU: "z, r, h" };

function hiddenOf(kind: Kind, { W, U, B }: GatedParams): number {
  const k = GATES[kind];
  const hidden = U.rows;
  if (hidden < 1 || U.columns !== k * hidden) {
    throw new RangeError(`${kind}: U must be hidden x ${k}*hidden (gates ${ORDER[kind]}), got ${shape(U, "x")}`);
  }
  if (W.columns !== k * hidden) {
    throw new RangeError(
      `${kind}: W is ${shape(W, "x")} but U is ${shape(U, "x")}: W needs ${k * hidden} columns (inputs x ${k}*hidden)`,
    );
  }
  if (B.rows !== 1 || B.columns !== k * hidden) {
    throw new RangeError(`${kind}: B must be 1x${k * hidden} (one bias per gate and unit), got ${shape(B, "x")}`);
  }
  return hidden;
}

function assertSequence(kind: Kind, X: readonly Matrix[], p: GatedParams): void {
  if (X.length === 0) throw new RangeError(`${kind}: the sequence X is empty: it needs at least one time step`);
  X.forEach((x, t) => {
    if (x.columns !== p.W.rows)
      throw new RangeError(
        `${kind}: X[${t}] is ${shape(x, "x")} but W is ${shape(p.W, "x")}: X[t] needs ${p.W.rows} columns (batch x inputs)`,
      );
    if (x.rows !== X[0].rows)
      throw new RangeError(
        `${kind}: X[${t}] has ${x.rows} rows but X[0] has ${X[0].rows}: every step needs the same batch`,
      );
  });
}

function stateOr(name: string, m: Matrix | undefined, batch: number, hidden: number): Matrix {
  if (!m) return Matrix.zeros(batch, hidden);
  if (m.rows !== batch || m.columns !== hidden)
    throw new RangeError(`${name} must be ${batch}x${hidden} (batch x hidden), got ${shape(m, "x")}`);
  return m;
}

function assertGiven(dH: readonly (Matrix | null | undefined)[], T: number, batch: number, hidden: number): void {
  if (dH.length !== T)
    throw new RangeError(`dH has ${dH.length} steps but X has ${T}: give one gradient (or null) per step`);
  dH.forEach((g, t) => {
    if (g && (g.rows !== batch || g.columns !== hidden))
      throw new RangeError(`dH[${t}] must be ${batch}x${hidden} (batch x hidden), got ${shape(g, "x")}`);
  });
}

/** Columns [k*hidden, (k+1)*hidden) of M: gate block k. */
const block = (M: Matrix, k: number, hidden: number): Matrix =>
  M.subMatrix(0, M.rows - 1, k * hidden, (k + 1) * hidden - 1);

/** The blocks side by side. */
function joinBlocks(blocks: readonly Matrix[]): Matrix {
  const out = new Matrix(
    blocks[0].rows,
    blocks.reduce((s, b) => s + b.columns, 0),
  );
  let c = 0;
  for (const b of blocks) {
    out.setSubMatrix(b, 0, c);
    c += b.columns;
  }
  return out;
}

const oneMinus = (M: Matrix): Matrix => Matrix.mul(M, -1).add(1);
/** sigma'(a) written with s = sigma(a): s (1 - s). */
const sigmoidSlope = (s: Matrix): Matrix => Matrix.mul(s, oneMinus(s));
/** tanh'(a) written with t = tanh(a): 1 - t^2. */
const tanhSlope = (t: Matrix): Matrix => oneMinus(Matrix.mul(t, t));

// ---------------------------------------------------------------- LSTM

interface LstmCache {
  x: Matrix;
  hPrev: Matrix;
  cPrev: Matrix;
  i: Matrix;
  f: Matrix;
  g: Matrix;
  o: Matrix;
  c: Matrix;
  tc: Matrix; // tanh(c)
  h: Matrix;
}

function lstmCell(x: Matrix, hPrev: Matrix, cPrev: Matrix, p: GatedParams, hidden: number): LstmCache {
  const A = x.mmul(p.W).add(hPrev.mmul(p.U)).addRowVector(p.B.getRow(0)); // batch x 4H
  const i = sigmoid(block(A, 0, hidden));
  const f = sigmoid(block(A, 1, hidden));
  const g = tanh(block(A, 2, hidden));
  const o = sigmoid(block(A, 3, hidden));
  const c = Matrix.mul(f, cPrev).add(Matrix.mul(i, g));
  const tc = tanh(c);
  return { x, hPrev, cPrev, i, f, g, o, c, tc, h: Matrix.mul(o, tc) };
}

/**
 * One LSTM step: with [a_i a_f a_g a_o] = x W + h_prev U + B, i = σ(a_i), f = σ(a_f),
 * g = tanh(a_g), o = σ(a_o): c = f ⊙ c_prev + i ⊙ g, h = o ⊙ tanh(c).
 * @taught N5
 */
export function lstmStep(x: Matrix, hPrev: Matrix, cPrev: Matrix, p: GatedParams): LstmState {
  const hidden = hiddenOf("LSTM", p);
  assertSequence("LSTM", [x], p);
  stateOr("hPrev", hPrev, x.rows, hidden);
  stateOr("cPrev", cPrev, x.rows, hidden);
  const { h, c } = lstmCell(x, hPrev, cPrev, p, hidden);
  return { h, c };
}

/**
 * The gates i, f, g, o of every step (each batch x hidden), for looking inside the cell.
 * @internal
 */
export interface LstmGates {
  i: Matrix[];
  f: Matrix[];
  g: Matrix[];
  o: Matrix[];
}

function lstmRun(X: readonly Matrix[], p: GatedParams, start: LstmStart): LstmCache[] {
  const hidden = hiddenOf("LSTM", p);
  assertSequence("LSTM", X, p);
  let h = stateOr("h0", start.h0, X[0].rows, hidden);
  let c = stateOr("c0", start.c0, X[0].rows, hidden);
  return X.map((x) => {
    const step = lstmCell(x, h, c, p, hidden);
    ({ h, c } = step);
    return step;
  });
}

/**
 * The states h_1..h_T and cell states c_1..c_T (H[t], C[t] for input X[t]) from h0, c0 (default zeros), and the gates.
 * @taught N5
 */
export function lstmForward(
  X: readonly Matrix[],
  p: GatedParams,
  start: LstmStart = {},
): { H: Matrix[]; C: Matrix[]; gates: LstmGates } {
  const steps = lstmRun(X, p, start);
  return {
    H: steps.map((s) => s.h),
    C: steps.map((s) => s.c),
    gates: { i: steps.map((s) => s.i), f: steps.map((s) => s.f), g: steps.map((s) => s.g), o: steps.map((s) => s.o) },
  };
}

/** The accumulators a gated layer's BPTT adds into: zero gradients for W, U, B, the inputs and h_0; dH filled step by step. */
function zeroGradients(p: GatedParams, X: readonly Matrix[], batch: number, hidden: number): GatedGradients {
  return {
    dW: Matrix.zeros(p.W.rows, p.W.columns),
    dU: Matrix.zeros(p.U.rows, p.U.columns),
    dB: Matrix.zeros(1, p.B.columns),
    dX: X.map((x) => Matrix.zeros(batch, x.columns)),
    dH: [],
    dH0: Matrix.zeros(batch, hidden),
  };
}

/**
 * LSTM BPTT: given dL/dh_t put on each state by the layers above (dH[t], or null where step t
 * has no loss) and optionally dL/dc_T, the gradients of L for W, U, B, the inputs and the start
 * states. Runs the forward pass again from X, h0 and c0.
 * @taught N5
 */
export function lstmBackward(
  X: readonly Matrix[],
  p: GatedParams,
  dH: readonly (Matrix | null | undefined)[],
  { h0, c0, dCLast }: LstmBackwardOptions = {},
): LstmGradients {
  const hidden = hiddenOf("LSTM", p);
  assertSequence("LSTM", X, p);
  const T = X.length;
  const batch = X[0].rows;
  assertGiven(dH, T, batch, hidden);
  const steps = lstmRun(X, p, { h0, c0 });
  const WT = p.W.transpose();
  const UT = p.U.transpose();
  const grads: LstmGradients = { ...zeroGradients(p, X, batch, hidden), dC: [], dC0: Matrix.zeros(batch, hidden) };
  let dh = Matrix.zeros(batch, hidden); // what flows back into h_t from step t+1
  let dc = stateOr("dCLast", dCLast, batch, hidden).clone(); // what flows back into c_t from step t+1
  for (let t = T - 1; t >= 0; t--) {
    const s = steps[t];
    if (dH[t]) dh = Matrix.add(dh, dH[t] as Matrix);
    // h = o ⊙ tanh(c)
    const dO = Matrix.mul(dh, s.tc);
    dc = Matrix.add(dc, Matrix.mul(dh, s.o).mul(tanhSlope(s.tc)));
    grads.dH[t] = dh;
    grads.dC[t] = dc;
    // c = f ⊙ c_prev + i ⊙ g
    const dA = joinBlocks([
      Matrix.mul(dc, s.g).mul(sigmoidSlope(s.i)),
      Matrix.mul(dc, s.cPrev).mul(sigmoidSlope(s.f)),
      Matrix.mul(dc, s.i).mul(tanhSlope(s.g)),
      dO.mul(sigmoidSlope(s.o)),
    ]); // dL/d[a_i a_f a_g a_o], batch x 4H
    grads.dW.add(s.x.transpose().mmul(dA));
    grads.dU.add(s.hPrev.transpose().mmul(dA));
    grads.dB.add(Matrix.rowVector(dA.sum("column")));
    grads.dX[t] = dA.mmul(WT);
    dh = dA.mmul(UT);
    dc = Matrix.mul(dc, s.f);
  }
  grads.dH0 = dh;
  grads.dC0 = dc;
  return grads;
}

// ---------------------------------------------------------------- GRU

interface GruCache {
  x: Matrix;
  hPrev: Matrix;
  z: Matrix;
  r: Matrix;
  rh: Matrix; // r ⊙ h_prev
  hh: Matrix; // the candidate ĥ
  h: Matrix;
}

function gruCell(x: Matrix, hPrev: Matrix, p: GatedParams, hidden: number): GruCache {
  const Ax = x.mmul(p.W).addRowVector(p.B.getRow(0)); // batch x 3H
  const Ah = hPrev.mmul(p.U.subMatrix(0, hidden - 1, 0, 2 * hidden - 1)); // batch x 2H: h_prev [U_z U_r]
  const z = sigmoid(block(Ax, 0, hidden).add(block(Ah, 0, hidden)));
  const r = sigmoid(block(Ax, 1, hidden).add(block(Ah, 1, hidden)));
  const rh = Matrix.mul(r, hPrev);
  const hh = tanh(block(Ax, 2, hidden).add(rh.mmul(block(p.U, 2, hidden))));
  const h = Matrix.mul(z, hPrev).add(Matrix.mul(oneMinus(z), hh));
  return { x, hPrev, z, r, rh, hh, h };
}

/**
 * One GRU step (tfjs's convention): z = σ(x W_z + h_prev U_z + B_z), r = σ(x W_r + h_prev U_r + B_r),
 * ĥ = tanh(x W_h + B_h + (r ⊙ h_prev) U_h), h = z ⊙ h_prev + (1 - z) ⊙ ĥ.
 * @taught N5
 */
export function gruStep(x: Matrix, hPrev: Matrix, p: GatedParams): Matrix {
  const hidden = hiddenOf("GRU", p);
  assertSequence("GRU", [x], p);
  stateOr("hPrev", hPrev, x.rows, hidden);
  return gruCell(x, hPrev, p, hidden).h;
}

/**
 * The gates z, r and the candidate ĥ of every step (each batch x hidden).
 * @internal
 */
export interface GruGates {
  z: Matrix[];
  r: Matrix[];
  candidate: Matrix[];
}

function gruRun(X: readonly Matrix[], p: GatedParams, h0?: Matrix): GruCache[] {
  const hidden = hiddenOf("GRU", p);
  assertSequence("GRU", X, p);
  let h = stateOr("h0", h0, X[0].rows, hidden);
  return X.map((x) => {
    const step = gruCell(x, h, p, hidden);
    h = step.h;
    return step;
  });
}

/**
 * The states h_1..h_T (H[t] for input X[t]) from h0 (default zeros), and the gates.
 * @taught N5
 */
export function gruForward(X: readonly Matrix[], p: GatedParams, h0?: Matrix): { H: Matrix[]; gates: GruGates } {
  const steps = gruRun(X, p, h0);
  return {
    H: steps.map((s) => s.h),
    gates: { z: steps.map((s) => s.z), r: steps.map((s) => s.r), candidate: steps.map((s) => s.hh) },
  };
}

/**
 * GRU BPTT: given dL/dh_t put on each state (dH[t], or null), the gradients of L for W, U, B,
 * the inputs and h_0. Runs the forward pass again from X and h0.
 * @taught N5
 */
export function gruBackward(
  X: readonly Matrix[],
  p: GatedParams,
  dH: readonly (Matrix | null | undefined)[],
  { h0 }: { h0?: Matrix } = {},
): GatedGradients {
  const hidden = hiddenOf("GRU", p);
  assertSequence("GRU", X, p);
  const T = X.length;
  const batch = X[0].rows;
  assertGiven(dH, T, batch, hidden);
  const steps = gruRun(X, p, h0);
  const WT = p.W.transpose();
  const UzrT = p.U.subMatrix(0, hidden - 1, 0, 2 * hidden - 1).transpose();
  const UhT = block(p.U, 2, hidden).transpose();
  const grads = zeroGradients(p, X, batch, hidden);
  let dh = Matrix.zeros(batch, hidden);
  for (let t = T - 1; t >= 0; t--) {
    const s = steps[t];
    if (dH[t]) dh = Matrix.add(dh, dH[t] as Matrix);
    grads.dH[t] = dh;
    // h = z ⊙ h_prev + (1 - z) ⊙ ĥ
    const dAh = Matrix.mul(dh, oneMinus(s.z)).mul(tanhSlope(s.hh)); // dL/d(pre-activation of ĥ)
    const dRh = dAh.mmul(UhT); // dL/d(r ⊙ h_prev)
    const dAz = Matrix.sub(s.hPrev, s.hh).mul(dh).mul(sigmoidSlope(s.z));
    const dAr = Matrix.mul(dRh, s.hPrev).mul(sigmoidSlope(s.r));
    const dAzr = joinBlocks([dAz, dAr]);
    const dA = joinBlocks([dAz, dAr, dAh]); // what x W + B receives, batch x 3H
    grads.dW.add(s.x.transpose().mmul(dA));
    grads.dB.add(Matrix.rowVector(dA.sum("column")));
    const dUzr = s.hPrev.transpose().mmul(dAzr);
    const dUh = s.rh.transpose().mmul(dAh);
    grads.dU.add(joinBlocks([dUzr, dUh]));
    grads.dX[t] = dA.mmul(WT);
    dh = Matrix.mul(dh, s.z).add(Matrix.mul(dRh, s.r)).add(dAzr.mmul(UzrT));
  }
  grads.dH0 = dh;
  return grads;
}
