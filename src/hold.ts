/**
 * Tensors, layers, models and optimizers that live across cells. `hold(name, value)` keeps a value
 * under a name and disposes what the name held before, so re-running the cell that makes
 * it replaces it instead of leaking it. Nothing else disposes a held value, so any cell can
 * be re-run, in any order, after the chapter ran. `looseTensors()` counts the live tensors
 * that no held value owns: a chapter that holds what it keeps ends with as many as it began.
 * `disposeOptimizer` frees an optimizer's tensors, all of them.
 */
import { backendReport, tf } from "./backend";
import { kernelState } from "./kernel-state";
import { check } from "./selfcheck";

/**
 * What `hold` can keep: a tensor, a layer or model, an optimizer, or arrays and plain objects
 * with them inside (such as a training run's `{ model, losses }`); numbers and the like are ignored.
 * @internal
 */
export type Holdable = tf.Tensor | tf.layers.Layer | tf.Optimizer | readonly unknown[] | Record<string, unknown>;

/** What owns tensors. A model is a layer. */
type Owner = tf.Tensor | tf.layers.Layer | tf.Optimizer;

const held = kernelState("held", () => new Map<string, Holdable>());

/**
 * Keeps `value` under `name`, disposing what `name` held before; returns `value`.
 * @taught 15
 */
export function hold<T extends Holdable>(name: string, value: T): T {
  if (typeof name !== "string" || name === "")
    throw new TypeError(`hold: name must be a non-empty string, got ${String(name)}`);
  const before = held.get(name);
  held.set(name, value);
  if (before !== undefined) {
    const kept = ownersIn(value);
    for (const owner of ownersIn(before)) if (!kept.has(owner)) dispose(owner);
  }
  return value;
}

const isPlainObject = (value: unknown): value is object =>
  typeof value === "object" && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** The distinct tensors, layers and optimizers in `value`, looking inside arrays and plain objects. */
function ownersIn(value: unknown, found = new Set<Owner>()): Set<Owner> {
  if (value == null) return found; // tf.Optimizer's instanceof reads a property of its operand
  if (value instanceof tf.Tensor || value instanceof tf.layers.Layer || value instanceof tf.Optimizer) found.add(value);
  else if (Array.isArray(value) || isPlainObject(value)) for (const part of Object.values(value)) ownersIn(part, found);
  return found;
}

/**
 * Disposes an optimizer and all its tensors. tfjs 4.22's `MomentumOptimizer.dispose()`
 * forgets the learning-rate scalar it creates, which would show up as a leak.
 * @taught 12
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const leftover = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (optimizer.getClassName() === "Momentum" && leftover && !leftover.isDisposed) leftover.dispose();
}

function dispose(owner: Owner): void {
  if (owner instanceof tf.Optimizer) disposeOptimizer(owner);
  else if (owner instanceof tf.Tensor) owner.dispose();
  else if (owner.built) owner.dispose(); // a layer gets its weights when it is built
}

/** The live tensors of an owner: a layer's or model's weights; an optimizer's are in its own fields (slots, learning rate). */
function tensorsOf(owner: Owner): tf.Tensor[] {
  if (owner instanceof tf.Tensor) return owner.isDisposed ? [] : [owner];
  if (owner instanceof tf.layers.Layer) return owner.weights.map((weight) => weight.read());
  return [...ownersIn(Object.values(owner))].flatMap(tensorsOf);
}

/**
 * The number of distinct live tensors that held values own.
 * @internal
 */
export function heldTensors(): number {
  return new Set([...ownersIn([...held.values()])].flatMap(tensorsOf)).size;
}

/**
 * Live tensors that no held value owns: tensors a chapter made and neither disposed nor held.
 * @taught 10
 */
export function looseTensors(): number {
  return tf.memory().numTensors - heldTensors();
}

/**
 * One line on the live tensors: all of them, the held ones, the loose ones, and the loose ones at the chapter's start.
 * @taught 10
 */
export function tensorReport(looseAtStart: number = startCount()): string {
  return `tensors alive: ${tf.memory().numTensors}, held: ${heldTensors()}, loose: ${looseTensors()} (at start: ${looseAtStart})`;
}

// The loose tensors when the chapter started.
const chapterStart = kernelState("chapter-start", () => ({ looseTensors: Number.NaN }));
const startCount = (): number => {
  if (Number.isNaN(chapterStart.looseTensors))
    throw new Error("no chapter start: call startChapter() in the setup cell first");
  return chapterStart.looseTensors;
};

/**
 * The setup cell of a chapter that uses tfjs: asserts the native backend and notes the loose
 * tensors now, which `tensorReport` and `checkNoLooseTensors` compare with. Returns the backend's line.
 * @taught 10
 */
export function startChapter(): string {
  const report = backendReport();
  chapterStart.looseTensors = looseTensors();
  return report;
}

/**
 * The self-check's claim that every live tensor is held: as many loose tensors as at the chapter's start.
 * @taught 10
 */
export function checkNoLooseTensors(): void {
  const loose = looseTensors();
  check(
    "no tensors leaked: every live tensor is held",
    loose === startCount(),
    `${loose} loose, ${startCount()} at start`,
  );
}
