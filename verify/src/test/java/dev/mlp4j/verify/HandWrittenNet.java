package dev.mlp4j.verify;

import java.util.Random;
import java.util.Set;

/**
 * A network written the way a hand-written JavaScript net is, independently of core: nested arrays
 * {@code weights[i][j][k]} from neuron j of layer i to neuron k of layer i+1, loops over one example at a time,
 * and switches that make the usual mistakes on purpose. Verify must name each mistake from its numbers alone.
 */
final class HandWrittenNet {
    /** Mistakes in the backward pass. */
    enum Bug {
        OUTPUT_TIMES_SIGMA_PRIME,
        OUTPUT_WITHOUT_SIGMA_PRIME,
        HIDDEN_WITHOUT_SIGMA_PRIME,
        /** σ' left out only in the backward step into the first hidden layer. */
        FIRST_HIDDEN_WITHOUT_SIGMA_PRIME,
        SIGMA_PRIME_OF_ACTIVATION,
        SIGMA_PRIME_FORMULA_ON_Z,
        /** The batch's gradients summed although the mean is declared. */
        SUMMED,
        /** Only the bias gradients summed, the weights' averaged. */
        BIASES_SUMMED,
        /** Averaged although the sum is declared. */
        AVERAGED,
        /** δ = 2(a − y): the quadratic cost's ½ forgotten. */
        TWICE_OUTPUT_DELTA,
        /** δ = y − a. */
        SIGN_FLIPPED,
        /** The backward loop stops before the first weight layer: for (l = L-2; l > 0; l--). */
        LOOP_STOPS_EARLY,
        /** biases[0]'s gradient taken from the δ of layer 2 (needs layers 1 and 2 of equal size). */
        BIAS_FROM_NEXT_DELTA,
        /** weights[1]'s gradient built with the activations of layer 2 instead of layer 1 (equal sizes). */
        WEIGHTS_FROM_NEXT_ACTIVATIONS,
        /** relu'(z) taken as 0.1 for z ≤ 0. */
        LEAKY_RELU_DERIVATIVE,
        /** The derivative mistakes above made in the backward loop only: the output layer's chain rule is right. */
        IN_HIDDEN_LOOP_ONLY
    }

    final int[] layers;
    final String hidden;
    final String output;
    final String cost;
    final double[][][] weights;
    final double[][] biases;

    HandWrittenNet(long seed, String hidden, String output, String cost, int... layers) {
        this.layers = layers.clone();
        this.hidden = hidden;
        this.output = output;
        this.cost = cost;
        Random random = new Random(seed);
        weights = new double[layers.length - 1][][];
        biases = new double[layers.length - 1][];
        for (int i = 0; i < layers.length - 1; i++) {
            weights[i] = new double[layers[i]][layers[i + 1]];
            biases[i] = new double[layers[i + 1]];
            for (int j = 0; j < layers[i]; j++) {
                for (int k = 0; k < layers[i + 1]; k++) {
                    weights[i][j][k] = random.nextGaussian() * 0.9;
                }
            }
            for (int k = 0; k < layers[i + 1]; k++) {
                biases[i][k] = random.nextGaussian() * 0.5;
            }
        }
    }

    HandWrittenNet(double[][][] weights, double[][] biases, String hidden, String output, String cost) {
        this.weights = weights;
        this.biases = biases;
        this.hidden = hidden;
        this.output = output;
        this.cost = cost;
        this.layers = new int[weights.length + 1];
        for (int i = 0; i < weights.length; i++) {
            layers[i] = weights[i].length;
        }
        layers[weights.length] = biases[weights.length - 1].length;
    }

    int depth() {
        return layers.length - 1;
    }

    /** {@code hidden} is one name, or comma-separated names, one per hidden layer. */
    String activationOf(int i) {
        String[] names = hidden.split(",");
        return i == depth() - 1 ? output : names[names.length == 1 ? 0 : i];
    }

    /** One example's forward pass: z[i] of layer i+1 and a[layer], a[0] = x. */
    record Pass(double[][] z, double[][] a) {
    }

    Pass forward(double[] x) {
        double[][] z = new double[depth()][];
        double[][] a = new double[depth() + 1][];
        a[0] = x.clone();
        for (int i = 0; i < depth(); i++) {
            z[i] = new double[layers[i + 1]];
            for (int k = 0; k < layers[i + 1]; k++) {
                double s = biases[i][k];
                for (int j = 0; j < layers[i]; j++) {
                    s += weights[i][j][k] * a[i][j];
                }
                z[i][k] = s;
            }
            a[i + 1] = activate(activationOf(i), z[i]);
        }
        return new Pass(z, a);
    }

    static double[] activate(String f, double[] z) {
        double[] a = new double[z.length];
        if (f.equals("softmax")) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < z.length; i++) {
                a[i] = Math.exp(z[i] - max);
                sum += a[i];
            }
            for (int i = 0; i < z.length; i++) {
                a[i] /= sum;
            }
            return a;
        }
        for (int i = 0; i < z.length; i++) {
            a[i] = activate(f, z[i]);
        }
        return a;
    }

    static double activate(String f, double z) {
        return switch (f) {
            case "sigmoid" -> 1 / (1 + Math.exp(-z));
            case "tanh" -> Math.tanh(z);
            case "relu" -> Math.max(0, z);
            case "linear" -> z;
            default -> throw new IllegalArgumentException(f);
        };
    }

    /** σ'(z), with the derivative mistakes the bugs ask for. */
    private static double slope(String f, double z, Set<Bug> bugs) {
        if (bugs.contains(Bug.SIGMA_PRIME_OF_ACTIVATION)) {
            return slopeAt(f, activate(f, z));
        }
        if (bugs.contains(Bug.SIGMA_PRIME_FORMULA_ON_Z)) {
            return switch (f) {
                case "sigmoid" -> z * (1 - z);
                case "tanh" -> 1 - z * z;
                default -> slopeAt(f, z);
            };
        }
        if (bugs.contains(Bug.LEAKY_RELU_DERIVATIVE) && f.equals("relu")) {
            return z > 0 ? 1 : 0.1;
        }
        return slopeAt(f, z);
    }

    private static double slopeAt(String f, double z) {
        return switch (f) {
            case "sigmoid" -> {
                double s = activate("sigmoid", z);
                yield s * (1 - s);
            }
            case "tanh" -> 1 - Math.tanh(z) * Math.tanh(z);
            case "relu" -> z > 0 ? 1 : 0;
            case "linear" -> 1;
            default -> throw new IllegalArgumentException(f);
        };
    }

    /** The gradient of the batch and what led to it, in the hand-written layout. */
    record Result(double[][][] weights, double[][] biases, double[][][] activations, double[][][] deltas) {
    }

    /** Backprop over the batch; {@code mean} is the reduction the file will declare. */
    Result gradient(double[][] xs, double[][] ys, boolean mean, Set<Bug> bugs) {
        int m = xs.length;
        double[][][] gw = new double[depth()][][];
        double[][] gb = new double[depth()][];
        for (int i = 0; i < depth(); i++) {
            gw[i] = new double[layers[i]][layers[i + 1]];
            gb[i] = new double[layers[i + 1]];
        }
        double[][][] allA = new double[m][][];
        double[][][] allD = new double[m][][];
        for (int e = 0; e < m; e++) {
            Pass p = forward(xs[e]);
            double[][] d = deltas(p, ys[e], bugs);
            allA[e] = p.a();
            allD[e] = d;
            for (int i = 0; i < depth(); i++) {
                double[] from = p.a()[i];
                double[] delta = d[i];
                if (bugs.contains(Bug.WEIGHTS_FROM_NEXT_ACTIVATIONS) && i == 1) {
                    from = p.a()[2];
                }
                for (int j = 0; j < layers[i]; j++) {
                    for (int k = 0; k < layers[i + 1]; k++) {
                        gw[i][j][k] += from[j] * delta[k];
                    }
                }
                double[] biasDelta = bugs.contains(Bug.BIAS_FROM_NEXT_DELTA) && i == 0 ? d[1] : delta;
                for (int k = 0; k < layers[i + 1]; k++) {
                    gb[i][k] += biasDelta[k];
                }
            }
        }
        double weightScale = 1;
        double biasScale = 1;
        if (mean && !bugs.contains(Bug.SUMMED)) {
            weightScale = 1.0 / m;
            biasScale = bugs.contains(Bug.BIASES_SUMMED) ? 1 : 1.0 / m;
        }
        if (!mean && bugs.contains(Bug.AVERAGED)) {
            weightScale = 1.0 / m;
            biasScale = 1.0 / m;
        }
        for (int i = 0; i < depth(); i++) {
            for (double[] row : gw[i]) {
                for (int k = 0; k < row.length; k++) {
                    row[k] *= weightScale;
                }
            }
            for (int k = 0; k < gb[i].length; k++) {
                gb[i][k] *= biasScale;
            }
        }
        return new Result(gw, gb, allA, allD);
    }

    /** δ of every layer after the input for one example. */
    double[][] deltas(Pass p, double[] y, Set<Bug> bugs) {
        int last = depth() - 1;
        double[][] d = new double[depth()][];
        double[] a = p.a()[depth()];
        double[] z = p.z()[last];
        d[last] = outputDelta(a, z, y, bugs);
        int lowest = bugs.contains(Bug.LOOP_STOPS_EARLY) ? 1 : 0;
        for (int i = 0; i < lowest; i++) {
            d[i] = new double[layers[i + 1]];
        }
        for (int i = last - 1; i >= lowest; i--) {
            d[i] = new double[layers[i + 1]];
            for (int j = 0; j < layers[i + 1]; j++) {
                double s = 0;
                for (int k = 0; k < layers[i + 2]; k++) {
                    s += weights[i + 1][j][k] * d[i + 1][k];
                }
                boolean noSlope = bugs.contains(Bug.HIDDEN_WITHOUT_SIGMA_PRIME)
                        || (bugs.contains(Bug.FIRST_HIDDEN_WITHOUT_SIGMA_PRIME) && i == 0);
                d[i][j] = noSlope ? s : s * slope(activationOf(i), p.z()[i][j], bugs);
            }
        }
        return d;
    }

    private double[] outputDelta(double[] a, double[] z, double[] y, Set<Bug> bugs) {
        int n = a.length;
        double[] d = new double[n];
        double[] dCda = new double[n];
        for (int i = 0; i < n; i++) {
            dCda[i] = switch (cost) {
                case "quadratic" -> a[i] - y[i];
                case "cross-entropy" -> (a[i] - y[i]) / (a[i] * (1 - a[i]));
                case "log-likelihood" -> y[i] == 0 ? 0 : -y[i] / a[i];
                default -> throw new IllegalArgumentException(cost);
            };
        }
        boolean closedForm = (output.equals("sigmoid") && cost.equals("cross-entropy"))
                || (output.equals("softmax") && cost.equals("log-likelihood"))
                || (output.equals("linear") && cost.equals("quadratic"));
        for (int i = 0; i < n; i++) {
            if (bugs.contains(Bug.OUTPUT_TIMES_SIGMA_PRIME)) {
                d[i] = (a[i] - y[i]) * a[i] * (1 - a[i]);
            } else if (bugs.contains(Bug.OUTPUT_WITHOUT_SIGMA_PRIME)) {
                d[i] = dCda[i];
            } else if (closedForm) {
                d[i] = a[i] - y[i];
            } else if (output.equals("softmax")) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += a[j] * dCda[j];
                }
                d[i] = a[i] * (dCda[i] - dot);
            } else {
                d[i] = dCda[i] * slope(output, z[i], bugs.contains(Bug.IN_HIDDEN_LOOP_ONLY) ? Set.of() : bugs);
            }
            if (bugs.contains(Bug.TWICE_OUTPUT_DELTA)) {
                d[i] *= 2;
            }
            if (bugs.contains(Bug.SIGN_FLIPPED)) {
                d[i] = -d[i];
            }
        }
        return d;
    }

    /** Mistakes in a training step. */
    enum StepBug {
        PER_EXAMPLE,
        PER_EXAMPLE_FULL_RATE,
        SUMMED,
        ASCENT,
        LEARNING_RATE_TWICE,
        LEARNING_RATE_MISSING,
        /** The update of biases[0][2..3] skipped. */
        SKIPS_SOME_BIASES,
        L2_IGNORED,
        L2_ON_BIASES,
        L2_NOT_DIVIDED_BY_N,
        L2_DIVIDED_BY_BATCH,
        MOMENTUM_IGNORED,
        /** w ← w + v with the velocity from before the step, then v ← μv − η∇C: the update in the wrong order. */
        STALE_VELOCITY
    }

    /** Step settings: η, and optionally L2 (λ, n) and momentum (μ, with velocity in the hand-written layout). */
    record StepSettings(double eta, double lambda, int n, double mu, double[][][] velocityW, double[][] velocityB) {
        static StepSettings plain(double eta) {
            return new StepSettings(eta, 0, 1, 0, null, null);
        }
    }

    /** A copy of this net after one step on the batch (mean reduction) made with the given mistakes. */
    HandWrittenNet step(double[][] xs, double[][] ys, StepSettings s, Set<Bug> gradientBugs, Set<StepBug> bugs) {
        HandWrittenNet net = copy();
        int m = xs.length;
        if (bugs.contains(StepBug.PER_EXAMPLE) || bugs.contains(StepBug.PER_EXAMPLE_FULL_RATE)) {
            double rate = bugs.contains(StepBug.PER_EXAMPLE) ? s.eta() / m : s.eta();
            for (int e = 0; e < m; e++) {
                Result g = net.gradient(new double[][] {xs[e]}, new double[][] {ys[e]}, true, gradientBugs);
                net.apply(g, rate, s, bugs);
            }
            return net;
        }
        Result g = gradient(xs, ys, !bugs.contains(StepBug.SUMMED), gradientBugs);
        double rate = s.eta();
        if (bugs.contains(StepBug.LEARNING_RATE_TWICE)) {
            rate = s.eta() * s.eta();
        }
        if (bugs.contains(StepBug.LEARNING_RATE_MISSING)) {
            rate = 1;
        }
        if (bugs.contains(StepBug.ASCENT)) {
            rate = -rate;
        }
        net.apply(g, rate, s, bugs);
        return net;
    }

    private void apply(Result g, double rate, StepSettings s, Set<StepBug> bugs) {
        double decay = s.lambda() / s.n();
        if (bugs.contains(StepBug.L2_IGNORED)) {
            decay = 0;
        }
        if (bugs.contains(StepBug.L2_NOT_DIVIDED_BY_N)) {
            decay = s.lambda();
        }
        if (bugs.contains(StepBug.L2_DIVIDED_BY_BATCH)) {
            decay = s.lambda() / batchSizeForL2;
        }
        double mu = bugs.contains(StepBug.MOMENTUM_IGNORED) ? 0 : s.mu();
        for (int i = 0; i < depth(); i++) {
            for (int j = 0; j < layers[i]; j++) {
                for (int k = 0; k < layers[i + 1]; k++) {
                    double v = s.velocityW() == null ? 0 : s.velocityW()[i][j][k];
                    weights[i][j][k] += bugs.contains(StepBug.STALE_VELOCITY) ? v
                            : mu * v - rate * (g.weights()[i][j][k] + decay * weights[i][j][k]);
                }
            }
            for (int k = 0; k < layers[i + 1]; k++) {
                if (bugs.contains(StepBug.SKIPS_SOME_BIASES) && i == 0 && (k == 2 || k == 3)) {
                    continue;
                }
                double v = s.velocityB() == null ? 0 : s.velocityB()[i][k];
                double biasDecay = bugs.contains(StepBug.L2_ON_BIASES) ? decay : 0;
                biases[i][k] += bugs.contains(StepBug.STALE_VELOCITY) ? v : mu * v - rate * (g.biases()[i][k] + biasDecay * biases[i][k]);
            }
        }
    }

    /** The batch size L2_DIVIDED_BY_BATCH divides λ by; set by the test that uses it. */
    int batchSizeForL2 = 1;

    HandWrittenNet copy() {
        double[][][] w = new double[depth()][][];
        double[][] b = new double[depth()][];
        for (int i = 0; i < depth(); i++) {
            w[i] = new double[layers[i]][];
            for (int j = 0; j < layers[i]; j++) {
                w[i][j] = weights[i][j].clone();
            }
            b[i] = biases[i].clone();
        }
        HandWrittenNet c = new HandWrittenNet(w, b, hidden, output, cost);
        c.batchSizeForL2 = batchSizeForL2;
        return c;
    }
}
