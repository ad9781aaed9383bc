/**
 * Walking down a 1-D loss curve: the path an optimizer takes, where it settles, and the
 * quartic loss of the blog's optimizer chapters with its critical points.
 *
 * Taught in: 31 (problems of gradient descent); used by 32 (momentum, RMSprop) and 33 (Adam),
 * which draw their paths with ./quartic-paths.
 */
import { Matrix } from "ml-matrix";
import type { Optimizer } from "./optimizers";
import { assertFiniteNumber } from "./validate";

/** x_0, x_1, ..., x_steps: `optimizer` stepping on a 1-D loss with derivative `gradient`. */
export function descendPath(optimizer: Optimizer, gradient: (x: number) => number, x0: number, steps: number): number[] {
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

/** The first step from which the path stays within `tolerance` of `target` to its end; -1 if it never does. */
export function settledAt(path: readonly number[], target: number, tolerance = 1e-3): number {
  let k = path.length;
  while (k > 0 && Math.abs(path[k - 1] - target) < tolerance) k--;
  return k < path.length ? k : -1;
}

/** A root of f in [a, b], where f(a) and f(b) have opposite signs, by bisection. */
export function bisect(f: (x: number) => number, a: number, b: number): number {
  if (Math.sign(f(a)) === Math.sign(f(b))) throw new RangeError(`f(${a}) and f(${b}) have the same sign: no root is bracketed`);
  for (let i = 0; i < 200 && b - a > 0; i++) {
    const m = (a + b) / 2;
    if (m === a || m === b) break;
    if (Math.sign(f(m)) === Math.sign(f(a))) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

const quarticLoss = (x: number): number => ((x - 9) * x * (x + 1) * (x + 6)) / 200 + 4;
// d/dx of (x^4 - 2x^3 - 57x^2 - 54x) / 200 + 4
const quarticGradient = (x: number): number => (4 * x ** 3 - 6 * x ** 2 - 114 * x - 54) / 200;

/**
 * The blog's loss for comparing optimizers, L(x) = (1/200)(x - 9) x (x + 1)(x + 6) + 4,
 * started at x = -8: a local minimum near -4.34, a hump near -0.49, the global minimum near 6.34.
 */
export const QUARTIC = {
  loss: quarticLoss,
  gradient: quarticGradient,
  start: -8,
  localMinimum: bisect(quarticGradient, -6, -2),
  hump: bisect(quarticGradient, -2, 2),
  globalMinimum: bisect(quarticGradient, 2, 8),
} as const;
