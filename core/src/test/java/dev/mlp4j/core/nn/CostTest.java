package dev.mlp4j.core.nn;

import dev.mlp4j.core.Fix;
import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Problem;
import dev.mlp4j.core.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each cost's value against its definition, its gradient against finite differences, and its valid pairings. */
class CostTest {
    private static final double H = 1e-6;

    /** Outputs and targets in the domain each cost is defined on: (0,1) outputs for the logarithmic ones. */
    private static double[][] randomRow(Cost cost, int n, Random random) {
        double[] a = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            switch (cost) {
                case QUADRATIC -> {
                    a[i] = 6 * random.nextDouble() - 3;
                    y[i] = 6 * random.nextDouble() - 3;
                }
                case CROSS_ENTROPY -> {
                    a[i] = 0.05 + 0.9 * random.nextDouble();
                    // Exercise the y = 0 and y = 1 special cases as well as soft targets.
                    y[i] = switch (random.nextInt(3)) {
                        case 0 -> 0.0;
                        case 1 -> 1.0;
                        default -> random.nextDouble();
                    };
                }
                case LOG_LIKELIHOOD -> {
                    a[i] = 0.05 + 0.9 * random.nextDouble();
                    y[i] = 0;
                }
            }
        }
        if (cost == Cost.LOG_LIKELIHOOD) {
            y[random.nextInt(n)] = 1;
        }
        return new double[][] {a, y};
    }

    @ParameterizedTest
    @EnumSource(Cost.class)
    void gradient_matches_central_finite_differences_of_the_value(Cost cost) {
        Random random = new Random(17);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + random.nextInt(6);
            double[][] row = randomRow(cost, n, random);
            // Put the row at an offset inside larger arrays, to check offset handling too.
            int offset = 2;
            double[] a = new double[n + 4];
            double[] y = new double[n + 4];
            System.arraycopy(row[0], 0, a, offset, n);
            System.arraycopy(row[1], 0, y, offset, n);
            double[] grad = new double[n + 4];
            cost.gradient(a, y, grad, offset, n);
            for (int i = offset; i < offset + n; i++) {
                double saved = a[i];
                a[i] = saved + H;
                double plus = cost.value(a, y, offset, n);
                a[i] = saved - H;
                double minus = cost.value(a, y, offset, n);
                a[i] = saved;
                double numeric = (plus - minus) / (2 * H);
                assertEquals(numeric, grad[i], 1e-7 * Math.max(1, Math.abs(numeric)),
                        cost + " ∂C/∂a[" + (i - offset) + "] at a=" + a[i] + ", y=" + y[i]);
            }
            assertEquals(0.0, grad[0]);
            assertEquals(0.0, grad[n + 3]);
        }
    }

    @Test
    void values_follow_their_definitions() {
        double[] a = {0.2, 0.7, 0.1};
        double[] y = {0.0, 1.0, 0.0};
        assertEquals(0.5 * (0.04 + 0.09 + 0.01), Cost.QUADRATIC.value(a, y, 0, 3), 1e-15);
        double ce = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.9));
        assertEquals(ce, Cost.CROSS_ENTROPY.value(a, y, 0, 3), 1e-15);
        assertEquals(-Math.log(0.7), Cost.LOG_LIKELIHOOD.value(a, y, 0, 3), 1e-15);
    }

    @Test
    void cross_entropy_is_finite_at_saturated_outputs_matching_their_targets() {
        // 0·ln 0 is taken as 0, as network2.py's nan_to_num does.
        double[] a = {0.0, 1.0};
        double[] y = {0.0, 1.0};
        assertEquals(0.0, Cost.CROSS_ENTROPY.value(a, y, 0, 2));
        assertEquals(0.0, Cost.LOG_LIKELIHOOD.value(new double[] {0.0, 1.0}, new double[] {0.0, 1.0}, 0, 2));
    }

    @Test
    void quadratic_pairs_with_every_output() {
        for (Activation a : Activation.values()) {
            assertNull(Cost.QUADRATIC.incompatibility(a), a.id());
        }
    }

    @Test
    void cross_entropy_needs_outputs_in_the_unit_interval() {
        assertNull(Cost.CROSS_ENTROPY.incompatibility(Activation.SIGMOID));
        assertNull(Cost.CROSS_ENTROPY.incompatibility(Activation.SOFTMAX));
        for (Activation a : new Activation[] {Activation.TANH, Activation.RELU, Activation.LINEAR}) {
            Problem why = Cost.CROSS_ENTROPY.incompatibility(a);
            assertNotNull(why, a.id());
            assertTrue(why.statement().contains(a.id()), why.toString());
            assertEquals(List.of(Setting.OUTPUT.at("sigmoid"), Setting.COST.at("quadratic")), uses(why), why.toString());
        }
    }

    @Test
    void log_likelihood_needs_a_softmax_output() {
        assertNull(Cost.LOG_LIKELIHOOD.incompatibility(Activation.SOFTMAX));
        for (Activation a : Activation.values()) {
            if (a == Activation.SOFTMAX) {
                continue;
            }
            Problem why = Cost.LOG_LIKELIHOOD.incompatibility(a);
            assertNotNull(why, a.id());
            assertTrue(uses(why).contains(Setting.OUTPUT.at("softmax")), why.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Cost.class)
    void fromId_reads_every_id_in_any_case_and_with_underscores(Cost cost) {
        assertSame(cost, Cost.fromId(cost.id()));
        assertSame(cost, Cost.fromId(" " + cost.id().toUpperCase().replace('-', '_') + " "));
        assertEquals(cost.id(), cost.toString());
    }

    @Test
    void fromId_refuses_unknown_names_with_the_list_of_valid_ones() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Cost.fromId("mse"));
        assertTrue(e.getMessage().contains("'mse'"), e.getMessage());
        for (Cost c : Cost.values()) {
            assertTrue(e.getMessage().contains(c.id()), e.getMessage());
        }
        assertThrows(InvalidInputException.class, () -> Cost.fromId(null));
    }

    private static List<Fix.Use> uses(Problem problem) {
        return problem.fix().parts().stream().filter(p -> p instanceof Fix.Use).map(p -> (Fix.Use) p).toList();
    }
}
