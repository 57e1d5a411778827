package dev.mlp4j.core.check;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A random batch needs at least one example. */
class RandomBatchTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);

    @Test
    void a_negative_or_zero_size_is_refused_with_a_sentence() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RandomBatch.of(SPEC, -1, new Random(1)));
        assertTrue(e.getMessage().contains("-1 examples"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> RandomBatch.of(SPEC, 0, new Random(1)));
        assertThrows(InvalidInputException.class, () -> RandomBatch.of(null, 2, new Random(1)));
        assertEquals(2, RandomBatch.of(SPEC, 2, new Random(1)).size());
    }
}
