package dev.mlp4j.core.data;

import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example problems need at least one training and one test example. */
class ExamplesTest {

    @Test
    void negative_or_zero_sizes_are_refused_with_a_sentence() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Examples.circle(1, -5, 3));
        assertTrue(e.getMessage().contains("-5 and 3"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Examples.circle(1, 5, 0));
        assertThrows(InvalidInputException.class, () -> Examples.identity(1, 0, 3));
        assertThrows(InvalidInputException.class, () -> Examples.identity(1, 3, -1));
        Examples.TrainTest t = Examples.circle(1, 5, 3);
        assertEquals(5, t.train().size());
        assertEquals(3, t.test().size());
    }
}
