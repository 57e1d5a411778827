package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Gradients compare by content, hold arrays of their network's shape, and check weight indices. */
class GradientsTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.TANH, Activation.LINEAR, Cost.QUADRATIC, 2, 3, 2);

    @Test
    void two_gradients_with_the_same_entries_are_equal_and_hash_alike() {
        Gradients a = Gradients.zeros(SPEC);
        Gradients b = Gradients.zeros(SPEC);
        a.weights()[1][4] = 0.25;
        b.weights()[1][4] = 0.25;
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        b.biases()[0][2] = 1;
        assertNotEquals(a, b);
        assertNotEquals(Gradients.zeros(SPEC), Gradients.zeros(NetworkSpec.of(Activation.RELU, Activation.LINEAR, Cost.QUADRATIC, 2, 3, 2)));
    }

    @Test
    void arrays_of_another_shape_and_indices_outside_the_network_are_refused() {
        assertThrows(InvalidInputException.class, () -> new Gradients(SPEC, new double[][] {new double[6]}, new double[][] {new double[3]}));
        assertThrows(InvalidInputException.class, () -> new Gradients(SPEC, new double[][] {new double[6], new double[5]},
                new double[][] {new double[3], new double[2]}));
        Gradients g = Gradients.zeros(SPEC);
        g.weights()[0][2] = 5;
        assertEquals(5, g.weight(0, 1, 0));
        assertThrows(InvalidInputException.class, () -> g.weight(0, 0, 2));
        assertThrows(InvalidInputException.class, () -> g.weight(2, 0, 0));
    }
}
