/** The library-chapter contract: every export of src/ names the chapter that teaches it, and the chapters agree. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type ChapterCode, contractFaults, courseContract, parsePreview, readExports } from "../kernel-setup/contract";

test("every export of src/ is tagged, taught where its tag says, and previewed before", () => {
  const { modules, course } = courseContract();
  assert.ok(modules.length > 0 && course.length > 0, "no modules or no chapters found");
  const faults = contractFaults(modules, course);
  assert.equal(faults.length, 0, `${faults.length} faults:\n${faults.join("\n")}`);
});

// The checker on small in-memory inputs: it must fail where it should.
const MODULE = `
/** Adds.
 * @taught 02
 */
export function add(a: number, b: number): number { return a + b; }

/**
 * Multiplies.
 * @taught 03
 */
export const mul = (a: number, b: number): number => a * b;

/** @internal */
export interface Hidden { x: number }

/** No tag at all. */
export type Loose = number;
`;
const chapter = (id: string, ...cells: string[]): ChapterCode => ({
  id,
  name: `${id}-fixture`,
  cells: cells.map((source, index) => ({ index, source })),
});

test("readExports reads functions, consts, interfaces and types with their tags", () => {
  const exports = readExports("math", MODULE);
  assert.deepEqual(
    exports.map((e) => [e.name, e.taught, e.internal]),
    [
      ["add", ["02"], false],
      ["mul", ["03"], false],
      ["Hidden", [], true],
      ["Loose", [], false],
    ],
  );
});

test("a module header comment separated by a blank line is not an export's doc comment", () => {
  const exports = readExports("m", "/**\n * The module.\n * @taught 02\n */\n\nexport const x = 1;\n");
  assert.deepEqual(exports[0].taught, []);
});

test("parsePreview pairs names with chapters, or gives one chapter to all", () => {
  assert.deepEqual(
    [...parsePreview("// preview: SGD, Adam are taught in 31, 33")!],
    [
      ["SGD", ["31"]],
      ["Adam", ["33"]],
    ],
  );
  assert.deepEqual(
    [...parsePreview("// preview: a, b are taught in L5")!],
    [
      ["a", ["L5"]],
      ["b", ["L5"]],
    ],
  );
  assert.equal(parsePreview("// preview: a, b, c are taught in 31, 33"), undefined);
});

test("a course that keeps the contract has no faults", () => {
  const course = [
    chapter("01", 'import { add } from "./src/math"; // preview: add is taught in 02'),
    chapter("02", 'import { add, mul } from "./src/math"; // preview: mul is taught in 03\nadd(1, mul(2, 3));'),
    chapter("03", 'import {\n  add,\n  mul,\n} from "./src/math";\nimport { x } from "tslab";'),
  ];
  const fine = MODULE.replace("/** No tag at all. */", "/** @internal */");
  assert.deepEqual(contractFaults([{ name: "math", source: fine }], course), []);
});

test("the checker names every fault", () => {
  const twoTags = MODULE.replace("/** No tag at all. */", "/**\n * Two tags.\n * @taught 02\n * @internal\n */");
  const cases: [string, { source?: string; cells: ChapterCode[] }, RegExp][] = [
    [
      "an export without a tag",
      {
        cells: [chapter("02", 'import { add } from "./src/math";'), chapter("03", 'import { mul } from "./src/math";')],
      },
      /Loose \(src\/math\.ts:\d+\) has no chapter tag/,
    ],
    [
      "two tags",
      {
        source: twoTags,
        cells: [chapter("02", 'import { add } from "./src/math";'), chapter("03", 'import { mul } from "./src/math";')],
      },
      /Loose .* has 2 tags/,
    ],
    [
      "a chapter that does not exist",
      {
        source: MODULE.replace("@taught 03", "@taught 09"),
        cells: [chapter("02", 'import { add } from "./src/math";')],
      },
      /mul .* @taught 09, but there is no chapter 09/,
    ],
    [
      "the tagged chapter does not import it",
      { cells: [chapter("02", "add(1, 2);"), chapter("03", 'import { mul } from "./src/math";')] },
      /add .* tagged @taught 02, but 02-fixture does not import it from \.\/src\/math/,
    ],
    [
      "an earlier chapter imports it without a preview",
      {
        cells: [
          chapter("02", 'import { add, mul } from "./src/math";'),
          chapter("03", 'import { mul } from "./src/math";'),
        ],
      },
      /02-fixture \(cell 0, line 1\) imports mul from \.\/src\/math before 03-fixture teaches it: add "\/\/ preview: mul is taught in 03"/,
    ],
    [
      "a preview that names the wrong chapter",
      {
        cells: [
          chapter("02", 'import { add, mul } from "./src/math"; // preview: mul is taught in 04'),
          chapter("03", 'import { mul } from "./src/math";'),
        ],
      },
      /says mul is taught in 04, but src\/math\.ts tags it @taught 03/,
    ],
    [
      "a preview where none is needed",
      {
        cells: [
          chapter("02", 'import { add } from "./src/math";'),
          chapter("03", 'import { add, mul } from "./src/math"; // preview: add is taught in 02'),
        ],
      },
      /03-fixture .* marks add .* as a preview, but it is taught in 02, not later/,
    ],
    [
      "an @internal export imported",
      {
        cells: [
          chapter("02", 'import { add, type Hidden } from "./src/math";'),
          chapter("03", 'import { mul } from "./src/math";'),
        ],
      },
      /imports Hidden from \.\/src\/math, which is @internal/,
    ],
    [
      "a name the module does not export",
      {
        cells: [
          chapter("02", 'import { add, sub } from "./src/math";'),
          chapter("03", 'import { mul } from "./src/math";'),
        ],
      },
      /imports sub from \.\/src\/math, which does not export it/,
    ],
    [
      "a module that does not exist",
      {
        cells: [
          chapter("02", 'import { add } from "./src/math";\nimport { f } from "./src/nope";'),
          chapter("03", 'import { mul } from "./src/math";'),
        ],
      },
      /imports f from \.\/src\/nope, but there is no src\/nope\.ts/,
    ],
  ];
  for (const [what, { source = MODULE, cells }, expected] of cases) {
    const faults = contractFaults([{ name: "math", source }], cells);
    assert.ok(
      faults.some((f) => expected.test(f)),
      `${what}: expected a fault matching ${expected}, got:\n${faults.join("\n")}`,
    );
  }
});
