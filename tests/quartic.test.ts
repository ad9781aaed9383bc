import { test } from "node:test";
import assert from "node:assert/strict";
import { QUARTIC } from "../src/quartic";

test("QUARTIC: critical points where the gradient vanishes, the gradient matches the loss", () => {
  for (const x of [QUARTIC.localMinimum, QUARTIC.hump, QUARTIC.globalMinimum])
    assert.ok(Math.abs(QUARTIC.gradient(x)) < 1e-12);
  assert.ok(QUARTIC.localMinimum < QUARTIC.hump && QUARTIC.hump < QUARTIC.globalMinimum);
  assert.ok(QUARTIC.loss(QUARTIC.globalMinimum) < QUARTIC.loss(QUARTIC.localMinimum));
  for (const x of [-8, -3, 0.5, 7]) {
    const h = 1e-6;
    assert.ok(Math.abs((QUARTIC.loss(x + h) - QUARTIC.loss(x - h)) / (2 * h) - QUARTIC.gradient(x)) < 1e-6);
  }
  // Roots of the loss minus 4: -6, -1, 0, 9.
  for (const r of [-6, -1, 0, 9]) assert.ok(Math.abs(QUARTIC.loss(r) - 4) < 1e-12);
});
