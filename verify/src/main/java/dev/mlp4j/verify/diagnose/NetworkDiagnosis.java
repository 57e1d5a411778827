package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.InvalidInputException;
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
 * Runs a network forward and backward over a few batches, without training it, and measures per layer what
 * decides whether it can learn: how its pre-activations spread, how many units saturate or die, how the gradient's
 * size changes from layer to layer, and how far one step at the learning rate would move the weights. The
 * gradient is core's {@link Backprop}'s; the pre-activations come from {@link BackpropTracer}.
 */
public final class NetworkDiagnosis {
    /** |z| beyond which a sigmoid is saturated: σ'(4) is 7 % of σ'(0). */
    static final double SIGMOID_SATURATION = 4;
    /** The same 7 % for tanh: tanh'(2) ≈ 0.07. */
    static final double TANH_SATURATION = 2;

    private NetworkDiagnosis() {
    }

    /** Diagnoses a freshly initialised network (scheme not known): advice may name an initialisation. */
    public static DiagnoseReport run(Parameters p, List<Batch> batches, double learningRate, Thresholds thresholds) {
        return run(p, batches, learningRate, thresholds, WeightsOrigin.initialised(null));
    }

    /**
     * Diagnoses {@code p}; for {@code trained} parameters (a saved model) the advice leaves initialisation out, since
     * the weights no longer are what an initialisation made them.
     */
    public static DiagnoseReport run(Parameters p, List<Batch> batches, double learningRate, Thresholds thresholds, boolean trained) {
        return run(p, batches, learningRate, thresholds, trained ? WeightsOrigin.TRAINED : WeightsOrigin.initialised(null));
    }

    /**
     * Diagnoses {@code p}, whose weights came from {@code origin}: that decides what the advice tells the user to
     * change (another --init, other training, or how to draw a hand-written network's weights).
     */
    public static DiagnoseReport run(Parameters p, List<Batch> batches, double learningRate, Thresholds thresholds, WeightsOrigin origin) {
        if (p == null || batches == null || thresholds == null || origin == null) {
            throw new InvalidInputException((p == null ? "The parameters are" : batches == null ? "The batches are"
                    : thresholds == null ? "The thresholds are" : "The weights' origin is")
                    + " null; diagnose needs parameters, batches of examples, thresholds (Thresholds.DEFAULT for the usual ones)"
                    + " and where the weights came from.");
        }
        if (batches.isEmpty()) {
            throw new InvalidInputException("Diagnose needs at least one batch of examples.");
        }
        // The update ratio scales with η: a NaN or non-positive one would hide every finding or advise raising it.
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new InvalidInputException("The learning rate is " + learningRate + "; give the finite, positive rate the network "
                    + "is to be trained at, e.g. 0.5.");
        }
        NetworkSpec spec = p.spec();
        for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(i);
            if (batch == null || batch.size() == 0) {
                throw new InvalidInputException("Batch " + i + " is " + (batch == null ? "null" : "empty") + "; give batches of at least one example.");
            }
            spec.requireExampleWidths(batch.inputSize(), batch.outputSize(), "batch " + i);
        }
        int depth = spec.depth();
        double[] zSum = new double[depth];
        double[] zSquares = new double[depth];
        long[] zCount = new long[depth];
        long[] saturated = new long[depth];
        boolean[][] everActive = new boolean[depth][];
        double[] gradientNorm = new double[depth];
        double[] deltaRms = new double[depth];
        // Σ over examples of ‖δ‖² per layer, and of ‖Wᵀδ‖² where W is the layer above's weights and δ its δ:
        // what reaches the layer before its units' slopes act.
        double[] deltaSquares = new double[depth];
        double[] backSquares = new double[depth];
        boolean finite = true;
        double inMin = Double.POSITIVE_INFINITY;
        double inMax = Double.NEGATIVE_INFINITY;
        double inSum = 0;
        long inCount = 0;
        int examples = 0;
        for (int l = 0; l < depth; l++) {
            everActive[l] = new boolean[spec.size(l + 1)];
        }
        Backprop backprop = new Backprop(spec);
        Gradients g = Gradients.zeros(spec);
        for (Batch batch : batches) {
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
            backprop.dataGradient(p, batch, StepSettings.NONE, g);
            for (int l = 0; l < depth; l++) {
                double w = norm(g.weights()[l]);
                double b = norm(g.biases()[l]);
                finite &= Double.isFinite(w) && Double.isFinite(b);
                gradientNorm[l] += w / batches.size();
                deltaRms[l] += b / Math.sqrt(spec.size(l + 1)) / batches.size();
            }
        }
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
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
            layers.add(new LayerStatistics(l + 1, a, spec.size(l + 1), mean, std, sat, dead, gradientNorm[l], deltaRms[l],
                    Math.sqrt(deltaSquares[l] / examples), ratio, slope, gain, weightNorm, learningRate * gradientNorm[l] / weightNorm));
        }
        DiagnoseReport measured = new DiagnoseReport(spec, batches.size(), examples, inMin, inMax, inSum / inCount,
                learningRate, layers, List.of());
        return new DiagnoseReport(spec, batches.size(), examples, inMin, inMax, inSum / inCount, learningRate, layers,
                Findings.of(measured, finite, thresholds, origin));
    }

    private static double saturationLimit(Activation a) {
        return switch (a) {
            case SIGMOID -> SIGMOID_SATURATION;
            case TANH -> TANH_SATURATION;
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
