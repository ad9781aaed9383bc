/** quartic-paths (src/quartic-paths.ts): a tfjs optimizer's path, the quartic's curve, and where a path ends. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { tf } from "../src/backend";
import { descendPath } from "../src/descent";
import { Momentum } from "../src/optimizers";
import { QUARTIC } from "../src/quartic";
import { endsIn, quarticCurve, tfDescendPath } from "../src/quartic-paths";

test("the curve spans [-9, 10] in steps of 0.1 and is the quartic's loss", () => {
  assert.equal(quarticCurve.x.length, 191);
  assert.ok(Math.abs(quarticCurve.x[190] - 10) < 1e-12);
  quarticCurve.x.forEach((x, i) => assert.equal(quarticCurve.y[i], QUARTIC.loss(x)));
});

test("endsIn names the valley and the step from which the path stays within 1e-3", () => {
  const { localMinimum: a, globalMinimum: b } = QUARTIC;
  assert.match(
    endsIn([-8, a + 0.5, a, a]),
    new RegExp(`^local minimum valley \\(x = ${a.toFixed(4)}, .*within 1e-3 from step 2\\)$`),
  );
  assert.match(endsIn([-8, b + 0.1]), /^global minimum valley .*not within 1e-3 at the end\)$/);
});

test("tfDescendPath follows the from-scratch path (momentum in EWMA form) and leaks no tensor", () => {
  const before = tf.memory().numTensors;
  const lossTensor = (x: tf.Variable) => tf.tidy(() => x.square() as tf.Scalar);
  const tfPath = tfDescendPath(tf.train.momentum(0.1 * (1 - 0.9), 0.9), lossTensor, -4, 30);
  const ours = descendPath(new Momentum(0.1, 0.9), (x) => 2 * x, -4, 30);
  assert.equal(tfPath.length, 31);
  tfPath.forEach((x, i) => assert.ok(Math.abs(x - ours[i]) < 1e-5, `step ${i}: ${x} vs ${ours[i]}`));
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
});
