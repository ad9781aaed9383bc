import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import fixtures from "./fixtures/numpy.json";
import { RandomState, globalRandom, permutation, rand, randn, seed, shuffle, torchLinearStart } from "../src/random";

interface RandomCase {
  seed: number;
  rand: number[];
  randn: number[];
  randn_2x3: number[][];
  permutation_20: number[];
  permutation_70000_head: number[];
  rand_after: number[];
}

const cases = fixtures.random as RandomCase[];

function assertRelativeClose(actual: number, expected: number, tolerance: number, what: string): void {
  const error = Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
  assert.ok(error <= tolerance, `${what}: got ${actual}, expected ${expected} (relative error ${error})`);
}

function assertAllRelativeClose(actual: number[], expected: number[], tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((v, i) => assertRelativeClose(v, expected[i], tolerance, `${what}[${i}]`));
}

test("the fixture covers the seeds it claims, from NumPy 2.4.6", () => {
  assert.equal(fixtures.numpy, "2.4.6");
  assert.deepEqual(
    cases.map((c) => c.seed),
    [0, 1, 42, 220102, 220106, 230912, 2 ** 32 - 1],
  );
});

for (const c of cases) {
  test(`seed ${c.seed}: the global generator matches NumPy's draw sequence`, () => {
    seed(c.seed);
    assert.deepEqual(rand(5), c.rand, "rand(5) exact");
    assertAllRelativeClose(randn(7), c.randn, 1e-15, "randn(7)");
    // randn(7) left one polar value cached: the 2x3 draw starts with it.
    const m = randn(2, 3);
    assert.ok(m instanceof Matrix);
    assert.equal(m.rows, 2);
    assert.equal(m.columns, 3);
    m.to2DArray().forEach((row, r) => assertAllRelativeClose(row, c.randn_2x3[r], 1e-15, `randn(2,3)[${r}]`));
    assert.deepEqual(permutation(20), c.permutation_20, "permutation(20) exact");
    assert.deepEqual(permutation(70000).slice(0, 10), c.permutation_70000_head, "permutation(70000)[:10] exact");
    assert.deepEqual(rand(2), c.rand_after, "rand(2) after everything else, exact");
  });

  test(`seed ${c.seed}: a RandomState instance matches NumPy too`, () => {
    const rs = new RandomState(c.seed);
    assert.deepEqual(rs.rand(5), c.rand);
    assertAllRelativeClose(rs.randn(7), c.randn, 1e-15, "randn(7)");
    rs.randn(2, 3)
      .to2DArray()
      .forEach((row, r) => assertAllRelativeClose(row, c.randn_2x3[r], 1e-15, `randn(2,3)[${r}]`));
    assert.deepEqual(rs.permutation(20), c.permutation_20);
    assert.deepEqual(rs.permutation(70000).slice(0, 10), c.permutation_70000_head);
    assert.deepEqual(rs.rand(2), c.rand_after);
  });
}

test("scalar draws are the same numbers as array draws", () => {
  const c = cases[0];
  seed(c.seed);
  const values = Array.from({ length: 5 }, () => rand());
  assert.deepEqual(values, c.rand);
  const normals = Array.from({ length: 7 }, () => randn());
  assertAllRelativeClose(normals, c.randn, 1e-15, "randn()");
});

test("CURRICULUM: seed 220102, randn(1, 1) = 0.97213265", () => {
  seed(220102);
  const w = randn(1, 1);
  assert.equal(w.rows, 1);
  assert.equal(w.columns, 1);
  assert.equal(w.get(0, 0).toFixed(8), "0.97213265");
});

test("CURRICULUM: seed 220104, randn(3, 1) then randn(1, 1)", () => {
  seed(220104);
  const W = randn(3, 1);
  const b = randn(1, 1);
  assert.deepEqual(
    W.to1DArray().map((v) => v.toFixed(8)),
    ["-0.30356914", "-0.56552733", "-0.44174438"],
  );
  assert.equal(b.get(0, 0).toFixed(8), "0.01214057");
});

test("re-seeding restarts the stream, including the cached Gaussian", () => {
  seed(7);
  const first = [rand(3), randn(3), permutation(10)];
  seed(7);
  const second = [rand(3), randn(3), permutation(10)];
  assert.deepEqual(second, first);

  // An odd number of normals leaves one cached; seed() must drop it.
  seed(7);
  randn(1);
  seed(7);
  const afterReseed = randn(2);
  seed(7);
  assert.deepEqual(afterReseed, randn(2));

  const rs = new RandomState(5);
  const a = rs.randn(3);
  rs.seed(5);
  assert.deepEqual(rs.randn(3), a);
});

test("RandomState instances are independent of each other and of the global generator", () => {
  const c = cases[2]; // seed 42
  const a = new RandomState(c.seed);
  const b = new RandomState(c.seed);
  seed(c.seed);
  assert.deepEqual(a.rand(2), c.rand.slice(0, 2));
  // Drawing from a and from the global generator must not move b.
  rand(3);
  a.rand(10);
  assert.deepEqual(b.rand(5), c.rand);
  // and b's draws did not move a or the global generator.
  seed(c.seed);
  rand(2);
  assert.deepEqual(rand(3), c.rand.slice(2));
  assert.notEqual(a, globalRandom);
});

test("the default RandomState is seed 0", () => {
  assert.deepEqual(new RandomState().rand(5), cases[0].rand);
});

test("bad seeds throw, naming `seed`", () => {
  const bad: unknown[] = [-1, 2 ** 32, 1.5, NaN, Infinity, "3"];
  for (const s of bad) {
    assert.throws(() => seed(s as number), /seed/, `seed(${String(s)})`);
    assert.throws(() => new RandomState(s as number), /seed/, `new RandomState(${String(s)})`);
  }
  assert.throws(() => seed(-1), RangeError);
  assert.throws(() => seed(1.5), /integer/);
  assert.throws(() => seed(NaN), /finite/);
  assert.throws(() => seed("3" as unknown as number), TypeError);
  // The limits themselves are fine.
  assert.doesNotThrow(() => seed(0));
  assert.doesNotThrow(() => seed(2 ** 32 - 1));
});

test("a rejected seed leaves the generator's state alone", () => {
  const rs = new RandomState(42);
  rs.rand(1);
  assert.throws(() => rs.seed(-5), /seed/);
  assert.deepEqual(rs.rand(4), cases[2].rand.slice(1));
});

test("bad shapes throw, naming the dimension", () => {
  assert.throws(() => rand(-1), /shape\[0\]/);
  assert.throws(() => rand(2.5), /shape\[0\]/);
  assert.throws(() => randn(2, NaN), /shape\[1\]/);
  assert.throws(() => (rand as unknown as (...s: number[]) => unknown)(2, 2, 2), /2 dimensions/);
  assert.throws(() => permutation(-3), /\bn\b/);
  assert.throws(() => permutation(1.5), /\bn\b/);
  // Empty shapes are allowed, as in NumPy.
  assert.deepEqual(rand(0), []);
  assert.deepEqual(permutation(0), []);
  const empty = randn(0, 3);
  assert.equal(empty.rows, 0);
});

test("permutation contains each index exactly once", () => {
  seed(3);
  const p = permutation(1000);
  assert.deepEqual(
    [...p].sort((a, b) => a - b),
    Array.from({ length: 1000 }, (_, i) => i),
  );
  assert.deepEqual(permutation(1), [0]);
});

test("shuffle permutes in place exactly as permutation does (NumPy's shuffle)", () => {
  const c = cases[1]; // seed 1
  const rs = new RandomState(c.seed);
  rs.rand(5);
  rs.randn(7);
  rs.randn(2, 3);
  const items = Array.from({ length: 20 }, (_, i) => `item ${i}`);
  const returned = rs.shuffle(items);
  assert.equal(returned, items, "shuffle returns the same array");
  assert.deepEqual(
    items,
    c.permutation_20.map((i) => `item ${i}`),
  );
});

test("shuffle moves whole rows of a table, keeping each row intact", () => {
  const table = Array.from({ length: 20 }, (_, i) => [i, 10 * i, 100 * i]);
  const rows = table.slice();
  const c = cases[3]; // seed 220102
  seed(c.seed);
  rand(5);
  randn(7);
  randn(2, 3);
  shuffle(rows);
  assert.deepEqual(
    rows,
    c.permutation_20.map((i) => table[i]),
  );
  for (const row of rows) assert.deepEqual(row, [row[0], 10 * row[0], 100 * row[0]]);
  // The row objects are the originals, only reordered.
  assert.ok(rows.every((row) => table.includes(row)));
});

test("shuffle of 0 or 1 items draws nothing", () => {
  const rs = new RandomState(0);
  assert.deepEqual(rs.shuffle([]), []);
  assert.deepEqual(rs.shuffle(["only"]), ["only"]);
  assert.deepEqual(rs.rand(5), cases[0].rand);
});

test("shuffle rejects a non-array", () => {
  assert.throws(() => shuffle("abc" as unknown as string[]), /shuffle needs an array, got string/);
});

test("rand values lie in [0, 1) and nextUint32 gives 32-bit integers", () => {
  const rs = new RandomState(123);
  for (const v of rs.rand(10000)) assert.ok(v >= 0 && v < 1);
  for (let i = 0; i < 1000; i++) {
    const u = rs.nextUint32();
    assert.ok(Number.isInteger(u) && u >= 0 && u <= 0xffffffff);
  }
});

test("MT19937 reference output: seed 5489 gives 3499211612 first (the algorithm's published value)", () => {
  const rs = new RandomState(5489);
  assert.equal(rs.nextUint32(), 3499211612);
  assert.equal(rs.nextUint32(), 581869302);
});

test("nextInterval stays within [0, max]", () => {
  const rs = new RandomState(9);
  assert.equal(rs.nextInterval(0), 0);
  for (const max of [1, 2, 5, 1000, 0xffffffff]) {
    for (let i = 0; i < 200; i++) {
      const v = rs.nextInterval(max);
      assert.ok(Number.isInteger(v) && v >= 0 && v <= max, `nextInterval(${max}) = ${v}`);
    }
  }
});

// Reference values from torch 2.13 (CPU): torch.manual_seed(220214), then
// nn.Sequential(nn.Linear(8, 256), nn.ReLU(), nn.Linear(256, 64), nn.ReLU(), nn.Linear(64, 8), nn.ReLU(), nn.Linear(8, 1));
// per parameter: its first and last value and the sum and sum of |value| of all its values in order (float64).
const TORCH_220214 = [
  [0.26695430278778076, 0.3113340139389038, 2.2623713985376526, 367.519228221121],
  [0.33254069089889526, 0.20189343392848969, 1.0822680722776568, 43.40572369286383],
  [0.026523150503635406, -0.002295076847076416, 0.6907324716448784, 516.0038031116128],
  [0.0012130364775657654, -0.05190512537956238, -0.36557378619909286, 2.0892545357346535],
  [-0.06636768579483032, -0.023977145552635193, 0.09696775674819946, 31.573525965213776],
  [-0.077813059091568, 0.08502820134162903, -0.07886810600757599, 0.6484050005674362],
  [0.14741690456867218, 0.3479749262332916, 1.2656185734085739, 1.6871004509739578],
  [0.2904229760169983, 0.2904229760169983, 0.2904229760169983, 0.2904229760169983],
];

test("torchLinearStart: PyTorch's 8-256-64-8-1 start for manual_seed(220214), all 19281 values", () => {
  const layers = torchLinearStart(220214, [8, 256, 64, 8, 1]);
  assert.deepEqual(
    layers.map((l) => [l.weight.rows, l.weight.columns, l.bias.length]),
    [
      [256, 8, 256],
      [64, 256, 64],
      [8, 64, 8],
      [1, 8, 1],
    ],
  );
  const params = layers.flatMap((l) => [l.weight.to1DArray(), l.bias]); // weight row by row, as torch stores it
  params.forEach((p, i) => {
    const [first, last, sum, absSum] = TORCH_220214[i];
    assert.equal(p[0], first, `parameter ${i}: first value`);
    assert.equal(p[p.length - 1], last, `parameter ${i}: last value`);
    assert.equal(
      p.reduce((a, v) => a + v, 0),
      sum,
      `parameter ${i}: sum`,
    );
    assert.equal(
      p.reduce((a, v) => a + Math.abs(v), 0),
      absSum,
      `parameter ${i}: sum of |value|`,
    );
    assert.ok(
      p.every((v) => v === Math.fround(v)),
      `parameter ${i}: float32 values`,
    );
  });
});

test("torchLinearStart: the 1-8-4-1 start of chapter 28 (torch 2.13, manual_seed(220119))", () => {
  const [l1, l2, l3] = torchLinearStart(220119, [1, 8, 4, 1]);
  assert.equal(l1.weight.get(0, 0), 0.01691126823425293);
  assert.equal(l1.bias[7], -0.1825655698776245);
  assert.equal(l2.weight.get(1, 0), 0.19093327224254608);
  assert.equal(l3.bias[0], -0.2737385630607605);
});

test("torchLinearStart rejects bad sizes", () => {
  assert.throws(() => torchLinearStart(1, [8]), /at least 2/);
  assert.throws(() => torchLinearStart(1, [8, 0]), /sizes\[1\]/);
});
