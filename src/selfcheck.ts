/**
 * The claims a chapter makes, asserted in its last cell: each passing claim prints a
 * check mark, the first failing one stops the notebook with the claim and the numbers.
 *
 * Used by: the self-check cell of every chapter.
 */

export function check(claim: string, ok: boolean, detail = ""): void {
  if (!ok) throw new Error(`Self-check failed: ${claim}${detail ? ` (${detail})` : ""}`);
  console.log(`✓ ${claim}${detail ? ` (${detail})` : ""}`);
}

/** Checks |actual - expected| <= tolerance. */
export function checkClose(claim: string, actual: number, expected: number, tolerance: number): void {
  const error = Math.abs(actual - expected);
  check(claim, error <= tolerance, `got ${actual}, expected ${expected} ± ${tolerance}, off by ${error.toExponential(2)}`);
}
