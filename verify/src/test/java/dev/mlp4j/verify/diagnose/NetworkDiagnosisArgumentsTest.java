package dev.mlp4j.verify.diagnose;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A diagnosis that would report nothing, or advise the wrong thing, because of its arguments is refused. */
class NetworkDiagnosisArgumentsTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 4, 5, 3);

    @Test
    void a_nan_zero_negative_or_infinite_learning_rate_is_refused() {
        Parameters p = WeightInit.NORMAL_SCALED.initialise(SPEC, new Random(1));
        List<Batch> batches = NetworkDiagnosisTest.batches(SPEC, 2, 10, 1, 3);
        for (double lr : new double[] {Double.NaN, 0, -0.5, Double.POSITIVE_INFINITY}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> NetworkDiagnosis.run(p, batches, lr, Thresholds.DEFAULT), "learning rate " + lr);
            assertTrue(e.getMessage().startsWith("The learning rate is " + lr), e.getMessage());
        }
    }

    @Test
    void batches_of_another_network_empty_ones_and_missing_arguments_are_refused() {
        Parameters p = WeightInit.NORMAL_SCALED.initialise(SPEC, new Random(1));
        NetworkSpec wider = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 6, 5, 3);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NetworkDiagnosis.run(p, NetworkDiagnosisTest.batches(wider, 1, 10, 1, 3), 0.5, Thresholds.DEFAULT));
        assertTrue(e.getMessage().startsWith("Batch 0 has 6 inputs"), e.getMessage());
        List<Batch> empty = List.of(new Batch(0, 4, 3, new double[0], new double[0]));
        assertThrows(InvalidInputException.class, () -> NetworkDiagnosis.run(p, empty, 0.5, Thresholds.DEFAULT));
        List<Batch> good = NetworkDiagnosisTest.batches(SPEC, 1, 10, 1, 3);
        assertThrows(InvalidInputException.class, () -> NetworkDiagnosis.run(p, good, 0.5, null));
        assertThrows(InvalidInputException.class, () -> NetworkDiagnosis.run(null, good, 0.5, Thresholds.DEFAULT));
    }
}
