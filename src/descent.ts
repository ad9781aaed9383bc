/**
 * Walking down a loss: plain gradient descent over a list of matrices (the blog's training loop),
 * the path an optimizer takes on a 1-D loss curve, where it settles, and bisection, which finds
 * where a 1-D gradient is zero.
 */
import { Matrix } from "ml-matrix";
import { SGD, type Optimizer } from "./optimizers";
import { assertFiniteNumber, assertPositiveInteger } from "./validate";

/** @internal */
export interface GradientDescentOptions {
  lr: number;
  steps: number;
  /** Called after every step (steps count from 1) with the loss it reached and the parameters, updated in place. */
  onStep?: (step: number, loss: number, params: readonly Matrix[]) => void;
}

/**
 * `steps` steps of P <- P - lr dL/dP on every matrix P, from copies of `start` (left as they are).
 * `gradients` returns dL/dP for each matrix, in the order of `start`. Returns the final matrices
 * and the loss before the first step and after each: steps + 1 values.
 * @taught 13
 */
export function gradientDescent(
  start: readonly Matrix[],
  gradients: (params: Matrix[]) => Matrix[],
  loss: (params: Matrix[]) => number,
  { lr, steps, onStep }: GradientDescentOptions,
): { params: Matrix[]; losses: number[] } {
  if (start.length === 0) throw new RangeError("gradientDescent: start holds no matrices");
  assertPositiveInteger("steps", steps);
  const optimizer = new SGD(lr); // the rule p - lr g, entry by entry
  const params = start.map((P) => P.clone());
  const losses = [loss(params)];
  for (let step = 1; step <= steps; step++) {
    optimizer.step(params, gradients(params));
    losses.push(loss(params));
    onStep?.(step, losses[step], params);
  }
  return { params, losses };
}

/**
 * x_0, x_1, ..., x_steps: `optimizer` stepping on a 1-D loss with derivative `gradient`.
 * @taught 31
 */
export function descendPath(
  optimizer: Optimizer,
  gradient: (x: number) => number,
  x0: number,
  steps: number,
): number[] {
  assertFiniteNumber("x0", x0);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  const P = new Matrix([[x0]]);
  const path = [x0];
  for (let t = 0; t < steps; t++) {
    optimizer.step([P], [new Matrix([[gradient(P.get(0, 0))]])]);
    path.push(P.get(0, 0));
  }
  return path;
}

/**
 * The first step from which the path stays within `tolerance` of `target` to its end; -1 if it never does.
 * @taught 31
 */
export function settledAt(path: readonly number[], target: number, tolerance = 1e-3): number {
  let k = path.length;
  while (k > 0 && Math.abs(path[k - 1] - target) < tolerance) k--;
  return k < path.length ? k : -1;
}

/**
 * A root of f in [a, b], where f(a) and f(b) have opposite signs, by bisection.
 * @taught 31
 */
export function bisect(f: (x: number) => number, a: number, b: number): number {
  if (Math.sign(f(a)) === Math.sign(f(b)))
    throw new RangeError(`f(${a}) and f(${b}) have the same sign: no root is bracketed`);
  for (let i = 0; i < 200 && b - a > 0; i++) {
    const m = (a + b) / 2;
    if (m === a || m === b) break;
    if (Math.sign(f(m)) === Math.sign(f(a))) a = m;
    else b = m;
  }
  return (a + b) / 2;
}
