package dev.mlp4j.gpu;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.testing.NetworkGenerators;
import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static dev.mlp4j.core.testing.FloatAgreement.OUTPUT;
import static dev.mlp4j.core.testing.FloatAgreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Every copy between host and device, checked on its own. On PoCL, device and host share memory, so a missing or
 * misdirected copy can go unnoticed there and only show on a GPU: these tests make each copy observable.
 */
class DeviceTransferTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 29, 21, 6);

    @ParameterizedTest
    @ValueSource(strings = {"vector", "clblast", "aparapi"})
    void parameters_and_velocities_come_back_as_sent_rounded_to_float(String kind) {
        TestDevices.assume(kind);
        Random random = new Random(1);
        Parameters p = WeightInit.NORMAL.initialise(SPEC, random);
        Parameters v = WeightInit.NORMAL.initialise(SPEC, random);
        try (Backend b = TestDevices.open(kind, SPEC)) {
            b.setParameters(p);
            assertExactlyFloat(p, b.parameters());
            assertExactlyFloat(new Parameters(SPEC), b.velocities());
            b.setVelocities(v);
            assertExactlyFloat(v, b.velocities());
            assertExactlyFloat(p, b.parameters());
            b.setParameters(v);
            assertExactlyFloat(new Parameters(SPEC), b.velocities());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "clblast", "aparapi"})
    void a_training_step_shows_in_parameters_and_forward(String kind) {
        TestDevices.assume(kind);
        Random random = new Random(2);
        DataSet train = dataSet(40, random);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(SPEC, random);
        StepSettings step = new StepSettings(0.5, 0.9, 0.01, 0, 0);
        try (Backend b = TestDevices.open(kind, SPEC);
             ReferenceBackend r = new ReferenceBackend(SPEC)) {
            b.setParameters(p);
            r.setParameters(p);
            b.bindTrainingSet(train);
            r.bindTrainingSet(train);
            int[] order = {5, 17, 3, 39, 0, 22, 8};
            b.trainBatch(order, 1, 6, step);
            r.trainBatch(order, 1, 6, step);
            Parameters after = b.parameters();
            assertNotEquals(b.parameters().weights(0)[0], p.weights(0)[0], "the step changed the device's parameters");
            assertAgree("parameters after a step", after, r.parameters(), 1e-5);
            assertAgree("forward after a step", b.forward(train.batch(0, 12)), r.forward(train.batch(0, 12)), OUTPUT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "clblast", "aparapi"})
    void rebinding_growing_batches_and_new_orders_all_reach_the_device(String kind) {
        TestDevices.assume(kind);
        Random random = new Random(3);
        DataSet first = dataSet(30, random);
        DataSet second = dataSet(50, random);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(SPEC, random);
        StepSettings step = new StepSettings(0.3, 0, 0, 0, 0);
        try (Backend b = TestDevices.open(kind, SPEC);
             ReferenceBackend r = new ReferenceBackend(SPEC)) {
            b.setParameters(p);
            r.setParameters(p);
            for (DataSet set : new DataSet[] {first, second}) {
                b.bindTrainingSet(set);
                r.bindTrainingSet(set);
                int[] order = new int[set.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = order.length - 1 - i;
                }
                b.trainBatch(order, 0, 3, step);
                r.trainBatch(order, 0, 3, step);
                // A larger batch than any before, from a new order of a different length.
                int[] other = new int[set.size() + 5];
                for (int i = 0; i < other.length; i++) {
                    other[i] = (i * 7) % set.size();
                }
                b.trainBatch(other, 2, 2 + set.size() / 2, step);
                r.trainBatch(other, 2, 2 + set.size() / 2, step);
                b.trainBatch(null, 0, 4, step);
                r.trainBatch(null, 0, 4, step);
            }
            assertAgree("parameters", b.parameters(), r.parameters(), 1e-5);
            double expected = r.drainCostSum();
            assertEquals(expected, b.drainCostSum(), 1e-5 * expected, "costs carried across growth and rebinding");
        }
    }

    private static void assertExactlyFloat(Parameters expected, Parameters actual) {
        for (int l = 0; l < SPEC.depth(); l++) {
            assertArrayEquals(rounded(expected.weights(l)), actual.weights(l), "weights[" + l + "]");
            assertArrayEquals(rounded(expected.biases(l)), actual.biases(l), "biases[" + l + "]");
        }
    }

    private static double[] rounded(double[] values) {
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) values[i];
        }
        return r;
    }

    private static DataSet dataSet(int n, Random random) {
        var batch = NetworkGenerators.randomBatch(SPEC, n, random);
        float[] x = new float[n * SPEC.inputSize()];
        float[] y = new float[n * SPEC.outputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) batch.inputs()[i];
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) batch.targets()[i];
        }
        return new DataSet("random", n, SPEC.inputSize(), SPEC.outputSize(), x, y, null);
    }
}
