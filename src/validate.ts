/**
 * Argument checks shared by the library: each throws before any state changes, with a
 * message that names the argument and the problem.
 */

/** @internal */
export function assertFiniteNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number") {
    throw new TypeError(`${name} must be a number, got ${typeof value} (${String(value)})`);
  }
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
}

/** @internal */
export function assertPositiveInteger(name: string, value: unknown): asserts value is number {
  assertFiniteNumber(name, value);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

/**
 * A non-empty array of finite numbers; names the first bad index.
 * @internal
 */
export function assertFiniteArray(
  name: string,
  values: unknown,
  { allowEmpty = false } = {},
): asserts values is number[] {
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new TypeError(`${name} must be an array of numbers, got ${typeof values}`);
  }
  const array = values as ArrayLike<unknown>;
  if (array.length === 0 && !allowEmpty) throw new RangeError(`${name} is empty`);
  for (let i = 0; i < array.length; i++) {
    const v = array[i];
    if (typeof v !== "number") throw new TypeError(`${name}[${i}] must be a number, got ${typeof v} (${String(v)})`);
    if (Number.isNaN(v)) throw new RangeError(`${name}[${i}] is NaN`);
    if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}] is ${v}`);
  }
}

/**
 * A non-empty rectangular table of finite numbers (rows of equal length).
 * @internal
 */
export function assertFiniteTable(name: string, rows: unknown): asserts rows is number[][] {
  if (!Array.isArray(rows)) throw new TypeError(`${name} must be an array of rows, got ${typeof rows}`);
  if (rows.length === 0) throw new RangeError(`${name} has no rows`);
  const width = Array.isArray(rows[0]) ? rows[0].length : -1;
  rows.forEach((row, i) => {
    if (!Array.isArray(row)) throw new TypeError(`${name}[${i}] must be an array, got ${typeof row}`);
    if (row.length !== width) {
      throw new RangeError(`${name} is ragged: row ${i} has ${row.length} columns, row 0 has ${width}`);
    }
    assertFiniteArray(`${name}[${i}]`, row);
  });
}
