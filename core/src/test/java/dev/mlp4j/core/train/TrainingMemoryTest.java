package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.Setting;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory a network's training needs at least, checked before its parameters are drawn. */
class TrainingMemoryTest {
    private static final long GB = 1L << 30;

    @Test
    void the_estimate_counts_six_copies_of_the_parameters_and_three_of_a_batchs_activations() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 30, 10);
        long parameters = 784 * 30 + 30 + 30 * 10 + 10;
        assertEquals(8 * (6 * parameters + 3 * (784 + 30 + 10) * 10L), TrainingMemory.bytesNeeded(spec, 10));
    }

    @Test
    void a_layer_of_a_million_neurons_is_refused_with_the_memory_it_needs_and_both_fixes() {
        NetworkSpec wide = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 1_048_576, 10);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrainingMemory.requireFits(wide, 10, 4 * GB));
        assertEquals("Training the network 784,1048576,10 (833617930 parameters, batch 10) needs at least 37.5 GB of memory, but Java may"
                + " use 4.0 GB; use smaller layers, or give Java more memory (java -Xmx57g).", e.getMessage());
        assertEquals(List.of(Setting.JAVA_HEAP), e.problem().orElseThrow().fix().settings());
        NetworkSpec usual = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 100, 10);
        assertDoesNotThrow(() -> TrainingMemory.requireFits(usual, 10, 64L << 20));
        assertTrue(TrainingMemory.bytesNeeded(usual, 10) < 8L << 20);
    }
}
