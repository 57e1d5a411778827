package dev.mlp4j.gpu;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.gpu.ParameterLayout.WeightOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both backends' parameter arrays: weights first, then biases, each weight matrix in its backend's order. */
class ParameterLayoutTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 4, 2);

    /** Parameters whose every value says where it belongs: layer, unit and input, distinct and exact in float. */
    private static Parameters labelled() {
        Parameters p = new Parameters(SPEC);
        for (int l = 0; l < SPEC.depth(); l++) {
            int in = SPEC.size(l);
            for (int j = 0; j < SPEC.size(l + 1); j++) {
                for (int k = 0; k < in; k++) {
                    p.weights(l)[j * in + k] = 100 * (l + 1) + 10 * j + k;
                }
                p.biases(l)[j] = -(100 * (l + 1) + 10 * j);
            }
        }
        return p;
    }

    @Test
    void weights_come_first_then_biases_with_the_offsets_of_each_layer() {
        ParameterLayout layout = new ParameterLayout(SPEC, WeightOrder.BY_INPUT);
        assertEquals(0, layout.weightOffset(0));
        assertEquals(3 * 4, layout.weightOffset(1));
        assertEquals(3 * 4 + 4 * 2, layout.weightCount());
        assertEquals(layout.weightCount(), layout.biasOffset(0));
        assertEquals(layout.weightCount() + 4, layout.biasOffset(1));
        assertEquals(layout.weightCount() + 4 + 2, layout.total());
    }

    @Test
    void by_unit_keeps_the_order_of_parameters_and_by_input_transposes_each_matrix() {
        Parameters p = labelled();
        float[] byUnit = new ParameterLayout(SPEC, WeightOrder.BY_UNIT).pack(p);
        float[] byInput = new ParameterLayout(SPEC, WeightOrder.BY_INPUT).pack(p);
        // Layer 1 (4 inputs, 2 units), weight from input k = 3 to unit j = 1: value 100 * 2 + 10 * 1 + 3.
        int base = 3 * 4;
        assertEquals(213f, byUnit[base + 1 * 4 + 3]);
        assertEquals(213f, byInput[base + 3 * 2 + 1]);
        // Layer 0's first unit's weights: contiguous by unit, strided by input.
        assertArrayEquals(new float[] {100, 101, 102}, new float[] {byUnit[0], byUnit[1], byUnit[2]});
        assertArrayEquals(new float[] {100, 101, 102}, new float[] {byInput[0], byInput[4], byInput[8]});
        int biases = 3 * 4 + 4 * 2;
        assertArrayEquals(new float[] {-100, -110, -120, -130, -200, -210},
                Arrays.copyOfRange(byInput, biases, biases + 6));
        assertArrayEquals(Arrays.copyOfRange(byUnit, biases, biases + 6),
                Arrays.copyOfRange(byInput, biases, biases + 6));
    }

    @ParameterizedTest
    @EnumSource(WeightOrder.class)
    void unpacking_gives_back_what_was_packed_as_parameters_and_as_gradients(WeightOrder order) {
        ParameterLayout layout = new ParameterLayout(SPEC, order);
        Parameters p = labelled();
        float[] packed = layout.pack(p);
        Parameters back = layout.unpack(packed);
        Gradients g = layout.unpackGradients(packed);
        for (int l = 0; l < SPEC.depth(); l++) {
            assertArrayEquals(p.weights(l), back.weights(l));
            assertArrayEquals(p.biases(l), back.biases(l));
            assertArrayEquals(p.weights(l), g.weights()[l]);
            assertArrayEquals(p.biases(l), g.biases()[l]);
        }
        float[] into = new float[layout.total()];
        layout.pack(p, into);
        assertArrayEquals(packed, into, "packing into an array gives the same values");
    }

    @Test
    void a_network_with_more_parameters_than_an_array_addresses_is_refused() {
        // Each layer's weights fit one array, as NetworkSpec requires; together they do not.
        NetworkSpec huge = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 40_000, 40_000, 40_000);
        for (WeightOrder order : WeightOrder.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ParameterLayout(huge, order));
            assertTrue(e.getMessage().contains("has more parameters than one device buffer addresses"), e.getMessage());
        }
    }
}
