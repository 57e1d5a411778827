package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Setting;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A spec is valid by construction: every way of building an untrainable network is refused with what to change. */
class NetworkSpecTest {

    private static InvalidInputException refused(Runnable build) {
        return assertThrows(InvalidInputException.class, build::run);
    }

    @Test
    void softmax_hidden_layers_are_refused_with_the_activations_to_use_instead() {
        InvalidInputException e = refused(() -> NetworkSpec.of(Activation.SOFTMAX, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 4, 3, 2));
        assertTrue(e.getMessage().contains("softmax can only be the output activation"), e.getMessage());
        assertTrue(e.getMessage().contains("use the hidden activation sigmoid"), e.getMessage());
    }

    @Test
    void without_hidden_layers_the_hidden_activation_is_unused_even_if_it_is_softmax() {
        NetworkSpec spec = NetworkSpec.of(Activation.SOFTMAX, Activation.SIGMOID, Cost.QUADRATIC, 3, 2);
        assertEquals(Activation.SIGMOID, spec.activation(0));
    }

    @Test
    void a_zero_size_layer_is_refused_naming_the_layer() {
        InvalidInputException e = refused(() -> NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 4, 3, 0, 2));
        assertTrue(e.getMessage().contains("Layer 2 has 0 neurons"), e.getMessage());
        assertTrue(e.getMessage().contains("4,3,0,2"), e.getMessage());
        InvalidInputException negative = refused(() -> NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, -1, 2));
        assertTrue(negative.getMessage().contains("Layer 0 has -1 neurons"), negative.getMessage());
    }

    @Test
    void fewer_than_two_layers_are_refused() {
        InvalidInputException e = refused(() -> NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 5));
        assertTrue(e.getMessage().contains("at least an input and an output layer"), e.getMessage());
        refused(() -> new NetworkSpec(null, Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC));
    }

    @Test
    void layers_too_wide_for_a_java_array_are_refused() {
        InvalidInputException wide = refused(() -> NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC,
                NetworkSpec.MAX_LAYER_SIZE + 1, 2));
        assertTrue(wide.getMessage().contains("Layer 0"), wide.getMessage());
        InvalidInputException product = refused(() -> NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC,
                NetworkSpec.MAX_LAYER_SIZE, NetworkSpec.MAX_LAYER_SIZE));
        assertTrue(product.getMessage().contains("Layers 0 and 1"), product.getMessage());
    }

    @Test
    void missing_activations_or_cost_are_refused() {
        refused(() -> NetworkSpec.of((Activation) null, Activation.SIGMOID, Cost.QUADRATIC, 2, 2));
        refused(() -> NetworkSpec.of(Activation.SIGMOID, null, Cost.QUADRATIC, 2, 2));
        refused(() -> NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, null, 2, 2));
    }

    @Test
    void invalid_output_and_cost_pairs_are_refused_with_a_sentence_saying_what_to_change() {
        InvalidInputException ce = refused(() -> NetworkSpec.of(Activation.SIGMOID, Activation.LINEAR, Cost.CROSS_ENTROPY, 2, 3, 1));
        assertTrue(ce.getMessage().startsWith("The cross-entropy cost"), ce.getMessage());
        assertTrue(ce.getMessage().contains("use the output activation sigmoid, or the cost quadratic"), ce.getMessage());
        assertEquals(List.of(Setting.OUTPUT, Setting.COST), ce.problem().orElseThrow().fix().settings());
        assertTrue(ce.getMessage().endsWith("."), ce.getMessage());

        InvalidInputException ll = refused(() -> NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.LOG_LIKELIHOOD, 2, 3, 2));
        assertTrue(ll.getMessage().startsWith("The log-likelihood cost"), ll.getMessage());
        assertTrue(ll.getMessage().contains("use the output activation softmax"), ll.getMessage());
    }

    @Test
    void every_pair_the_cost_accepts_builds_and_every_pair_it_refuses_throws() {
        for (Activation output : Activation.values()) {
            for (Cost cost : Cost.values()) {
                boolean valid = cost.incompatibility(output) == null;
                try {
                    NetworkSpec.of(Activation.TANH, output, cost, 3, 4, 2);
                    assertTrue(valid, output + "/" + cost + " should have been refused");
                } catch (InvalidInputException e) {
                    assertTrue(!valid, output + "/" + cost + " was refused: " + e.getMessage());
                }
            }
        }
    }

    @Test
    void the_layer_list_is_copied_and_immutable() {
        List<Integer> layers = new ArrayList<>(List.of(3, 4, 2));
        NetworkSpec spec = new NetworkSpec(layers, Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC);
        layers.set(1, 99);
        assertEquals(List.of(3, 4, 2), spec.layers());
        assertThrows(UnsupportedOperationException.class, () -> spec.layers().set(0, 1));
    }

    @Test
    void sizes_depth_and_parameter_count_describe_the_layers() {
        NetworkSpec spec = NetworkSpec.of(Activation.RELU, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 784, 30, 10);
        assertEquals(3, spec.layerCount());
        assertEquals(2, spec.depth());
        assertEquals(784, spec.inputSize());
        assertEquals(10, spec.outputSize());
        assertEquals(784 * 30 + 30 + 30 * 10 + 10, spec.parameterCount());
        assertEquals(Activation.RELU, spec.activation(0));
        assertEquals(Activation.SOFTMAX, spec.activation(1));
        assertEquals("784,30,10", spec.layersText());
    }

    @Test
    void parseLayers_reads_comma_separated_sizes_and_refuses_anything_else() {
        assertEquals(List.of(784, 30, 10), NetworkSpec.parseLayers("784, 30 ,10"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkSpec.parseLayers("784;30"));
        assertTrue(e.getMessage().contains("'784;30'") && e.getMessage().contains("separated by commas or hyphens"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> NetworkSpec.parseLayers("2,,3"));
    }

    @Test
    void parseLayers_reads_hyphen_separated_sizes_as_networks_are_written_in_prose() {
        assertEquals(List.of(784, 30, 10), NetworkSpec.parseLayers("784-30-10"));
        assertEquals(List.of(784, 30, 10), NetworkSpec.parseLayers("784 - 30 - 10"));
        assertThrows(InvalidInputException.class, () -> NetworkSpec.parseLayers("784-30,10"));
        assertThrows(InvalidInputException.class, () -> NetworkSpec.parseLayers("784--10"));
        assertThrows(InvalidInputException.class, () -> NetworkSpec.parseLayers("784-30-"));
    }

    @Test
    void parseLayers_refuses_a_trailing_comma_as_it_does_a_leading_one() {
        assertThrows(InvalidInputException.class, () -> NetworkSpec.parseLayers(",2,1"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkSpec.parseLayers("2,5,1,"));
        assertTrue(e.getMessage().contains("'2,5,1,'"), e.getMessage());
    }
}
