package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Backprop;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.verify.reference.BackpropMistake;
import dev.mlp4j.verify.reference.BackpropTracer;
import dev.mlp4j.verify.reference.Trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sums {@link NetworkDiagnosis} collects batch by batch, per layer, and the {@link LayerStatistics} they come to.
 * Mutable while the batches are added; one instance serves one diagnosis.
 */
final class Measurements {
    private final Parameters p;
    private final NetworkSpec spec;
    private final int depth;
    private final int batchCount;
    private final Backprop backprop;
    private final Gradients g;
    private final double[] zSum;
    private final double[] zSquares;
    private final long[] zCount;
    private final long[] saturated;
    private final boolean[][] everActive;
    private final double[] gradientNorm;
    private final double[] deltaRms;
    // Σ over examples of ‖δ‖² per layer, and of ‖Wᵀδ‖² where W is the layer above's weights and δ its δ:
    // what reaches the layer before its units' slopes act.
    private final double[] deltaSquares;
    private final double[] backSquares;
    private boolean finite = true;
    private double inMin = Double.POSITIVE_INFINITY;
    private double inMax = Double.NEGATIVE_INFINITY;
    private double inSum;
    private long inCount;
    private int examples;

    Measurements(Parameters p, int batchCount) {
        this.p = p;
        this.spec = p.spec();
        this.depth = spec.depth();
        this.batchCount = batchCount;
        this.backprop = new Backprop(spec);
        this.g = Gradients.zeros(spec);
        zSum = new double[depth];
        zSquares = new double[depth];
        zCount = new long[depth];
        saturated = new long[depth];
        everActive = new boolean[depth][];
        gradientNorm = new double[depth];
        deltaRms = new double[depth];
        deltaSquares = new double[depth];
        backSquares = new double[depth];
        for (int l = 0; l < depth; l++) {
            everActive[l] = new boolean[spec.size(l + 1)];
        }
    }

    /** Adds one batch: its inputs, every layer's z and δ, and its gradient. */
    void add(Batch batch) {
        int m = batch.size();
        examples += m;
        for (int i = 0; i < m * spec.inputSize(); i++) {
            double x = batch.inputs()[i];
            inMin = Math.min(inMin, x);
            inMax = Math.max(inMax, x);
            inSum += x;
            inCount++;
        }
        Trace trace = BackpropTracer.trace(p, batch, BackpropMistake.NONE);
        for (int l = 0; l < depth; l++) {
            addLayer(l, trace, m);
        }
        backprop.dataGradient(p, batch, StepSettings.NONE, g);
        for (int l = 0; l < depth; l++) {
            double w = norm(g.weights()[l]);
            double b = norm(g.biases()[l]);
            finite &= Double.isFinite(w) && Double.isFinite(b);
            gradientNorm[l] += w / batchCount;
            deltaRms[l] += b / Math.sqrt(spec.size(l + 1)) / batchCount;
        }
    }

    private void addLayer(int l, Trace trace, int m) {
        int units = spec.size(l + 1);
        double limit = saturationLimit(spec.activation(l));
        double[] z = trace.zs()[l];
        for (int i = 0; i < m * units; i++) {
            double v = z[i];
            finite &= Double.isFinite(v);
            zSum[l] += v;
            zSquares[l] += v * v;
            if (Math.abs(v) > limit) {
                saturated[l]++;
            }
            if (v > 0) {
                everActive[l][i % units] = true;
            }
        }
        zCount[l] += (long) m * units;
        for (double d : trace.deltas()[l]) {
            deltaSquares[l] += d * d;
        }
        if (l < depth - 1) {
            backSquares[l] += backSquares(p.weights(l + 1), trace.deltas()[l + 1], m, units, spec.size(l + 2));
        }
    }

    /** Every layer's statistics, first hidden layer first, with one step at {@code learningRate} for the update ratio. */
    List<LayerStatistics> layers(double learningRate) {
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            layers.add(layer(l, learningRate));
        }
        return layers;
    }

    private LayerStatistics layer(int l, double learningRate) {
        Activation a = spec.activation(l);
        double mean = zSum[l] / zCount[l];
        double std = Math.sqrt(Math.max(0, zSquares[l] / zCount[l] - mean * mean));
        double sat = Double.isInfinite(saturationLimit(a)) ? Double.NaN : (double) saturated[l] / zCount[l];
        double dead = Double.NaN;
        if (a == Activation.RELU) {
            int never = 0;
            for (boolean active : everActive[l]) {
                never += active ? 0 : 1;
            }
            dead = (double) never / everActive[l].length;
        }
        boolean output = l == depth - 1;
        double ratio = output ? Double.NaN : quotient(deltaSquares[l], deltaSquares[l + 1]);
        double slope = output ? Double.NaN : quotient(deltaSquares[l], backSquares[l]);
        double gain = l == 0 ? Double.NaN : quotient(backSquares[l - 1], deltaSquares[l]);
        finite &= Double.isFinite(deltaSquares[l]);
        double weightNorm = norm(p.weights(l));
        return new LayerStatistics(l + 1, a, spec.size(l + 1), mean, std, sat, dead, gradientNorm[l], deltaRms[l],
                Math.sqrt(deltaSquares[l] / examples), ratio, slope, gain, weightNorm, learningRate * gradientNorm[l] / weightNorm);
    }

    /** Whether every z, δ and gradient seen so far was finite; complete once {@link #layers} has run. */
    boolean finite() {
        return finite;
    }

    /** The report of these measurements with {@code findings}. */
    DiagnoseReport report(double learningRate, List<LayerStatistics> layers, List<Finding> findings) {
        return new DiagnoseReport(spec, batchCount, examples, inMin, inMax, inSum / inCount, learningRate, layers, findings);
    }

    private static double saturationLimit(Activation a) {
        return switch (a) {
            case SIGMOID -> NetworkDiagnosis.SIGMOID_SATURATION;
            case TANH -> NetworkDiagnosis.TANH_SATURATION;
            default -> Double.POSITIVE_INFINITY;
        };
    }

    /** √(a/b), the ratio of two norms given as sums of squares; NaN when b is 0, where there is no ratio. */
    private static double quotient(double a, double b) {
        return b > 0 ? Math.sqrt(a / b) : Double.NaN;
    }

    /**
     * Σ over the m examples of ‖Wᵀδ‖², for weights W of {@code above} × {@code width} (core's layout, one row per
     * unit above) and δ of the layer above, row-major by example.
     */
    private static double backSquares(double[] w, double[] delta, int m, int width, int above) {
        double sum = 0;
        double[] back = new double[width];
        for (int r = 0; r < m; r++) {
            Arrays.fill(back, 0);
            for (int j = 0; j < above; j++) {
                double d = delta[r * above + j];
                for (int k = 0; k < width; k++) {
                    back[k] += w[j * width + k] * d;
                }
            }
            for (double v : back) {
                sum += v * v;
            }
        }
        return sum;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
