package dev.mlp4j.core.nn;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.Batch;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backprop refuses, at entry, batches and parameters it would otherwise misread. */
class BackpropArgumentsTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 4, 2);

    @Test
    void a_batch_of_other_input_or_output_width_is_refused_by_every_pass() {
        Backprop backprop = new Backprop(SPEC);
        Parameters p = WeightInit.NORMAL.initialise(SPEC, new Random(1));
        // Rows of 2 inputs read as rows of 3: the wrong examples, or a read past the end.
        Batch wide = new Batch(3, 2, 2, new double[6], new double[6]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> backprop.feedforward(p, wide, StepSettings.NONE));
        assertTrue(e.getMessage().contains("2 inputs"), e.getMessage());
        Batch moreTargets = new Batch(2, 3, 3, new double[6], new double[6]);
        assertThrows(InvalidInputException.class, () -> backprop.backprop(p, moreTargets, StepSettings.NONE, Gradients.zeros(SPEC)));
        assertThrows(InvalidInputException.class, () -> backprop.cost(p, moreTargets, StepSettings.NONE));
    }

    @Test
    void parameters_of_another_network_are_refused() {
        Backprop backprop = new Backprop(SPEC);
        NetworkSpec other = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 5, 2);
        Batch batch = new Batch(1, 3, 2, new double[3], new double[2]);
        assertThrows(InvalidInputException.class, () -> backprop.feedforward(new Parameters(other), batch, StepSettings.NONE));
    }
}
