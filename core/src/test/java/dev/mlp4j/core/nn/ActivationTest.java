package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each activation's derivative, as {@link Activation#backward} applies it, against central finite differences of
 * {@link Activation#apply}; softmax's numerical safety; and the names activations are parsed from.
 */
class ActivationTest {
    private static final double H = 1e-6;
    /** Central differences with h = 1e-6 are good to about 1e-9 for these smooth functions near |z| ≤ 4. */
    private static final double FD_TOLERANCE = 1e-8;

    /** σ at one point through the row API, in a row of one. */
    private static double apply(Activation a, double z) {
        double[] out = new double[1];
        a.apply(new double[] {z}, out, 0, 1);
        return out[0];
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void elementwise_derivative_matches_central_finite_differences(Activation activation) {
        Random random = new Random(11);
        int n = 200;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            do {
                z[i] = 8 * random.nextDouble() - 4;
            } while (Math.abs(z[i]) < 1e-3); // keep relu's kink out of the finite difference
        }
        double[] a = new double[n];
        activation.apply(z, a, 0, n);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        double[] derivative = new double[n];
        activation.backward(z, a, ones, derivative, 0, n);
        for (int i = 0; i < n; i++) {
            double numeric = (apply(activation, z[i] + H) - apply(activation, z[i] - H)) / (2 * H);
            assertEquals(numeric, derivative[i], FD_TOLERANCE * Math.max(1, Math.abs(numeric)),
                    activation + "'(" + z[i] + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void elementwise_backward_scales_the_incoming_gradient(Activation activation) {
        double[] z = {-1.5, 0.7, 2.0};
        double[] a = new double[3];
        activation.apply(z, a, 0, 3);
        double[] ones = {1, 1, 1};
        double[] d = new double[3];
        activation.backward(z, a, ones, d, 0, 3);
        double[] g = {0.5, -3.0, 7.0};
        double[] out = new double[3];
        activation.backward(z, a, g, out, 0, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(g[i] * d[i], out[i], 1e-15 * Math.max(1, Math.abs(out[i])));
        }
    }

    @Test
    void relu_takes_zero_as_its_derivative_at_the_kink_and_below() {
        double[] z = {-2, 0, 3};
        double[] a = new double[3];
        Activation.RELU.apply(z, a, 0, 3);
        assertEquals(0.0, a[0]);
        assertEquals(0.0, a[1]);
        assertEquals(3.0, a[2]);
        double[] d = new double[3];
        Activation.RELU.backward(z, a, new double[] {1, 1, 1}, d, 0, 3);
        assertEquals(0.0, d[0]);
        assertEquals(0.0, d[1]);
        assertEquals(1.0, d[2]);
    }

    @Test
    void softmax_backward_is_the_jacobian_transpose_times_the_incoming_gradient() {
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(8);
            int offset = random.nextInt(3);
            double[] z = new double[offset + n + 2];
            double[] g = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = 6 * random.nextDouble() - 3;
                g[i] = 4 * random.nextDouble() - 2;
            }
            double[] a = new double[z.length];
            Activation.SOFTMAX.apply(z, a, offset, n);
            double[] jvp = new double[z.length];
            Activation.SOFTMAX.backward(z, a, g, jvp, offset, n);
            // (Jᵀg)_i = ∂(g · softmax(z)) / ∂z_i, by central differences.
            for (int i = offset; i < offset + n; i++) {
                double saved = z[i];
                z[i] = saved + H;
                double plus = dotWithSoftmax(z, g, offset, n);
                z[i] = saved - H;
                double minus = dotWithSoftmax(z, g, offset, n);
                z[i] = saved;
                double numeric = (plus - minus) / (2 * H);
                assertEquals(numeric, jvp[i], FD_TOLERANCE * Math.max(1, Math.abs(numeric)),
                        "trial " + trial + ", unit " + (i - offset) + " of " + n);
            }
        }
    }

    private static double dotWithSoftmax(double[] z, double[] g, int offset, int n) {
        double[] a = new double[z.length];
        Activation.SOFTMAX.apply(z, a, offset, n);
        double dot = 0;
        for (int i = offset; i < offset + n; i++) {
            dot += g[i] * a[i];
        }
        return dot;
    }

    @Test
    void softmax_rows_are_distributions_and_only_the_row_is_written() {
        Random random = new Random(3);
        int rows = 20;
        int n = 7;
        double[] z = new double[rows * n];
        for (int i = 0; i < z.length; i++) {
            z[i] = 20 * random.nextDouble() - 10;
        }
        double[] a = new double[rows * n];
        Arrays.fill(a, -7.0);
        // Apply to odd rows only: even rows must stay untouched.
        for (int r = 1; r < rows; r += 2) {
            Activation.SOFTMAX.apply(z, a, r * n, n);
        }
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double v = a[r * n + j];
                if (r % 2 == 0) {
                    assertEquals(-7.0, v, "row " + r + " was not to be written");
                } else {
                    assertTrue(v > 0 && v < 1, "softmax value " + v);
                    sum += v;
                }
            }
            if (r % 2 == 1) {
                assertEquals(1.0, sum, 1e-14, "row " + r + " sums to " + sum);
            }
        }
    }

    @Test
    void softmax_does_not_overflow_for_huge_inputs() {
        double[] z = {1000, 999, 0, -1000};
        double[] a = new double[4];
        Activation.SOFTMAX.apply(z, a, 0, 4);
        for (double v : a) {
            assertTrue(Double.isFinite(v), Arrays.toString(a));
        }
        double e1 = Math.exp(-1);
        assertEquals(1 / (1 + e1), a[0], 1e-15);
        assertEquals(e1 / (1 + e1), a[1], 1e-15);
        assertEquals(0.0, a[2], 1e-300);
        assertEquals(1.0, a[0] + a[1] + a[2] + a[3], 1e-15);

        double[] equal = {1000, 1000};
        double[] b = new double[2];
        Activation.SOFTMAX.apply(equal, b, 0, 2);
        assertEquals(0.5, b[0]);
        assertEquals(0.5, b[1]);

        double[] tiny = {-1000, -1000, -1000, -1000};
        double[] c = new double[4];
        Activation.SOFTMAX.apply(tiny, c, 0, 4);
        for (double v : c) {
            assertEquals(0.25, v, 1e-15);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1000, -50, 50, 1000})
    void sigmoid_and_tanh_stay_finite_and_in_range_for_extreme_inputs(double z) {
        double s = apply(Activation.SIGMOID, z);
        assertTrue(s >= 0 && s <= 1, "sigmoid(" + z + ") = " + s);
        double t = apply(Activation.TANH, z);
        assertTrue(t >= -1 && t <= 1, "tanh(" + z + ") = " + t);
        double[] d = new double[1];
        Activation.SIGMOID.backward(new double[] {z}, new double[] {s}, new double[] {1}, d, 0, 1);
        assertTrue(Double.isFinite(d[0]) && d[0] >= 0, "sigmoid'(" + z + ") = " + d[0]);
    }

    @Test
    void only_softmax_is_row_wise() {
        for (Activation a : Activation.values()) {
            assertEquals(a == Activation.SOFTMAX, a.isRowWise(), a.id());
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void fromId_reads_every_id_case_insensitively_and_trimmed(Activation activation) {
        assertSame(activation, Activation.fromId(activation.id()));
        assertSame(activation, Activation.fromId("  " + activation.id().toUpperCase() + " "));
        assertEquals(activation.id(), activation.toString());
    }

    @Test
    void fromId_refuses_unknown_names_with_the_list_of_valid_ones() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Activation.fromId("sigmod"));
        assertTrue(e.getMessage().contains("'sigmod'"), e.getMessage());
        for (Activation a : Activation.values()) {
            assertTrue(e.getMessage().contains(a.id()), e.getMessage());
        }
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> Activation.fromId(null));
        assertTrue(none.getMessage().startsWith("Unknown activation"), none.getMessage());
        assertFalse(assertThrows(InvalidInputException.class, () -> Activation.fromId("")).getMessage().isBlank());
    }

    @Test
    void hiddenFromId_lists_only_the_activations_a_hidden_layer_takes() {
        assertSame(Activation.RELU, Activation.hiddenFromId("relu"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Activation.hiddenFromId(""));
        assertTrue(e.getMessage().contains("sigmoid, tanh, relu, linear"), e.getMessage());
        assertFalse(e.getMessage().contains("softmax"), e.getMessage());
    }
}
