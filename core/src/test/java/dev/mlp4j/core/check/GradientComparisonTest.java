package dev.mlp4j.core.check;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Gradients of different networks are not compared on the part they share. */
class GradientComparisonTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);

    @Test
    void gradients_of_another_network_are_refused() {
        NetworkSpec larger = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1);
        Gradients small = Gradients.zeros(SPEC);
        Gradients large = Gradients.zeros(larger);
        assertThrows(InvalidInputException.class, () -> GradientComparison.compare(large, small, 1e-3, 1e-8));
        assertThrows(InvalidInputException.class, () -> GradientComparison.compare(small, large, 1e-3, 1e-8));
        assertThrows(InvalidInputException.class, () -> GradientComparison.compare(null, small, 1e-3, 1e-8));
    }

    @Test
    void gradients_of_the_same_network_are_compared_whole() {
        Gradients actual = Gradients.zeros(SPEC);
        actual.biases()[1][0] = 1;
        GradientCheckReport r = GradientComparison.compare(actual, Gradients.zeros(SPEC), 1e-3, 1e-8);
        assertFalse(r.passed());
        assertEquals(3 * 2 + 3 + 3 + 1, r.checked());
    }
}
