package dev.mlp4j.core.nn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link OutputPairing} says about each (output activation, cost) pair is checked against the mathematics it
 * stands for, numerically, for every pair that exists: a new activation or cost is covered as soon as it is added.
 */
class OutputPairingTest {
    private static final int UNITS = 4;

    @Test
    void every_pair_of_an_output_activation_and_a_cost_is_checked() {
        int checked = 0;
        int valid = 0;
        for (Activation output : Activation.values()) {
            for (Cost cost : Cost.values()) {
                OutputPairing pairing = OutputPairing.of(output, cost);
                assertSame(pairing, OutputPairing.of(output, cost));
                assertEquals(new OutputPairing(output, cost), pairing);
                assertEquals(pairing.incompatibility(), cost.incompatibility(output), pairing.toString());
                if (pairing.incompatibility() == null) {
                    checkAgainstTheChainRule(pairing, new Random(31L * output.ordinal() + cost.ordinal()));
                    valid++;
                }
                checked++;
            }
        }
        assertEquals(Activation.values().length * Cost.values().length, checked);
        assertTrue(valid >= Activation.values().length, "the quadratic cost follows every activation, so at least those pairs are valid");
    }

    @Test
    void a_refused_pair_says_why() {
        assertNotNull(OutputPairing.of(Activation.TANH, Cost.CROSS_ENTROPY).incompatibility());
        assertNotNull(OutputPairing.of(Activation.SIGMOID, Cost.LOG_LIKELIHOOD).incompatibility());
    }

    /**
     * The pairing's claims about δ and the cost, against δ = Jσ(z)ᵀ ∂C/∂a and C(σ(z)) on random rows: a claim that δ
     * (or ∂C/∂a, or the slope) equals something must hold on every row, as a formula does.
     */
    private static void checkAgainstTheChainRule(OutputPairing p, Random random) {
        boolean deltaIsAMinusY = true;
        boolean slopeIsOne = true;
        boolean gradientIsAMinusY = true;
        for (int trial = 0; trial < 50; trial++) {
            double[] z = new double[UNITS];
            double[] y = new double[UNITS];
            for (int i = 0; i < UNITS; i++) {
                z[i] = 4 * random.nextDouble() - 2;
            }
            y[random.nextInt(UNITS)] = 1;
            double[] a = new double[UNITS];
            p.output().apply(z, a, 0, UNITS);
            double[] delta = new double[UNITS];
            OutputDelta.general(p.output(), p.cost(), z, a, y, delta, new double[UNITS], 0, UNITS);
            double[] aMinusY = new double[UNITS];
            for (int i = 0; i < UNITS; i++) {
                aMinusY[i] = a[i] - y[i];
            }
            double[] dCdA = new double[UNITS];
            p.cost().gradient(a, y, dCdA, 0, UNITS);
            double[] ones = {1, 1, 1, 1};
            double[] slope = new double[UNITS];
            p.output().backward(z, a, ones, slope, 0, UNITS);
            deltaIsAMinusY &= close(delta, aMinusY);
            slopeIsOne &= close(slope, ones);
            gradientIsAMinusY &= close(dCdA, aMinusY);

            double fromOutputs = p.cost().value(a, y, 0, UNITS);
            assertEquals(fromOutputs, OutputCost.value(p.output(), p.cost(), z, a, y, 0, UNITS), 1e-12 * Math.max(1, fromOutputs),
                    p + ": the cost in the form " + p.costForm());
        }
        assertEquals(deltaIsAMinusY, p.isAMinusY(), p + ": δ = a − y");
        assertEquals(deltaIsAMinusY, p.deltaForm() == OutputPairing.DeltaForm.A_MINUS_Y, p + ": the δ form");
        assertEquals(deltaIsAMinusY && !slopeIsOne, p.slopeCancels(), p + ": the slope cancels");
        assertEquals(gradientIsAMinusY && !deltaIsAMinusY, p.aMinusYTimesSlope(), p + ": δ is a − y times the slope");
        if (p.costForm() != OutputPairing.CostForm.FROM_OUTPUTS) {
            // A unit so far ahead that the outputs round to exactly 0 and 1: only a cost taken from z stays exact.
            double[] z = {800, 0, 0, 0};
            double[] y = {0, 1, 0, 0};
            double[] a = new double[UNITS];
            p.output().apply(z, a, 0, UNITS);
            double fromZ = OutputCost.value(p.output(), p.cost(), z, a, y, 0, UNITS);
            assertTrue(Double.isFinite(fromZ) && fromZ >= 790, p + ": the cost from z at a saturated unit is " + fromZ);
            assertTrue(p.cost().value(a, y, 0, UNITS) < 100, p + ": the cost from a would have lost it");
        }
    }

    private static boolean close(double[] u, double[] v) {
        for (int i = 0; i < u.length; i++) {
            if (Math.abs(u[i] - v[i]) > 1e-9 * Math.max(1, Math.abs(v[i]))) {
                return false;
            }
        }
        return true;
    }
}
