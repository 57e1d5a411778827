package dev.mlp4j.gpu.testing;

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
        double scale = FLOOR;
        double worst = 0;
        for (int i = 0; i < reference.length; i++) {
            scale = Math.max(scale, Math.abs(reference[i]));
            worst = Math.max(worst, Math.abs(actual[i] - reference[i]));
        }
        return worst / scale;
    }

    public static void assertAgree(String what, double[] actual, double[] reference, double tolerance) {
        if (actual.length != reference.length) {
            fail(what + ": " + actual.length + " values where the reference has " + reference.length);
        }
        double e = error(actual, reference);
        if (!(e <= tolerance)) {
            fail(what + ": error " + e + " exceeds " + tolerance + " (largest entry " + largest(reference) + ")");
        }
    }

    public static void assertAgree(String what, Gradients actual, Gradients reference, double tolerance) {
        for (int l = 0; l < reference.weights().length; l++) {
            assertAgree(what + ", weights[" + l + "]", actual.weights()[l], reference.weights()[l], tolerance);
            assertAgree(what + ", biases[" + l + "]", actual.biases()[l], reference.biases()[l], tolerance);
        }
    }

    public static void assertAgree(String what, Parameters actual, Parameters reference, double tolerance) {
        for (int l = 0; l < reference.spec().depth(); l++) {
            assertAgree(what + ", weights[" + l + "]", actual.weights(l), reference.weights(l), tolerance);
            assertAgree(what + ", biases[" + l + "]", actual.biases(l), reference.biases(l), tolerance);
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
