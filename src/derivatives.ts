/**
 * Numeric derivatives: the yardstick every hand-derived gradient in the course is held to.
 */
import { Matrix } from "ml-matrix";
import { shape } from "./display";
import type { ScalarFunction } from "./functions";
import { maxAbsDifference } from "./selfcheck";
import { assertFiniteNumber } from "./validate";

function assertStep(h: number): void {
  assertFiniteNumber("h", h);
  if (h <= 0) throw new RangeError(`h must be positive, got ${h}`);
}

/**
 * (f(x + h) - f(x)) / h, the blog's derivative; its error shrinks like h.
 * @taught 05
 */
export function forwardDifference(f: ScalarFunction, x: number, h = 1e-3): number {
  assertFiniteNumber("x", x);
  assertStep(h);
  return (f(x + h) - f(x)) / h;
}

/**
 * (f(x + h) - f(x - h)) / 2h; its error shrinks like h^2.
 * @taught 05
 */
export function centralDifference(f: ScalarFunction, x: number, h = 1e-5): number {
  assertFiniteNumber("x", x);
  assertStep(h);
  return (f(x + h) - f(x - h)) / (2 * h);
}

/**
 * The partial derivative of f(...args) with respect to args[index], by central difference.
 * @taught 06
 */
export function partialDerivative(f: (...args: number[]) => number, args: number[], index: number, h = 1e-5): number {
  if (!Number.isInteger(index) || index < 0 || index >= args.length) {
    throw new RangeError(`index must be an argument position 0..${args.length - 1}, got ${index}`);
  }
  args.forEach((a, i) => assertFiniteNumber(`args[${i}]`, a));
  return centralDifference((v) => f(...args.map((a, i) => (i === index ? v : a))), args[index], h);
}

/**
 * d/dx of compose(functions) at x by the chain rule: the product of each function's
 * derivative at the value flowing into it. Each factor is a forward difference, as in
 * the blog.
 * @taught 05
 */
export function chainRuleDerivative(functions: ScalarFunction[], x: number, h = 1e-3): number {
  if (functions.length === 0) throw new RangeError("chainRuleDerivative needs at least one function");
  let value = x;
  let derivative = 1;
  for (const f of functions) {
    derivative *= forwardDifference(f, value, h);
    value = f(value);
  }
  return derivative;
}

/**
 * The gradient of a scalar function of a matrix, entry by entry by central difference. X is not changed.
 * @taught 08
 */
export function numericGradient(f: (X: Matrix) => number, X: Matrix, h = 1e-5): Matrix {
  assertStep(h);
  const probe = X.clone();
  const gradient = new Matrix(X.rows, X.columns);
  for (let r = 0; r < X.rows; r++) {
    for (let c = 0; c < X.columns; c++) {
      const original = probe.get(r, c);
      probe.set(r, c, original + h);
      const up = f(probe);
      probe.set(r, c, original - h);
      const down = f(probe);
      probe.set(r, c, original);
      gradient.set(r, c, (up - down) / (2 * h));
    }
  }
  return gradient;
}

/** @taught 22 */
export interface GradientCheck {
  /** ||analytic - numeric|| / max(||analytic|| + ||numeric||, 1e-12) */
  relativeError: number;
  /** The largest entry-wise absolute difference. */
  maxAbsoluteError: number;
  ok: boolean;
}

/**
 * Compares a hand-derived gradient with a numeric one; ok when the relative error is below tolerance.
 * @taught 08
 */
export function gradientCheck(analytic: Matrix, numeric: Matrix, tolerance = 1e-6): GradientCheck {
  if (analytic.rows !== numeric.rows || analytic.columns !== numeric.columns) {
    throw new RangeError(
      `gradient shapes differ: analytic is ${shape(analytic, "x")}, numeric is ${shape(numeric, "x")}`,
    );
  }
  const difference = Matrix.sub(analytic, numeric);
  if (difference.to1DArray().some(Number.isNaN)) throw new RangeError("a gradient contains NaN");
  const relativeError = difference.norm() / Math.max(analytic.norm() + numeric.norm(), 1e-12);
  return { relativeError, maxAbsoluteError: maxAbsDifference(analytic, numeric), ok: relativeError < tolerance };
}
