package dev.mlp4j.core.testing;

import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.Parameters;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * How closely a float32 backend must agree with the float64 reference, and the measure of agreement.
 *
 * <p>The error of an array is {@code max_i |a_i - r_i| / max(max_i |r_i|, 1e-6)}: the largest difference relative
 * to the largest entry of the same array, not to each entry. A gradient entry is a sum over the batch of products
 * whose float32 rounding error is a few ulps of the terms' magnitude; when the terms cancel, the entry can be
 * 1e-5 of its neighbours while its rounding error is not, and a per-entry relative error of 1e-2 would accuse a
 * perfectly good float32 computation. Relative to the array's scale, a correct float32 backend lands near 1e-6
 * and a wrong one (a missing sigma', a transposed weight, a stale copy) near 1. The floor 1e-6 makes arrays that
 * are zero in the reference (a dead relu layer) compare absolutely.
 *
 * <p>Gradients and parameters are measured per layer, weights and biases against the larger scale of the two: a
 * layer's bias gradient sums the same deltas that its weight gradient multiplies by the layer's inputs, and where
 * the layer has one unit the whole bias array can be one cancelled sum (seen: 3.6e-6 beside weight gradients of
 * 3e-2, a float32 difference of 2e-9 reading as 6e-4 of it).
 */
public final class FloatAgreement {
    /** Gradients: float32 sums of up to a few hundred products, then a chain of layers, stay well inside this. */
    public static final double GRADIENT = 1e-4;
    /** Outputs: one forward pass, no cancellation of note. */
    public static final double OUTPUT = 1e-5;
    public static final double FLOOR = 1e-6;

    private FloatAgreement() {
    }

    public static double error(double[] actual, double[] reference) {
        return error(actual, reference, FLOOR);
    }

    /** The error with the scale taken at least as {@code scale}. */
    private static double error(double[] actual, double[] reference, double scale) {
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            scale = Math.max(scale, Math.abs(reference[i]));
            worst = Math.max(worst, Math.abs(actual[i] - reference[i]));
        }
        return worst / scale;
    }

    public static void assertAgree(String what, double[] actual, double[] reference, double tolerance) {
        assertAgree(what, actual, reference, FLOOR, tolerance);
    }

    private static void assertAgree(String what, double[] actual, double[] reference, double scale, double tolerance) {
        if (actual.length != reference.length) {
            fail(what + ": " + actual.length + " values where the reference has " + reference.length);
        }
        double e = error(actual, reference, Math.max(FLOOR, scale));
        if (!(e <= tolerance)) {
            fail(what + ": error " + e + " exceeds " + tolerance + " (largest entry " + largest(reference) + ")");
        }
    }

    public static void assertAgree(String what, Gradients actual, Gradients reference, double tolerance) {
        for (int l = 0; l < reference.weights().length; l++) {
            double scale = Math.max(largest(reference.weights()[l]), largest(reference.biases()[l]));
            assertAgree(what + ", weights[" + l + "]", actual.weights()[l], reference.weights()[l], scale, tolerance);
            assertAgree(what + ", biases[" + l + "]", actual.biases()[l], reference.biases()[l], scale, tolerance);
        }
    }

    public static void assertAgree(String what, Parameters actual, Parameters reference, double tolerance) {
        for (int l = 0; l < reference.spec().depth(); l++) {
            double scale = Math.max(largest(reference.weights(l)), largest(reference.biases(l)));
            assertAgree(what + ", weights[" + l + "]", actual.weights(l), reference.weights(l), scale, tolerance);
            assertAgree(what + ", biases[" + l + "]", actual.biases(l), reference.biases(l), scale, tolerance);
        }
    }

    private static double largest(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
