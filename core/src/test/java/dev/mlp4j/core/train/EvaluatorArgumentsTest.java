package dev.mlp4j.core.train;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Evaluate scores only data of the backend's widths; any other is refused before a number is made up from it. */
class EvaluatorArgumentsTest {
    private static final NetworkSpec CIRCLE = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1);

    @Test
    void data_of_other_input_or_output_width_is_refused_naming_the_set() {
        try (ReferenceBackend backend = new ReferenceBackend(CIRCLE)) {
            backend.setParameters(WeightInit.NORMAL_SCALED.initialise(CIRCLE, new Random(1)));
            DataSet identity = Examples.identity(1, 10, 10).test();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Evaluator.evaluate(backend, identity));
            assertTrue(e.getMessage().startsWith("The data set identity-test"), e.getMessage());
            // Three inputs per example: read as rows of two, it would be scored with believable numbers.
            DataSet wider = new DataSet("wider", 4, 3, 1, new float[12], new float[4], new int[4]);
            assertThrows(InvalidInputException.class, () -> Evaluator.evaluate(backend, wider));
            assertThrows(InvalidInputException.class, () -> Evaluator.evaluate(backend, null));
            assertEquals(10, Evaluator.evaluate(backend, Examples.circle(1, 10, 10).test()).examples());
        }
    }
}
