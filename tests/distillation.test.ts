import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { distillationGradient, distillationLoss, softenedSoftmax, tfDistillationLoss } from "../src/distillation";
import { softmaxRows } from "../src/activations";
import { gradientCheck, numericGradient } from "../src/derivatives";
import { maxAbsDifference } from "../src/selfcheck";
import { oneHot } from "../src/classification";
import { RandomState } from "../src/random";
import { tf } from "../src/backend";

const rs = new RandomState(9);
const Z = rs.randn(4, 3).mul(2);
const teacherZ = rs.randn(4, 3).mul(3);
const labels = [2, null, 0, null];
const options = { temperature: 3, alpha: 0.4 };

test("softenedSoftmax is softmax(z / T): T = 1 is softmax, larger T flattens, rows sum to 1", () => {
  assert.ok(maxAbsDifference(softenedSoftmax(Z, 1), softmaxRows(Z)) < 1e-15);
  const soft = softenedSoftmax(new Matrix([[1, 2, 4]]), 4).to1DArray();
  const e = [0.25, 0.5, 1].map(Math.exp);
  soft.forEach((p, k) => assert.ok(Math.abs(p - e[k] / (e[0] + e[1] + e[2])) < 1e-15));
  const spread = (T: number) => {
    const p = softenedSoftmax(new Matrix([[1, 2, 4]]), T).to1DArray();
    return Math.max(...p) - Math.min(...p);
  };
  assert.ok(spread(1) > spread(2) && spread(2) > spread(8));
});

test("distillationLoss is α CE(labels) + (1 - α) T² CE(teacher soft, student soft), entry by entry", () => {
  const S = softmaxRows(Z);
  const ST = softenedSoftmax(Z, 3);
  const PT = softenedSoftmax(teacherZ, 3);
  const hard = -(Math.log(S.get(0, 2)) + Math.log(S.get(2, 0))) / 2;
  let soft = 0;
  for (let n = 0; n < 4; n++) for (let k = 0; k < 3; k++) soft -= PT.get(n, k) * Math.log(ST.get(n, k));
  const want = 0.4 * hard + 0.6 * 9 * (soft / 4);
  assert.ok(Math.abs(distillationLoss(Z, teacherZ, labels, options) - want) < 1e-12);
  // alpha 1 with every label: the plain cross-entropy; alpha 0: the soft term alone, labels ignored.
  const all = [2, 1, 0, 1];
  const ce = -all.reduce((s, y, n) => s + Math.log(S.get(n, y)), 0) / 4;
  assert.ok(Math.abs(distillationLoss(Z, teacherZ, all, { temperature: 5, alpha: 1 }) - ce) < 1e-12);
  assert.equal(
    distillationLoss(Z, teacherZ, [null, null, null, null], { temperature: 3, alpha: 0.4 }),
    0.6 * 9 * (soft / 4),
  );
});

test("distillationGradient matches numericGradient, with and without labels, at several temperatures", () => {
  for (const [T, alpha, ys] of [
    [1, 0.5, labels],
    [3, 0.4, labels],
    [10, 0, [null, null, null, null]],
    [0.5, 1, [0, 1, 2, 0]],
  ] as const) {
    const o = { temperature: T, alpha };
    const check = gradientCheck(
      distillationGradient(Z, teacherZ, ys, o),
      numericGradient((z) => distillationLoss(z, teacherZ, ys, o), Z),
    );
    assert.ok(check.ok, `T ${T}, alpha ${alpha}: relative error ${check.relativeError}`);
  }
});

test("the soft term's gradient is T (S_T - P_T) / N: zero when the student's logits equal the teacher's", () => {
  assert.ok(
    distillationGradient(teacherZ, teacherZ, [null, null, null, null], { temperature: 4, alpha: 0 }).norm() < 1e-15,
  );
  const g = distillationGradient(Z, teacherZ, [null, null, null, null], { temperature: 4, alpha: 0 });
  const want = Matrix.sub(softenedSoftmax(Z, 4), softenedSoftmax(teacherZ, 4)).mul(4 / 4);
  assert.ok(maxAbsDifference(g, want) < 1e-15);
});

test("two classes with logits (0, z) are the sigmoid: the gradient is α (σ(z) - y) + (1 - α) T (σ(z/T) - σ(t/T))", () => {
  const z = 1.3,
    t = -0.7,
    T = 2.5,
    alpha = 0.3;
  const sigma = (v: number) => 1 / (1 + Math.exp(-v));
  const g = distillationGradient(new Matrix([[0, z]]), new Matrix([[0, t]]), [1], { temperature: T, alpha });
  assert.ok(Math.abs(g.get(0, 1) - (alpha * (sigma(z) - 1) + (1 - alpha) * T * (sigma(z / T) - sigma(t / T)))) < 1e-15);
  assert.ok(Math.abs(g.get(0, 0) + g.get(0, 1)) < 1e-15, "the two columns' gradients cancel");
});

test("tfDistillationLoss gives the same value and gradient as the ml-matrix version (float32)", () => {
  const Y = oneHot([2, 0, 0, 0], 3).to2DArray();
  Y[1] = [0, 0, 0];
  Y[3] = [0, 0, 0];
  const { value, grad } = tf.tidy(() => {
    const f = (z: tf.Tensor) => tfDistillationLoss(z, tf.tensor2d(teacherZ.to2DArray()), tf.tensor2d(Y), options);
    const { value, grad } = tf.valueAndGrad(f)(tf.tensor2d(Z.to2DArray()));
    return { value: value.dataSync()[0], grad: grad.arraySync() as number[][] };
  });
  assert.ok(Math.abs(value - distillationLoss(Z, teacherZ, labels, options)) < 1e-5);
  assert.ok(maxAbsDifference(new Matrix(grad), distillationGradient(Z, teacherZ, labels, options)) < 1e-6);
});

test("bad input: clear errors naming the problem", () => {
  assert.throws(() => softenedSoftmax(Z, 0), /temperature must be positive, got 0/);
  assert.throws(() => softenedSoftmax(Z, -1), /temperature must be positive/);
  assert.throws(() => softenedSoftmax(Z, NaN), /temperature must be finite/);
  assert.throws(() => softenedSoftmax([[1, 2]] as unknown as Matrix, 1), /the logits must be a Matrix/);
  assert.throws(() => softenedSoftmax(new Matrix([[1, NaN]]), 1), /the logits\[0\]\[1\] is NaN/);
  assert.throws(
    () => distillationLoss(Z, new Matrix(4, 2), labels, options),
    /student's logits are 4x3 but the teacher's are 4x2/,
  );
  assert.throws(() => distillationLoss(Z, teacherZ, [0, 1], options), /2 labels for 4 samples/);
  assert.throws(
    () => distillationLoss(Z, teacherZ, [0, 3, null, 1], options),
    /labels\[1\] is 3; a label must be an integer class 0\.\.2 or null/,
  );
  assert.throws(() => distillationLoss(Z, teacherZ, [0, 0.5, null, 1], options), /labels\[1\] is 0\.5/);
  assert.throws(
    () => distillationGradient(Z, teacherZ, labels, { temperature: 2, alpha: 1.5 }),
    /alpha must be in \[0, 1\], got 1\.5/,
  );
  assert.throws(
    () => distillationGradient(Z, teacherZ, labels, undefined as never),
    /options \{ temperature, alpha \} are missing/,
  );
  assert.throws(
    () => tf.tidy(() => tfDistillationLoss(tf.zeros([4, 3]), tf.zeros([4, 2]), tf.zeros([4, 3]), options)),
    /Z is \[4,3\], teacherZ \[4,2\]/,
  );
  assert.throws(
    () => tf.tidy(() => tfDistillationLoss(tf.zeros([3]), tf.zeros([3]), tf.zeros([3]), options)),
    /Z must be a rank-2 tensor/,
  );
  assert.throws(
    () =>
      tf.tidy(() =>
        tfDistillationLoss(tf.zeros([1, 2]), tf.zeros([1, 2]), tf.zeros([1, 2]), { temperature: 0, alpha: 0 }),
      ),
    /temperature must be positive/,
  );
});

test("property: the loss is smallest, and the soft gradient zero, where the student copies the teacher (alpha 0)", () => {
  const sample = fc.record({ n: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 2, max: 5 }), s: fc.nat(1000) });
  fc.assert(
    fc.property(sample, fc.double({ min: 0.2, max: 20, noNaN: true }), ({ n, k, s }, T) => {
      const r = new RandomState(s);
      const t = r.randn(n, k).mul(3);
      const z = r.randn(n, k).mul(3);
      const none = Array.from({ length: n }, () => null);
      const o = { temperature: T, alpha: 0 };
      const atTeacher = distillationLoss(t, t, none, o);
      // Shifting every logit of a row by one number changes no probability: still the minimum.
      const shifted = t.clone().add(1.7);
      return (
        distillationLoss(z, t, none, o) >= atTeacher - 1e-9 && distillationGradient(shifted, t, none, o).norm() < 1e-9
      );
    }),
  );
});
