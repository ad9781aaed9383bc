/** quartic-paths (src/quartic-paths.ts): the quartic's curve, and where a path ends. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { QUARTIC } from "../src/descent";
import { endsIn, quarticCurve } from "../src/quartic-paths";

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
