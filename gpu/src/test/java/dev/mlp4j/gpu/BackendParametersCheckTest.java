package dev.mlp4j.gpu;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device backends refuse parameters, velocities and examples of another network, as the reference does, before any upload. */
class BackendParametersCheckTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 3, 1);

    @ParameterizedTest
    @ValueSource(strings = {"vector", "clblast", "aparapi"})
    void parameters_or_velocities_of_another_network_are_refused_and_change_nothing(String kind) {
        TestDevices.assume(kind);
        NetworkSpec larger = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1);
        NetworkSpec quadratic = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.QUADRATIC, 2, 3, 1);
        try (Backend b = TestDevices.open(kind, SPEC)) {
            Parameters own = WeightInit.NORMAL.initialise(SPEC, new Random(1));
            b.setParameters(own);
            Parameters before = b.parameters();
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> b.setParameters(WeightInit.NORMAL.initialise(larger, new Random(2))));
            assertTrue(e.getMessage().startsWith("These parameters are for the network " + larger), e.getMessage());
            assertThrows(InvalidInputException.class, () -> b.setParameters(new Parameters(quadratic)));
            assertThrows(InvalidInputException.class, () -> b.setVelocities(new Parameters(larger)));
            assertThrows(InvalidInputException.class, () -> b.setParameters(null));
            assertEquals(before, b.parameters());
            assertEquals(new Parameters(SPEC), b.velocities());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "clblast", "aparapi"})
    void batches_and_training_sets_of_other_widths_are_refused_before_they_are_read_as_rows(String kind) {
        TestDevices.assume(kind);
        try (Backend b = TestDevices.open(kind, SPEC)) {
            b.setParameters(WeightInit.NORMAL.initialise(SPEC, new Random(1)));
            Batch wide = new Batch(2, 3, 1, new double[6], new double[2]);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> b.forward(wide));
            assertTrue(e.getMessage().startsWith("The batch has 3 inputs and 1 targets per example but the network " + SPEC), e.getMessage());
            Batch twoTargets = new Batch(3, 2, 2, new double[6], new double[6]);
            assertThrows(InvalidInputException.class, () -> b.gradients(twoTargets, StepSettings.NONE));
            DataSet narrow = new DataSet("narrow", 4, 1, 1, new float[4], new float[4], null);
            assertThrows(InvalidInputException.class, () -> b.bindTrainingSet(narrow));
            // A batch that fits still runs afterwards.
            assertEquals(3, b.forward(new Batch(3, 2, 1, new double[6], new double[3])).length);
        }
    }
}
