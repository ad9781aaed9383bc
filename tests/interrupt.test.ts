/**
 * Interrupting a training cell (JupyterLab's stop button: SIGINT to the kernel) stops the
 * training itself, not only the cell, and the next cell runs. tslab alone ends an awaited
 * cell but lets its loop go on in the background.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { session, streams } from "./kernel-session";

const SETUP = `
import { tf } from "./src/backend";
import { fit } from "./src/training";
import { stopOnInterrupt, untilInterrupted } from "./src/interrupt";
const xs = tf.randomNormal([256, 4], 0, 1, "float32", 1);
const ys = tf.randomNormal([256, 1], 0, 1, "float32", 2);
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 32, activation: "relu" }), tf.layers.dense({ units: 1 })] });
let epochsDone = 0;
const counted = (epoch: number) => { epochsDone = epoch; if (epoch === 1) console.log("training started"); };
`;
/** Epochs run before and after a pause of 1.5 s: equal when the training has stopped. */
const AFTER = `
const before = epochsDone;
await new Promise((resolve) => setTimeout(resolve, 1500));
console.log(JSON.stringify({ before, after: epochsDone }));
`;

interface Interrupted {
  long: { status: string; printed: string };
  after: { status: string; printed: string };
  secondsToStop: number;
}

/** Runs SETUP, then `long`, interrupted a second after its first output (as a learner watching it would), then AFTER. */
function interrupt(long: string): Interrupted {
  const [, running, after] = session([{ execute: SETUP }, { execute: long, interrupt: 1 }, { execute: AFTER }]);
  const outcome = (r: typeof running) => ({ status: r.content.status as string, printed: streams(r, "stdout") });
  return { long: outcome(running), after: outcome(after), secondsToStop: running.secondsToEnd ?? Infinity };
}

function assertStopped(run: Interrupted): void {
  assert.match(run.long.printed, /training started/);
  assert.ok(
    run.secondsToStop < 10,
    `the cell took ${run.secondsToStop} s to end after the interrupt: ${JSON.stringify(run.long)}`,
  );
  assert.equal(run.after.status, "ok", `the next cell did not run: ${run.after.printed}`);
  const { before, after } = JSON.parse(run.after.printed.trim().split("\n").pop()!) as {
    before: number;
    after: number;
  };
  assert.ok(before >= 1 && before < 100_000, `epochs run before the interrupt: ${before}`);
  assert.equal(after, before, "training went on in the background after the interrupt");
}

test("an interrupt stops the course's fit and the next cell runs", { timeout: 120_000 }, () => {
  assertStopped(interrupt("await fit(model, tf.train.sgd(0.01), xs, ys, { epochs: 100_000, onEpoch: counted });"));
});

test("an interrupt stops model.fit given stopOnInterrupt, and the next cell runs", { timeout: 120_000 }, () => {
  assertStopped(
    interrupt(`model.compile({ optimizer: tf.train.sgd(0.01), loss: "meanSquaredError" });
await model.fit(xs, ys, { epochs: 100_000, batchSize: 64, verbose: 0,
    callbacks: [stopOnInterrupt(model), { onEpochEnd: async (epoch: number) => counted(epoch + 1) }] });`),
  );
});

test("an interrupt between two trainings ends a loop run in untilInterrupted, and the next cell runs", {
  timeout: 120_000,
}, () => {
  // Each round trains one short epoch, then waits 200 ms: the interrupt almost surely comes
  // while no training runs, where stopOnInterrupt alone would miss it.
  assertStopped(
    interrupt(`model.compile({ optimizer: tf.train.sgd(0.01), loss: "meanSquaredError" });
let rounds = 0;
await untilInterrupted(async (stopped) => {
  while (!stopped() && rounds < 1000) {
    await model.fit(xs, ys, { epochs: 1, batchSize: 256, verbose: 0, callbacks: [stopOnInterrupt(model)] });
    counted(++rounds);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});`),
  );
});

for (const [name, training] of [
  [
    "model.fit with stopOnInterrupt",
    `await model.fit(xs, ys, { epochs: 5000, batchSize: 256, verbose: 0,
    callbacks: [stopOnInterrupt(model), { onEpochEnd: async (epoch: number) => counted(epoch + 1) }] });`,
  ],
  ["the course's fit", "await fit(model, tf.train.sgd(0.01), xs, ys, { epochs: 5000, onEpoch: counted });"],
]) {
  test(`in an interrupted untilInterrupted loop, ${name} started after the interrupt stops at once`, {
    timeout: 120_000,
  }, () => {
    // The interrupt comes a second after the first output, while the loop waits 1.2 s between
    // its check and the training: no listener of that training is there to hear it.
    const run = interrupt(`model.compile({ optimizer: tf.train.sgd(0.01), loss: "meanSquaredError" });
console.log("training started");
await untilInterrupted(async (stopped) => {
  while (!stopped()) {
    await new Promise((resolve) => setTimeout(resolve, 1200));
    ${training}
  }
});`);
    assert.equal(run.after.status, "ok", `the next cell did not run: ${run.after.printed}`);
    const { after } = JSON.parse(run.after.printed.trim().split("\n").pop()!) as { after: number };
    assert.ok(after <= 1, `${after} epochs ran after the interrupt`);
  });
}
