/**
 * Optimizers' paths on the blog's quartic loss (`QUARTIC`): a tfjs optimizer's path, drawn
 * frame by frame on the loss curve, and described by the valley it ends in.
 */
import { tf } from "./backend";
import { settledAt } from "./descent";
import { disposeOptimizer } from "./hold";
import { LiveChart, type Series } from "./plots";
import { QUARTIC } from "./quartic";

const L = QUARTIC.loss;
const curveX = Array.from({ length: 191 }, (_, i) => -9 + i * 0.1); // -9 ... 10

/**
 * x_0, ..., x_steps: a tfjs optimizer minimizing loss(x) from x0, as `descendPath` does from scratch. Disposes the optimizer.
 * @taught 32
 */
export function tfDescendPath(
  optimizer: tf.Optimizer,
  loss: (x: tf.Variable) => tf.Scalar,
  x0: number,
  steps: number,
): number[] {
  const x = tf.tidy(() => tf.variable(tf.scalar(x0)));
  const path = [x0];
  try {
    for (let t = 0; t < steps; t++) {
      tf.tidy(() => {
        optimizer.minimize(() => loss(x));
      });
      path.push(x.dataSync()[0]);
    }
  } finally {
    x.dispose();
    disposeOptimizer(optimizer);
  }
  return path;
}

/**
 * The loss curve on [-9, 10].
 * @taught 33
 */
export const quarticCurve: Series = { name: "loss L(x)", x: curveX, y: curveX.map(L) };

/**
 * A live chart of the quartic's range, [-9, 10] x [-5, 25], to draw a path on.
 * @taught 32
 */
export const pathChart = (title: string): LiveChart =>
  new LiveChart({ title, xLabel: "x", yLabel: "L(x)", xDomain: [-9, 10], yDomain: [-5, 25] });

/**
 * One frame: the curve, every point visited so far (joined in step order) and the current
 * point; then a pause of `pauseMs`, so the path can be watched in JupyterLab.
 * @taught 32
 */
export async function drawFrame(chart: LiveChart, xs: readonly number[], pauseMs = 0): Promise<void> {
  const now = xs[xs.length - 1];
  chart.update([
    quarticCurve,
    { name: "path, in step order", x: [...xs], y: xs.map(L) },
    { name: "steps so far", x: [...xs], y: xs.map(L), mark: "point" },
    { name: "now", x: [now], y: [L(now)], mark: "point" },
  ]);
  if (pauseMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, pauseMs));
}

/**
 * Which valley a path ends in, where, and from which step it stays within 1e-3 of that minimum.
 * @taught 32
 */
export function endsIn(xs: readonly number[]): string {
  const { localMinimum, globalMinimum } = QUARTIC;
  const x = xs[xs.length - 1];
  const [valley, minimum] =
    Math.abs(x - localMinimum) < Math.abs(x - globalMinimum) ? ["local", localMinimum] : ["global", globalMinimum];
  const at = settledAt(xs, minimum);
  return `${valley} minimum valley (x = ${x.toFixed(4)}, L = ${L(x).toFixed(4)}; ${at >= 0 ? `within 1e-3 from step ${at}` : "not within 1e-3 at the end"})`;
}
