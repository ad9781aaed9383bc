import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix } from "ml-matrix";
import { AdaGrad, Adam, Momentum, RMSprop, SGD, type Optimizer } from "../src/optimizers";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b} ± ${tol}`);

/** Two steps on one scalar parameter with gradients g1 then g2; returns the values after each step. */
function twoSteps(optimizer: Optimizer, start: number, g1: number, g2: number): [number, number] {
  const p = new Matrix([[start]]);
  optimizer.step([p], [new Matrix([[g1]])]);
  const after1 = p.get(0, 0);
  optimizer.step([p], [new Matrix([[g2]])]);
  return [after1, p.get(0, 0)];
}

test("SGD: p - lr g", () => {
  const [a, b] = twoSteps(new SGD(0.1), 1, 2, -1);
  close(a, 0.8);
  close(b, 0.9);
});

test("Momentum: v = 0.9 v + 0.1 g, p - lr v (hand-computed)", () => {
  // v1 = 0.1*2 = 0.2, p1 = 1 - 0.5*0.2 = 0.9; v2 = 0.9*0.2 + 0.1*(-1) = 0.08, p2 = 0.9 - 0.04 = 0.86
  const [a, b] = twoSteps(new Momentum(0.5, 0.9), 1, 2, -1);
  close(a, 0.9);
  close(b, 0.86);
});

test("RMSprop: s = 0.9 s + 0.1 g^2, p - lr g / (sqrt(s) + eps) (hand-computed)", () => {
  // s1 = 0.4, p1 = 1 - 0.1*2/(sqrt(0.4)+1e-8); s2 = 0.36 + 0.1 = 0.46, p2 = p1 + 0.1/(sqrt(0.46)+1e-8)
  const [a, b] = twoSteps(new RMSprop(0.1, 0.9, 1e-8), 1, 2, -1);
  const p1 = 1 - 0.2 / (Math.sqrt(0.4) + 1e-8);
  close(a, p1);
  close(b, p1 + 0.1 / (Math.sqrt(0.46) + 1e-8));
});

test("Adam: bias-corrected first step moves by lr * sign(g); second step by hand", () => {
  const lr = 0.3;
  const [a, b] = twoSteps(new Adam(lr, 0.9, 0.999, 1e-8), -8, 5, 3);
  // m1^ = g, v1^ = g^2: the first step is lr * g / (|g| + eps)
  close(a, -8 - (lr * 5) / (5 + 1e-8));
  const m2 = 0.9 * 0.5 + 0.1 * 3;
  const v2 = 0.999 * 0.025 + 0.001 * 9;
  close(b, a - (lr * (m2 / (1 - 0.81))) / (Math.sqrt(v2 / (1 - 0.999 ** 2)) + 1e-8));
});

test("optimizers update several parameters of different shapes, each with its own state", () => {
  const W = new Matrix([
    [1, 2],
    [3, 4],
  ]);
  const B = new Matrix([[0.5]]);
  const opt = new Momentum(1, 0.5);
  opt.step([W, B], [Matrix.ones(2, 2), new Matrix([[-2]])]);
  assert.deepEqual(W.to2DArray(), [
    [0.5, 1.5],
    [2.5, 3.5],
  ]);
  assert.deepEqual(B.to2DArray(), [[1.5]]);
});

test("bad input is refused before anything changes", () => {
  const p = new Matrix([[1, 2]]);
  const opt = new Adam(0.1);
  assert.throws(() => opt.step([p], [new Matrix([[1], [2]])]), /gradient 0 is 2x1 but its parameter is 1x2/);
  assert.throws(() => opt.step([p], []), /1 parameters but 0 gradients/);
  assert.throws(() => opt.step([p], [new Matrix([[NaN, 1]])]), /gradient 0 contains NaN or Infinity/);
  assert.deepEqual(p.to2DArray(), [[1, 2]]);
  opt.step([p], [new Matrix([[1, 1]])]);
  assert.throws(() => opt.step([new Matrix([[1]])], [new Matrix([[1]])]), /parameter 0 changed shape to 1x1/);
  assert.throws(() => new SGD(0), /lr must be positive, got 0/);
  assert.throws(() => new SGD(-0.1), /lr must be positive/);
  assert.throws(() => new Momentum(0.1, 1), /beta must be in \[0, 1\), got 1/);
  assert.throws(() => new RMSprop(0.1, 0.9, 0), /eps must be positive/);
});

test("Momentum with lr(1 - beta) equals classic momentum (what tf.train.momentum does)", () => {
  const lr = 0.4;
  const beta = 0.9;
  const ours = new Matrix([[-8]]);
  const opt = new Momentum(lr, beta);
  let classic = -8;
  let velocity = 0;
  const grad = (x: number) => 2 * x;
  for (let i = 0; i < 20; i++) {
    opt.step([ours], [new Matrix([[grad(ours.get(0, 0))]])]);
    velocity = beta * velocity + grad(classic);
    classic -= lr * (1 - beta) * velocity;
  }
  close(ours.get(0, 0), classic, 1e-12);
});

test("AdaGrad: s = s + g^2 (a sum, not an EWMA), p - lr g / (sqrt(s) + eps) (hand-computed)", () => {
  // s1 = 4, p1 = 1 - 0.1*2/2 = 0.9; s2 = 4 + 1 = 5, p2 = 0.9 + 0.1/sqrt(5)
  const [a, b] = twoSteps(new AdaGrad(0.1, 1e-12), 1, 2, -1);
  close(a, 0.9);
  close(b, 0.9 + 0.1 / Math.sqrt(5));
  // tf.train.adagrad's default start: s0 = 0.1, so s1 = 4.1
  const [c] = twoSteps(new AdaGrad(0.1, 1e-12, 0.1), 1, 2, -1);
  close(c, 1 - 0.2 / Math.sqrt(4.1));
  // a parameter added later also starts at initialAccumulator
  const opt = new AdaGrad(1, 1e-12, 3);
  const P = new Matrix([[0]]);
  const Q = new Matrix([[0]]);
  opt.step([P], [new Matrix([[1]])]);
  opt.step([P, Q], [new Matrix([[0]]), new Matrix([[1]])]);
  close(Q.get(0, 0), -1 / 2);
  assert.throws(() => new AdaGrad(0.1, 1e-8, -1), /initialAccumulator must be non-negative, got -1/);
  assert.throws(() => new AdaGrad(0.1, 1e-8, NaN), /initialAccumulator/);
  assert.throws(() => new AdaGrad(0), /lr must be positive/);
});

test("AdaGrad's steps never grow on a constant gradient: lr / sqrt(t)", () => {
  const p = new Matrix([[0]]);
  const opt = new AdaGrad(0.5, 1e-12);
  let previous = 0;
  for (let t = 1; t <= 50; t++) {
    opt.step([p], [new Matrix([[3]])]);
    close(previous - p.get(0, 0), 0.5 / Math.sqrt(t), 1e-12);
    previous = p.get(0, 0);
  }
});
