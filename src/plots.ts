/**
 * Charts as Vega-Lite specs. Each chart is one display bundle that carries the spec and a
 * static SVG rendered here in Node: JupyterLab draws the interactive chart, exported HTML
 * (which ignores Vega) shows the SVG.
 *
 * Taught in: 5 (first plots); used by every chapter that draws.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { DisplayHandle, display, type MimeBundle } from "./display";
import { assertFiniteArray, assertFiniteTable } from "./validate";

export type { TopLevelSpec };

const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

export interface Series {
  name: string;
  x: readonly number[];
  y: readonly number[];
  /** "line" (default) or "point" for a scatter. */
  mark?: "line" | "point";
  /** A CSS colour, e.g. "white" or "#e45756"; by default the next colour of Vega's palette. */
  color?: string;
  /** The area of each point in square pixels (default 60). */
  size?: number;
}

/** Vega's default categorical palette (tableau10), for series without a colour of their own. */
const PALETTE = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

export interface ChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
  /** Fix an axis range instead of fitting the data, e.g. [-2, 2]; marks outside are cut off. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** "log" for a logarithmic axis (values must be positive). */
  xScale?: "linear" | "log";
  yScale?: "linear" | "log";
}

/** The SVG that the spec draws, rendered headless (no canvas needed). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The display bundle of a chart: the spec for JupyterLab, an SVG for HTML export. */
export async function chartBundle(spec: TopLevelSpec): Promise<MimeBundle> {
  const svg = await renderSvg(spec);
  return { [VEGA_LITE_MIME]: spec, "image/svg+xml": svg, "text/plain": chartTitle(spec) };
}

function chartTitle(spec: TopLevelSpec): string {
  const title = (spec as { title?: unknown }).title;
  return `<chart${typeof title === "string" ? `: ${title}` : ""}>`;
}

/** Shows any Vega-Lite spec (for charts the helpers below do not cover). */
export async function showChart(spec: TopLevelSpec): Promise<void> {
  display(await chartBundle(spec));
}

/** Several charts in a row, e.g. `await showChart(sideBySide([seriesSpec(a), seriesSpec(b)]))`. */
export function sideBySide(specs: readonly TopLevelSpec[], title?: string): TopLevelSpec {
  if (specs.length === 0) throw new RangeError("sideBySide needs at least one chart");
  const inner = specs.map((spec) => {
    const { $schema, ...rest } = spec as { $schema?: string };
    return rest;
  });
  return { $schema: SCHEMA, ...(title ? { title } : {}), hconcat: inner, resolve: { scale: { color: "independent" } } } as unknown as TopLevelSpec;
}

function axis(title: string | undefined, domain: [number, number] | undefined, type: "linear" | "log" = "linear") {
  const scale = { ...(type === "log" ? { type } : { zero: false }), ...(domain ? { domain } : {}) };
  return { type: "quantitative" as const, title, scale };
}

/** Rows of chart data, one per point, numbered so lines join points in the order given. */
function seriesValues(series: readonly Series[]) {
  if (series.length === 0) throw new RangeError("a chart needs at least one series");
  return series.flatMap((s) => {
    assertFiniteArray(`${s.name}.x`, s.x);
    assertFiniteArray(`${s.name}.y`, s.y);
    if (s.x.length !== s.y.length) {
      throw new RangeError(`series "${s.name}" has ${s.x.length} x values but ${s.y.length} y values`);
    }
    const size = s.mark === "point" ? { size: s.size ?? 60 } : {};
    return s.x.map((x, i) => ({ series: s.name, mark: s.mark ?? "line", ...size, i, x, y: s.y[i] }));
  });
}

/** The line and point layers of some series, with their data; `clip` cuts marks at fixed axes. */
function seriesLayers(series: readonly Series[], options: ChartOptions, clip: boolean) {
  const names = series.map((s) => s.name);
  const encoding = {
    x: { field: "x", ...axis(options.xLabel ?? "x", options.xDomain, options.xScale) },
    y: { field: "y", ...axis(options.yLabel ?? "y", options.yDomain, options.yScale) },
    color: {
      field: "series",
      type: "nominal" as const,
      scale: { domain: names, range: series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]) },
      legend: names.length > 1 ? { labelLimit: 300 } : null,
    },
  };
  const layer = (mark: "line" | "point") => ({
    transform: [{ filter: { field: "mark", equal: mark } }],
    // Points get a thin dark outline so that light ones show on light backgrounds too.
    mark: {
      ...(mark === "point" ? { type: "point" as const, filled: true, stroke: "#333", strokeWidth: 0.7 } : { type: "line" as const }),
      clip,
    },
    // Lines join the points in the order given (a path can double back), not sorted by x.
    encoding: mark === "line"
      ? { ...encoding, order: { field: "i", type: "quantitative" as const } }
      : { ...encoding, size: { field: "size", type: "quantitative" as const, scale: null } },
  });
  const marks = new Set(series.map((s) => s.mark ?? "line"));
  return {
    data: { values: seriesValues(series) },
    layer: (["line", "point"] as const).filter((m) => marks.has(m)).map(layer),
  };
}

/** The spec of line and scatter series on shared axes; one legend entry per series. */
export function seriesSpec(series: readonly Series[], options: ChartOptions = {}): TopLevelSpec {
  return {
    $schema: SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 400,
    height: options.height ?? 250,
    ...seriesLayers(series, options, Boolean(options.xDomain || options.yDomain)),
  } as TopLevelSpec;
}

/** Line and scatter series on one chart: `await plot([{ name: "x^2", x, y }], { title })`. */
export async function plot(series: readonly Series[], options: ChartOptions = {}): Promise<void> {
  await showChart(seriesSpec(series, options));
}

export interface HeatmapOptions extends ChartOptions {
  /** The x value of each column (default 0, 1, ...). */
  x?: readonly number[];
  /** The y value of each row (default 0, 1, ...). */
  y?: readonly number[];
  /** Colour legend title. */
  zLabel?: string;
  /** Draw row 0 at the top, as an image. */
  image?: boolean;
  /** Lines and points drawn over the heatmap on its axes: data points, decision lines, paths. */
  overlay?: readonly Series[];
  /** Fix the colour range, e.g. [0, 1] for probabilities, instead of fitting z. */
  zDomain?: [number, number];
  /** Show the colour legend (default true); small panels side by side may do without. */
  legend?: boolean;
}

/** The most cells a heatmap draws; a finer grid makes an SVG of many megabytes. */
export const MAX_HEATMAP_CELLS = 20_000;

/** Cell edges halfway between neighbouring centres. */
function edges(centres: readonly number[]): number[] {
  if (centres.length === 1) return [centres[0] - 0.5, centres[0] + 0.5];
  const mid = centres.slice(1).map((c, i) => (c + centres[i]) / 2);
  return [2 * centres[0] - mid[0], ...mid, 2 * centres[centres.length - 1] - mid[mid.length - 1]];
}

/** The spec of a heatmap of z[row][column]: surfaces seen from above, or images. */
export function heatmapSpec(z: readonly number[][], options: HeatmapOptions = {}): TopLevelSpec {
  assertFiniteTable("z", z);
  const rows = z.length;
  const cols = z[0].length;
  if (rows * cols > MAX_HEATMAP_CELLS) {
    throw new RangeError(`heatmap has ${rows}x${cols} = ${rows * cols} cells; at most ${MAX_HEATMAP_CELLS} are drawn: sample a coarser grid`);
  }
  const xs = options.x ?? Array.from({ length: cols }, (_, i) => i);
  const ys = options.y ?? Array.from({ length: rows }, (_, i) => i);
  if (xs.length !== cols) throw new RangeError(`heatmap has ${cols} columns but ${xs.length} x values`);
  if (ys.length !== rows) throw new RangeError(`heatmap has ${rows} rows but ${ys.length} y values`);
  const xe = edges(xs);
  const ye = edges(ys);
  const values = z.flatMap((row, r) => row.map((v, c) => ({ x: xe[c], x2: xe[c + 1], y: ye[r], y2: ye[r + 1], z: v })));
  const size = options.image ? { width: options.width ?? 200, height: options.height ?? 200 } : { width: options.width ?? 300, height: options.height ?? 300 };
  const cells = {
    data: { values },
    mark: { type: "rect" },
    encoding: {
      x: { field: "x", type: "quantitative", title: options.xLabel ?? "x", scale: { domain: [xe[0], xe[cols]], nice: false, zero: false } },
      x2: { field: "x2" },
      y: {
        field: "y", type: "quantitative", title: options.yLabel ?? "y",
        scale: { domain: [ye[0], ye[rows]], nice: false, zero: false, reverse: options.image ?? false },
      },
      y2: { field: "y2" },
      color: {
        field: "z", type: "quantitative", title: options.zLabel ?? "z",
        scale: { scheme: options.image ? "greys" : "viridis", ...(options.zDomain ? { domain: options.zDomain } : {}) },
        ...(options.legend === false ? { legend: null } : {}),
      },
    },
  };
  const heading = { $schema: SCHEMA, ...(options.title ? { title: options.title } : {}), ...size };
  if (!options.overlay) return { ...heading, ...cells } as TopLevelSpec;
  const overlay = seriesLayers(options.overlay, { ...options, xDomain: undefined, yDomain: undefined }, true);
  // The overlay's colours are its own (series names), not the heatmap's z scale.
  return { ...heading, layer: [cells, overlay], resolve: { scale: { color: "independent" } } } as TopLevelSpec;
}

export async function heatmap(z: readonly number[][], options: HeatmapOptions = {}): Promise<void> {
  await showChart(heatmapSpec(z, options));
}

/**
 * The frames of an animated chart, for the exported site's play control (kernel-setup/site.ts);
 * JupyterLab ignores this type. `{ series, frames }`: the series names of the last frame, and
 * for each frame, per series, either how many of that series' first rows (`data.values`) of
 * the last frame it shows, or the frame's own rows.
 */
export const FRAMES_MIME = "application/vnd.course.frames+json";
/** At most this many frames are kept, evenly spaced, the last one included. */
export const MAX_FRAMES = 60;

type Row = ReturnType<typeof seriesValues>[number];

/** A frame as prefixes of the last frame's series where it can: paths and loss curves only grow. */
function encodeFrame(frame: readonly Series[], last: readonly Series[]): (number | Row[])[] {
  return last.map((s, k) => {
    const f = frame[k];
    const prefix = f.name === s.name && f.mark === s.mark && f.x.length <= s.x.length && f.x.every((x, i) => x === s.x[i] && f.y[i] === s.y[i]);
    return prefix ? f.x.length : seriesValues([f]);
  });
}

/**
 * A chart redrawn in place while a loop runs: `update` sends only the spec (cheap),
 * `finish` adds the SVG so the final picture survives HTML export, and the frames drawn
 * with `update` so the exported site can replay them.
 */
export class LiveChart {
  private readonly handle = new DisplayHandle();
  private spec: TopLevelSpec | undefined;
  /** The series of each `update` since the series names last changed (or `updateSpec`). */
  private frames: (readonly Series[])[] = [];

  constructor(readonly options: ChartOptions = {}) {}

  /** Redraws the chart with these series (drawn with the options given to the constructor). */
  update(series: readonly Series[]): void {
    this.show(seriesSpec(series, this.options));
    const names = (f: readonly Series[]) => f.map((s) => s.name).join("\n");
    if (this.frames.length > 0 && names(this.frames[0]) !== names(series)) this.frames = [];
    // Copies: a caller may keep pushing to the arrays it passed.
    this.frames.push(series.map((s) => ({ ...s, x: [...s.x], y: [...s.y] })));
  }

  /** Redraws with any spec, e.g. a `heatmapSpec` of a decision surface as training goes (no frames kept). */
  updateSpec(spec: TopLevelSpec): void {
    this.show(spec);
    this.frames = [];
  }

  private show(spec: TopLevelSpec): void {
    this.spec = spec;
    this.handle.show({ [VEGA_LITE_MIME]: spec, "text/plain": chartTitle(spec) });
  }

  async finish(): Promise<void> {
    if (!this.spec) throw new Error("LiveChart.finish() before any update(): nothing to draw");
    const bundle = await chartBundle(this.spec);
    const n = this.frames.length;
    if (n > 1) {
      const length = Math.min(n, MAX_FRAMES);
      const kept = Array.from({ length }, (_, k) => this.frames[Math.round(((k + 1) * n) / length) - 1]);
      bundle[FRAMES_MIME] = { series: this.frames[n - 1].map((s) => s.name), frames: kept.map((f) => encodeFrame(f, this.frames[n - 1])) };
    }
    this.handle.show(bundle);
  }
}
