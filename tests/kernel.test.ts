/**
 * The course's kernel (tslab with the fixes in patches/) speaks Jupyter's protocol as the
 * front ends expect, through the installed kernelspec and jupyter_client: streams, the
 * course's displays and their updates, errors with the cells' own line numbers, completion,
 * inspection, interrupts, restart and shutdown; and TypeScript written across cells runs as
 * it would in one file.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { ROOT } from "../kernel-setup/course";
import { errorOf, session, streams, type Step } from "./kernel-session";

/** The line of a library file that holds `text`, from 1. */
function lineOf(file: string, text: string): number {
  return (
    fs
      .readFileSync(path.join(ROOT, file), "utf8")
      .split("\n")
      .findIndex((line) => line.includes(text)) + 1
  );
}

describe("the kernel protocol, through jupyter_client and the installed kernelspec", () => {
  const steps: Step[] = [
    { execute: 'console.log("to stdout");\nconsole.error("to stderr");' },
    {
      execute:
        'import { display, DisplayHandle } from "./src/display";\nconst handle = new DisplayHandle();\nhandle.show({ "text/plain": "first", "text/html": "<b>first</b>" });\nhandle.show({ "text/plain": "second", "text/html": "<b>second</b>" });',
    },
    { execute: 'const lr = -1;\nif (lr <= 0) throw new RangeError("learning rate must be positive");' },
    {
      execute:
        'import { mean } from "./src/statistics";\nfunction average(values: number[]) {\n  return mean(values);\n}',
    },
    { execute: "average([]);" },
    { execute: 'const n: number = "one";' },
    { execute: 'await new Promise((resolve) => setTimeout(resolve, 10));\nthrow new Error("after an await");' },
    { execute: "const learningRate = 0.5;" },
    { complete: "learningR", cursor: 9 },
    { inspect: "Math.max", cursor: 6 },
    { is_complete: "function f() {" },
    { is_complete: "1 + 1;" },
    {
      execute:
        'let ticks = 0;\nwhile (true) {\n  await new Promise((resolve) => setTimeout(resolve, 20));\n  if (++ticks === 1) console.log("looping");\n}',
      interrupt: 0.5,
    },
    { execute: 'console.log("after the interrupt", learningRate);' },
    {
      execute: 'console.log("busy");\nconst start = Date.now();\nwhile (Date.now() - start < 60_000) {}',
      interrupt: 0.5,
    },
    { execute: 'console.log("after the second interrupt");' },
    { restart: true },
    { execute: "console.log(learningRate);" },
    { shutdown: true },
  ];
  const [
    out,
    displays,
    thrown,
    ,
    fromLibrary,
    compile,
    afterAwait,
    ,
    complete,
    inspect,
    open,
    closed,
    loop,
    afterLoop,
    busy,
    afterBusy,
    ,
    restarted,
    shutdown,
  ] = session(steps);

  test("stdout and console.error arrive as their own streams", () => {
    assert.equal(out.content.status, "ok");
    assert.equal(streams(out, "stdout"), "to stdout\n");
    assert.equal(streams(out, "stderr"), "to stderr\n");
  });

  test("the course's displays arrive as display_data, then update_display_data with the same display_id", () => {
    assert.deepEqual(
      displays.outputs.map((o) => o.msg_type),
      ["display_data", "update_display_data"],
    );
    const [first, second] = displays.outputs;
    assert.equal(first.content.data["text/html"], "<b>first</b>");
    assert.equal(second.content.data["text/plain"], "second");
    assert.ok(first.content.transient.display_id);
    assert.equal(second.content.transient.display_id, first.content.transient.display_id);
  });

  test("an exception is a Jupyter error: ename, evalue and a traceback at the cell's own line, in the reply too", () => {
    const error = errorOf(thrown);
    assert.deepEqual(
      { ename: error?.ename, evalue: error?.evalue },
      { ename: "RangeError", evalue: "learning rate must be positive" },
    );
    assert.equal(error?.traceback[0], "RangeError: learning rate must be positive");
    assert.match(error?.traceback.join("\n"), /^ {4}at In\[3\]:2:20$/m);
    assert.doesNotMatch(error?.traceback.join("\n"), /evalmachine|tslab[\\/]dist|node:vm/);
    assert.equal(streams(thrown, "stderr"), "", "the error is not printed to stderr as well");
    assert.deepEqual(
      { ...thrown.content, execution_count: undefined },
      {
        status: "error",
        execution_count: undefined,
        ename: "RangeError",
        evalue: "learning rate must be positive",
        traceback: error?.traceback,
      },
    );
  });

  test("a traceback through the library and an earlier cell names their files and lines", () => {
    const traceback = errorOf(fromLibrary)?.traceback.join("\n");
    assert.match(
      traceback,
      new RegExp(`at assertFiniteArray \\(src/validate\\.ts:${lineOf("src/validate.ts", "is empty`")}:\\d+\\)`),
    );
    assert.match(
      traceback,
      new RegExp(
        `at mean \\(src/statistics\\.ts:${lineOf("src/statistics.ts", 'assertFiniteArray("values", values)')}:\\d+\\)`,
      ),
    );
    assert.match(traceback, /at average \(In\[4\]:3:14\)\n {4}at In\[5\]:1:1$/);
  });

  test("a compile error is a Jupyter error naming the cell, line and column", () => {
    const error = errorOf(compile);
    assert.equal(error?.ename, "CompileError");
    assert.equal(error?.evalue, "In[6]:1:7 - Type 'string' is not assignable to type 'number'.");
  });

  test("an error after an await keeps the cell's line", () => {
    assert.match(errorOf(afterAwait)?.traceback.join("\n"), /^Error: after an await\n {4}at In\[7\]:2:7$/);
  });

  test("completion, inspection and is_complete answer", () => {
    assert.ok((complete.content.matches as string[]).includes("learningRate"), JSON.stringify(complete.content));
    assert.equal(inspect.content.found, true);
    assert.match(inspect.content.data["text/plain"], /max\(/);
    assert.equal(open.content.status, "incomplete");
    assert.equal(closed.content.status, "complete");
  });

  test("an interrupt ends an awaiting loop and a busy loop, and the next cells run with the kernel's state", () => {
    assert.match(streams(loop, "stdout"), /looping/);
    assert.equal(loop.content.status, "error");
    assert.ok(loop.secondsToEnd! < 5, `the loop took ${loop.secondsToEnd} s to end`);
    assert.equal(streams(afterLoop, "stdout"), "after the interrupt 0.5\n");
    assert.equal(busy.content.status, "error");
    assert.ok(busy.secondsToEnd! < 5, `the busy loop took ${busy.secondsToEnd} s to end`);
    assert.equal(streams(afterBusy, "stdout"), "after the second interrupt\n");
  });

  test("a restart clears the state and the cell count, and shutdown ends the kernel", () => {
    assert.equal(errorOf(restarted)?.evalue, "In[1]:1:13 - Cannot find name 'learningRate'.");
    assert.equal(shutdown.msg_type, "shutdown_reply");
    assert.equal(shutdown.exited, true);
  });
});

/**
 * TypeScript forms across cells: each is [a cell that declares, a cell that uses, what it prints].
 * The first failed before the course's tslab patch; the others are kept working by it.
 */
const FORMS: [string, string, string, string][] = [
  ["a shorthand property", "const lr = 0.1;", "console.log(JSON.stringify({ lr }));", '{"lr":0.1}'],
  [
    "shorthand properties in nested literals",
    "const a1 = 1;\nconst b1 = 2;",
    "console.log(JSON.stringify([{ a1, b: { b1 } }]));",
    '[{"a1":1,"b":{"b1":2}}]',
  ],
  [
    "a shorthand beside an own variable and a computed key",
    "const epochs = 3;",
    'const key = "k";\nconst steps = 2;\nconsole.log(JSON.stringify({ epochs, steps, [key]: epochs }));',
    '{"epochs":3,"steps":2,"k":3}',
  ],
  [
    "a shorthand in a destructuring assignment, with a default",
    "let count = 0;\nlet size = 0;",
    "({ count, size = 9 } = { count: 7 } as { count: number; size?: number });\nconsole.log(count, size);",
    "7 9",
  ],
  [
    "a method using an earlier variable",
    "const base = 10;",
    "const o = { f() { return base + 1; } };\nconsole.log(o.f());",
    "11",
  ],
  ["object destructuring", "const { d1, d2 } = { d1: 1, d2: 2 };", "console.log(d1 + d2);", "3"],
  ["array destructuring", "const [e1, e2] = [4, 5];", "console.log(e1 * e2);", "20"],
  [
    "a class",
    "class Counter {\n  n = 0;\n  tick() { return ++this.n; }\n}",
    "const c = new Counter();\nc.tick();\nconsole.log(c.tick());",
    "2",
  ],
  ["an enum", "enum Color { Red, Green }", "console.log(Color.Green, Color[0]);", "1 Red"],
  ["a function", "function square(x: number) { return x * x; }", "console.log(square(7));", "49"],
  ["a generic arrow function", "const first = <T,>(xs: T[]): T => xs[0];", 'console.log(first(["x", "y"]));', "x"],
  [
    "a type alias and an interface",
    "type Pair = [number, number];\ninterface Point { x: number }",
    "const p: Pair = [1, 2];\nconst q: Point = { x: p[1] };\nconsole.log(q.x);",
    "2",
  ],
  [
    "a spread",
    "const defaults = { lr: 0.1, epochs: 5 };",
    "console.log(JSON.stringify({ ...defaults, epochs: 10 }));",
    '{"lr":0.1,"epochs":10}',
  ],
  [
    "a closure",
    "const makeCounter = () => { let k = 0; return () => ++k; };\nconst next = makeCounter();",
    "next();\nconsole.log(next());",
    "2",
  ],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: cell source for the kernel, which holds a template literal
  ["a template literal", 'const name1 = "XOR";', "console.log(`model ${name1}`);", "model XOR"],
  ["a let updated in a later cell", "let total = 1;", "total += 41;\nconsole.log(total);", "42"],
  [
    "a const declared again (a cell re-run with a new value)",
    "const rate = 0.1;",
    "const rate = 0.2;\nconsole.log(rate);",
    "0.2",
  ],
  ["an import", 'import { mean as average } from "./src/statistics";', "console.log(average([1, 2, 3]));", "2"],
  [
    "an async function awaited later",
    "async function later(v: number) { return v + 1; }",
    "console.log(await later(1));",
    "2",
  ],
  [
    "optional chaining and nullish coalescing",
    "const maybe: { v?: number } | undefined = {};",
    'console.log(maybe?.v ?? "none");',
    "none",
  ],
  [
    "a for-of over an earlier array",
    "const xs = [1, 2, 3];",
    "let s = 0;\nfor (const x of xs) s += x;\nconsole.log(s);",
    "6",
  ],
];

test(`TypeScript forms across cells run as in one file (${FORMS.length} forms)`, () => {
  const results = session(FORMS.flatMap(([, declare, use]) => [{ execute: declare }, { execute: use }]));
  const failures = FORMS.flatMap(([form, , , expected], i) => {
    const [declared, used] = [results[2 * i], results[2 * i + 1]];
    const problem = [declared, used]
      .map((r) => errorOf(r) ?? (r.content.status === "ok" ? undefined : r.content))
      .find(Boolean);
    const printed = streams(used, "stdout").trim();
    return problem || printed !== expected
      ? [
          `${form}: printed ${JSON.stringify(printed)}, expected ${JSON.stringify(expected)}${problem ? ` (${JSON.stringify(problem)})` : ""}`,
        ]
      : [];
  });
  assert.deepEqual(failures, []);
});

test("a module file saved while the kernel waits (a missing import, then the file) does not break the next cells", () => {
  const [missing, , , next, imported] = session([
    { execute: 'import { twice } from "./helper";' },
    { write: "helper.ts", text: "export function twice(x: number): number {\n  return 2 * x;\n}\n" },
    { sleep: 2 },
    { execute: 'console.log("next cell");' },
    { execute: 'import { twice } from "./helper";\nconsole.log(twice(21));' },
  ]);
  assert.match(errorOf(missing)?.evalue, /Cannot find module '\.\/helper'/);
  assert.equal(next.content.status, "ok", JSON.stringify(next));
  assert.equal(streams(next, "stdout"), "next cell\n");
  assert.equal(streams(imported, "stdout"), "42\n");
});

test("an edited library file is picked up when the cell that imports it runs again", () => {
  const source = (factor: number) => `export function scale(x: number): number {\n  return ${factor} * x;\n}\n`;
  const [first, , , again] = session(
    [
      { execute: 'import { scale } from "./scaling";\nconsole.log(scale(2));' },
      { write: "scaling.ts", text: source(3) },
      { sleep: 2 },
      { execute: 'import { scale } from "./scaling";\nconsole.log(scale(2));' },
    ],
    { "scaling.ts": source(2) },
  );
  assert.equal(streams(first, "stdout"), "4\n");
  assert.equal(streams(again, "stdout"), "6\n");
});

test("a burst of display updates arrives whole and in order, and the cell ends (zeromq defers a send after 512 in a row)", () => {
  const [burst] = session([
    {
      execute:
        // biome-ignore lint/suspicious/noTemplateCurlyInString: cell source for the kernel, which holds template literals
        'import { DisplayHandle } from "./src/display";\nconst handle = new DisplayHandle();\nfor (let i = 0; i < 600; i++) handle.show({ "text/plain": `update ${i}`, "text/html": `<b>${i}</b>` });\nconsole.log("sent");',
    },
  ]);
  assert.equal(burst.content.status, "ok", JSON.stringify(errorOf(burst)));
  const shown = burst.outputs
    .filter((o) => o.msg_type.endsWith("display_data"))
    .map((o) => o.content.data["text/plain"] as string);
  assert.deepEqual(
    shown,
    Array.from({ length: 600 }, (_, i) => `update ${i}`),
  );
  assert.equal(streams(burst, "stdout"), "sent\n");
});

test("a fresh kernel takes an earlier kernel's CommonJS of unchanged code from tslab's cache: same output, same line numbers", () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "tslab-cache-"));
  const files = {
    "limits.ts":
      'export function capped(x: number): number {\n  if (x > 1) throw new RangeError("too big");\n  return x;\n}\n',
  };
  const cell = { execute: 'import { capped } from "./limits";\nconsole.log(capped(1));\ncapped(2);' };
  const before = process.env.TSLAB_CACHE_DIR;
  process.env.TSLAB_CACHE_DIR = cache;
  try {
    const [first] = session([cell], files);
    const cached = fs.readdirSync(cache);
    const [second] = session([cell], files);
    assert.equal(cached.length, 2, "the module and the cell");
    assert.deepEqual(fs.readdirSync(cache), cached, "the second kernel transpiled nothing");
    for (const run of [first, second]) {
      assert.equal(streams(run, "stdout"), "1\n");
      assert.match(errorOf(run)?.traceback.join("\n"), /at capped \(limits\.ts:2:\d+\)\n {4}at In\[1\]:3:\d+$/);
    }
    assert.deepEqual(errorOf(second), errorOf(first));
  } finally {
    if (before === undefined) delete process.env.TSLAB_CACHE_DIR;
    else process.env.TSLAB_CACHE_DIR = before;
    fs.rmSync(cache, { recursive: true, force: true });
  }
});
