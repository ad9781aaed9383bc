import { test } from "node:test";
import assert from "node:assert/strict";
import { WEIGHT_HEIGHT, weightHeight } from "../src/datasets";

test("WEIGHT_HEIGHT has 24 rows of [weight kg, height cm]", () => {
  assert.equal(WEIGHT_HEIGHT.length, 24);
  for (const row of WEIGHT_HEIGHT) {
    assert.equal(row.length, 2);
    assert.ok(row.every(Number.isFinite));
  }
  assert.deepEqual(WEIGHT_HEIGHT[0], [5.9, 59.1]);
  assert.deepEqual(WEIGHT_HEIGHT[23], [69.5, 173.8]);
});

test("the children grow: weight and height both increase down the table, in plausible ranges", () => {
  for (let i = 1; i < WEIGHT_HEIGHT.length; i++) {
    assert.ok(WEIGHT_HEIGHT[i][0] > WEIGHT_HEIGHT[i - 1][0], `weight, row ${i}`);
    assert.ok(WEIGHT_HEIGHT[i][1] > WEIGHT_HEIGHT[i - 1][1], `height, row ${i}`);
  }
  for (const [w, h] of WEIGHT_HEIGHT) {
    assert.ok(w > 3 && w < 100, `weight ${w}`);
    assert.ok(h > 45 && h < 200, `height ${h}`);
  }
});

test("weightHeight() gives the two columns in row order", () => {
  const { weight, height } = weightHeight();
  assert.equal(weight.length, 24);
  assert.equal(height.length, 24);
  assert.deepEqual([weight[0], height[0]], [5.9, 59.1]);
  assert.deepEqual([weight[23], height[23]], [69.5, 173.8]);
  weight.forEach((w, i) => assert.deepEqual([w, height[i]], [...WEIGHT_HEIGHT[i]]));
});

test("weightHeight() returns fresh arrays: changing them leaves the table alone", () => {
  const first = weightHeight();
  first.weight[0] = 999;
  first.height.length = 0;
  const second = weightHeight();
  assert.equal(second.weight[0], 5.9);
  assert.equal(second.height.length, 24);
  assert.deepEqual(WEIGHT_HEIGHT[0], [5.9, 59.1]);
});
