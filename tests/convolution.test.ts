import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import fc from "fast-check";
import {
  conv2d,
  conv2dBackward,
  conv2dChannels,
  conv2dChannelsBackward,
  convOutputSize,
  maxPool2d,
  maxPool2dBackward,
  rotate180,
  zeroPad,
} from "../src/convolution";
import { gradientCheck, numericGradient } from "../src/derivatives";
import { maxAbsDifference } from "../src/selfcheck";
import { RandomState } from "../src/random";

const X3 = new Matrix([
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
]);

test("convOutputSize is floor((n + 2p - k) / s) + 1", () => {
  assert.equal(convOutputSize(28, 3), 26);
  assert.equal(convOutputSize(28, 3, { padding: 1 }), 28);
  assert.equal(convOutputSize(28, 3, { stride: 2, padding: 1 }), 14);
  assert.equal(convOutputSize(7, 3, { stride: 2 }), 3);
  assert.equal(convOutputSize(6, 3, { stride: 2 }), 2); // the last column does not fill a window
  assert.equal(convOutputSize(28, 2, { stride: 2 }), 14); // 2x2 pooling
  assert.equal(convOutputSize(3, 5, { padding: 1 }), 1);
  assert.throws(() => convOutputSize(3, 5), /kernelSize 5 is larger than the padded input \(3 \+ 2x0 = 3\)/);
  assert.throws(() => convOutputSize(28, 3, { stride: 0 }), /stride must be a positive integer, got 0/);
  assert.throws(() => convOutputSize(28, 3, { padding: -1 }), /padding must be a non-negative integer, got -1/);
  assert.throws(() => convOutputSize(28, 3, { padding: 0.5 }), /padding must be a non-negative integer/);
  assert.throws(() => convOutputSize(0, 3), /inputSize must be a positive integer/);
});

test("conv2d slides the kernel without flipping it (cross-correlation), by hand", () => {
  const K = new Matrix([
    [1, 2],
    [3, 4],
  ]);
  // Z[0][0] = 1*1 + 2*2 + 4*3 + 5*4 = 37; true convolution (flipped K) would give 23.
  assert.deepEqual(conv2d(X3, K).to2DArray(), [
    [37, 47],
    [67, 77],
  ]);
  assert.deepEqual(conv2d(X3, rotate180(K)).to2DArray(), [
    [23, 33],
    [53, 63],
  ]);
});

test("the diagonal filter responds most to the diagonal pattern", () => {
  const diagonal = new Matrix([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]);
  const vertical = new Matrix([
    [0, 1, 0],
    [0, 1, 0],
    [0, 1, 0],
  ]);
  const antiDiagonal = new Matrix([
    [0, 0, 1],
    [0, 1, 0],
    [1, 0, 0],
  ]);
  assert.deepEqual(conv2d(diagonal, diagonal).to2DArray(), [[3]]);
  assert.deepEqual(conv2d(vertical, diagonal).to2DArray(), [[1]]);
  assert.deepEqual(conv2d(antiDiagonal, diagonal).to2DArray(), [[1]]);
});

test("conv2d with zero padding and stride, by hand", () => {
  const ones = Matrix.ones(3, 3);
  // padding 1: each output is the sum of the 3x3 neighbourhood inside X
  assert.deepEqual(conv2d(X3, ones, { padding: 1 }).to2DArray(), [
    [12, 21, 16],
    [27, 45, 33],
    [24, 39, 28],
  ]);
  // padding 1, stride 2: the corners of the above
  assert.deepEqual(conv2d(X3, ones, { padding: 1, stride: 2 }).to2DArray(), [
    [12, 16],
    [24, 28],
  ]);
  // stride 2 without padding on 5x5 with a 1x1 kernel picks every other pixel
  const X5 = new Matrix(Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => 5 * r + c)));
  assert.deepEqual(conv2d(X5, new Matrix([[2]]), { stride: 2 }).to2DArray(), [
    [0, 4, 8],
    [20, 24, 28],
    [40, 44, 48],
  ]);
  // a rectangular kernel
  assert.deepEqual(conv2d(X3, new Matrix([[1, -1]])).to2DArray(), [
    [-1, -1],
    [-1, -1],
    [-1, -1],
  ]);
});

test("conv2d's output shape follows convOutputSize for several settings", () => {
  const X = new RandomState(48).randn(28, 28);
  for (const [k, stride, padding] of [
    [3, 1, 0],
    [3, 1, 1],
    [3, 2, 1],
    [5, 2, 0],
    [5, 3, 2],
    [28, 1, 0],
  ]) {
    const Z = conv2d(X, Matrix.ones(k, k), { stride, padding });
    const n = convOutputSize(28, k, { stride, padding });
    assert.deepEqual([Z.rows, Z.columns], [n, n], `k ${k}, stride ${stride}, padding ${padding}`);
  }
});

test("zeroPad and rotate180", () => {
  assert.deepEqual(zeroPad(new Matrix([[1, 2]]), 1).to2DArray(), [
    [0, 0, 0, 0],
    [0, 1, 2, 0],
    [0, 0, 0, 0],
  ]);
  assert.deepEqual(zeroPad(X3, 0).to2DArray(), X3.to2DArray());
  assert.deepEqual(
    rotate180(
      new Matrix([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).to2DArray(),
    [
      [6, 5, 4],
      [3, 2, 1],
    ],
  );
});

test("conv2dBackward, by hand: dK is the input window sum, dX spreads K", () => {
  const K = new Matrix([
    [1, 2],
    [3, 4],
  ]);
  const { dX, dK } = conv2dBackward(Matrix.ones(2, 2), X3, K);
  // dK[a][b] = sum over windows of X[i + a][j + b]
  assert.deepEqual(dK.to2DArray(), [
    [12, 16],
    [24, 28],
  ]);
  // dX[r][c] = sum of the K entries that touch pixel (r, c)
  assert.deepEqual(dX.to2DArray(), [
    [1, 3, 2],
    [4, 10, 6],
    [3, 7, 4],
  ]);
});

test("conv2dBackward matches numeric gradients, with stride and padding", () => {
  const rng = new RandomState(59);
  for (const [n, k, stride, padding] of [
    [5, 3, 1, 0],
    [6, 3, 2, 1],
    [7, 3, 2, 0],
    [5, 2, 3, 2],
    [4, 3, 1, 1],
  ]) {
    const X = rng.randn(n, n);
    const K = rng.randn(k, k);
    const options = { stride, padding };
    const out = convOutputSize(n, k, options);
    const C = rng.randn(out, out); // L = sum(C * Z), so dL/dZ = C
    const loss = (x: Matrix, w: Matrix) => Matrix.mul(conv2d(x, w, options), C).sum();
    const { dX, dK } = conv2dBackward(C, X, K, options);
    const label = `n ${n}, k ${k}, stride ${stride}, padding ${padding}`;
    assert.ok(
      gradientCheck(
        dX,
        numericGradient((x) => loss(x, K), X),
      ).ok,
      `dX, ${label}`,
    );
    assert.ok(
      gradientCheck(
        dK,
        numericGradient((w) => loss(X, w), K),
      ).ok,
      `dK, ${label}`,
    );
  }
});

test("with stride 1 and no padding, dX is a full convolution with the rotated kernel and dK = conv2d(X, dZ)", () => {
  const rng = new RandomState(2023);
  const X = rng.randn(6, 6);
  const K = rng.randn(3, 3);
  const dZ = rng.randn(4, 4);
  const { dX, dK } = conv2dBackward(dZ, X, K);
  assert.ok(maxAbsDifference(dX, conv2d(zeroPad(dZ, 2), rotate180(K))) < 1e-12);
  assert.ok(maxAbsDifference(dK, conv2d(X, dZ)) < 1e-12);
});

test("property: with stride 1 and padding p, dX is conv2d(zeroPad(dZ, k - 1 - p), rotate180(K)) (taught in 59, section 9)", () => {
  const cases = fc
    .record({
      n: fc.integer({ min: 2, max: 7 }),
      k: fc.integer({ min: 1, max: 4 }),
      p: fc.integer({ min: 0, max: 3 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .filter(({ n, k, p }) => k <= n && p <= k - 1);
  fc.assert(
    fc.property(cases, ({ n, k, p, seed }) => {
      const rng = new RandomState(seed);
      const X = rng.randn(n, n);
      const K = rng.randn(k, k);
      const m = convOutputSize(n, k, { padding: p });
      const dZ = rng.randn(m, m);
      const { dX } = conv2dBackward(dZ, X, K, { padding: p });
      const full = conv2d(zeroPad(dZ, k - 1 - p), rotate180(K));
      return full.rows === n && full.columns === n && maxAbsDifference(dX, full) < 1e-12;
    }),
    { numRuns: 60 },
  );
});

test("conv2dBackward names a bad upstream gradient", () => {
  const K = Matrix.ones(2, 2);
  assert.throws(
    () => conv2dBackward([[1]] as unknown as Matrix, X3, K),
    /dZ must be a Matrix \(ml-matrix\), got object/,
  );
  assert.throws(
    () =>
      conv2dBackward(
        new Matrix([
          [1, 2],
          [Infinity, 0],
        ]),
        X3,
        K,
      ),
    /dZ\[1\]\[0\] is Infinity; dZ must hold finite numbers/,
  );
  assert.throws(
    () => conv2dBackward(Matrix.ones(3, 3), X3, K, { padding: 1 }),
    /dZ is 3x3 but conv2d\(X, K\) with stride 1 and padding 1 is 4x4/,
  );
});

test("maxPool2d and its backward pass, by hand", () => {
  const X = new Matrix([
    [1, 3, 2, 0],
    [4, 2, 1, 5],
    [0, 1, 7, 7],
    [2, 6, 3, 1],
  ]);
  assert.deepEqual(maxPool2d(X).to2DArray(), [
    [4, 5],
    [6, 7],
  ]);
  const dY = new Matrix([
    [10, 20],
    [30, 40],
  ]);
  // each gradient goes to its window's maximum; the tie 7, 7 goes to the first one
  assert.deepEqual(maxPool2dBackward(dY, X).to2DArray(), [
    [0, 0, 0, 0],
    [10, 0, 0, 20],
    [0, 0, 40, 0],
    [0, 30, 0, 0],
  ]);
  // a 5x5 input: the last row and column do not fill a 2x2 window and are left out
  const X5 = new Matrix(Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => 5 * r + c)));
  assert.deepEqual(maxPool2d(X5).to2DArray(), [
    [6, 8],
    [16, 18],
  ]);
  // overlapping windows (stride 1): a maximum shared by several windows collects all their gradients
  assert.deepEqual(maxPool2d(X3, { size: 2, stride: 1 }).to2DArray(), [
    [5, 6],
    [8, 9],
  ]);
  assert.deepEqual(maxPool2dBackward(Matrix.ones(1, 1), X3, { size: 3, stride: 1 }).to2DArray(), [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 1],
  ]);
  const center = new Matrix([
    [0, 0, 0],
    [0, 9, 0],
    [0, 0, 0],
  ]);
  assert.deepEqual(maxPool2dBackward(Matrix.ones(2, 2), center, { size: 2, stride: 1 }).to2DArray(), [
    [0, 0, 0],
    [0, 4, 0],
    [0, 0, 0],
  ]);
});

test("maxPool2dBackward matches numeric gradients (distinct values)", () => {
  const rng = new RandomState(7);
  for (const [n, size, stride] of [
    [4, 2, 2],
    [6, 2, 2],
    [5, 3, 1],
    [7, 3, 2],
  ]) {
    const X = rng.randn(n, n);
    const out = convOutputSize(n, size, { stride });
    const C = rng.randn(out, out);
    const loss = (x: Matrix) => Matrix.mul(maxPool2d(x, { size, stride }), C).sum();
    const dX = maxPool2dBackward(C, X, { size, stride });
    assert.ok(gradientCheck(dX, numericGradient(loss, X)).ok, `n ${n}, size ${size}, stride ${stride}`);
  }
});

test("the functions name the argument that is wrong", () => {
  const K = Matrix.ones(3, 3);
  assert.throws(
    () => conv2d(Matrix.ones(2, 2), K),
    /K is 3x3 but X padded by 0 is 2x2: the kernel must fit inside the padded input/,
  );
  assert.doesNotThrow(() => conv2d(Matrix.ones(2, 2), K, { padding: 1 }));
  assert.throws(() => conv2d(X3, K, { stride: 0 }), /stride must be a positive integer, got 0/);
  assert.throws(() => conv2d(X3, K, { padding: 1.5 }), /padding must be a non-negative integer, got 1.5/);
  assert.throws(
    () =>
      conv2d(
        [
          [1, 2],
          [3, 4],
        ] as unknown as Matrix,
        K,
      ),
    /X must be a Matrix \(ml-matrix\), got object/,
  );
  assert.throws(() => conv2d(X3, new Matrix([[1, NaN]])), /K\[0\]\[1\] is NaN; K must hold finite numbers/);
  assert.throws(
    () => conv2dBackward(Matrix.ones(2, 2), X3, K),
    /dZ is 2x2 but conv2d\(X, K\) with stride 1 and padding 0 is 1x1/,
  );
  assert.throws(() => maxPool2d(Matrix.ones(1, 4)), /the pooling window is 2x2 but X is only 1x4/);
  assert.throws(() => maxPool2d(X3, { size: 0 }), /size must be a positive integer, got 0/);
  assert.throws(
    () => maxPool2dBackward(Matrix.ones(2, 2), Matrix.ones(4, 6)),
    /dY is 2x2 but maxPool2d\(X\) with size 2 and stride 2 is 2x3/,
  );
  assert.throws(() => zeroPad(X3, -2), /padding must be a non-negative integer, got -2/);
});

test("conv2dChannels adds the channels' convolutions and the bias, by hand", () => {
  const K = [
    new Matrix([
      [1, 0],
      [0, 0],
    ]),
    new Matrix([
      [0, 0],
      [0, 1],
    ]),
    new Matrix([
      [0, 1],
      [0, 0],
    ]),
  ];
  const X = [X3, X3.clone().mul(10), X3.clone().mul(100)];
  // Z[0][0] = X[0][0][0] + 10 X[1][1] + 100 X[0][1] = 1 + 50 + 200, plus the bias 0.5.
  assert.deepEqual(conv2dChannels(X, K, 0.5).to2DArray(), [
    [251.5, 362.5],
    [584.5, 695.5],
  ]);
  assert.deepEqual(conv2dChannels([X3], [K[0]]).to2DArray(), conv2d(X3, K[0]).to2DArray(), "one channel: conv2d");
  const rng = new RandomState(4);
  const Xr = [rng.randn(5, 5), rng.randn(5, 5), rng.randn(5, 5)];
  const Kr = [rng.randn(3, 3), rng.randn(3, 3), rng.randn(3, 3)];
  assert.ok(
    maxAbsDifference(
      conv2dChannels(Xr, Kr, 0, { padding: 1, stride: 2 }),
      Xr.map((x, c) => conv2d(x, Kr[c], { padding: 1, stride: 2 })).reduce((a, b) => a.add(b)),
    ) < 1e-12,
  );
});

test("conv2dChannelsBackward matches numeric gradients for every channel, the bias too", () => {
  const rng = new RandomState(5);
  const X = [rng.randn(5, 4), rng.randn(5, 4), rng.randn(5, 4)];
  const K = [rng.randn(3, 3), rng.randn(3, 3), rng.randn(3, 3)];
  for (const options of [{}, { padding: 1 }, { stride: 2, padding: 1 }]) {
    const C = (() => {
      const Z = conv2dChannels(X, K, 0, options);
      return rng.randn(Z.rows, Z.columns);
    })();
    const loss = (x: Matrix[], k: Matrix[], b: number) => Matrix.mul(conv2dChannels(x, k, b, options), C).sum();
    const { dX, dK, db } = conv2dChannelsBackward(C, X, K, options);
    X.forEach((_, c) => {
      const swap = (list: Matrix[], M: Matrix) => list.map((m, i) => (i === c ? M : m));
      assert.ok(
        gradientCheck(
          dX[c],
          numericGradient((M) => loss(swap(X, M), K, 0), X[c]),
        ).ok,
        `dX[${c}] ${JSON.stringify(options)}`,
      );
      assert.ok(
        gradientCheck(
          dK[c],
          numericGradient((M) => loss(X, swap(K, M), 0), K[c]),
        ).ok,
        `dK[${c}] ${JSON.stringify(options)}`,
      );
    });
    assert.ok(Math.abs(db - C.sum()) < 1e-12, "dL/db is the sum of dL/dZ");
  }
});

test("conv2dChannels names a channel mismatch", () => {
  const K = [Matrix.ones(3, 3), Matrix.ones(3, 3)];
  assert.throws(
    () => conv2dChannels([X3, X3, X3], K),
    /channel mismatch: X has 3 channels but K has 2; a kernel needs one slice per input channel/,
  );
  assert.throws(
    () => conv2dChannelsBackward(Matrix.ones(1, 1), [X3], K),
    /channel mismatch: X has 1 channels but K has 2/,
  );
  assert.throws(
    () => conv2dChannels([X3, Matrix.ones(2, 3)], K),
    /X\[1\] is 2x3 but X\[0\] is 3x3: every channel must have the same size/,
  );
  assert.throws(() => conv2dChannels([], []), /X must be a non-empty array of Matrices, one per channel/);
  assert.throws(() => conv2dChannels(X3 as unknown as Matrix[], K), /X must be a non-empty array of Matrices/);
  assert.throws(() => conv2dChannels([X3, X3], K, NaN), /bias must be finite, got NaN/);
  assert.throws(
    () => conv2dChannelsBackward(Matrix.ones(2, 2), [X3, X3], K),
    /dZ is 2x2 but conv2d\(X, K\) with stride 1 and padding 0 is 1x1/,
  );
});
