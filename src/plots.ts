/**
 * Charts as Vega-Lite specs. Each chart is one display bundle that carries the spec and a
 * static SVG rendered here in Node: JupyterLab draws the interactive chart, exported HTML
 * (which ignores Vega) shows the SVG.
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { DisplayHandle, display, type MimeBundle } from "./display";
import { assertFiniteArray, assertFiniteNumber, assertFiniteTable, assertPositiveInteger } from "./validate";

/** @taught 67 */
export type { TopLevelSpec };

const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** @taught 21 */
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
const PALETTE = [
  "#4c78a8",
  "#f58518",
  "#e45756",
  "#72b7b2",
  "#54a24b",
  "#eeca3b",
  "#b279a2",
  "#ff9da6",
  "#9d755d",
  "#bab0ac",
];

/** @internal */
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

/**
 * The SVG that the spec draws, rendered headless (no canvas needed).
 * @internal
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The display bundle of a chart: the spec for JupyterLab, an SVG for HTML export.
 * @internal
 */
export async function chartBundle(spec: TopLevelSpec): Promise<MimeBundle> {
  const svg = await renderSvg(spec);
  return { [VEGA_LITE_MIME]: spec, "image/svg+xml": svg, "text/plain": chartTitle(spec) };
}

function chartTitle(spec: TopLevelSpec): string {
  const title = (spec as { title?: unknown }).title;
  return `<chart${typeof title === "string" ? `: ${title}` : ""}>`;
}

/**
 * Shows any Vega-Lite spec (for charts the helpers below do not cover).
 * @taught 06
 */
export async function showChart(spec: TopLevelSpec): Promise<void> {
  display(await chartBundle(spec));
}

/**
 * Several charts in a row, e.g. `await showChart(sideBySide([seriesSpec(a), seriesSpec(b)]))`.
 * Their params (a surface's sliders) move to the top, one per name, so that one slider turns
 * every chart that has it.
 * @taught 06
 */
export function sideBySide(specs: readonly TopLevelSpec[], title?: string): TopLevelSpec {
  if (specs.length === 0) throw new RangeError("sideBySide needs at least one chart");
  const params = new Map<string, unknown>();
  const inner = specs.map((spec) => {
    const { $schema, params: own, ...rest } = spec as { $schema?: string; params?: { name: string }[] };
    for (const p of own ?? []) if (!params.has(p.name)) params.set(p.name, p);
    return rest;
  });
  return {
    $schema: SCHEMA,
    ...(title ? { title } : {}),
    ...(params.size > 0 ? { params: [...params.values()] } : {}),
    hconcat: inner,
    resolve: { scale: { color: "independent" } },
  } as unknown as TopLevelSpec;
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
      ...(mark === "point"
        ? { type: "point" as const, filled: true, stroke: "#333", strokeWidth: 0.7 }
        : { type: "line" as const }),
      clip,
    },
    // Lines join the points in the order given (a path can double back), not sorted by x.
    encoding:
      mark === "line"
        ? { ...encoding, order: { field: "i", type: "quantitative" as const } }
        : { ...encoding, size: { field: "size", type: "quantitative" as const, scale: null } },
  });
  const marks = new Set(series.map((s) => s.mark ?? "line"));
  return {
    data: { values: seriesValues(series) },
    layer: (["line", "point"] as const).filter((m) => marks.has(m)).map(layer),
  };
}

/**
 * The spec of line and scatter series on shared axes; one legend entry per series.
 * @taught 33
 */
export function seriesSpec(series: readonly Series[], options: ChartOptions = {}): TopLevelSpec {
  return {
    $schema: SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? 400,
    height: options.height ?? 250,
    ...seriesLayers(series, options, Boolean(options.xDomain || options.yDomain)),
  } as TopLevelSpec;
}

/**
 * Line and scatter series on one chart: `await plot([{ name: "x^2", x, y }], { title })`.
 * @taught 04
 */
export async function plot(series: readonly Series[], options: ChartOptions = {}): Promise<void> {
  await showChart(seriesSpec(series, options));
}

/** @internal */
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

/**
 * The most cells a heatmap draws; a finer grid makes an SVG of many megabytes.
 * @internal
 */
export const MAX_HEATMAP_CELLS = 20_000;

/** Cell edges halfway between neighbouring centres. */
function edges(centres: readonly number[]): number[] {
  if (centres.length === 1) return [centres[0] - 0.5, centres[0] + 0.5];
  const mid = centres.slice(1).map((c, i) => (c + centres[i]) / 2);
  return [2 * centres[0] - mid[0], ...mid, 2 * centres[centres.length - 1] - mid[mid.length - 1]];
}

/**
 * The spec of a heatmap of z[row][column]: surfaces seen from above, or images.
 * @taught 38
 */
export function heatmapSpec(z: readonly number[][], options: HeatmapOptions = {}): TopLevelSpec {
  assertFiniteTable("z", z);
  const rows = z.length;
  const cols = z[0].length;
  if (rows * cols > MAX_HEATMAP_CELLS) {
    throw new RangeError(
      `heatmap has ${rows}x${cols} = ${rows * cols} cells; at most ${MAX_HEATMAP_CELLS} are drawn: sample a coarser grid`,
    );
  }
  const xs = options.x ?? Array.from({ length: cols }, (_, i) => i);
  const ys = options.y ?? Array.from({ length: rows }, (_, i) => i);
  if (xs.length !== cols) throw new RangeError(`heatmap has ${cols} columns but ${xs.length} x values`);
  if (ys.length !== rows) throw new RangeError(`heatmap has ${rows} rows but ${ys.length} y values`);
  const xe = edges(xs);
  const ye = edges(ys);
  const values = z.flatMap((row, r) => row.map((v, c) => ({ x: xe[c], x2: xe[c + 1], y: ye[r], y2: ye[r + 1], z: v })));
  const size = options.image
    ? { width: options.width ?? 200, height: options.height ?? 200 }
    : { width: options.width ?? 300, height: options.height ?? 300 };
  const cells = {
    data: { values },
    mark: { type: "rect" },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        title: options.xLabel ?? "x",
        scale: { domain: [xe[0], xe[cols]], nice: false, zero: false },
      },
      x2: { field: "x2" },
      y: {
        field: "y",
        type: "quantitative",
        title: options.yLabel ?? "y",
        scale: { domain: [ye[0], ye[rows]], nice: false, zero: false, reverse: options.image ?? false },
      },
      y2: { field: "y2" },
      color: {
        field: "z",
        type: "quantitative",
        title: options.zLabel ?? "z",
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

/** @taught 06 */
export async function heatmap(z: readonly number[][], options: HeatmapOptions = {}): Promise<void> {
  await showChart(heatmapSpec(z, options));
}

/**
 * Images of one size side by side in a grid (row-major, `columns` per row of the grid), with
 * `gap` pixels of `fill` between them: one picture instead of many charts. Works for grey
 * images (rows of numbers) and
 * colour ones (rows of `RGB` triples): `imageSpec(montage(images, 4, 0.5))` shows them as one image.
 * @taught 59
 */
export function montage<T>(images: readonly (readonly (readonly T[])[])[], columns: number, fill: T, gap = 1): T[][] {
  if (images.length === 0) throw new RangeError("montage needs at least one image");
  assertPositiveInteger("columns", columns);
  if (!Number.isInteger(gap) || gap < 0) throw new RangeError(`gap must be a non-negative integer, got ${gap}`);
  const h = images[0].length;
  const w = images[0][0]?.length ?? 0;
  images.forEach((image, k) => {
    if (image.length !== h || image.some((row) => row.length !== w))
      throw new RangeError(`image ${k} is not ${h}x${w} as image 0 is`);
  });
  const rows = Math.ceil(images.length / columns);
  const across = Math.min(columns, images.length);
  const grid = Array.from({ length: rows * (h + gap) - gap }, () => new Array<T>(across * (w + gap) - gap).fill(fill));
  images.forEach((image, k) => {
    const top = Math.floor(k / columns) * (h + gap);
    const left = (k % columns) * (w + gap);
    image.forEach((row, r) =>
      row.forEach((v, c) => {
        grid[top + r][left + c] = v;
      }),
    );
  });
  return grid;
}

/**
 * A colour as red, green and blue, each in [0, 1].
 * @taught L9
 */
export type RGB = readonly [number, number, number];

/** "#rrggbb" for a colour, after checking its channels. */
function hexColour(name: string, rgb: RGB): string {
  if (!Array.isArray(rgb) || rgb.length !== 3)
    throw new TypeError(`${name} must be [red, green, blue], got ${JSON.stringify(rgb)}`);
  const hex = rgb.map((v, i) => {
    assertFiniteNumber(`${name}[${i}]`, v);
    if (v < 0 || v > 1) throw new RangeError(`${name}[${i}] is ${v}; colour channels must lie in [0, 1]`);
    return Math.round(255 * v)
      .toString(16)
      .padStart(2, "0");
  });
  return `#${hex.join("")}`;
}

/**
 * The spec of an image, row 0 at the top, each pixel a square of `scale` screen pixels. A grey image (rows of
 * numbers) is a heatmap in greys, its colour legend titled `zLabel`; a colour image (rows of `RGB` pixels) shows
 * each pixel in its own colour, without axes or legend.
 * @taught 59
 */
export function imageSpec(
  image: readonly (readonly number[])[] | readonly (readonly RGB[])[],
  { title, scale = 3, zLabel = "" }: { title?: string; scale?: number; zLabel?: string } = {},
): TopLevelSpec {
  if (!Array.isArray(image) || image.length === 0) throw new RangeError("imageSpec needs at least one row of pixels");
  const cols = image[0].length;
  if (typeof image[0][0] === "number") {
    const size = { width: cols * scale, height: image.length * scale };
    return heatmapSpec(image as number[][], { image: true, title, ...size, xLabel: "", yLabel: "", zLabel });
  }
  if (image.length * cols > MAX_HEATMAP_CELLS) {
    throw new RangeError(
      `image has ${image.length}x${cols} = ${image.length * cols} pixels; at most ${MAX_HEATMAP_CELLS} are drawn`,
    );
  }
  const values = (image as readonly (readonly RGB[])[]).flatMap((row, r) => {
    if (row.length !== cols) throw new RangeError(`image row ${r} has ${row.length} pixels but row 0 has ${cols}`);
    return row.map((rgb, c) => ({ x: c, x2: c + 1, y: r, y2: r + 1, colour: hexColour(`image[${r}][${c}]`, rgb) }));
  });
  const position = (field: string, size: number, reverse: boolean) => ({
    field,
    type: "quantitative",
    axis: null,
    scale: { domain: [0, size], nice: false, zero: false, reverse },
  });
  return {
    $schema: SCHEMA,
    ...(title ? { title } : {}),
    width: cols * scale,
    height: image.length * scale,
    data: { values },
    mark: { type: "rect" },
    encoding: {
      x: position("x", cols, false),
      x2: { field: "x2" },
      y: position("y", image.length, true),
      y2: { field: "y2" },
      color: { field: "colour", type: "nominal", scale: null, legend: null },
    },
  } as unknown as TopLevelSpec;
}

/**
 * The frames of an animated chart, for the exported site's play control (kernel-setup/site.ts);
 * JupyterLab ignores this type. `{ series, frames }`: the series names of the last frame, and
 * for each frame, per series, either how many of that series' first rows (`data.values`) of
 * the last frame it shows, or the frame's own rows.
 * @internal
 */
export const FRAMES_MIME = "application/vnd.course.frames+json";
/**
 * At most this many frames are kept, evenly spaced, the last one included.
 * @internal
 */
export const MAX_FRAMES = 60;

type Row = ReturnType<typeof seriesValues>[number];

/** A frame as prefixes of the last frame's series where it can: paths and loss curves only grow. */
function encodeFrame(frame: readonly Series[], last: readonly Series[]): (number | Row[])[] {
  return last.map((s, k) => {
    const f = frame[k];
    const prefix =
      f.name === s.name &&
      f.mark === s.mark &&
      f.x.length <= s.x.length &&
      f.x.every((x, i) => x === s.x[i] && f.y[i] === s.y[i]);
    return prefix ? f.x.length : seriesValues([f]);
  });
}

/**
 * A chart redrawn in place while a loop runs: `update` sends only the spec (cheap),
 * `finish` adds the SVG so the final picture survives HTML export, and the frames drawn
 * with `update` so the exported site can replay them.
 * @taught 31
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
      bundle[FRAMES_MIME] = {
        series: this.frames[n - 1].map((s) => s.name),
        frames: kept.map((f) => encodeFrame(f, this.frames[n - 1])),
      };
    }
    this.handle.show(bundle);
  }
}

/** @internal */
export interface SurfaceOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  zLabel?: string;
  /** The x value of each column (default 0, 1, ...). */
  x?: readonly number[];
  /** The y value of each row (default 0, 1, ...). */
  y?: readonly number[];
  /** Degrees around the vertical axis at which the chart first shows (default 35; 0 looks along +y). */
  azimuth?: number;
  /** Degrees above the (x, y) plane (default 30; 90 looks straight down, as a heatmap does). */
  elevation?: number;
  /** Width and height of the square chart in pixels (default 320). */
  size?: number;
  /** Fix the colour range, e.g. [0, 1] for probabilities, instead of fitting z. */
  zDomain?: [number, number];
  /** Paths drawn on the surface: points (x, y, z) joined in the order given, e.g. a descent path. */
  paths?: readonly { name: string; x: readonly number[]; y: readonly number[]; z: readonly number[]; color?: string }[];
  /** Show the colour legend (default true). */
  legend?: boolean;
}

/**
 * The most grid points a surface draws (as about twice as many line segments).
 * @internal
 */
export const MAX_SURFACE_POINTS = 2_500;
/** Half the height of the box the surface is drawn in; x and y span [-1, 1]. */
const SURFACE_HEIGHT = 0.7;

/**
 * Where a point of the unit box lands on the screen, and how near the viewer it is: the box
 * turned by `azimuth` degrees about the vertical axis, then seen from `elevation` degrees above
 * the floor. (u, v, w) are x, y, z scaled to [-1, 1], [-1, 1], [-0.7, 0.7]; `sx` runs right,
 * `sy` up, and a larger `depth` is nearer. The same formulas run inside the chart (see
 * `surfaceSpec`), so that its sliders turn it.
 * @taught 06
 */
export function projectPoint(
  u: number,
  v: number,
  w: number,
  azimuth: number,
  elevation: number,
): { sx: number; sy: number; depth: number } {
  for (const [name, value] of Object.entries({ u, v, w, azimuth, elevation })) assertFiniteNumber(name, value);
  const a = (azimuth * Math.PI) / 180;
  const e = (elevation * Math.PI) / 180;
  const across = u * Math.cos(a) - v * Math.sin(a);
  const away = u * Math.sin(a) + v * Math.cos(a);
  return { sx: across, sy: away * Math.sin(e) + w * Math.cos(e), depth: w * Math.sin(e) - away * Math.cos(e) };
}

/** `projectPoint` as Vega expressions of the fields `u${k}`, `v${k}`, `w${k}` and the params azimuth, elevation. */
function projectionTransforms(k: string) {
  const a = "(azimuth * PI / 180)";
  const e = "(elevation * PI / 180)";
  const away = `(datum.u${k} * sin(${a}) + datum.v${k} * cos(${a}))`;
  return [
    { calculate: `datum.u${k} * cos(${a}) - datum.v${k} * sin(${a})`, as: `sx${k}` },
    { calculate: `${away} * sin(${e}) + datum.w${k} * cos(${e})`, as: `sy${k}` },
    { calculate: `datum.w${k} * sin(${e}) - ${away} * cos(${e})`, as: `depth${k}` },
  ];
}

/**
 * The spec of a surface z[row][column] over the grid (x[column], y[row]) in 3-D: its grid
 * lines as a wireframe coloured by z (as `heatmapSpec` colours cells), drawn far to near, with
 * sliders `azimuth` and `elevation` that turn it (in JupyterLab and on the site; the SVG shows
 * the first angles). Dashed axes along the box's edges carry each variable's name and range.
 * @taught 06
 */
export function surfaceSpec(z: readonly number[][], options: SurfaceOptions = {}): TopLevelSpec {
  assertFiniteTable("z", z);
  const rows = z.length;
  const cols = z[0].length;
  if (rows < 2 || cols < 2) throw new RangeError(`a surface needs at least 2 x 2 grid points, got ${rows} x ${cols}`);
  if (rows * cols > MAX_SURFACE_POINTS) {
    throw new RangeError(
      `surface has ${rows}x${cols} = ${rows * cols} grid points; at most ${MAX_SURFACE_POINTS} are drawn: sample a coarser grid`,
    );
  }
  const xs = options.x ?? Array.from({ length: cols }, (_, i) => i);
  const ys = options.y ?? Array.from({ length: rows }, (_, i) => i);
  assertFiniteArray("x", xs);
  assertFiniteArray("y", ys);
  if (xs.length !== cols) throw new RangeError(`surface has ${cols} columns but ${xs.length} x values`);
  if (ys.length !== rows) throw new RangeError(`surface has ${rows} rows but ${ys.length} y values`);
  for (const key of ["azimuth", "elevation", "size"] as const)
    if (options[key] !== undefined) assertFiniteNumber(key, options[key]);
  if (options.size !== undefined && options.size <= 0)
    throw new RangeError(`size must be positive, got ${options.size}`);
  const paths = options.paths ?? [];
  for (const p of paths) {
    for (const key of ["x", "y", "z"] as const) assertFiniteArray(`${p.name}.${key}`, p[key]);
    if (p.y.length !== p.x.length || p.z.length !== p.x.length) {
      throw new RangeError(`path "${p.name}" has ${p.x.length} x, ${p.y.length} y and ${p.z.length} z values`);
    }
  }
  const range = (values: readonly number[]): [number, number] => [Math.min(...values), Math.max(...values)];
  const [x0, x1] = range(xs);
  const [y0, y1] = range(ys);
  const [z0, z1] = options.zDomain ?? range(z.flat());
  if (x0 === x1 || y0 === y1)
    throw new RangeError("a surface needs at least two different x values and two different y values");
  const scale = (value: number, lo: number, hi: number, half: number) =>
    hi === lo ? 0 : ((2 * (value - lo)) / (hi - lo) - 1) * half;
  const u = (x: number) => scale(x, x0, x1, 1);
  const v = (y: number) => scale(y, y0, y1, 1);
  const w = (value: number) => scale(value, z0, z1, SURFACE_HEIGHT);
  // Box coordinates to 4 decimals (a hundredth of a pixel) keep the spec small.
  const round = (value: number) => Math.round(value * 1e4) / 1e4;
  const segment = (r1: number, c1: number, r2: number, c2: number) => ({
    x: (xs[c1] + xs[c2]) / 2,
    y: (ys[r1] + ys[r2]) / 2,
    z: (z[r1][c1] + z[r2][c2]) / 2,
    u1: round(u(xs[c1])),
    v1: round(v(ys[r1])),
    w1: round(w(z[r1][c1])),
    u2: round(u(xs[c2])),
    v2: round(v(ys[r2])),
    w2: round(w(z[r2][c2])),
  });
  const values = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c + 1 < cols; c++) values.push(segment(r, c, r, c + 1));
  for (let c = 0; c < cols; c++) for (let r = 0; r + 1 < rows; r++) values.push(segment(r, c, r + 1, c));
  const size = options.size ?? 320;
  const screen = {
    type: "quantitative" as const,
    scale: { domain: [-1.6, 1.6], nice: false, zero: false },
    axis: null,
  };
  const ends = [
    ...projectionTransforms("1"),
    ...projectionTransforms("2"),
    { calculate: "(datum.depth1 + datum.depth2) / 2", as: "depth" },
  ];
  const number = (value: number) => Number(value.toPrecision(4));
  const wires = {
    data: { values },
    transform: ends,
    // No aria labels: a label per wire would triple the SVG.
    mark: { type: "rule", strokeWidth: 1.2, aria: false },
    encoding: {
      x: { field: "sx1", ...screen },
      y: { field: "sy1", ...screen },
      x2: { field: "sx2" },
      y2: { field: "sy2" },
      color: {
        field: "z",
        type: "quantitative",
        title: options.zLabel ?? "z",
        scale: { scheme: "viridis", ...(options.zDomain ? { domain: options.zDomain } : {}) },
        ...(options.legend === false ? { legend: null } : {}),
      },
      // Far segments first, so near ones are drawn over them.
      order: { field: "depth", type: "quantitative" },
      tooltip: [
        { field: "x", type: "quantitative", title: options.xLabel ?? "x", format: ".3g" },
        { field: "y", type: "quantitative", title: options.yLabel ?? "y", format: ".3g" },
        { field: "z", type: "quantitative", title: options.zLabel ?? "z", format: ".4g" },
      ],
    },
  };
  // The x and y axes from the corner (low x, low y, low z), the z axis up from the end of the y axis,
  // each labelled with its name and range.
  const h = SURFACE_HEIGHT;
  const axisRows = [
    { name: `${options.xLabel ?? "x"} ${number(x0)} … ${number(x1)}`, u1: -1, v1: -1, w1: -h, u2: 1, v2: -1, w2: -h },
    { name: `${options.yLabel ?? "y"} ${number(y0)} … ${number(y1)}`, u1: -1, v1: -1, w1: -h, u2: -1, v2: 1, w2: -h },
    // The z axis stands at the far end of the y axis, beside the surface rather than in front of it.
    { name: `${options.zLabel ?? "z"} ${number(z0)} … ${number(z1)}`, u1: -1, v1: 1, w1: -h, u2: -1, v2: 1, w2: h },
  ];
  // The axes under the surface, their labels over it.
  const axes = {
    data: { values: axisRows },
    transform: ends,
    mark: { type: "rule", color: "#555", strokeWidth: 1, strokeDash: [4, 3] },
    encoding: {
      x: { field: "sx1", ...screen },
      y: { field: "sy1", ...screen },
      x2: { field: "sx2" },
      y2: { field: "sy2" },
    },
  };
  const labels = {
    data: { values: axisRows },
    transform: ends,
    mark: { type: "text", color: "#222", fontSize: 11, fontWeight: "bold", dy: -6 },
    encoding: { x: { field: "sx2", ...screen }, y: { field: "sy2", ...screen }, text: { field: "name" } },
  };
  // A path of one point is a marker; a longer path is a line.
  const pathColors = {
    domain: paths.map((p) => p.name),
    range: paths.map((p, i) => p.color ?? ["#e45756", "#f58518", "#ffffff"][i % 3]),
  };
  const pathEncoding = {
    x: { field: "sx1", ...screen },
    y: { field: "sy1", ...screen },
    color: { field: "path", type: "nominal", title: null, scale: pathColors, legend: { labelLimit: 300 } },
  };
  const pathLayers =
    paths.length === 0
      ? []
      : [
          {
            data: {
              values: paths.flatMap((p) =>
                p.x.map((x, i) => ({
                  path: p.name,
                  i,
                  size: p.x.length === 1 ? 80 : 15,
                  x,
                  y: p.y[i],
                  z: p.z[i],
                  u1: round(u(x)),
                  v1: round(v(p.y[i])),
                  w1: round(w(p.z[i])),
                })),
              ),
            },
            transform: projectionTransforms("1"),
            layer: [
              {
                mark: { type: "line", strokeWidth: 2.5 },
                encoding: { ...pathEncoding, detail: { field: "path" }, order: { field: "i", type: "quantitative" } },
              },
              {
                transform: [{ filter: "datum.size > 20" }],
                mark: { type: "point", filled: true, opacity: 1, stroke: "#333", strokeWidth: 0.7 },
                encoding: { ...pathEncoding, size: { field: "size", type: "quantitative", scale: null } },
              },
            ],
          },
        ];
  const slider = (name: string, value: number, min: number, max: number) => ({
    name,
    value,
    bind: { input: "range", min, max, step: 1, name: `${name} ` },
  });
  return {
    $schema: SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width: size,
    height: size,
    params: [slider("azimuth", options.azimuth ?? 35, -180, 180), slider("elevation", options.elevation ?? 30, 0, 90)],
    layer: [axes, wires, labels, ...pathLayers],
    resolve: { scale: { color: "independent" } },
    view: { stroke: null },
  } as unknown as TopLevelSpec;
}

/**
 * A surface in 3-D that the learner turns with two sliders: `await surface(z, { x, y, title })`.
 * @taught 11
 */
export async function surface(z: readonly number[][], options: SurfaceOptions = {}): Promise<void> {
  await showChart(surfaceSpec(z, options));
}
