/**
 * Min-max normalization and z-score standardization that remember their parameters, so
 * test data and predictions go through the same transform, and back.
 *
 * Data is either one column (`number[]`) or a table of rows (`number[][]`); each column
 * is scaled on its own. A constant column has no range and no spread: it is mapped to 0,
 * and `inverse` gives the constant back (scikit-learn does the same).
 */
import { standardDeviation, mean } from "./statistics";
import { assertFiniteArray, assertFiniteTable } from "./validate";

type Data = number[] | number[][];

/**
 * x -> (x - offset) / scale, per column.
 * @taught 38
 */
export class ColumnScaler {
  constructor(
    readonly kind: "min-max" | "z-score",
    readonly offset: readonly number[],
    readonly scale: readonly number[],
  ) {}

  transform<T extends Data>(data: T): T {
    return this.map(data, "data", (x, c) => (x - this.offset[c]) / this.scale[c]);
  }

  inverse<T extends Data>(data: T): T {
    return this.map(data, "scaled data", (x, c) => x * this.scale[c] + this.offset[c]);
  }

  private map<T extends Data>(data: T, name: string, f: (x: number, column: number) => number): T {
    const width = this.offset.length;
    if (isTable(data)) {
      assertFiniteTable(name, data);
      if (data[0].length !== width) {
        throw new RangeError(`${name} has ${data[0].length} columns; this ${this.kind} scaler was fitted on ${width}`);
      }
      return data.map((row) => row.map(f)) as T;
    }
    assertFiniteArray(name, data);
    if (width !== 1) throw new RangeError(`${name} is one column; this ${this.kind} scaler was fitted on ${width}`);
    return (data as number[]).map((x) => f(x, 0)) as T;
  }
}

function isTable(data: Data): data is number[][] {
  return Array.isArray(data) && Array.isArray(data[0]);
}

function columns(data: Data): number[][] {
  if (isTable(data)) {
    assertFiniteTable("data", data);
    return data[0].map((_, c) => data.map((row) => row[c]));
  }
  assertFiniteArray("data", data);
  return [data as number[]];
}

/**
 * Fits x -> (x - min) / (max - min) on each column of the data.
 * @taught 36
 */
export function minMaxScaler(data: Data): ColumnScaler {
  const cols = columns(data);
  // Loops, not Math.min(...col): spreading a long column overflows the call stack.
  const min = cols.map((col) => col.reduce((m, v) => Math.min(m, v), Infinity));
  const range = cols.map((col, c) => col.reduce((m, v) => Math.max(m, v), -Infinity) - min[c]);
  return new ColumnScaler(
    "min-max",
    min,
    range.map((r) => r || 1),
  );
}

/**
 * Fits x -> (x - mean) / std on each column (population std unless ddof = 1).
 * @taught 36
 */
export function standardScaler(data: Data, { ddof = 0 } = {}): ColumnScaler {
  const cols = columns(data);
  return new ColumnScaler(
    "z-score",
    cols.map(mean),
    cols.map((col) => standardDeviation(col, { ddof }) || 1),
  );
}
