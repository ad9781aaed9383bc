import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import fc from "fast-check";
import { gruBackward, gruForward, gruStep, lstmBackward, lstmForward, lstmStep, type GatedParams } from "../src/gated";
import { gradientCheck, numericGradient } from "../src/derivatives";
import { maxAbsDifference } from "../src/selfcheck";
import { RandomState } from "../src/random";
import { tanh } from "../src/activations";

// Batch 2, inputs 3, hidden 4, 5 steps.
const rs = new RandomState(11);
const lstm: GatedParams = { W: rs.randn(3, 16).mul(0.7), U: rs.randn(4, 16).mul(0.5), B: rs.randn(1, 16).mul(0.3) };
const gru: GatedParams = { W: rs.randn(3, 12).mul(0.7), U: rs.randn(4, 12).mul(0.5), B: rs.randn(1, 12).mul(0.3) };
const X = Array.from({ length: 5 }, () => rs.randn(2, 3));
const h0 = rs.randn(2, 4).mul(0.5);
const c0 = rs.randn(2, 4).mul(0.5);
// L = sum_t sum(G[t] * H[t]) (+ sum(K * c_T) for the LSTM): dL/dH[t] = G[t].
const G = Array.from({ length: 5 }, () => rs.randn(2, 4));
const K = rs.randn(2, 4);
const dot = (A: Matrix, B: Matrix) => Matrix.mul(A, B).sum();

const sig = (a: number) => 1 / (1 + Math.exp(-a));

test("lstmStep follows the equations entry by entry, gates in tfjs's order i, f, g, o", () => {
  const { h, c } = lstmStep(X[0], h0, c0, lstm);
  for (let b = 0; b < 2; b++) {
    for (let j = 0; j < 4; j++) {
      const a = [0, 1, 2, 3].map((k) => {
        let s = lstm.B.get(0, k * 4 + j);
        for (let i = 0; i < 3; i++) s += X[0].get(b, i) * lstm.W.get(i, k * 4 + j);
        for (let m = 0; m < 4; m++) s += h0.get(b, m) * lstm.U.get(m, k * 4 + j);
        return s;
      });
      const cj = sig(a[1]) * c0.get(b, j) + sig(a[0]) * Math.tanh(a[2]);
      assert.ok(Math.abs(c.get(b, j) - cj) < 1e-14);
      assert.ok(Math.abs(h.get(b, j) - sig(a[3]) * Math.tanh(cj)) < 1e-14);
    }
  }
});

test("gruStep follows tfjs's equations (reset before U_h, z keeps the old state)", () => {
  const h = gruStep(X[0], h0, gru);
  for (let b = 0; b < 2; b++) {
    /** The pre-activation of gate block k, unit j, with the state given as hv(m). */
    const pre = (k: number, j: number, hv: (m: number) => number) => {
      let s = gru.B.get(0, k * 4 + j);
      for (let i = 0; i < 3; i++) s += X[0].get(b, i) * gru.W.get(i, k * 4 + j);
      for (let m = 0; m < 4; m++) s += hv(m) * gru.U.get(m, k * 4 + j);
      return s;
    };
    const hPrev = (m: number) => h0.get(b, m);
    const r = [0, 1, 2, 3].map((m) => sig(pre(1, m, hPrev)));
    for (let j = 0; j < 4; j++) {
      const z = sig(pre(0, j, hPrev));
      const hh = Math.tanh(pre(2, j, (m) => r[m] * h0.get(b, m)));
      assert.ok(Math.abs(h.get(b, j) - (z * h0.get(b, j) + (1 - z) * hh)) < 1e-14);
    }
  }
});

test("lstmForward chains lstmStep from zeros by default; the gates lie in their ranges", () => {
  const { H, C, gates } = lstmForward(X, lstm, { h0, c0 });
  let s = { h: h0, c: c0 };
  X.forEach((x, t) => {
    s = lstmStep(x, s.h, s.c, lstm);
    assert.deepEqual(H[t].to2DArray(), s.h.to2DArray());
    assert.deepEqual(C[t].to2DArray(), s.c.to2DArray());
  });
  const zero = Matrix.zeros(2, 4);
  assert.deepEqual(lstmForward(X, lstm).H[0].to2DArray(), lstmStep(X[0], zero, zero, lstm).h.to2DArray());
  for (const M of [...gates.i, ...gates.f, ...gates.o]) assert.ok(M.to1DArray().every((v) => v > 0 && v < 1));
  for (const M of [...gates.g, ...H]) assert.ok(M.to1DArray().every((v) => v > -1 && v < 1));
});

test("gruForward chains gruStep", () => {
  const { H, gates } = gruForward(X, gru, h0);
  let h = h0;
  X.forEach((x, t) => {
    h = gruStep(x, h, gru);
    assert.deepEqual(H[t].to2DArray(), h.to2DArray());
  });
  for (const M of [...gates.z, ...gates.r]) assert.ok(M.to1DArray().every((v) => v > 0 && v < 1));
});

/** Each step's dX[t] against numericGradient of the loss with only x_t moved. */
function checkInputGradients(dX: Matrix[], lossOfInputs: (xs: Matrix[]) => number): void {
  X.forEach((x, t) => {
    const numeric = numericGradient((xt) => lossOfInputs(X.map((o, s) => (s === t ? xt : o))), x);
    assert.ok(gradientCheck(dX[t], numeric).ok, `dX[${t}]`);
  });
}

test("LSTM BPTT matches numeric gradients for W, U, B, h0, c0, every input and a gradient on c_T", () => {
  const lossOf = (q: GatedParams, xs = X, h = h0, c = c0) => {
    const { H, C } = lstmForward(xs, q, { h0: h, c0: c });
    return H.reduce((s, Ht, t) => s + dot(Ht, G[t]), 0) + dot(C[4], K);
  };
  const g = lstmBackward(X, lstm, G, { h0, c0, dCLast: K });
  for (const k of ["W", "U", "B"] as const) {
    const r = gradientCheck(
      g[`d${k}`],
      numericGradient((M) => lossOf({ ...lstm, [k]: M }), lstm[k]),
    );
    assert.ok(r.ok, `d${k}: ${r.relativeError}`);
  }
  assert.ok(
    gradientCheck(
      g.dH0,
      numericGradient((h) => lossOf(lstm, X, h), h0),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      g.dC0,
      numericGradient((c) => lossOf(lstm, X, h0, c), c0),
    ).ok,
  );
  checkInputGradients(g.dX, (xs) => lossOf(lstm, xs));
});

test("GRU BPTT matches numeric gradients for W, U, B, h0 and every input", () => {
  const lossOf = (q: GatedParams, xs = X, h = h0) => gruForward(xs, q, h).H.reduce((s, Ht, t) => s + dot(Ht, G[t]), 0);
  const g = gruBackward(X, gru, G, { h0 });
  for (const k of ["W", "U", "B"] as const) {
    const r = gradientCheck(
      g[`d${k}`],
      numericGradient((M) => lossOf({ ...gru, [k]: M }), gru[k]),
    );
    assert.ok(r.ok, `d${k}: ${r.relativeError}`);
  }
  assert.ok(
    gradientCheck(
      g.dH0,
      numericGradient((h) => lossOf(gru, X, h), h0),
    ).ok,
  );
  checkInputGradients(g.dX, (xs) => lossOf(gru, xs));
});

test("dH[t] is the whole gradient reaching h_t: a loss on the last state only, checked at an earlier state", () => {
  const only = G.map((g, t) => (t === 4 ? g : null));
  const tail = (h: Matrix) => dot(gruForward(X.slice(2), gru, h).H[2], G[4]);
  const hAt1 = gruForward(X, gru, h0).H[1];
  assert.ok(gradientCheck(gruBackward(X, gru, only, { h0 }).dH[1], numericGradient(tail, hAt1)).ok);
  const lstmRun = lstmForward(X, lstm, { h0, c0 });
  // dC[1] is the whole gradient on c_1, through h_1 = o_1 ⊙ tanh(c_1) too.
  const tailL = (c: Matrix) =>
    dot(lstmForward(X.slice(2), lstm, { h0: Matrix.mul(lstmRun.gates.o[1], tanh(c)), c0: c }).H[2], G[4]);
  assert.ok(gradientCheck(lstmBackward(X, lstm, only, { h0, c0 }).dC[1], numericGradient(tailL, lstmRun.C[1])).ok);
});

test("property: the rows of a batch are independent sequences (one batch of 2 = two batches of 1)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 4 }), (s, T) => {
      const r = new RandomState(s);
      const xs = Array.from({ length: T }, () => r.randn(2, 3));
      const row = (b: number) => xs.map((x) => x.subMatrixRow([b]));
      const both = lstmForward(xs, lstm).H[T - 1];
      const g = gruForward(xs, gru).H[T - 1];
      return [0, 1].every(
        (b) =>
          maxAbsDifference(both.subMatrixRow([b]), lstmForward(row(b), lstm).H[T - 1]) < 1e-14 &&
          maxAbsDifference(g.subMatrixRow([b]), gruForward(row(b), gru).H[T - 1]) < 1e-14,
      );
    }),
    { numRuns: 30 },
  );
});

test("property: a GRU whose update gate is shut (z = 1) keeps its state; an LSTM whose forget gate is open and input gate shut keeps its cell", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000 }), (s) => {
      const r = new RandomState(s);
      const xs = Array.from({ length: 3 }, () => r.randn(1, 3));
      const start = r.randn(1, 4);
      const Bz = gru.B.clone();
      for (let j = 0; j < 4; j++) Bz.set(0, j, 60); // z = σ(60 + ...) = 1 in float64
      const keptH = gruForward(xs, { W: gru.W.clone().mul(0.01), U: gru.U.clone().mul(0.01), B: Bz }, start).H[2];
      const Bl = lstm.B.clone();
      for (let j = 0; j < 4; j++) {
        Bl.set(0, j, -60);
        Bl.set(0, 4 + j, 60);
      } // i = 0, f = 1
      const keptC = lstmForward(xs, { W: lstm.W.clone().mul(0.01), U: lstm.U.clone().mul(0.01), B: Bl }, { c0: start })
        .C[2];
      return maxAbsDifference(keptH, start) < 1e-12 && maxAbsDifference(keptC, start) < 1e-12;
    }),
    { numRuns: 20 },
  );
});

test("bad input: clear errors naming the problem", () => {
  assert.throws(() => lstmForward([], lstm), /LSTM: the sequence X is empty/);
  assert.throws(() => gruForward([], gru), /GRU: the sequence X is empty/);
  assert.throws(() => lstmForward([new Matrix(2, 2)], lstm), /X\[0\] is 2x2 but W is 3x16: X\[t\] needs 3 columns/);
  assert.throws(() => lstmForward([X[0], new Matrix(3, 3)], lstm), /X\[1\] has 3 rows but X\[0\] has 2/);
  assert.throws(() => lstmForward(X, gru), /LSTM: U must be hidden x 4\*hidden \(gates i, f, g, o\), got 4x12/);
  assert.throws(() => gruForward(X, lstm), /GRU: U must be hidden x 3\*hidden \(gates z, r, h\), got 4x16/);
  assert.throws(() => lstmForward(X, { ...lstm, W: new Matrix(3, 12) }), /W needs 16 columns/);
  assert.throws(() => gruForward(X, { ...gru, B: new Matrix(1, 4) }), /GRU: B must be 1x12/);
  assert.throws(() => lstmForward(X, lstm, { h0: new Matrix(1, 4) }), /h0 must be 2x4/);
  assert.throws(() => lstmForward(X, lstm, { c0: new Matrix(2, 3) }), /c0 must be 2x4/);
  assert.throws(() => gruForward(X, gru, new Matrix(2, 5)), /h0 must be 2x4/);
  assert.throws(() => lstmStep(X[0], h0, new Matrix(2, 1), lstm), /cPrev must be 2x4/);
  assert.throws(() => gruStep(X[0], new Matrix(1, 4), gru), /hPrev must be 2x4/);
  assert.throws(() => lstmBackward(X, lstm, G.slice(1)), /dH has 4 steps but X has 5/);
  assert.throws(
    () =>
      gruBackward(
        X,
        gru,
        G.map((g, t) => (t === 2 ? new Matrix(2, 3) : g)),
      ),
    /dH\[2\] must be 2x4/,
  );
  assert.throws(() => lstmBackward(X, lstm, G, { dCLast: new Matrix(2, 2) }), /dCLast must be 2x4/);
});
