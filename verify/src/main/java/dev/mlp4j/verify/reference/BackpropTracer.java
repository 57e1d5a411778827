package dev.mlp4j.verify.reference;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.OutputDelta;
import dev.mlp4j.core.nn.OutputPairing;
import dev.mlp4j.core.nn.Parameters;

import java.util.Arrays;

/**
 * Backprop written out plainly, one example at a time, keeping every z, a and δ, and able to make one of the
 * usual mistakes on purpose. With {@link BackpropMistake#NONE} its gradient is core's {@code Backprop}'s (tested);
 * verify takes its reference gradient from {@code Backprop} and asks this class only for the layer-by-layer
 * values and the mistaken variants.
 */
public final class BackpropTracer {
    private BackpropTracer() {
    }

    public static Trace trace(Parameters p, Batch batch, BackpropMistake mistake) {
        NetworkSpec spec = p.spec();
        int depth = spec.depth();
        int m = batch.size();
        double[][] zs = new double[depth][];
        double[][] activations = new double[depth + 1][];
        double[][] deltas = new double[depth][];
        activations[0] = Arrays.copyOf(batch.inputs(), m * spec.inputSize());
        for (int l = 0; l < depth; l++) {
            int in = spec.size(l);
            int out = spec.size(l + 1);
            double[] w = p.weights(l);
            double[] b = p.biases(l);
            double[] a = activations[l];
            double[] z = new double[m * out];
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < out; j++) {
                    double s = b[j];
                    for (int k = 0; k < in; k++) {
                        s += w[j * in + k] * a[r * in + k];
                    }
                    z[r * out + j] = s;
                }
            }
            double[] next = new double[m * out];
            for (int r = 0; r < m; r++) {
                spec.activation(l).apply(z, next, r * out, out);
            }
            zs[l] = z;
            activations[l + 1] = next;
        }
        int last = depth - 1;
        deltas[last] = outputDelta(spec, zs[last], activations[depth], batch.targets(), m, mistake);
        for (int l = last - 1; l >= 0; l--) {
            int width = spec.size(l + 1);
            int above = spec.size(l + 2);
            double[] w = p.weights(l + 1);
            double[] back = new double[m * width];
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < above; j++) {
                    double d = deltas[l + 1][r * above + j];
                    for (int k = 0; k < width; k++) {
                        back[r * width + k] += w[j * width + k] * d;
                    }
                }
            }
            double[] slope = derivative(spec.activation(l), zs[l], activations[l + 1], mistake.derivativeAt(l));
            for (int i = 0; i < back.length; i++) {
                back[i] *= slope[i];
            }
            deltas[l] = back;
        }
        return new Trace(spec, m, zs, activations, deltas);
    }

    private static double[] outputDelta(NetworkSpec spec, double[] z, double[] a, double[] y, int m,
                                        BackpropMistake mistake) {
        int n = spec.outputSize();
        Activation sigma = spec.output();
        Cost cost = spec.cost();
        double[] delta = new double[m * n];
        switch (mistake.output()) {
            case TIMES_SIGMA_PRIME -> {
                // What a hand-written net computes when it keeps the quadratic cost's chain rule: the element-wise
                // a(1 − a) even for softmax, whose true Jacobian is not diagonal.
                double[] slope = sigma.isRowWise() ? sigmoidLikeSlope(a) : derivative(sigma, z, a, BackpropMistake.DerivativeForm.CORRECT);
                for (int i = 0; i < delta.length; i++) {
                    delta[i] = (a[i] - y[i]) * slope[i];
                }
            }
            case WITHOUT_SIGMA_PRIME -> {
                for (int r = 0; r < m; r++) {
                    cost.gradient(a, y, delta, r * n, n);
                }
            }
            case CORRECT -> {
                BackpropMistake.DerivativeForm form = mistake.derivative();
                boolean chainOfElements = OutputPairing.of(sigma, cost).deltaForm() == OutputPairing.DeltaForm.CHAIN_RULE
                        && !sigma.isRowWise();
                if (chainOfElements && form != BackpropMistake.DerivativeForm.MISSING && mistake.layer() == BackpropMistake.EVERY_LAYER) {
                    double[] slope = derivative(sigma, z, a, form);
                    for (int r = 0; r < m; r++) {
                        cost.gradient(a, y, delta, r * n, n);
                    }
                    for (int i = 0; i < delta.length; i++) {
                        delta[i] *= slope[i];
                    }
                } else {
                    double[] scratch = new double[m * n];
                    for (int r = 0; r < m; r++) {
                        OutputDelta.compute(sigma, cost, z, a, y, delta, scratch, r * n, n);
                    }
                }
            }
            default -> throw new IllegalStateException(mistake.output().name());
        }
        return delta;
    }

    private static double[] sigmoidLikeSlope(double[] a) {
        double[] s = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i] * (1 - a[i]);
        }
        return s;
    }

    /** σ'(z) element by element, formed as {@code form} says. */
    private static double[] derivative(Activation sigma, double[] z, double[] a, BackpropMistake.DerivativeForm form) {
        double[] ones = new double[z.length];
        Arrays.fill(ones, 1.0);
        double[] slope = new double[z.length];
        switch (form) {
            case CORRECT -> sigma.backward(z, a, ones, slope, 0, z.length);
            case MISSING -> System.arraycopy(ones, 0, slope, 0, z.length);
            case OF_ACTIVATION -> {
                double[] twice = new double[a.length];
                sigma.apply(a, twice, 0, a.length);
                sigma.backward(a, twice, ones, slope, 0, a.length);
            }
            // Activation's derivatives are written in terms of a where that is cheapest, so passing z as a gives
            // exactly the formula-on-z mistake: z(1 − z) for the sigmoid, 1 − z² for tanh.
            case A_FORM_OF_Z -> sigma.backward(z, z, ones, slope, 0, z.length);
            default -> throw new IllegalStateException(form.name());
        }
        return slope;
    }
}
