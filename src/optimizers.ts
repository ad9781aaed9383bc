/**
 * Gradient-descent optimizers with one shape: `step(params, grads)` updates each parameter
 * matrix in place from its gradient, so a chapter swaps optimizers in one line. Each keeps
 * its running averages per parameter, in the order the parameters are passed.
 */
import { Matrix } from "ml-matrix";
import { assertFiniteNumber } from "./validate";
import { shape } from "./display";

/** @taught 31 */
export interface Optimizer {
  readonly name: string;
  /** Updates every params[i] in place from grads[i]. */
  step(params: Matrix[], grads: Matrix[]): void;
}

function assertRate(name: string, value: number, { below1 = false } = {}): void {
  assertFiniteNumber(name, value);
  if (below1 ? value < 0 || value >= 1 : value <= 0) {
    throw new RangeError(`${name} must be ${below1 ? "in [0, 1)" : "positive"}, got ${value}`);
  }
}

function assertPairs(params: Matrix[], grads: Matrix[]): void {
  if (params.length !== grads.length) throw new RangeError(`${params.length} parameters but ${grads.length} gradients`);
  params.forEach((p, i) => {
    const g = grads[i];
    if (p.rows !== g.rows || p.columns !== g.columns) {
      throw new RangeError(`gradient ${i} is ${shape(g, "x")} but its parameter is ${shape(p, "x")}`);
    }
    if (g.to1DArray().some((v) => !Number.isFinite(v))) throw new RangeError(`gradient ${i} contains NaN or Infinity`);
  });
}

/** Running averages, one matrix per parameter, zeros at first. */
class Slots {
  private readonly slots: Matrix[] = [];

  /** The slots for these parameters; checks every shape before anything changes. */
  for(params: Matrix[]): Matrix[] {
    params.forEach((P, i) => {
      const slot = this.slots[i];
      if (slot && (slot.rows !== P.rows || slot.columns !== P.columns)) {
        throw new RangeError(`parameter ${i} changed shape to ${shape(P, "x")}: use a new optimizer`);
      }
    });
    return params.map((P, i) => (this.slots[i] ??= Matrix.zeros(P.rows, P.columns)));
  }
}

/** Sets every entry p of every parameter to update(p, g, i, r, c). */
function eachEntry(
  params: Matrix[],
  grads: Matrix[],
  update: (p: number, g: number, i: number, r: number, c: number) => number,
): void {
  params.forEach((P, i) => {
    for (let r = 0; r < P.rows; r++)
      for (let c = 0; c < P.columns; c++) P.set(r, c, update(P.get(r, c), grads[i].get(r, c), i, r, c));
  });
}

/**
 * p = p - lr * g
 * @taught 31
 */
export class SGD implements Optimizer {
  readonly name = "SGD";

  constructor(readonly lr: number) {
    assertRate("lr", lr);
  }

  step(params: Matrix[], grads: Matrix[]): void {
    assertPairs(params, grads);
    eachEntry(params, grads, (p, g) => p - this.lr * g);
  }
}

/**
 * v = beta v + (1 - beta) g;  p = p - lr v: the gradient's EWMA (chapter 29) as velocity.
 * `tf.train.momentum(lr * (1 - beta), beta)` takes the same steps.
 * @taught 32
 */
export class Momentum implements Optimizer {
  readonly name = "Momentum";
  private readonly v = new Slots();

  constructor(
    readonly lr: number,
    readonly beta = 0.9,
  ) {
    assertRate("lr", lr);
    assertRate("beta", beta, { below1: true });
  }

  step(params: Matrix[], grads: Matrix[]): void {
    assertPairs(params, grads);
    const V = this.v.for(params);
    eachEntry(params, grads, (p, g, i, r, c) => {
      const v = this.beta * V[i].get(r, c) + (1 - this.beta) * g;
      V[i].set(r, c, v);
      return p - this.lr * v;
    });
  }
}

/**
 * s = beta s + (1 - beta) g^2;  p = p - lr g / (sqrt(s) + eps): steps scaled by the gradient's recent size.
 * @taught 32
 */
export class RMSprop implements Optimizer {
  readonly name = "RMSprop";
  private readonly s = new Slots();

  constructor(
    readonly lr: number,
    readonly beta = 0.999,
    readonly eps = 1e-8,
  ) {
    assertRate("lr", lr);
    assertRate("beta", beta, { below1: true });
    assertRate("eps", eps);
  }

  step(params: Matrix[], grads: Matrix[]): void {
    assertPairs(params, grads);
    const S = this.s.for(params);
    eachEntry(params, grads, (p, g, i, r, c) => {
      const s = this.beta * S[i].get(r, c) + (1 - this.beta) * g * g;
      S[i].set(r, c, s);
      return p - (this.lr * g) / (Math.sqrt(s) + this.eps);
    });
  }
}

/**
 * s = s + g^2;  p = p - lr g / (sqrt(s) + eps): RMSprop's parent, with the plain sum of every
 * squared gradient so far instead of an EWMA, so its steps only shrink. `initialAccumulator`
 * is s before the first step (0 as in PyTorch; `tf.train.adagrad(lr)` starts at 0.1).
 * @taught 33
 */
export class AdaGrad implements Optimizer {
  readonly name = "AdaGrad";
  private readonly s = new Slots();
  private readonly filled = new WeakSet<Matrix>();

  constructor(
    readonly lr: number,
    readonly eps = 1e-8,
    readonly initialAccumulator = 0,
  ) {
    assertRate("lr", lr);
    assertRate("eps", eps);
    assertFiniteNumber("initialAccumulator", initialAccumulator);
    if (initialAccumulator < 0)
      throw new RangeError(`initialAccumulator must be non-negative, got ${initialAccumulator}`);
  }

  step(params: Matrix[], grads: Matrix[]): void {
    assertPairs(params, grads);
    const S = this.s.for(params);
    for (const slot of S) {
      if (!this.filled.has(slot)) this.filled.add(slot.fill(this.initialAccumulator));
    }
    eachEntry(params, grads, (p, g, i, r, c) => {
      const s = S[i].get(r, c) + g * g;
      S[i].set(r, c, s);
      return p - (this.lr * g) / (Math.sqrt(s) + this.eps);
    });
  }
}

/**
 * Momentum and RMSprop together, each bias-corrected (chapter 29):
 * m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  p = p - lr m^ / (sqrt(v^) + eps),
 * with m^ = m / (1 - b1^t) and v^ = v / (1 - b2^t) at step t = 1, 2, ...
 * @taught 33
 */
export class Adam implements Optimizer {
  readonly name = "Adam";
  private readonly m = new Slots();
  private readonly v = new Slots();
  private t = 0;

  constructor(
    readonly lr: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
  ) {
    assertRate("lr", lr);
    assertRate("beta1", beta1, { below1: true });
    assertRate("beta2", beta2, { below1: true });
    assertRate("eps", eps);
  }

  step(params: Matrix[], grads: Matrix[]): void {
    assertPairs(params, grads);
    const M = this.m.for(params);
    const V = this.v.for(params);
    this.t += 1;
    const c1 = 1 - this.beta1 ** this.t;
    const c2 = 1 - this.beta2 ** this.t;
    eachEntry(params, grads, (p, g, i, r, c) => {
      const m = this.beta1 * M[i].get(r, c) + (1 - this.beta1) * g;
      const v = this.beta2 * V[i].get(r, c) + (1 - this.beta2) * g * g;
      M[i].set(r, c, m);
      V[i].set(r, c, v);
      return p - (this.lr * (m / c1)) / (Math.sqrt(v / c2) + this.eps);
    });
  }
}
