/**
 * NumPy's legacy global random generator (`np.random.seed`, `rand`, `randn`, `shuffle`,
 * `permutation`), bit for bit: MT19937 seeded with `init_genrand`, 53-bit doubles,
 * the polar Gaussian that caches its second value, and the masked-rejection shuffle.
 * The blog draws every starting weight this way, so the same seed gives the same numbers.
 */
import { Matrix } from "ml-matrix";
import { assertFiniteNumber, assertPositiveInteger } from "./validate";

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * One independent generator, like `np.random.RandomState(seed)`.
 * @taught 59
 */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private gauss: number | undefined;

  constructor(seedValue = 0) {
    this.seed(seedValue);
  }

  /** `np.random.seed(s)` for an integer 0 <= s < 2**32. */
  seed(s: number): void {
    assertFiniteNumber("seed", s);
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) {
      throw new RangeError(`seed must be an integer between 0 and 2**32 - 1, got ${s}`);
    }
    const mt = this.mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
    this.gauss = undefined;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }

  /** The next raw 32-bit output of MT19937. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from 53 random bits, as NumPy makes it. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A standard normal value by NumPy's legacy polar method. */
  nextGaussian(): number {
    if (this.gauss !== undefined) {
      const cached = this.gauss;
      this.gauss = undefined;
      return cached;
    }
    let x1: number, x2: number, r2: number;
    do {
      x1 = 2 * this.nextDouble() - 1;
      x2 = 2 * this.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    return f * x2;
  }

  /** An integer in [0, max], by NumPy's masked rejection (`random_interval`). */
  nextInterval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** `rand()`: a number; `rand(n)`: an array; `rand(rows, cols)`: a Matrix. Uniform on [0, 1). */
  rand(): number;
  rand(n: number): number[];
  rand(rows: number, cols: number): Matrix;
  rand(...shape: number[]): number | number[] | Matrix {
    return this.fill(shape, () => this.nextDouble());
  }

  /** Like `rand`, with standard normal values (`np.random.randn`). */
  randn(): number;
  randn(n: number): number[];
  randn(rows: number, cols: number): Matrix;
  randn(...shape: number[]): number | number[] | Matrix {
    return this.fill(shape, () => this.nextGaussian());
  }

  /** Shuffles an array (or the rows of a table) in place, as `np.random.shuffle`. */
  shuffle<T>(items: T[]): T[] {
    if (!Array.isArray(items)) throw new TypeError(`shuffle needs an array, got ${typeof items}`);
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInterval(i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A shuffled `[0, 1, ..., n - 1]`, as `np.random.permutation(n)`. */
  permutation(n: number): number[] {
    if (n !== 0) assertPositiveInteger("n", n);
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  private fill(shape: number[], next: () => number): number | number[] | Matrix {
    shape.forEach((size, i) => {
      if (size !== 0) assertPositiveInteger(`shape[${i}]`, size);
    });
    if (shape.length === 0) return next();
    if (shape.length === 1) return Array.from({ length: shape[0] }, next);
    if (shape.length === 2) {
      const matrix = new Matrix(shape[0], shape[1]);
      // Row-major, like NumPy's C order.
      for (let r = 0; r < shape[0]; r++) for (let c = 0; c < shape[1]; c++) matrix.set(r, c, next());
      return matrix;
    }
    throw new RangeError(`only shapes of up to 2 dimensions are supported, got [${shape.join(", ")}]`);
  }
}

/**
 * The global generator, like `np.random`; `seed(s)` resets it.
 * @taught 35
 */
export const globalRandom = new RandomState();
/** @taught 12 */
export const seed = (s: number): void => globalRandom.seed(s);
/** @internal */
export const rand = globalRandom.rand.bind(globalRandom) as RandomState["rand"];
/** @taught 09 */
export const randn = globalRandom.randn.bind(globalRandom) as RandomState["randn"];
/** @taught 20 */
export const shuffle = globalRandom.shuffle.bind(globalRandom) as RandomState["shuffle"];
/** @internal */
export const permutation = globalRandom.permutation.bind(globalRandom);

/**
 * One `nn.Linear` layer's parameters in PyTorch's layout: `weight` is units x inputs, `bias` has one value per unit.
 * @internal
 */
export interface TorchLinear {
  weight: Matrix;
  bias: number[];
}

/**
 * The starting weights of PyTorch's `nn.Sequential(nn.Linear(sizes[0], sizes[1]), <activation>,
 * nn.Linear(sizes[1], sizes[2]), ...)` after `torch.manual_seed(s)`, on the CPU in float32, bit for bit.
 * `torch.manual_seed(s)` seeds the same MT19937 as `np.random.seed(s)`. Layer by layer, `nn.Linear(fanIn, units)`
 * draws its weight (row by row) and then its bias uniform on [-b, b], b = 1/sqrt(fanIn) in float32; each value
 * takes the low 24 bits of the next 32-bit output u: `-b + 2b (u mod 2**24) / 2**24`, rounded to float32.
 * Checked against torch 2.13 for the 1-8-4-1 and 8-256-64-8-1 networks (all 19281 values of the second).
 * @taught 28
 */
export function torchLinearStart(s: number, sizes: number[]): TorchLinear[] {
  if (!Array.isArray(sizes) || sizes.length < 2)
    throw new RangeError(`sizes needs at least 2 layer sizes, got ${JSON.stringify(sizes)}`);
  sizes.forEach((size, i) => assertPositiveInteger(`sizes[${i}]`, size));
  const mt = new RandomState(s);
  return sizes.slice(1).map((units, i) => {
    const fanIn = sizes[i];
    const b = Math.fround(1 / Math.sqrt(fanIn));
    const uniform = () => Math.fround(-b + 2 * b * ((mt.nextUint32() & 0xffffff) / 2 ** 24));
    const weight = new Matrix(units, fanIn);
    for (let r = 0; r < units; r++) for (let c = 0; c < fanIn; c++) weight.set(r, c, uniform());
    return { weight, bias: Array.from({ length: units }, uniform) };
  });
}
