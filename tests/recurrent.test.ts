import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import {
  BLOG_RNN_NAMES,
  copyBlogRnn,
  drawBlogRnn,
  normsPerStep,
  rnnBackward,
  rnnForward,
  rnnPreActivation,
  rnnStep,
  type RnnParams,
} from "../src/recurrent";
import { gradientCheck, numericGradient } from "../src/derivatives";
import { maxAbsDifference } from "../src/selfcheck";
import { RandomState } from "../src/random";
import { tanh } from "../src/activations";

// Batch 2, inputs 3, hidden 4, 5 steps; drawn once so the tests see varied values.
const rs = new RandomState(7);
const p: RnnParams = { Wx: rs.randn(3, 4).mul(0.8), Wh: rs.randn(4, 4).mul(0.6), B: rs.randn(1, 4).mul(0.3) };
const X = Array.from({ length: 5 }, () => rs.randn(2, 3));
const h0 = rs.randn(2, 4).mul(0.5);
// L = sum_t sum(C[t] * H[t]): dL/dH[t] = C[t].
const C = Array.from({ length: 5 }, () => rs.randn(2, 4));

const weighted = (H: Matrix[], G: readonly (Matrix | null)[]) =>
  H.reduce((s, h, t) => s + (G[t] ? Matrix.mul(h, G[t] as Matrix).sum() : 0), 0);
const lossOf = (q: RnnParams, xs: Matrix[] = X, start: Matrix = h0, G: readonly (Matrix | null)[] = C) =>
  weighted(rnnForward(xs, q, start), G);

test("rnnStep is tanh(x Wx + h Wh + B), entry by entry", () => {
  const x = X[0];
  const h = rnnStep(x, h0, p);
  for (let b = 0; b < 2; b++) {
    for (let j = 0; j < 4; j++) {
      let z = p.B.get(0, j);
      for (let i = 0; i < 3; i++) z += x.get(b, i) * p.Wx.get(i, j);
      for (let k = 0; k < 4; k++) z += h0.get(b, k) * p.Wh.get(k, j);
      assert.ok(Math.abs(h.get(b, j) - Math.tanh(z)) < 1e-15);
    }
  }
  assert.deepEqual(tanh(rnnPreActivation(x, h0, p)).to2DArray(), h.to2DArray());
});

test("rnnForward returns one state per step, each from the one before, starting at zeros by default", () => {
  const H = rnnForward(X, p, h0);
  assert.equal(H.length, 5);
  let h = h0;
  X.forEach((x, t) => {
    h = rnnStep(x, h, p);
    assert.deepEqual(H[t].to2DArray(), h.to2DArray());
  });
  assert.deepEqual(rnnForward(X, p)[0].to2DArray(), rnnStep(X[0], Matrix.zeros(2, 4), p).to2DArray());
  for (const s of H) assert.ok(s.to1DArray().every((v) => v > -1 && v < 1));
});

test("full BPTT matches numeric gradients for Wx, Wh, B, h0 and every input step", () => {
  const g = rnnBackward(X, p, C, { h0 });
  assert.ok(
    gradientCheck(
      g.dWx,
      numericGradient((W) => lossOf({ ...p, Wx: W }), p.Wx),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      g.dWh,
      numericGradient((W) => lossOf({ ...p, Wh: W }), p.Wh),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      g.dB,
      numericGradient((B) => lossOf({ ...p, B }), p.B),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      g.dH0,
      numericGradient((h) => lossOf(p, X, h), h0),
    ).ok,
  );
  X.forEach((x, t) => {
    const numeric = numericGradient(
      (xt) =>
        lossOf(
          p,
          X.map((o, s) => (s === t ? xt : o)),
        ),
      x,
    );
    assert.ok(gradientCheck(g.dX[t], numeric).ok, `dX[${t}]`);
  });
});

test("many-to-one (a gradient on the last state only) matches numeric gradients, and dH[t] is the gradient for each earlier state", () => {
  const only = C.map((c, t) => (t === 4 ? c : null));
  const g = rnnBackward(X, p, only, { h0 });
  assert.ok(
    gradientCheck(
      g.dWx,
      numericGradient((W) => lossOf({ ...p, Wx: W }, X, h0, only), p.Wx),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      g.dWh,
      numericGradient((W) => lossOf({ ...p, Wh: W }, X, h0, only), p.Wh),
    ).ok,
  );
  assert.ok(
    gradientCheck(
      g.dB,
      numericGradient((B) => lossOf({ ...p, B }, X, h0, only), p.B),
    ).ok,
  );
  // dL/dh_t for earlier t is the numeric derivative with respect to a state: perturb h_t and re-run from it.
  const H = rnnForward(X, p, h0);
  for (let t = 0; t < 4; t++) {
    const numeric = numericGradient((h) => weighted(rnnForward(X.slice(t + 1), p, h), only.slice(t + 1)), H[t]);
    assert.ok(gradientCheck(g.dH[t], numeric).ok, `dH[${t}]`);
  }
  assert.deepEqual(g.dH[4].to2DArray(), C[4].to2DArray());
  assert.deepEqual(
    normsPerStep(g.dH),
    g.dH.map((m) => m.norm()),
  );
});

test("truncated BPTT is the exact gradient of the loss seen through a window of `truncate` steps", () => {
  const H = rnnForward(X, p, h0);
  for (const k of [1, 2, 3]) {
    // Each loss term sees the weights only in the last k steps before it; older states are constants.
    const windowed = (q: RnnParams) =>
      C.reduce((s, c, t) => {
        const from = t - k + 1;
        const start = from <= 0 ? h0 : H[from - 1];
        const states = rnnForward(X.slice(Math.max(from, 0), t + 1), q, start);
        return s + Matrix.mul(states[states.length - 1], c).sum();
      }, 0);
    const g = rnnBackward(X, p, C, { h0, truncate: k });
    assert.ok(
      gradientCheck(
        g.dWx,
        numericGradient((W) => windowed({ ...p, Wx: W }), p.Wx),
      ).ok,
      `dWx, truncate ${k}`,
    );
    assert.ok(
      gradientCheck(
        g.dWh,
        numericGradient((W) => windowed({ ...p, Wh: W }), p.Wh),
      ).ok,
      `dWh, truncate ${k}`,
    );
    assert.ok(
      gradientCheck(
        g.dB,
        numericGradient((B) => windowed({ ...p, B }), p.B),
      ).ok,
      `dB, truncate ${k}`,
    );
  }
});

test("truncate >= T gives full BPTT; truncate 1 puts each step's gradient on its own step only", () => {
  const full = rnnBackward(X, p, C, { h0 });
  for (const k of [5, 9]) {
    const g = rnnBackward(X, p, C, { h0, truncate: k });
    for (const key of ["dWx", "dWh", "dB", "dH0"] as const)
      assert.ok(maxAbsDifference(g[key], full[key]) < 1e-12, `${key}, truncate ${k}`);
  }
  const one = rnnBackward(X, p, C, { h0, truncate: 1 });
  one.dH.forEach((d, t) => assert.deepEqual(d.to2DArray(), C[t].to2DArray()));
  // Only the first step's gradient reaches h0 in one step.
  const first = rnnBackward(
    X,
    p,
    C.map((c, t) => (t === 0 ? c : null)),
    { h0 },
  );
  assert.ok(maxAbsDifference(one.dH0, first.dH0) < 1e-15);
});

test("rnnForward and rnnBackward name the shapes that do not fit", () => {
  assert.throws(() => rnnForward([], p), /the sequence X is empty/);
  assert.throws(() => rnnForward([new Matrix(2, 2)], p), /X\[0\] is 2x2 but Wx is 3x4: X\[t\] needs 3 columns/);
  assert.throws(() => rnnForward([X[0], new Matrix(3, 3)], p), /X\[1\] has 3 rows but X\[0\] has 2/);
  assert.throws(() => rnnForward(X, { ...p, Wh: new Matrix(4, 3) }), /Wh must be square/);
  assert.throws(() => rnnForward(X, { ...p, Wx: new Matrix(3, 2) }), /Wx needs 4 columns/);
  assert.throws(
    () => rnnForward(X, { ...p, B: new Matrix(4, 1) }),
    /B must be 1x4 \(one bias per hidden unit\) or 1x1/,
  );
  assert.throws(() => rnnForward(X, p, new Matrix(1, 4)), /h0 must be 2x4/);
  assert.throws(() => rnnBackward(X, p, C.slice(1)), /dH has 4 steps but X has 5/);
  assert.throws(
    () =>
      rnnBackward(
        X,
        p,
        C.map((c, t) => (t === 2 ? new Matrix(2, 3) : c)),
      ),
    /dH\[2\] must be 2x4/,
  );
  assert.throws(() => rnnBackward(X, p, C, { truncate: 0 }), /truncate must be a positive integer or Infinity/);
  assert.throws(() => rnnBackward(X, p, C, { truncate: 1.5 }), /truncate must be a positive integer/);
});

test("a 1x1 B is one bias shared by every hidden unit: added to each, its gradient the sum over units", () => {
  const shared = { ...p, B: new Matrix([[0.3]]) };
  const H = rnnForward(X, shared, h0);
  const wide = rnnForward(X, { ...p, B: new Matrix([[0.3, 0.3, 0.3, 0.3]]) }, h0);
  H.forEach((h, t) => assert.deepEqual(h.to2DArray(), wide[t].to2DArray()));
  for (const truncate of [Infinity, 2]) {
    const g = rnnBackward(X, shared, C, { h0, truncate });
    assert.equal(g.dB.columns, 1);
    const perUnit = rnnBackward(X, { ...p, B: new Matrix([[0.3, 0.3, 0.3, 0.3]]) }, C, { h0, truncate }).dB;
    assert.ok(Math.abs(g.dB.get(0, 0) - perUnit.sum()) < 1e-12);
  }
  assert.ok(
    gradientCheck(
      rnnBackward(X, shared, C, { h0 }).dB,
      numericGradient((B) => lossOf({ ...shared, B }), shared.B),
    ).ok,
  );
});

test("drawBlogRnn draws Wxh, Whh, Bh, Wy, By in the scripts' order from the seed", () => {
  const p = drawBlogRnn(230907, 2, 3, 1);
  assert.deepEqual(
    BLOG_RNN_NAMES.map((k) => [p[k].rows, p[k].columns]),
    [
      [2, 3],
      [3, 3],
      [1, 1],
      [3, 1],
      [1, 1],
    ],
  );
  // NumPy's np.random.seed(230907); randn: the 1st, 16th and 20th draws (chapter 70's self-check)
  assert.ok(Math.abs(p.Wxh.get(0, 0) + 0.39047477) < 5e-9);
  assert.ok(Math.abs(p.Bh.get(0, 0) - 0.4316805) < 5e-9);
  assert.ok(Math.abs(p.By.get(0, 0) + 0.72172918) < 5e-9);
  assert.throws(() => drawBlogRnn(1, 0, 3, 1), /positive integer/);
});

test("copyBlogRnn copies every matrix", () => {
  const p = drawBlogRnn(1, 2, 2, 2);
  const q = copyBlogRnn(p);
  q.Whh.set(0, 0, 99);
  for (const k of BLOG_RNN_NAMES) assert.notEqual(q[k], p[k]);
  assert.notEqual(p.Whh.get(0, 0), 99);
});
