package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.testing.NetworkGenerators;
import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;
import java.util.stream.IntStream;

import static dev.mlp4j.core.testing.FloatAgreement.OUTPUT;
import static dev.mlp4j.core.testing.FloatAgreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A batch of 70,000 rows, more than the 65,535 work-groups NVIDIA's driver allows in a grid's dimension 1, on both
 * engines: every launch passes through {@link LaunchGeometry}, which refuses what that driver would, so a launch
 * that put one row per group in dimension 1 fails here on PoCL too, and the results must still agree with core's.
 */
class LargeBatchTest {
    private static final int ROWS = 70_000;
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 30, 20, 4);

    @ParameterizedTest
    @EnumSource(value = MatrixEngine.class, names = {"VECTOR_KERNELS", "CLBLAST"})
    void one_training_step_over_70000_rows_with_dropout_gives_the_reference_parameters(MatrixEngine engine) {
        TestDevices.assumeOpenCl();
        Random random = new Random(3);
        DataSet train = sparseSet(random);
        Parameters start = WeightInit.NORMAL_SCALED.initialise(SPEC, random);
        int[] order = IntStream.range(0, ROWS).map(i -> ROWS - 1 - i).toArray();
        StepSettings step = new StepSettings(0.5, 0.5, 0.001, 0.3, 17);
        try (Backend device = OpenClBackend.open(SPEC, BackendOptions.DEFAULT, engine);
             ReferenceBackend reference = new ReferenceBackend(SPEC)) {
            for (Backend b : new Backend[] {device, reference}) {
                b.setParameters(start);
                b.bindTrainingSet(train);
                b.trainBatch(order, 0, ROWS, step);
            }
            assertAgree(engine + ": parameters after one step", device.parameters(), reference.parameters(), 1e-5);
            double expected = reference.drainCostSum();
            assertEquals(expected, device.drainCostSum(), 1e-4 * expected, engine + ": cost sum");
        }
    }

    @ParameterizedTest
    @EnumSource(value = MatrixEngine.class, names = {"VECTOR_KERNELS", "CLBLAST"})
    void the_outputs_of_70000_rows_from_the_host_agree_with_the_reference(MatrixEngine engine) {
        TestDevices.assumeOpenCl();
        Random random = new Random(4);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(SPEC, random);
        Batch batch = NetworkGenerators.randomBatch(SPEC, ROWS, random);
        try (Backend device = OpenClBackend.open(SPEC, BackendOptions.DEFAULT, engine);
             ReferenceBackend reference = new ReferenceBackend(SPEC)) {
            device.setParameters(p);
            reference.setParameters(p);
            assertAgree(engine + ": outputs", device.forward(batch), reference.forward(batch), OUTPUT);
        }
    }

    /** Four inputs in five 0, as in MNIST, so that the vector engine reads layer 0 from compressed rows. */
    private static DataSet sparseSet(Random random) {
        float[] x = new float[ROWS * SPEC.inputSize()];
        int[] labels = new int[ROWS];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(5) == 0 ? random.nextFloat() : 0f;
        }
        for (int i = 0; i < ROWS; i++) {
            labels[i] = random.nextInt(SPEC.outputSize());
        }
        return DataSet.classification("sparse", SPEC.inputSize(), SPEC.outputSize(), x, labels);
    }
}
