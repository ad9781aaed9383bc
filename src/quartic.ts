/**
 * The blog's quartic loss for comparing optimizers (chapters 31-33), with its stationary points,
 * found by bisection when this module is imported.
 */
import { bisect } from "./descent";

const quarticLoss = (x: number): number => ((x - 9) * x * (x + 1) * (x + 6)) / 200 + 4;
// d/dx of (x^4 - 2x^3 - 57x^2 - 54x) / 200 + 4
const quarticGradient = (x: number): number => (4 * x ** 3 - 6 * x ** 2 - 114 * x - 54) / 200;

/**
 * The blog's loss for comparing optimizers, L(x) = (1/200)(x - 9) x (x + 1)(x + 6) + 4,
 * started at x = -8: a local minimum near -4.34, a hump near -0.49, the global minimum near 6.34.
 * @taught 31
 */
export const QUARTIC = {
  loss: quarticLoss,
  gradient: quarticGradient,
  start: -8,
  localMinimum: bisect(quarticGradient, -6, -2),
  hump: bisect(quarticGradient, -2, 2),
  globalMinimum: bisect(quarticGradient, 2, 8),
} as const;
