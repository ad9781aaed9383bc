import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import {
  FRAMES_MIME,
  LiveChart,
  MAX_FRAMES,
  MAX_HEATMAP_CELLS,
  MAX_SURFACE_POINTS,
  chartBundle,
  heatmap,
  heatmapSpec,
  montage,
  imageSpec,
  type RGB,
  plot,
  projectPoint,
  renderSvg,
  seriesSpec,
  showChart,
  sideBySide,
  surface,
  surfaceSpec,
  type TopLevelSpec,
} from "../src/plots";

const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };

// The specs are plain JSON; look inside them without Vega-Lite's union types.
/* eslint-disable @typescript-eslint/no-explicit-any */
const json = (spec: TopLevelSpec): any => spec as any;

function captureLog(t: TestContext): string[] {
  const lines: string[] = [];
  t.mock.method(console, "log", (...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  return lines;
}

/** The text of the first SVG group whose class contains `cls`, up to its closing tag. */
function group(svg: string, cls: string): string {
  const start = svg.indexOf(cls);
  assert.ok(start >= 0, `the SVG has a ${cls} group`);
  return svg.slice(start, svg.indexOf("</g>", start));
}

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

test("seriesSpec of one line: Vega-Lite v5, the data as rows, one line layer, no legend", () => {
  const x = [0, 1, 2, 3];
  const y = x.map((v) => v * v);
  const spec = json(seriesSpec([{ name: "x^2", x, y }]));
  assert.equal(spec.$schema, "https://vega.github.io/schema/vega-lite/v5.json");
  assert.equal(spec.width, 400);
  assert.equal(spec.height, 250);
  assert.equal(spec.title, undefined);
  assert.deepEqual(
    spec.data.values,
    x.map((xi, i) => ({ series: "x^2", mark: "line", i, x: xi, y: y[i] })),
  );
  assert.equal(spec.layer.length, 1);
  const [layer] = spec.layer;
  assert.deepEqual(layer.mark, { type: "line", clip: false });
  assert.deepEqual(layer.transform, [{ filter: { field: "mark", equal: "line" } }]);
  assert.equal(layer.encoding.x.field, "x");
  assert.equal(layer.encoding.y.field, "y");
  assert.equal(layer.encoding.x.title, "x");
  assert.equal(layer.encoding.y.title, "y");
  assert.equal(layer.encoding.color.legend, null, "no legend for a single series");
  assert.deepEqual(layer.encoding.color.scale.domain, ["x^2"]);
});

test("seriesSpec of a line and a scatter: a line layer and a point layer, with a legend", () => {
  const spec = json(
    seriesSpec(
      [
        { name: "model", x: [0, 1], y: [1, 3] },
        { name: "data", x: [0, 0.5, 1], y: [1.1, 2.2, 2.9], mark: "point" },
      ],
      { title: "fit", xLabel: "weight", yLabel: "height", width: 500, height: 300, xDomain: [-1, 2], yDomain: [0, 4] },
    ),
  );
  assert.equal(spec.title, "fit");
  assert.equal(spec.width, 500);
  assert.equal(spec.height, 300);
  assert.equal(spec.data.values.length, 5);
  assert.deepEqual(spec.data.values[2], { series: "data", mark: "point", size: 60, i: 0, x: 0, y: 1.1 });
  assert.deepEqual(
    spec.layer.map((l: any) => l.transform[0].filter.equal),
    ["line", "point"],
  );
  assert.equal(spec.layer[1].mark.type, "point");
  const enc = spec.layer[0].encoding;
  assert.deepEqual(enc.color.scale.domain, ["model", "data"]);
  assert.notEqual(enc.color.legend, null, "a legend for several series");
  assert.equal(enc.x.title, "weight");
  assert.equal(enc.y.title, "height");
  assert.deepEqual(enc.x.scale.domain, [-1, 2]);
  assert.deepEqual(enc.y.scale.domain, [0, 4]);
});

test("seriesSpec of scatter series only has only a point layer", () => {
  const spec = json(
    seriesSpec([
      { name: "a", x: [1], y: [2], mark: "point" },
      { name: "b", x: [3], y: [4], mark: "point" },
    ]),
  );
  assert.equal(spec.layer.length, 1);
  assert.equal(spec.layer[0].mark.type, "point");
});

test("seriesSpec rejects no series, mismatched lengths and bad values, naming the series", () => {
  assert.throws(() => seriesSpec([]), /at least one series/);
  assert.throws(
    () =>
      seriesSpec([
        { name: "ok", x: [1], y: [1] },
        { name: "loss", x: [1, 2, 3], y: [1, 2] },
      ]),
    /series "loss" has 3 x values but 2 y values/,
  );
  assert.throws(() => seriesSpec([{ name: "loss", x: [1, 2], y: [1, NaN] }]), /loss\.y\[1\] is NaN/);
  assert.throws(() => seriesSpec([{ name: "loss", x: [], y: [] }]), /loss\.x is empty/);
  assert.throws(() => seriesSpec([{ name: "loss", x: [Infinity], y: [1] }]), /loss\.x\[0\] is Infinity/);
});

test("heatmapSpec: one rect per cell, edges halfway between centres, row 0 at the bottom", () => {
  const z = [
    [1, 2, 3],
    [4, 5, 6],
  ];
  const spec = json(heatmapSpec(z, { title: "surface", zLabel: "loss" }));
  assert.equal(spec.$schema, "https://vega.github.io/schema/vega-lite/v5.json");
  assert.equal(spec.title, "surface");
  assert.deepEqual(spec.mark, { type: "rect" });
  assert.equal(spec.width, 300);
  assert.equal(spec.height, 300);
  // Default centres 0, 1, 2 and 0, 1: edges at -0.5, 0.5, ...
  assert.deepEqual(spec.data.values[0], { x: -0.5, x2: 0.5, y: -0.5, y2: 0.5, z: 1 });
  assert.deepEqual(spec.data.values[5], { x: 1.5, x2: 2.5, y: 0.5, y2: 1.5, z: 6 });
  assert.deepEqual(
    spec.data.values.map((v: any) => v.z),
    [1, 2, 3, 4, 5, 6],
  );
  assert.deepEqual(spec.encoding.x.scale.domain, [-0.5, 2.5]);
  assert.deepEqual(spec.encoding.y.scale.domain, [-0.5, 1.5]);
  assert.equal(spec.encoding.y.scale.reverse, false);
  assert.equal(spec.encoding.color.field, "z");
  assert.equal(spec.encoding.color.title, "loss");
  assert.equal(spec.encoding.x2.field, "x2");
  assert.equal(spec.encoding.y2.field, "y2");
});

test("heatmapSpec with x and y centres, unevenly spaced", () => {
  const spec = json(heatmapSpec([[1, 2, 3]], { x: [0, 1, 3], y: [10] }));
  const xs = spec.data.values.map((v: any) => [v.x, v.x2]);
  assert.deepEqual(xs, [
    [-0.5, 0.5],
    [0.5, 2],
    [2, 4],
  ]);
  // One row: a cell of height 1 around its centre.
  assert.deepEqual([spec.data.values[0].y, spec.data.values[0].y2], [9.5, 10.5]);
});

test("heatmapSpec with image: true draws row 0 at the top, in greys", () => {
  const spec = json(
    heatmapSpec(
      [
        [0, 1],
        [1, 0],
      ],
      { image: true },
    ),
  );
  assert.equal(spec.encoding.y.scale.reverse, true);
  assert.equal(spec.encoding.color.scale.scheme, "greys");
  assert.equal(spec.width, 200);
  assert.equal(spec.height, 200);
});

test("heatmapSpec refuses more than MAX_HEATMAP_CELLS cells, and bad shapes", () => {
  assert.equal(MAX_HEATMAP_CELLS, 20_000);
  const grid = (rows: number, cols: number) => Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  assert.doesNotThrow(() => heatmapSpec(grid(100, 200)));
  assert.throws(() => heatmapSpec(grid(101, 200)), /heatmap has 101x200 = 20200 cells; at most 20000/);
  assert.throws(() => heatmapSpec([[1, 2]], { x: [0, 1, 2] }), /heatmap has 2 columns but 3 x values/);
  assert.throws(() => heatmapSpec([[1, 2]], { y: [0, 1] }), /heatmap has 1 rows but 2 y values/);
  assert.throws(() => heatmapSpec([[1, 2], [3]]), /z is ragged/);
  assert.throws(() => heatmapSpec([[1, NaN]]), /z\[0\]\[1\] is NaN/);
  assert.throws(() => heatmapSpec([]), /z has no rows/);
});

test("chartBundle carries the Vega-Lite v5 spec, an SVG with the marks, and text", async () => {
  const spec = seriesSpec(
    [
      { name: "line", x: [0, 1, 2], y: [0, 1, 4] },
      { name: "dots", x: [0, 1], y: [1, 2], mark: "point" },
    ],
    { title: "demo" },
  );
  const bundle = await chartBundle(spec);
  assert.deepEqual(Object.keys(bundle).sort(), [VEGA_LITE_MIME, "image/svg+xml", "text/plain"].sort());
  assert.equal(bundle[VEGA_LITE_MIME], spec);
  assert.equal(bundle["text/plain"], "<chart: demo>");
  const svg = bundle["image/svg+xml"] as string;
  assert.match(svg, /^<svg /);
  assert.match(svg, /<\/svg>$/);
  // The line is one path through 3 points; the scatter is 2 symbols.
  const line = group(svg, "mark-line role-mark");
  assert.equal(count(line, /<path /g), 1);
  assert.match(line, /d="M[^"]*L[^"]*L/);
  assert.equal(count(group(svg, "mark-symbol role-mark"), /<path /g), 2);
  assert.match(svg, /role-legend/, "two series: a legend");
  assert.ok(svg.includes(">demo</text>"), "the title is drawn");
});

test("chartBundle text/plain without a title", async () => {
  const bundle = await chartBundle(seriesSpec([{ name: "a", x: [0, 1], y: [0, 1] }]));
  assert.equal(bundle["text/plain"], "<chart>");
  assert.doesNotMatch(bundle["image/svg+xml"] as string, /role-legend/, "one series: no legend");
});

test("renderSvg of a heatmap draws one rect per cell, coloured by z, and image flips it", async () => {
  const z = [
    [1, 2, 3],
    [4, 5, 6],
  ];
  const svg = await renderSvg(heatmapSpec(z));
  assert.match(svg, /^<svg /);
  const rects = group(svg, "mark-rect role-mark");
  assert.equal(count(rects, /<path /g), 6);
  const fills = rects.match(/fill="[^"]+"/g) ?? [];
  assert.equal(new Set(fills).size, 6, "six different values, six colours");
  // The cell of z = 1 (row 0): at the bottom of a surface, at the top of an image.
  const cellTop = (markup: string) => {
    const cell = markup.match(/aria-label="[^"]*z: 1"[^>]*d="M[\d.]+,([\d.]+)/);
    assert.ok(cell, "the z = 1 cell is drawn");
    return Number(cell[1]);
  };
  assert.ok(cellTop(rects) > 0, "surface: row 0 is not at the top");
  const image = group(await renderSvg(heatmapSpec(z, { image: true })), "mark-rect role-mark");
  assert.equal(cellTop(image), 0, "image: row 0 at the top");
});

test("montage lays grey and colour images out in a grid with gaps", () => {
  const a = [
    [1, 2],
    [3, 4],
  ];
  const b = [
    [5, 6],
    [7, 8],
  ];
  assert.deepEqual(montage([a, b, a], 2, 0), [
    [1, 2, 0, 5, 6],
    [3, 4, 0, 7, 8],
    [0, 0, 0, 0, 0],
    [1, 2, 0, 0, 0],
    [3, 4, 0, 0, 0],
  ]);
  assert.deepEqual(
    montage([a, b], 4, 9, 0),
    [
      [1, 2, 5, 6],
      [3, 4, 7, 8],
    ],
    "no gap; a grid row only as wide as the images in it",
  );
  const red: RGB = [1, 0, 0];
  const grey: RGB = [0.5, 0.5, 0.5];
  assert.deepEqual(montage([[[red]], [[red]]], 2, grey), [[red, grey, red]]);
  assert.throws(() => montage([a, [[1]]], 2, 0), /image 1 is not 2x2 as image 0 is/);
  assert.throws(() => montage([], 2, 0), /at least one image/);
  assert.throws(() => montage([a], 0, 0), /columns must be a positive integer, got 0/);
});

test("imageSpec draws a colour image's pixels in their own colours, row 0 at the top", async () => {
  const image = [
    [
      [1, 0, 0],
      [0, 1, 0],
    ],
    [
      [0, 0, 1],
      [1, 1, 1],
    ],
  ] as const;
  const spec = json(imageSpec(image, { title: "rgb", scale: 10 }));
  assert.equal(spec.width, 20);
  assert.equal(spec.height, 20);
  assert.equal(spec.encoding.y.scale.reverse, true);
  assert.deepEqual(
    spec.data.values.map((v: { colour: string }) => v.colour),
    ["#ff0000", "#00ff00", "#0000ff", "#ffffff"],
  );
  const rects = group(await renderSvg(imageSpec(image)), "mark-rect role-mark");
  assert.equal(count(rects, /<path /g), 4);
  const top = (colour: string) =>
    Number(
      rects
        .match(
          new RegExp(`d="M[\\d.]+,([\\d.]+)[^"]*"[^>]*fill="${colour}"|fill="${colour}"[^>]*d="M[\\d.]+,([\\d.]+)`),
        )
        ?.slice(1)
        .find((v) => v !== undefined),
    );
  assert.equal(top("#ff0000"), 0, "row 0 (red) at the top");
  assert.ok(top("#0000ff") > 0, "row 1 (blue) below it");
  assert.throws(() => imageSpec([[[1, 0, 1.5]]]), /image\[0\]\[0\]\[2\] is 1.5; colour channels must lie in \[0, 1\]/);
  assert.throws(() => imageSpec([[[1, 0]]] as never), /image\[0\]\[0\] must be \[red, green, blue\]/);
  assert.throws(() => imageSpec([[[0, 0, 0]], []]), /image row 1 has 0 pixels but row 0 has 1/);
});

test("imageSpec draws a grey image as a heatmap in greys, each pixel scale x scale", () => {
  const grey = [
    [0, 0.5, 1],
    [1, 0.5, 0],
  ];
  assert.deepEqual(
    imageSpec(grey, { title: "g", scale: 4, zLabel: "ink" }),
    heatmapSpec(grey, { image: true, title: "g", width: 12, height: 8, xLabel: "", yLabel: "", zLabel: "ink" }),
  );
  const spec = json(imageSpec(grey));
  assert.deepEqual([spec.width, spec.height, spec.encoding.color.title], [9, 6, ""], "scale 3, an untitled legend");
  assert.throws(() => imageSpec([]), /imageSpec needs at least one row of pixels/);
});

test("outside a kernel, plot, heatmap and showChart print the chart's text", async (t) => {
  const lines = captureLog(t);
  await plot([{ name: "a", x: [0, 1], y: [0, 1] }], { title: "p" });
  await heatmap([[1, 2]], { title: "h" });
  await showChart(seriesSpec([{ name: "a", x: [0], y: [0] }]));
  assert.deepEqual(lines, ["<chart: p>", "<chart: h>", "<chart>"]);
});

test("LiveChart updates one display with the spec only, and finish adds the SVG", async (t) => {
  const written: { data: Record<string, unknown>; id?: string; update: boolean }[] = [];
  const previous = jupyter.lastWriteDisplayData;
  jupyter.lastWriteDisplayData = (
    message: { data: Record<string, unknown>; transient: { display_id?: string } },
    update: boolean,
  ) => written.push({ data: message.data, id: message.transient.display_id, update });
  t.after(() => {
    jupyter.lastWriteDisplayData = previous;
  });

  const chart = new LiveChart({ title: "loss" });
  await assert.rejects(chart.finish(), /finish\(\) before any update/);
  chart.update([{ name: "loss", x: [0], y: [1] }]);
  chart.update([{ name: "loss", x: [0, 1], y: [1, 0.5] }]);
  await chart.finish();
  assert.equal(written.length, 3);
  assert.deepEqual(
    written.map((w) => w.update),
    [false, true, true],
  );
  assert.equal(new Set(written.map((w) => w.id)).size, 1, "one display, updated in place");
  assert.deepEqual(Object.keys(written[0].data).sort(), [VEGA_LITE_MIME, "text/plain"].sort());
  assert.equal((written[1].data[VEGA_LITE_MIME] as any).data.values.length, 2);
  assert.match(written[2].data["image/svg+xml"] as string, /^<svg /);
  assert.equal(written[2].data["text/plain"], "<chart: loss>");

  assert.deepEqual(
    written[2].data[FRAMES_MIME],
    { series: ["loss"], frames: [[1], [2]] },
    "the frames, for the exported site to replay",
  );

  const path = new LiveChart();
  const xs: number[] = [];
  for (let step = 0; step < 2 * MAX_FRAMES; step++) {
    xs.push(step);
    path.update([
      { name: "path", x: xs, y: xs },
      { name: "now", x: [step], y: [step], mark: "point" },
    ]);
  }
  await path.finish();
  const { series, frames } = written.at(-1)!.data[FRAMES_MIME] as { series: string[]; frames: unknown[][] };
  assert.deepEqual(series, ["path", "now"]);
  assert.equal(frames.length, MAX_FRAMES, "frames thinned, evenly");
  assert.deepEqual(
    frames[0],
    [2, [{ series: "now", mark: "point", size: 60, i: 0, x: 1, y: 1 }]],
    "a growing series as a prefix, a moving point as rows",
  );
  assert.deepEqual(frames.at(-1), [2 * MAX_FRAMES, 1]);
  written.length = 3;

  const surface = new LiveChart();
  surface.updateSpec(heatmapSpec([[0, 1]], { title: "surface" }));
  await surface.finish();
  assert.equal((written[3].data[VEGA_LITE_MIME] as any).mark.type, "rect");
  assert.equal(written[4].data["text/plain"], "<chart: surface>");
  assert.equal(written[3].id, written[4].id);
  assert.equal(written[4].data[FRAMES_MIME], undefined, "updateSpec keeps no frames");
});

test("a fixed axis domain clips the marks to it; a fitted one does not", () => {
  const clipped = seriesSpec([{ name: "1/x", x: [0.01, 1], y: [100, 1] }], { yDomain: [0, 10] }) as unknown as {
    layer: { mark: { clip: boolean } }[];
  };
  const fitted = seriesSpec([{ name: "1/x", x: [0.01, 1], y: [100, 1] }]) as unknown as {
    layer: { mark: { clip: boolean } }[];
  };
  assert.equal(clipped.layer[0].mark.clip, true);
  assert.equal(fitted.layer[0].mark.clip, false);
});

test("lines join their points in the order given, so a path can double back", () => {
  const spec = json(seriesSpec([{ name: "path", x: [-4, 4.4, -4.84], y: [16, 19.36, 23.43] }]));
  assert.deepEqual(spec.layer[0].encoding.order, { field: "i", type: "quantitative" });
  assert.deepEqual(
    spec.data.values.map((v: { i: number }) => v.i),
    [0, 1, 2],
  );
});

test("a log axis on request", () => {
  const spec = json(
    seriesSpec([{ name: "loss", x: [1, 10, 100], y: [1, 0.1, 0.01] }], { xScale: "log", yScale: "log" }),
  );
  assert.equal(spec.layer[0].encoding.x.scale.type, "log");
  assert.equal(spec.layer[0].encoding.y.scale.type, "log");
});

test("heatmap overlay: series drawn on the heatmap's axes, clipped, with their own colours", async () => {
  const spec = json(
    heatmapSpec(
      [
        [0, 1],
        [1, 0],
      ],
      {
        x: [0, 1],
        y: [0, 1],
        overlay: [
          { name: "target 1", x: [0, 1], y: [1, 0], mark: "point" },
          { name: "boundary", x: [-1, 2], y: [2, -1] },
        ],
      },
    ),
  );
  assert.equal(spec.layer.length, 2);
  assert.equal(spec.layer[0].mark.type, "rect");
  assert.deepEqual(
    spec.layer[1].layer.map((l: { mark: { type: string; clip: boolean } }) => [l.mark.type, l.mark.clip]),
    [
      ["line", true],
      ["point", true],
    ],
  );
  assert.equal(spec.resolve.scale.color, "independent");
  const svg = await renderSvg(spec);
  assert.ok(svg.includes(">target 1<") && svg.includes(">boundary<"), "the overlay's legend names its series");
  assert.ok(
    count(svg, /role-mark[^"]*"[^>]*aria-roledescription="rect mark"|class="mark-rect/g) > 0,
    "the heatmap cells are drawn",
  );
});

test("sideBySide puts charts in one row without their own $schema", () => {
  const spec = json(
    sideBySide(
      [seriesSpec([{ name: "a", x: [0, 1], y: [0, 1] }]), seriesSpec([{ name: "b", x: [0, 1], y: [1, 0] }])],
      "two",
    ),
  );
  assert.equal(spec.hconcat.length, 2);
  assert.equal(spec.title, "two");
  assert.ok(spec.hconcat.every((c: { $schema?: string }) => c.$schema === undefined));
});

test("series colours: chosen ones kept, the rest from the default palette in order", () => {
  const spec = json(
    seriesSpec([
      { name: "a", x: [0], y: [0] },
      { name: "b", x: [1], y: [1], color: "white" },
    ]),
  );
  assert.deepEqual(spec.layer[0].encoding.color.scale.range, ["#4c78a8", "white"]);
});

test("heatmap zDomain fixes the colour range", () => {
  const spec = json(heatmapSpec([[0.5, 0.5]], { zDomain: [0, 1] }));
  assert.deepEqual(spec.encoding.color.scale.domain, [0, 1]);
  assert.equal(json(heatmapSpec([[0.5, 0.5]])).encoding.color.scale.domain, undefined);
});

test("point size per series, and a heatmap without its colour legend", async () => {
  const spec = json(seriesSpec([{ name: "small", x: [0], y: [0], mark: "point", size: 10 }]));
  assert.equal(spec.data.values[0].size, 10);
  assert.deepEqual(spec.layer[0].encoding.size, { field: "size", type: "quantitative", scale: null });
  assert.equal(json(heatmapSpec([[1, 2]], { legend: false })).encoding.color.legend, null);
  assert.ok((await renderSvg(spec)).includes("<svg"));
});

// --- surfaces in 3-D -------------------------------------------------------------------------

import * as vega from "vega";
import { compile } from "vega-lite";
import fc from "fast-check";

/** The surface's wire layer and its rows. */
const wires = (spec: TopLevelSpec) => json(spec).layer.find((l: any) => l.mark?.type === "rule" && l.encoding.color);

/** A Vega expression of the spec run in JavaScript (the projection uses only cos, sin, PI). */
function evaluate(expression: string, datum: Record<string, number>, azimuth: number, elevation: number): number {
  const js = expression.replace(/\bPI\b/g, "Math.PI").replace(/\b(cos|sin)\(/g, "Math.$1(");
  return new Function("datum", "azimuth", "elevation", `return ${js};`)(datum, azimuth, elevation) as number;
}

test("surfaceSpec: one wire per neighbouring pair of grid points, box coordinates, two sliders", () => {
  const z = [
    [0, 1, 2, 3],
    [1, 2, 3, 4],
    [2, 3, 4, 8],
  ]; // 3 rows (y), 4 columns (x)
  const spec = json(surfaceSpec(z, { x: [10, 20, 30, 40], y: [-1, 0, 1], title: "bowl" }));
  const rows = wires(spec).data.values;
  assert.equal(rows.length, 3 * 3 + 4 * 2, "3 rows of 3 wires along x, 4 columns of 2 wires along y");
  // The first wire joins (x, y) = (10, -1) and (20, -1): the box's corner and a third of the way along x.
  assert.deepEqual(rows[0], { x: 15, y: -1, z: 0.5, u1: -1, v1: -1, w1: -0.7, u2: -0.3333, v2: -1, w2: -0.525 });
  const last = rows[rows.length - 1]; // the last column, from y = 0 to y = 1, z from 4 to 8
  assert.deepEqual([last.u2, last.v2, last.w2, last.z], [1, 1, 0.7, 6]);
  for (const r of rows) for (const k of ["u1", "v1", "u2", "v2"]) assert.ok(Math.abs(r[k]) <= 1);
  assert.equal(spec.title, "bowl");
  assert.deepEqual(
    spec.params.map((p: any) => [p.name, p.value, p.bind.input, p.bind.min, p.bind.max]),
    [
      ["azimuth", 35, "range", -180, 180],
      ["elevation", 30, "range", 0, 90],
    ],
  );
  assert.deepEqual(wires(spec).encoding.order, { field: "depth", type: "quantitative" }, "far wires first");
  assert.equal(json(surfaceSpec(z, { azimuth: 10, elevation: 80 })).params[0].value, 10);
});

test("projectPoint at known angles: turned a quarter, seen level, seen from above", () => {
  const close = (got: { sx: number; sy: number; depth: number }, want: [number, number, number]) =>
    [got.sx, got.sy, got.depth].forEach((g, i) =>
      assert.ok(Math.abs(g - want[i]) < 1e-12, `${JSON.stringify(got)} vs ${want}`),
    );
  close(projectPoint(1, 0, 0, 0, 0), [1, 0, 0]); // x runs to the right
  close(projectPoint(0, 1, 0, 0, 0), [0, 0, -1]); // y runs away from the viewer
  close(projectPoint(0, 0, 0.7, 0, 0), [0, 0.7, 0]); // z runs up
  close(projectPoint(1, 0, 0, 90, 0), [0, 0, -1]); // a quarter turn: x now runs away
  close(projectPoint(0.5, -0.25, 0.3, 0, 90), [0.5, -0.25, 0.3]); // from above: a heatmap's view
  close(projectPoint(1, 1, 0, 45, 30), [0, Math.SQRT2 / 2, -Math.SQRT2 * Math.cos(Math.PI / 6)]);
});

test("the chart's projection expressions compute projectPoint (property)", () => {
  const spec = wires(
    surfaceSpec([
      [0, 1],
      [2, 3],
    ]),
  );
  const calc = Object.fromEntries(spec.transform.map((t: any) => [t.as, t.calculate]));
  fc.assert(
    fc.property(
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.double({ min: -1, max: 1, noNaN: true }),
      fc.double({ min: -0.7, max: 0.7, noNaN: true }),
      fc.integer({ min: -180, max: 180 }),
      fc.integer({ min: 0, max: 90 }),
      (u, v, w, a, e) => {
        const want = projectPoint(u, v, w, a, e);
        const datum = { u1: u, v1: v, w1: w };
        return (["sx", "sy", "depth"] as const).every(
          (k) => Math.abs(evaluate(calc[`${k}1`], datum, a, e) - want[k]) < 1e-12,
        );
      },
    ),
  );
});

test("renderSvg draws a surface at the sliders' first values, far wires first", async () => {
  const z = [
    [0, 1, 0],
    [1, 2, 1],
    [0, 1, 0],
  ];
  const view = new vega.View(vega.parse(compile(surfaceSpec(z, { azimuth: 20, elevation: 40 })).spec), {
    renderer: "none",
  });
  try {
    await view.runAsync();
    assert.equal(view.signal("azimuth"), 20);
    assert.equal(view.signal("elevation"), 40);
  } finally {
    view.finalize();
  }
  const svg = await renderSvg(surfaceSpec(z));
  assert.equal(count(group(svg, "mark-rule role-mark layer_1_marks"), /<line/g), 12, "12 wires");
  assert.notEqual(svg, await renderSvg(surfaceSpec(z, { azimuth: 80 })), "another first angle draws another picture");
});

test("surface labels its axes with their ranges, draws paths, and shows as a chart", async (t) => {
  const warnings: string[] = [];
  t.mock.method(console, "warn", (...args: unknown[]) => warnings.push(args.join(" ")));
  const spec = surfaceSpec(
    [
      [1, 2],
      [3, 4],
    ],
    {
      x: [0, 0.5],
      y: [-2, 2],
      xLabel: "w",
      yLabel: "b",
      zLabel: "L",
      paths: [{ name: "descent", x: [0, 0.25], y: [-2, 0], z: [1, 3.25] }],
    },
  );
  const labels = json(spec)
    .layer.find((l: any) => l.mark?.type === "text")
    .data.values.map((r: any) => r.name);
  assert.deepEqual(labels, ["w 0 … 0.5", "b -2 … 2", "L 1 … 4"]);
  const path = json(spec).layer.find((l: any) => l.layer?.[0].mark.type === "line");
  assert.deepEqual(
    path.data.values.map((r: any) => [r.path, r.i, r.u1, r.v1, r.w1, r.size]),
    [
      ["descent", 0, -1, -1, -0.7, 15],
      ["descent", 1, 0, 0, 0.35, 15],
    ],
  );
  const marker = json(
    surfaceSpec(
      [
        [1, 2],
        [3, 4],
      ],
      { paths: [{ name: "bottom", x: [0], y: [0], z: [1] }] },
    ),
  ).layer.find((l: any) => l.layer);
  assert.equal(marker.data.values[0].size, 80, "a path of one point is a large marker");
  const svg = await renderSvg(spec);
  assert.ok(svg.includes(">descent<"), "the path's legend");
  assert.deepEqual(warnings, [], "Vega-Lite compiles the spec without warnings");
  const lines = captureLog(t);
  await surface(
    [
      [0, 1],
      [1, 0],
    ],
    { title: "saddle" },
  );
  assert.deepEqual(lines, ["<chart: saddle>"]);
});

test("sideBySide moves the surfaces' sliders to the top, once per name", async () => {
  const a = surfaceSpec([
    [0, 1],
    [1, 0],
  ]);
  const b = surfaceSpec(
    [
      [1, 0],
      [0, 1],
    ],
    { azimuth: 50 },
  );
  const spec = json(sideBySide([a, b]));
  assert.deepEqual(
    spec.params.map((p: any) => [p.name, p.value]),
    [
      ["azimuth", 35],
      ["elevation", 30],
    ],
    "the first chart's values",
  );
  assert.ok(spec.hconcat.every((c: any) => c.params === undefined));
  assert.ok((await renderSvg(spec)).includes("<svg"));
  assert.equal(json(sideBySide([seriesSpec([{ name: "a", x: [0], y: [0] }])])).params, undefined);
});

test("surfaceSpec rejects bad input with a clear error", () => {
  assert.throws(
    () =>
      surfaceSpec([
        [0, 1, 2],
        [0, 1],
      ]),
    /z is ragged: row 1 has 2 columns, row 0 has 3/,
  );
  assert.throws(
    () =>
      surfaceSpec([
        [0, NaN],
        [0, 1],
      ]),
    /z\[0\]/,
  );
  assert.throws(() => surfaceSpec([[0, 1]]), /at least 2 x 2 grid points, got 1 x 2/);
  assert.throws(() => surfaceSpec([]), /z has no rows/);
  assert.throws(
    () =>
      surfaceSpec(
        [
          [0, 1],
          [1, 2],
        ],
        { x: [0, 1, 2] },
      ),
    /2 columns but 3 x values/,
  );
  assert.throws(
    () =>
      surfaceSpec(
        [
          [0, 1],
          [1, 2],
        ],
        { y: [0] },
      ),
    /2 rows but 1 y values/,
  );
  assert.throws(
    () =>
      surfaceSpec(
        [
          [0, 1],
          [1, 2],
        ],
        { x: [1, 1] },
      ),
    /two different x values/,
  );
  assert.throws(
    () =>
      surfaceSpec(
        [
          [0, 1],
          [1, 2],
        ],
        { y: [0, Infinity] },
      ),
    /y/,
  );
  const big = Array.from({ length: 51 }, () => new Array(50).fill(0));
  assert.throws(() => surfaceSpec(big), new RegExp(`51x50 = 2550 grid points; at most ${MAX_SURFACE_POINTS}`));
  assert.throws(
    () =>
      surfaceSpec(
        [
          [0, 1],
          [1, 2],
        ],
        { paths: [{ name: "p", x: [0, 1], y: [0], z: [0, 1] }] },
      ),
    /path "p" has 2 x, 1 y and 2 z values/,
  );
  assert.throws(
    () =>
      surfaceSpec(
        [
          [0, 1],
          [1, 2],
        ],
        { paths: [{ name: "p", x: [0], y: [0], z: [NaN] }] },
      ),
    /p\.z/,
  );
  assert.throws(
    () =>
      surfaceSpec(
        [
          [0, 1],
          [1, 2],
        ],
        { azimuth: NaN },
      ),
    /azimuth/,
  );
  assert.throws(
    () =>
      surfaceSpec(
        [
          [0, 1],
          [1, 2],
        ],
        { size: 0 },
      ),
    /size must be positive, got 0/,
  );
  assert.throws(() => projectPoint(0, 0, 0, 30, Number.POSITIVE_INFINITY), /elevation/);
  assert.throws(() => projectPoint(0, NaN, 0, 30, 30), /\bv\b/);
});
