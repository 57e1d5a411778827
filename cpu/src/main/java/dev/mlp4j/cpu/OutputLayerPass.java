package dev.mlp4j.cpu;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.OutputCost;
import dev.mlp4j.core.nn.OutputDelta;

import java.nio.FloatBuffer;

/**
 * The output layer's element-wise pass, a row at a time: z ← z + b, a = σ(z), and when training each example's
 * cost and δᴸ. Rows are taken into double and given to core's {@link OutputCost} and {@link OutputDelta}, so that
 * every (activation, cost) pair, softmax and the costs taken from z where a saturates, is computed as the reference
 * computes it; an output row is narrow, so this costs little beside the products.
 */
final class OutputLayerPass {
    private final Activation output;
    private final Cost cost;
    private final int width;

    private final boolean softmaxLogLikelihood;

    OutputLayerPass(Activation output, Cost cost, int width) {
        this.output = output;
        this.cost = cost;
        this.width = width;
        this.softmaxLogLikelihood = output == Activation.SOFTMAX && cost == Cost.LOG_LIKELIHOOD;
    }

    /**
     * The commonest pair in one pass over the row's exponentials, where the general path takes them twice (once for
     * a, once for the cost's log-sum-exp): a = e^(z − max)/Σ, C = Σ y (lse − z) with lse = max + ln Σ, δ = a − y; the
     * formulas of {@link Activation#SOFTMAX}, {@link OutputCost} and {@link OutputDelta}. Returns C (0 without y).
     */
    private double softmaxLogLikelihood(double[] z, double[] a, double[] y, double[] delta) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < width; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = 0; j < width; j++) {
            a[j] = Math.exp(z[j] - max);
            sum += a[j];
        }
        for (int j = 0; j < width; j++) {
            a[j] /= sum;
        }
        if (y == null) {
            return 0;
        }
        double lse = max + Math.log(sum);
        double c = 0;
        for (int j = 0; j < width; j++) {
            if (y[j] != 0) {
                c -= y[j] * (z[j] - lse);
            }
            delta[j] = a[j] - y[j];
        }
        return c;
    }

    /**
     * Rows [from, to): z and a, and with targets {@code y} (rows of the same width, else null) δ into {@code delta};
     * returns the rows' summed cost (0 without targets).
     */
    double run(FloatBuffer z, FloatBuffer b, FloatBuffer a, float[] y, FloatBuffer delta, int from, int to) {
        double[] zr = new double[width];
        double[] ar = new double[width];
        double[] yr = new double[width];
        double[] dr = new double[width];
        double[] scratch = new double[width];
        double sum = 0;
        for (int r = from; r < to; r++) {
            int row = r * width;
            for (int j = 0; j < width; j++) {
                float zj = z.get(row + j) + b.get(j);
                z.put(row + j, zj);
                zr[j] = zj;
            }
            if (y != null) {
                for (int j = 0; j < width; j++) {
                    yr[j] = y[row + j];
                }
            }
            if (softmaxLogLikelihood) {
                sum += softmaxLogLikelihood(zr, ar, y == null ? null : yr, dr);
            } else {
                output.apply(zr, ar, 0, width);
                if (y != null) {
                    sum += OutputCost.value(output, cost, zr, ar, yr, 0, width);
                    OutputDelta.compute(output, cost, zr, ar, yr, dr, scratch, 0, width);
                }
            }
            for (int j = 0; j < width; j++) {
                a.put(row + j, (float) ar[j]);
            }
            if (y != null) {
                for (int j = 0; j < width; j++) {
                    delta.put(row + j, (float) dr[j]);
                }
            }
        }
        return sum;
    }
}
