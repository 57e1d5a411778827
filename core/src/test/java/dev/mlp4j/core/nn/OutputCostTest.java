package dev.mlp4j.core.nn;

import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.testing.NetworkGenerators;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost from z against the cost from a where a is still exact, and against the true value where a has
 * saturated to 1 and the cost from a can no longer tell it.
 */
class OutputCostTest {
    private static final Activation[] OUTPUTS = {Activation.SIGMOID, Activation.SOFTMAX, Activation.SOFTMAX};
    private static final Cost[] COSTS = {Cost.CROSS_ENTROPY, Cost.LOG_LIKELIHOOD, Cost.CROSS_ENTROPY};

    @Test
    void equals_the_cost_from_the_outputs_while_they_are_not_saturated() {
        Random random = new Random(3);
        for (int pair = 0; pair < OUTPUTS.length; pair++) {
            for (int trial = 0; trial < 200; trial++) {
                int n = 2 + random.nextInt(8);
                double[] z = new double[n + 3];
                double[] y = new double[n + 3];
                double[] a = new double[n + 3];
                for (int i = 1; i <= n; i++) {
                    z[i] = 8 * random.nextDouble() - 4;
                }
                // Soft targets for cross-entropy too: the z form must not assume one-hot y.
                if (COSTS[pair] == Cost.LOG_LIKELIHOOD) {
                    y[1 + random.nextInt(n)] = 1;
                } else {
                    for (int i = 1; i <= n; i++) {
                        y[i] = random.nextInt(3) == 0 ? random.nextDouble() : random.nextInt(2);
                    }
                }
                OUTPUTS[pair].apply(z, a, 1, n);
                double fromA = COSTS[pair].value(a, y, 1, n);
                double fromZ = OutputCost.value(OUTPUTS[pair], COSTS[pair], z, a, y, 1, n);
                assertEquals(fromA, fromZ, 1e-12 * Math.max(1, Math.abs(fromA)), OUTPUTS[pair] + "/" + COSTS[pair]);
            }
        }
    }

    @Test
    void a_saturated_sigmoid_output_costs_about_its_z_not_infinity() {
        double[] z = {50, -40, 745};
        double[] a = new double[3];
        Activation.SIGMOID.apply(z, a, 0, 3);
        assertEquals(1.0, a[0], "the premise: a rounds to exactly 1");
        double[] y = {0, 1, 0};
        // Exact: softplus(50) + softplus(40) + softplus(745), each z + ln(1 + e^-z) here.
        double expected = 50 + Math.log1p(Math.exp(-50)) + 40 + Math.log1p(Math.exp(-40)) + 745;
        assertEquals(expected, OutputCost.value(Activation.SIGMOID, Cost.CROSS_ENTROPY, z, a, y, 0, 3), 1e-12 * expected);
        double fromA = Cost.CROSS_ENTROPY.value(a, y, 0, 3);
        assertTrue(Double.isFinite(fromA) && fromA <= expected,
                "from a alone the cost is a finite lower bound, not Infinity: " + fromA);
    }

    @Test
    void a_saturated_softmax_output_costs_the_gap_to_the_winning_unit() {
        double[] z = {0, 60, -5};
        double[] a = new double[3];
        Activation.SOFTMAX.apply(z, a, 0, 3);
        assertEquals(1.0, a[1], "the premise: a rounds to exactly 1");
        double[] y = {1, 0, 0};
        double lse = exactLogSumExp(z);
        assertEquals(lse - z[0], OutputCost.value(Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, z, a, y, 0, 3), 1e-12 * 60);
        // Cross-entropy adds -ln(1 - a_1) = lse - ln(e^0 + e^-5) and the small -ln(1 - a_2) ~ e^-65.
        double lnOthers = Math.log(1 + Math.exp(-5));
        double expected = (lse - z[0]) + (lse - lnOthers) + Math.exp(z[2] - lse);
        assertEquals(expected, OutputCost.value(Activation.SOFTMAX, Cost.CROSS_ENTROPY, z, a, y, 0, 3), 1e-12 * expected);
    }

    @Test
    void backprop_reports_a_finite_cost_for_a_network_with_large_weights() {
        // N(0,1) weights on 100 inputs drive the output's z far past where sigmoid rounds to 1.
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 100, 30, 4);
        Random random = new Random(1);
        Parameters p = NetworkGenerators.saturatingParameters(spec, random, 10);
        int m = 20;
        double[] x = new double[m * 100];
        double[] y = new double[m * 4];
        for (int r = 0; r < m; r++) {
            for (int k = 0; k < 100; k++) {
                x[r * 100 + k] = random.nextDouble();
            }
            y[r * 4 + random.nextInt(4)] = 1;
        }
        Batch batch = new Batch(m, 100, 4, x, y);
        Backprop backprop = new Backprop(spec);
        double[] out = backprop.feedforward(p, batch, StepSettings.gradientOnly(0, 0, 0));
        boolean saturated = false;
        for (int i = 0; i < out.length; i++) {
            saturated |= out[i] == 1.0 && y[i] == 0;
        }
        assertTrue(saturated, "the premise: some wrong output rounded to exactly 1");
        double cost = backprop.costSum(p, batch, StepSettings.gradientOnly(0, 0, 0));
        assertTrue(Double.isFinite(cost) && cost > 37, "cost " + cost);
    }

    private static double exactLogSumExp(double[] z) {
        BigDecimal sum = BigDecimal.ZERO;
        double max = Math.max(Math.max(z[0], z[1]), z[2]);
        for (double v : z) {
            sum = sum.add(new BigDecimal(Math.exp(v - max)), MathContext.DECIMAL128);
        }
        return max + Math.log(sum.doubleValue());
    }
}
