/**
 * The claims a chapter makes, asserted in its last cell: each passing claim prints a
 * check mark, the first failing one stops the notebook with the claim and the numbers.
 * And how far one result is from another, the measure those claims and the cells print.
 */
import { Matrix } from "ml-matrix";
import { shape } from "./display";

/** @taught 04 */
export function check(claim: string, ok: boolean, detail = ""): void {
  if (!ok) throw new Error(`Self-check failed: ${claim}${detail ? ` (${detail})` : ""}`);
  console.log(`✓ ${claim}${detail ? ` (${detail})` : ""}`);
}

/**
 * Checks |actual - expected| <= tolerance.
 * @taught 04
 */
export function checkClose(claim: string, actual: number, expected: number, tolerance: number): void {
  const error = Math.abs(actual - expected);
  check(
    claim,
    error <= tolerance,
    `got ${actual}, expected ${expected} ± ${tolerance}, off by ${error.toExponential(2)}`,
  );
}

/**
 * How far `got` may be from `want`: |got - want| <= abs + rel * |want| (NumPy's `allclose` rule).
 * @internal
 */
export interface Tolerance {
  abs?: number;
  rel?: number;
}

type Numbers = number | readonly number[] | readonly (readonly number[])[] | { to2DArray(): number[][] };

function flatten(x: Numbers, name: string): number[] {
  if (typeof x === "number") return [x];
  if (!Array.isArray(x)) {
    if (typeof (x as { to2DArray?: unknown }).to2DArray === "function")
      return (x as { to2DArray(): number[][] }).to2DArray().flat();
    throw new TypeError(`${name}: expected a number, an array or a Matrix`);
  }
  return (x as readonly (number | readonly number[])[]).flat() as number[];
}

/**
 * The worst entry of `got` against `want` (numbers, arrays or matrices of the same size), and whether all are close.
 * @internal
 */
export function compareAll(
  got: Numbers,
  want: Numbers,
  { abs = 0, rel = 0 }: Tolerance,
): { ok: boolean; worst: string } {
  const g = flatten(got, "got");
  const w = flatten(want, "want");
  if (g.length !== w.length)
    throw new RangeError(`got has ${g.length} values, want has ${w.length}: the shapes differ`);
  // The worst entry is the one that uses most of its allowance |got - want| / (abs + rel * |want|).
  let worst = { i: 0, share: -1 };
  g.forEach((v, i) => {
    const off = Math.abs(v - w[i]);
    const share = off === 0 ? 0 : off / (abs + rel * Math.abs(w[i])); // NaN stays NaN: never close
    if (!Number.isNaN(worst.share) && !(share <= worst.share)) worst = { i, share };
  });
  const ok = worst.share <= 1;
  const i = worst.i;
  return { ok, worst: g.length ? `worst entry ${i}: got ${g[i]}, expected ${w[i]}` : "no values" };
}

/**
 * Checks that every entry of `got` is close to `want` (see `Tolerance`), naming the worst entry.
 * @taught 05
 */
export function checkAllClose(claim: string, got: Numbers, want: Numbers, tolerance: Tolerance): void {
  const { ok, worst } = compareAll(got, want, tolerance);
  check(claim, ok, worst);
}

/**
 * The largest entry-wise |A - B| of two matrices or two arrays (loss curves, paths): how
 * far a float32 (tfjs) result is from a float64 one.
 * @taught 09
 */
export function maxAbsDifference(A: Matrix | readonly number[], B: Matrix | readonly number[]): number {
  const a = A instanceof Matrix ? A : Matrix.rowVector([...A]);
  const b = B instanceof Matrix ? B : Matrix.rowVector([...B]);
  if (a.rows !== b.rows || a.columns !== b.columns) {
    throw new RangeError(`shapes differ: ${shape(a, "x")} and ${shape(b, "x")}`);
  }
  // A loop, not Math.max(...values): spreading a large matrix overflows the call stack.
  return Matrix.sub(a, b)
    .to1DArray()
    .reduce((max, d) => Math.max(max, Math.abs(d)), 0);
}
