/**
 * Functions of one number and their composites: the objects of chapter 4 that every derivative
 * afterwards is taken of.
 */

/** @taught 04 */
export type ScalarFunction = (x: number) => number;

/**
 * The composite function: compose([f, g, h])(x) = h(g(f(x))), applied left to right.
 * @taught 04
 */
export function compose(functions: ScalarFunction[]): ScalarFunction {
  if (functions.length === 0) throw new RangeError("compose needs at least one function");
  return (x) => functions.reduce((value, f) => f(value), x);
}
