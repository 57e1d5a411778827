package dev.mlp4j.core.check;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gradient check that cannot mean anything is refused instead of reporting passed or failed. */
class GradientCheckArgumentsTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 2, 5, 1);

    @Test
    void tolerances_must_be_finite_and_positive_and_the_floor_not_negative() {
        for (double bad : new double[] {Double.NaN, 0, -1e-3, Double.POSITIVE_INFINITY}) {
            assertThrows(InvalidInputException.class, () -> new GradientCheck(bad, 1e-3, 1e-8), "epsilon " + bad);
            assertThrows(InvalidInputException.class, () -> new GradientCheck(1e-6, bad, 1e-8), "max relative error " + bad);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new GradientCheck(1e-6, Double.NaN, 1e-8));
        assertTrue(e.getMessage().contains("maxRelativeError is NaN"), e.getMessage());
        for (double bad : new double[] {Double.NaN, -1e-8, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}) {
            assertThrows(InvalidInputException.class, () -> new GradientCheck(1e-6, 1e-3, bad), "min absolute error " + bad);
        }
        new GradientCheck(1e-6, 1e-3, 0);
        assertThrows(InvalidInputException.class, () -> new GradientCheck(null, 1e-6, 1e-3, 1e-8));
    }

    @Test
    void a_batch_of_another_network_or_an_empty_one_is_refused() {
        Parameters p = WeightInit.NORMAL_SCALED.initialise(SPEC, new Random(1));
        NetworkSpec threeInputs = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 5, 1);
        Batch other = RandomBatch.of(threeInputs, 4, new Random(2));
        assertThrows(InvalidInputException.class, () -> new GradientCheck().check(p, other, StepSettings.NONE));
        Batch empty = new Batch(0, 2, 1, new double[0], new double[0]);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new GradientCheck().check(p, empty, StepSettings.NONE));
        assertTrue(e.getMessage().startsWith("The batch is empty"), e.getMessage());
        assertTrue(new GradientCheck().check(p, RandomBatch.of(SPEC, 4, new Random(2)), StepSettings.NONE).passed());
    }
}
