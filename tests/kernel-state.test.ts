import assert from "node:assert/strict";
import { test } from "node:test";
import { kernelState } from "../src/kernel-state";

test("kernelState makes a value once per key and hands the same one back, as a module loaded again would see it", () => {
  let made = 0;
  const first = kernelState("test-registry", () => {
    made++;
    return new Map<string, number>();
  });
  first.set("a", 1);
  const again = kernelState("test-registry", () => new Map<string, number>());
  assert.equal(again, first);
  assert.equal(again.get("a"), 1);
  assert.equal(made, 1);
  assert.notEqual(
    kernelState("another-key", () => new Map()),
    first,
  );
});
