/**
 * Numeric CSV files, as the blog reads them with NumPy's `genfromtxt(file, delimiter=',',
 * skip_header=1)`: a header row of column names, then one row of numbers per line. Every
 * fault is reported with the file, the line and the column: a missing file or column, a
 * ragged row, a cell that is not a finite number.
 *
 * The blog's files carry quirks this reader accepts: a byte-order mark before the header
 * (2017_seoul_temperature-2C.csv) and one name for several columns (IRIS_onehot.csv names its
 * three one-hot columns `species`); such a name cannot be picked with `columns`.
 */
import fs from "node:fs";
import path from "node:path";

/** @internal */
export interface CsvTable {
  /** The column names of the header, or the ones asked for, in that order. */
  columns: string[];
  /** One array of numbers per data line, in the order of `columns`. */
  rows: number[][];
}

/** @internal */
export interface CsvOptions {
  /** Only these columns, in this order (default: all of them). */
  columns?: string[];
}

/**
 * Reads a CSV file of numbers: comma-separated, a header row first, no quoting. Blank lines
 * are skipped; spaces around a value are allowed. Throws before returning anything if a
 * single cell is wrong.
 * @taught 15
 */
export function readCsv(file: string, { columns }: CsvOptions = {}): CsvTable {
  const where = path.resolve(file);
  if (!fs.existsSync(where)) throw new Error(`readCsv: no file at ${where} (the path is relative to ${process.cwd()})`);
  const lines = fs
    .readFileSync(where, "utf8")
    .split(/\r?\n/)
    .map((text, i) => ({ text, line: i + 1 }))
    .filter((l) => l.text.trim() !== "");
  if (lines.length === 0) throw new Error(`readCsv: ${file} is empty: it needs a header row of column names`);
  const header = lines[0].text
    .replace(/^\uFEFF/, "")
    .split(",")
    .map((name) => name.trim());
  const wanted = columns ?? header;
  const picks =
    columns === undefined
      ? header.map((_, i) => i)
      : columns.map((name) => {
          const index = header.indexOf(name);
          if (index < 0)
            throw new Error(`readCsv: ${file} has no column '${name}'; its columns are ${header.join(", ")}`);
          if (header.lastIndexOf(name) !== index)
            throw new Error(`readCsv: ${file} names more than one column '${name}', so it cannot be picked by name`);
          return index;
        });
  const rows = lines.slice(1).map(({ text, line }) => {
    const cells = text.split(",");
    if (cells.length !== header.length) {
      const values = cells.length === 1 ? "1 value" : `${cells.length} values`;
      throw new Error(`readCsv: ${file} line ${line} has ${values}, but the header has ${header.length} columns`);
    }
    return picks.map((index) => {
      const cell = cells[index].trim();
      const value = cell === "" ? Number.NaN : Number(cell);
      if (!Number.isFinite(value)) {
        throw new Error(`readCsv: ${file} line ${line}, column '${header[index]}': '${cell}' is not a finite number`);
      }
      return value;
    });
  });
  return { columns: [...wanted], rows };
}
