import { test } from "node:test";
import assert from "node:assert/strict";
import { compose } from "../src/functions";

test("compose applies functions left to right", () => {
  const addOne = (x: number) => x + 1;
  const double = (x: number) => 2 * x;
  assert.equal(compose([addOne, double])(3), 8); // double(addOne(3))
  assert.equal(compose([double, addOne])(3), 7); // addOne(double(3))
  assert.equal(compose([Math.sqrt])(16), 4);
  assert.throws(() => compose([]), /compose needs at least one function/);
});
