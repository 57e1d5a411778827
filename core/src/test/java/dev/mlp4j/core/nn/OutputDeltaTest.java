package dev.mlp4j.core.nn;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * δᴸ for every valid (output activation, cost) pair: the closed forms {@link OutputDelta#compute} takes agree with
 * the chain rule of {@link OutputDelta#general}, and the chain rule agrees with finite differences of C(σ(z)).
 */
class OutputDeltaTest {

    private record Pair(Activation output, Cost cost) {
        @Override
        public String toString() {
            return output + "/" + cost;
        }
    }

    private static List<Pair> validPairs() {
        List<Pair> pairs = new ArrayList<>();
        for (Activation output : Activation.values()) {
            for (Cost cost : Cost.values()) {
                if (cost.incompatibility(output) == null) {
                    pairs.add(new Pair(output, cost));
                }
            }
        }
        return pairs;
    }

    /**
     * Row width for a trial: softmax rows get at least 2 units, since a 1-unit softmax is the constant 1 (and then
     * cross-entropy's ∂C/∂a is 0/0).
     */
    private static int width(Pair pair, Random random, int max) {
        return pair.output() == Activation.SOFTMAX ? 2 + random.nextInt(max - 1) : 1 + random.nextInt(max);
    }

    /** A random output row z and a target row suited to the cost, at {@code offset} in arrays of {@code size}. */
    private static double[][] randomCase(Pair pair, int offset, int n, int size, Random random) {
        double[] z = new double[size];
        double[] y = new double[size];
        for (int i = offset; i < offset + n; i++) {
            z[i] = 6 * random.nextDouble() - 3;
        }
        switch (pair.cost()) {
            case QUADRATIC -> {
                for (int i = offset; i < offset + n; i++) {
                    y[i] = 4 * random.nextDouble() - 2;
                }
            }
            case CROSS_ENTROPY -> {
                for (int i = offset; i < offset + n; i++) {
                    y[i] = random.nextBoolean() ? random.nextInt(2) : random.nextDouble();
                }
            }
            case LOG_LIKELIHOOD -> {
                // A one-hot row or a general distribution: the closed form needs Σy = 1, nothing more.
                if (random.nextBoolean()) {
                    y[offset + random.nextInt(n)] = 1;
                } else {
                    double sum = 0;
                    for (int i = offset; i < offset + n; i++) {
                        y[i] = random.nextDouble();
                        sum += y[i];
                    }
                    for (int i = offset; i < offset + n; i++) {
                        y[i] /= sum;
                    }
                }
            }
        }
        double[] a = new double[size];
        pair.output().apply(z, a, offset, n);
        return new double[][] {z, a, y};
    }

    @Test
    void every_valid_pair_is_covered() {
        List<Pair> pairs = validPairs();
        // 5 outputs with quadratic, sigmoid and softmax with cross-entropy, softmax with log-likelihood.
        assertEquals(8, pairs.size(), pairs.toString());
    }

    @Test
    void closed_form_is_used_for_exactly_the_pairs_where_sigma_prime_cancels() {
        for (Pair p : validPairs()) {
            boolean expected = (p.output() == Activation.SIGMOID && p.cost() == Cost.CROSS_ENTROPY)
                    || (p.output() == Activation.SOFTMAX && p.cost() == Cost.LOG_LIKELIHOOD)
                    || (p.output() == Activation.LINEAR && p.cost() == Cost.QUADRATIC);
            assertEquals(expected, OutputDelta.isAMinusY(p.output(), p.cost()), p.toString());
        }
        assertFalse(OutputDelta.isAMinusY(Activation.SOFTMAX, Cost.CROSS_ENTROPY));
        assertFalse(OutputDelta.isAMinusY(Activation.SIGMOID, Cost.QUADRATIC));
    }

    @TestFactory
    Stream<DynamicTest> compute_equals_the_general_chain_rule_on_random_rows() {
        return validPairs().stream().map(pair -> DynamicTest.dynamicTest(pair.toString(), () -> {
            Random random = new Random(pair.toString().hashCode());
            for (int trial = 0; trial < 500; trial++) {
                int n = width(pair, random, 10);
                int offset = random.nextInt(4);
                int size = offset + n + 3;
                double[][] c = randomCase(pair, offset, n, size, random);
                double[] fast = new double[size];
                double[] slow = new double[size];
                OutputDelta.compute(pair.output(), pair.cost(), c[0], c[1], c[2], fast, new double[size], offset, n);
                OutputDelta.general(pair.output(), pair.cost(), c[0], c[1], c[2], slow, new double[size], offset, n);
                for (int i = 0; i < size; i++) {
                    double scale = Math.max(Math.abs(fast[i]), Math.abs(slow[i]));
                    if (!(Math.abs(fast[i] - slow[i]) <= 1e-12 * scale)) {
                        fail(pair + " trial " + trial + ", index " + i + " (row " + offset + ".." + (offset + n - 1)
                                + "): compute " + fast[i] + " vs general " + slow[i]);
                    }
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> general_matches_finite_differences_of_the_cost_of_the_activation() {
        double h = 1e-6;
        return validPairs().stream().map(pair -> DynamicTest.dynamicTest(pair.toString(), () -> {
            Random random = new Random(31 + pair.toString().hashCode());
            for (int trial = 0; trial < 50; trial++) {
                int n = width(pair, random, 6);
                double[][] c = randomCase(pair, 0, n, n, random);
                double[] z = c[0];
                double[] y = c[2];
                double[] delta = new double[n];
                OutputDelta.compute(pair.output(), pair.cost(), z, c[1], y, delta, new double[n], 0, n);
                for (int i = 0; i < n; i++) {
                    double saved = z[i];
                    z[i] = saved + h;
                    double plus = costAt(pair, z, y);
                    z[i] = saved - h;
                    double minus = costAt(pair, z, y);
                    z[i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    assertEquals(numeric, delta[i], 1e-7 * Math.max(1, Math.abs(numeric)),
                            pair + " trial " + trial + " ∂C/∂z[" + i + "]");
                }
            }
        }));
    }

    private static double costAt(Pair pair, double[] z, double[] y) {
        double[] a = new double[z.length];
        pair.output().apply(z, a, 0, z.length);
        return pair.cost().value(a, y, 0, z.length);
    }

    @Test
    void closed_forms_are_exactly_a_minus_y() {
        double[] z = {0.3, -1.2, 2.0};
        double[] y = {0.0, 1.0, 0.0};
        for (Pair p : validPairs()) {
            if (!OutputDelta.isAMinusY(p.output(), p.cost())) {
                continue;
            }
            double[] a = new double[3];
            p.output().apply(z, a, 0, 3);
            double[] delta = new double[3];
            OutputDelta.compute(p.output(), p.cost(), z, a, y, delta, new double[3], 0, 3);
            for (int i = 0; i < 3; i++) {
                assertEquals(a[i] - y[i], delta[i], p.toString());
            }
        }
    }
    @Test
    void softmax_cross_entropy_delta_is_finite_and_right_where_a_unit_has_saturated() {
        // Unit 1 leads by 60 (a rounds to exactly 1) and, in the last row, by 800 (the others underflow to 0).
        double[][] rows = {{0, 60, -5}, {2, -3, 55, 1}, {0, 800, -5}};
        for (double[] z : rows) {
            int n = z.length;
            double[] a = new double[n];
            double[] y = new double[n];
            y[0] = 1;
            Activation.SOFTMAX.apply(z, a, 0, n);
            double[] delta = new double[n];
            OutputDelta.compute(Activation.SOFTMAX, Cost.CROSS_ENTROPY, z, a, y, delta, new double[n], 0, n);
            // Finite differences of the cost taken from z, which stays exact at saturation (OutputCost).
            for (int i = 0; i < n; i++) {
                double h = 1e-5;
                double[] zp = z.clone();
                double[] zm = z.clone();
                zp[i] += h;
                zm[i] -= h;
                double numeric = (costFromZ(zp, y) - costFromZ(zm, y)) / (2 * h);
                assertEquals(numeric, delta[i], 1e-6 * Math.max(1, Math.abs(numeric)),
                        "delta[" + i + "] for z = " + Arrays.toString(z));
            }
        }
    }

    private static double costFromZ(double[] z, double[] y) {
        double[] a = new double[z.length];
        Activation.SOFTMAX.apply(z, a, 0, z.length);
        return OutputCost.value(Activation.SOFTMAX, Cost.CROSS_ENTROPY, z, a, y, 0, z.length);
    }
}
