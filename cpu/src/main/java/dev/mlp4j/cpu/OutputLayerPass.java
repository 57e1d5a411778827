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

    OutputLayerPass(Activation output, Cost cost, int width) {
        this.output = output;
        this.cost = cost;
        this.width = width;
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
            output.apply(zr, ar, 0, width);
            for (int j = 0; j < width; j++) {
                a.put(row + j, (float) ar[j]);
            }
            if (y != null) {
                for (int j = 0; j < width; j++) {
                    yr[j] = y[row + j];
                }
                sum += OutputCost.value(output, cost, zr, ar, yr, 0, width);
                OutputDelta.compute(output, cost, zr, ar, yr, dr, scratch, 0, width);
                for (int j = 0; j < width; j++) {
                    delta.put(row + j, (float) dr[j]);
                }
            }
        }
        return sum;
    }
}
