/**
 * The small tables the blog trains on, typed in from public figures (no downloads).
 *
 * Taught in: 36 (weight-height); used by 22, 26-28 and 38.
 */

/** Children's weight (kg) and height (cm), 24 rows: the blog's non-linear regression data. */
export const WEIGHT_HEIGHT: ReadonlyArray<readonly [weight: number, height: number]> = [
  [5.9, 59.1], [8, 66.7], [8.9, 71.4], [10.1, 75], [10.9, 80.1], [13.2, 87.8], [14.8, 95.2], [16.7, 102.3],
  [19.1, 109], [21.5, 115.5], [24.9, 122], [28.5, 127.8], [32.3, 133.3], [35.4, 138], [41.5, 144.9],
  [45.2, 150.7], [51, 158.2], [57.1, 164.7], [61.7, 169.2], [63.4, 170.3], [65.2, 172.5], [67.4, 172.9],
  [68.3, 173.4], [69.5, 173.8],
];

/** The weight-height table as two columns. */
export function weightHeight(): { weight: number[]; height: number[] } {
  return { weight: WEIGHT_HEIGHT.map((r) => r[0]), height: WEIGHT_HEIGHT.map((r) => r[1]) };
}
