package dev.mlp4j.core.backend;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.Examples;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference backend refuses parameters, velocities, batches and data of another network than its own. */
class ReferenceBackendArgumentsTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);
    private static final NetworkSpec LARGER = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1);

    @Test
    void parameters_and_velocities_of_another_network_are_refused_and_change_nothing() {
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            Parameters own = WeightInit.NORMAL.initialise(SPEC, new Random(1));
            backend.setParameters(own);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> backend.setParameters(WeightInit.NORMAL.initialise(LARGER, new Random(2))));
            assertEquals("These parameters are for the network " + LARGER + " but the backend was opened for " + SPEC
                    + "; open the backend with the parameters' NetworkSpec.", e.getMessage());
            NetworkSpec quadratic = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 2, 3, 1);
            assertThrows(InvalidInputException.class, () -> backend.setParameters(new Parameters(quadratic)));
            InvalidInputException v = assertThrows(InvalidInputException.class, () -> backend.setVelocities(new Parameters(LARGER)));
            assertTrue(v.getMessage().startsWith("These velocities are for"), v.getMessage());
            assertThrows(InvalidInputException.class, () -> backend.setParameters(null));
            assertThrows(InvalidInputException.class, () -> backend.setVelocities(null));
            assertEquals(own, backend.parameters());
            assertEquals(new Parameters(SPEC), backend.velocities());
        }
    }

    @Test
    void a_batch_or_training_set_of_other_widths_is_refused() {
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            backend.setParameters(WeightInit.NORMAL.initialise(SPEC, new Random(1)));
            Batch threeInputs = new Batch(2, 3, 1, new double[6], new double[2]);
            assertThrows(InvalidInputException.class, () -> backend.forward(threeInputs));
            assertThrows(InvalidInputException.class, () -> backend.gradients(threeInputs, StepSettings.NONE));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> backend.bindTrainingSet(Examples.identity(1, 4, 4).train()));
            assertTrue(e.getMessage().startsWith("The training set identity-train"), e.getMessage());
            assertEquals(3, backend.forward(Examples.circle(1, 3, 1).train().batch(0, 3)).length);
        }
    }
}
