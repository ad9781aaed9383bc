/** hold (src/hold.ts): a re-run cell replaces what it held, looseTensors finds what nothing holds, disposeOptimizer frees all. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { tf } from "../src/backend";
import {
  checkNoLooseTensors,
  disposeOptimizer,
  heldTensors,
  hold,
  looseTensors,
  startChapter,
  tensorReport,
} from "../src/hold";

const net = () =>
  tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3 }), tf.layers.dense({ units: 1 })] });
const live = () => tf.memory().numTensors;

test("holding under a name again disposes what the name held, so a re-run cell leaks nothing", () => {
  const start = live();
  const first = hold("test-x", tf.ones([2, 2]));
  assert.equal(live(), start + 1);
  const second = hold("test-x", tf.zeros([2, 2]));
  assert.ok(first.isDisposed && !second.isDisposed);
  assert.equal(live(), start + 1);
  assert.equal(hold("test-x", second), second, "holding the same tensor again keeps it");
  assert.ok(!second.isDisposed);
  hold("test-x", []);
  assert.equal(live(), start);
});

test("a model, its optimizer with slots, and a run object count as held; replacing them frees every tensor", () => {
  const start = live();
  const loose = looseTensors();
  const make = () => {
    const model = net();
    const optimizer = tf.train.adam(0.1);
    const x = tf.ones([4, 2]);
    tf.tidy(() => void optimizer.minimize(() => (model.apply(x) as tf.Tensor).square().mean() as tf.Scalar));
    return { model, optimizer, x, losses: [1, 0.5], note: "numbers and strings are ignored" };
  };
  hold("test-run", make());
  // 4 weights, Adam's 2 moments per weight plus 2 beta powers, the data and the learning rate scalars.
  assert.ok(heldTensors() >= 4 + 8 + 2 + 1, `held ${heldTensors()}`);
  assert.equal(looseTensors(), loose, "every tensor the run made is held");
  const afterFirst = live();
  hold("test-run", make());
  assert.equal(live(), afterFirst, "the second run replaced the first");
  hold("test-run", {});
  assert.equal(live(), start);
});

test("a bare layer is held by its weights once built, and may be held before it is built", () => {
  const start = live();
  hold("test-layer", tf.layers.dense({ units: 2 }));
  const layer = hold("test-layer", tf.layers.dense({ units: 2 })); // the first was never built: nothing to dispose
  tf.tidy(() => void layer.apply(tf.ones([1, 3])));
  assert.equal(live(), start + 2);
  assert.equal(looseTensors() + heldTensors(), live());
  hold("test-layer", []);
  assert.equal(live(), start);
});

test("a tensor made and not held is loose", () => {
  const loose = looseTensors();
  const stray = tf.ones([3]);
  assert.equal(looseTensors(), loose + 1);
  assert.equal(
    tensorReport(loose),
    `tensors alive: ${live()}, held: ${heldTensors()}, loose: ${loose + 1} (at start: ${loose})`,
  );
  stray.dispose();
  assert.equal(looseTensors(), loose);
});

test("a name must be a non-empty string", () => {
  assert.throws(() => hold("", tf.scalar(1)), /name must be a non-empty string/);
});

test("startChapter notes the loose tensors; checkNoLooseTensors and tensorReport compare with them", (t) => {
  const lines: string[] = [];
  t.mock.method(console, "log", (line: string) => lines.push(line));
  assert.match(startChapter(), /backend: tensorflow/);
  const loose = looseTensors();
  checkNoLooseTensors();
  assert.deepEqual(lines, [`✓ no tensors leaked: every live tensor is held (${loose} loose, ${loose} at start)`]);
  const stray = tf.scalar(1);
  assert.throws(() => checkNoLooseTensors(), {
    message: `Self-check failed: no tensors leaked: every live tensor is held (${loose + 1} loose, ${loose} at start)`,
  });
  assert.match(tensorReport(), new RegExp(`loose: ${loose + 1} \\(at start: ${loose}\\)`));
  stray.dispose();
  checkNoLooseTensors();
});

test("a held object may have empty fields (undefined, null)", () => {
  const t = tf.scalar(2);
  hold("with gaps", { t, model: undefined, best: null });
  assert.equal(looseTensors() + heldTensors(), tf.memory().numTensors);
  hold("with gaps", []);
  assert.ok(t.isDisposed, "re-holding the name disposed the tensor it held");
});

test("disposeOptimizer frees what tf.train.momentum's own dispose() forgets", () => {
  const useAndCount = (dispose: (o: tf.Optimizer) => void) => {
    const before = tf.memory().numTensors;
    const optimizer = tf.train.momentum(0.1, 0.9);
    const x = tf.tidy(() => tf.variable(tf.scalar(1)));
    optimizer.minimize(() => x.square() as tf.Scalar);
    x.dispose();
    dispose(optimizer);
    return tf.memory().numTensors - before;
  };
  assert.ok(
    useAndCount((o) => o.dispose()) > 0,
    "tfjs's own dispose() no longer leaks: disposeOptimizer's workaround can go",
  );
  assert.equal(useAndCount(disposeOptimizer), 0);
});
