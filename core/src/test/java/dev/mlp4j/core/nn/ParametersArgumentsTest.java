package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameters of one network are never copied into, or read as, those of another. */
class ParametersArgumentsTest {
    private static final NetworkSpec SMALL = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);
    private static final NetworkSpec LARGE = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1);

    private static Parameters random(NetworkSpec spec) {
        return WeightInit.NORMAL.initialise(spec, new Random(1));
    }

    @Test
    void copyFrom_refuses_parameters_of_a_larger_or_smaller_network_and_leaves_its_own_unchanged() {
        Parameters small = random(SMALL);
        Parameters before = small.copy();
        InvalidInputException larger = assertThrows(InvalidInputException.class, () -> small.copyFrom(random(LARGE)));
        assertTrue(larger.getMessage().contains("2,5,1") && larger.getMessage().contains("2,3,1"), larger.getMessage());
        assertEquals(before, small);
        Parameters large = random(LARGE);
        assertThrows(InvalidInputException.class, () -> large.copyFrom(small));
        assertThrows(InvalidInputException.class, () -> small.copyFrom(null));
    }

    @Test
    void copyFrom_refuses_a_network_that_differs_only_in_activation_or_cost() {
        Parameters p = random(SMALL);
        NetworkSpec tanh = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);
        NetworkSpec quadratic = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 2, 3, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.copyFrom(random(tanh)));
        assertTrue(e.getMessage().contains("tanh"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> p.copyFrom(random(quadratic)));
        Parameters same = random(SMALL);
        same.setWeight(0, 0, 0, 42);
        p.copyFrom(same);
        assertEquals(same, p);
    }

    @Test
    void weight_indices_are_checked_so_that_k_cannot_run_into_the_next_row() {
        Parameters p = random(SMALL);
        assertNotEquals(p.weight(0, 1, 0), p.weight(0, 0, 1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.weight(0, 0, 2));
        assertTrue(e.getMessage().contains("(0, 0, 2)") && e.getMessage().contains("k < 2"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> p.weight(0, 3, 0));
        assertThrows(InvalidInputException.class, () -> p.weight(0, -1, 0));
        assertThrows(InvalidInputException.class, () -> p.weight(2, 0, 0));
        assertThrows(InvalidInputException.class, () -> p.weight(-1, 0, 0));
        Parameters before = p.copy();
        assertThrows(InvalidInputException.class, () -> p.setWeight(0, 0, 2, 9));
        assertThrows(InvalidInputException.class, () -> p.setWeight(1, 1, 0, 9));
        assertEquals(before, p, "a refused set changes nothing");
        p.setWeight(1, 0, 2, 7);
        assertEquals(7, p.weight(1, 0, 2));
        assertEquals(7, p.weights(1)[2]);
    }

    @Test
    void arrays_of_the_wrong_shape_or_null_are_refused_with_a_sentence() {
        assertThrows(InvalidInputException.class, () -> new Parameters(null));
        assertThrows(InvalidInputException.class, () -> new Parameters(SMALL, null, new double[2][]));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Parameters(SMALL, new double[][] {new double[6], null}, new double[][] {new double[3], new double[1]}));
        assertTrue(e.getMessage().contains("Weight layer 1"), e.getMessage());
    }

    @Test
    void copy_for_keeps_the_numbers_for_a_network_of_the_same_sizes_and_refuses_other_sizes() {
        NetworkSpec sigmoid = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);
        NetworkSpec linear = NetworkSpec.of(Activation.SIGMOID, Activation.LINEAR, Cost.QUADRATIC, 2, 3, 1);
        Parameters p = WeightInit.NORMAL.initialise(sigmoid, new Random(3));
        Parameters q = p.copyFor(linear);
        assertEquals(linear, q.spec());
        for (int l = 0; l < 2; l++) {
            assertEquals(Arrays.toString(p.weights(l)), Arrays.toString(q.weights(l)));
            assertEquals(Arrays.toString(p.biases(l)), Arrays.toString(q.biases(l)));
        }
        q.weights(0)[0] = 42;
        assertNotEquals(42.0, p.weights(0)[0], "a copy, not a view");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> p.copyFor(NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 4, 1)));
        assertEquals("Parameters of 2,3,1 cannot serve the network 2,4,1; give a network of the same layer sizes.", e.getMessage());
    }
}
