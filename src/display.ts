/**
 * Rich output in the tslab kernel: one display bundle carries several MIME types, so
 * JupyterLab shows the richest one and exported HTML falls back to the next. Outside a
 * kernel (plain Node, tests) the text/plain part is printed.
 */
import { randomUUID } from "node:crypto";
import { Matrix } from "ml-matrix";

/**
 * MIME type -> content, e.g. {"text/plain": "...", "image/svg+xml": "<svg ...>"}.
 * @internal
 */
export type MimeBundle = Record<string, unknown> & { "text/plain": string };

type WriteDisplayData = (
  message: { data: Record<string, unknown>; metadata: object; transient: { display_id?: string } },
  update: boolean,
) => void;

/** tslab's own writer for the cell running now; public `display.raw` sends only one type. */
function kernelWriter(): WriteDisplayData | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require("tslab/dist/jupyter").lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Shows a bundle once.
 * @internal
 */
export function display(bundle: MimeBundle): void {
  new DisplayHandle().show(bundle);
}

/**
 * An output area that later calls replace in place (progress bars, live charts).
 * @internal
 */
export class DisplayHandle {
  private readonly id = randomUUID();
  private shown = false;

  show(bundle: MimeBundle): void {
    const write = kernelWriter();
    if (write) write({ data: bundle, metadata: {}, transient: { display_id: this.id } }, this.shown);
    else console.log(bundle["text/plain"]);
    this.shown = true;
  }
}

/**
 * A matrix's shape as text: NumPy's "(rows, columns)", as the blog prints `X.shape`, or with
 * style "x", "rowsxcolumns" as captions and error messages write it. Takes a Matrix or an array of rows.
 * @taught 07
 */
export function shape(
  M: { readonly rows: number; readonly columns: number } | readonly (readonly number[])[],
  style: "numpy" | "x" = "numpy",
): string {
  const [rows, columns] = "rows" in M ? [M.rows, M.columns] : [M.length, M[0]?.length ?? 0];
  return style === "x" ? `${rows}x${columns}` : `(${rows}, ${columns})`;
}

function formatNumber(value: number, digits: number): string {
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(digits);
  return Math.abs(value) >= 1e-3 || value === 0 ? fixed : value.toExponential(Math.max(digits - 1, 0));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** @internal */
export interface MatrixOptions {
  /** Digits after the decimal point (default 4). */
  digits?: number;
  /** A caption such as "W (3x1)". */
  title?: string;
  columns?: string[];
}

/**
 * A matrix as an HTML table and aligned text.
 * @internal
 */
export function matrixBundle(
  values: Matrix | number[][],
  { digits = 4, title, columns }: MatrixOptions = {},
): MimeBundle {
  const rows = values instanceof Matrix ? values.to2DArray() : values;
  const cells = rows.map((row) => row.map((v) => formatNumber(v, digits)));
  const size = shape(rows, "x");
  const caption = title ? `${title} (${size})` : size;
  const header = columns ? [columns] : [];
  const width = Math.max(0, ...[...header, ...cells].flat().map((c) => c.length));
  const text = [caption, ...[...header, ...cells].map((row) => row.map((c) => c.padStart(width)).join("  "))].join(
    "\n",
  );
  const th = columns ? `<tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>` : "";
  const td = cells
    .map((row) => `<tr>${row.map((c) => `<td style="text-align:right">${c}</td>`).join("")}</tr>`)
    .join("");
  const html = `<table><caption style="text-align:left">${escapeHtml(caption)}</caption>${th}${td}</table>`;
  return { "text/plain": text, "text/html": html };
}

/** @taught 06 */
export function showMatrix(values: Matrix | number[][], options: MatrixOptions = {}): void {
  display(matrixBundle(values, options));
}

/**
 * A text progress bar: "epoch 300/1000 [######--------------]  30%  loss 0.1234".
 * @internal
 */
export function progressText(done: number, total: number, label = "", note = ""): string {
  const fraction = total > 0 ? Math.min(Math.max(done / total, 0), 1) : 1;
  const filled = Math.round(fraction * 20);
  const bar = `[${"#".repeat(filled)}${"-".repeat(20 - filled)}]`;
  const percent = `${Math.round(fraction * 100)}%`.padStart(4);
  return [label && `${label} ${done}/${total}`, bar, percent, note].filter(Boolean).join(" ");
}

/**
 * A progress display for long loops; updates in place and at most every `everyMs`.
 * @taught 20
 */
export class Progress {
  private readonly handle = new DisplayHandle();
  private lastShown = 0;

  constructor(
    readonly total: number,
    readonly label = "step",
    readonly everyMs = 200,
  ) {}

  update(done: number, note = ""): void {
    const now = Date.now();
    if (done < this.total && now - this.lastShown < this.everyMs) return;
    this.lastShown = now;
    this.handle.show({ "text/plain": progressText(done, this.total, this.label, note) });
  }
}
