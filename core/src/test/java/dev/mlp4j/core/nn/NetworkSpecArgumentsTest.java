package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec's own checks of what callers hand it, and the shared checks it offers them. */
class NetworkSpecArgumentsTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);

    @Test
    void a_null_layer_size_or_activation_is_named_in_the_refusal() {
        InvalidInputException layer = assertThrows(InvalidInputException.class,
                () -> new NetworkSpec(Arrays.asList(2, null, 1), Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC));
        assertTrue(layer.getMessage().startsWith("Layer 1 "), layer.getMessage());
        InvalidInputException output = assertThrows(InvalidInputException.class,
                () -> NetworkSpec.of(Activation.SIGMOID, null, Cost.QUADRATIC, 2, 1));
        assertTrue(output.getMessage().startsWith("The output activation of 2,1 is null"), output.getMessage());
        InvalidInputException cost = assertThrows(InvalidInputException.class,
                () -> NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, null, 2, 1));
        assertTrue(cost.getMessage().startsWith("The cost of 2,1 is null"), cost.getMessage());
    }

    @Test
    void requireSame_names_both_networks_and_the_fix() {
        SPEC.requireSame(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1), "these", "it", "ok");
        NetworkSpec other = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 2, 3, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SPEC.requireSame(other, "these parameters", "the backend was opened", "open the backend with the parameters' NetworkSpec"));
        assertEquals("These parameters are for the network " + other + " but the backend was opened for " + SPEC
                + "; open the backend with the parameters' NetworkSpec.", e.getMessage());
    }

    @Test
    void requireExampleWidths_refuses_other_input_or_output_widths() {
        SPEC.requireExampleWidths(2, 1, "the batch");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SPEC.requireExampleWidths(3, 1, "the batch"));
        assertTrue(e.getMessage().startsWith("The batch has 3 inputs and 1 targets per example but the network 2,3,1"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> SPEC.requireExampleWidths(2, 2, "the batch"));
    }
}
