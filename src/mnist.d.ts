/** The parts of the `mnist` package (no types of its own) that src/datasets.ts uses. */
declare module "mnist" {
  interface Digit {
    /** All images of this digit, 784 values each (28x28, row by row), concatenated. */
    raw: number[];
    length: number;
  }
  const digits: Record<0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9, Digit>;
  export = digits;
}
