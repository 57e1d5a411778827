package dev.mlp4j.core.testing;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.ReferenceBackend;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static dev.mlp4j.core.testing.FloatAgreement.GRADIENT;
import static dev.mlp4j.core.testing.FloatAgreement.OUTPUT;
import static dev.mlp4j.core.testing.FloatAgreement.assertAgree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

/**
 * What every float32 backend must agree on with core's ReferenceBackend: forward outputs, gradients (with L2 and
 * dropout), SGD steps with momentum, and the training costs. Each backend's test class extends this, and the
 * coverage guard ({@code BackendCoverageTest}) finds every such class by the backend it {@linkplain #provider() covers}.
 */
public abstract class ReferenceAgreement {
    /** Parameters after a few steps: float32 rounding of the parameters themselves plus the steps' gradient errors. */
    protected static final double PARAMETERS = 1e-5;

    /** Skips the tests, saying what to install, when the backend cannot run here. */
    protected abstract void assumeAvailable();

    protected abstract Backend open(NetworkSpec spec);

    /** The name of the backend provider whose backends {@link #open} opens, as {@code --backend} takes it. */
    protected abstract String provider();

    /** {@link #provider()}, for the coverage guard in another package. */
    public final String declaredProvider() {
        return provider();
    }

    /** Checks a backend after use; Aparapi's tests check there that it ran on OpenCL. */
    protected void afterUse(Backend backend) {
    }

    @BeforeEach
    final void requireDevice() {
        assumeAvailable();
    }

    @Test
    void gradients_agree_with_the_reference_on_random_networks() {
        qt().withExamples(40).forAll(NetworkGenerators.networks(NetworkGenerators.validKinds(), 3, 12, 8))
                .checkAssert(this::gradientsAgree);
    }

    @Test
    void gradients_agree_on_layers_and_batches_wider_than_one_tile() {
        qt().withExamples(10).forAll(NetworkGenerators.networks(NetworkGenerators.validKinds(), 2, 40, 20))
                .checkAssert(this::gradientsAgree);
    }

    /**
     * The cases the coverage guard counts: each valid (output, cost) pair with every hidden activation under it,
     * through outputs, gradients with L2 and dropout, and steps with momentum; on a backend of the provider declared.
     */
    @Test
    void every_activation_and_output_cost_pair_agrees_with_the_reference() {
        StepSettings dropout = StepSettings.gradientOnly(0.05, 0.3, 17);
        for (NetworkSpec spec : AgreementCases.everyActivationAndPair()) {
            NetworkCase c = NetworkGenerators.build(spec.layers(), spec.hiddenActivations(), spec.output(), spec.cost(), 7, 5);
            try (Backend b = open(spec)) {
                assertEquals(provider(), b.info().name(), "the backend this suite says it covers");
                b.setParameters(c.parameters());
                assertAgree(spec + ": outputs", b.forward(c.batch()), reference(c).forward(c.batch()), OUTPUT);
                assertAgree(spec + ": gradients", b.gradients(c.batch(), dropout), reference(c).gradients(c.batch(), dropout), GRADIENT);
                afterUse(b);
            }
            stepsAgree(spec, new StepSettings[] {new StepSettings(0.2, 0.5, 0.01, 0.3, 11), new StepSettings(0.2, 0.5, 0, 0, 0)});
        }
    }

    @Test
    void forward_outputs_agree_within_1e_5() {
        qt().withExamples(30).forAll(NetworkGenerators.networks(NetworkGenerators.validKinds(), 3, 24, 12)).checkAssert(c -> {
            double[] expected = reference(c).forward(c.batch());
            try (Backend b = open(c.spec())) {
                b.setParameters(c.parameters());
                double[] actual = b.forward(c.batch());
                afterUse(b);
                assertAgree(c + ": outputs", actual, expected, OUTPUT);
            }
        });
    }

    @Test
    void one_sgd_step_with_momentum_and_l2_gives_the_reference_parameters() {
        NetworkSpec spec = NetworkSpec.of(Activation.TANH, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 23, 19, 17, 7);
        stepsAgree(spec, new StepSettings[] {new StepSettings(0.3, 0.9, 0.02, 0, 0)});
    }

    @Test
    void steps_with_dropout_give_the_reference_parameters() {
        NetworkSpec spec = NetworkSpec.of(Activation.RELU, Activation.SIGMOID, Cost.CROSS_ENTROPY, 21, 33, 18, 4);
        stepsAgree(spec, new StepSettings[] {
                new StepSettings(0.2, 0.5, 0.01, 0.4, 11), new StepSettings(0.2, 0.5, 0.01, 0.4, 12),
                new StepSettings(0.2, 0, 0, 0.25, 13)});
    }

    /**
     * A different activation in each hidden layer, through every path a backend has: an output at most 16 wide
     * (the vector kernels take BP2 into the last hidden layer in the output's launch), a wider one, and sparse
     * inputs (layer 0 from compressed rows); outputs, gradients with dropout, and steps.
     */
    @Test
    void networks_with_an_activation_per_hidden_layer_agree_with_the_reference() {
        NetworkSpec narrow = NetworkSpec.of(List.of(Activation.RELU, Activation.TANH, Activation.SIGMOID), Activation.SOFTMAX,
                Cost.LOG_LIKELIHOOD, 21, 33, 18, 12, 5);
        NetworkSpec wide = NetworkSpec.of(List.of(Activation.SIGMOID, Activation.RELU), Activation.LINEAR, Cost.QUADRATIC, 13, 20, 24, 17);
        for (NetworkSpec spec : List.of(narrow, wide)) {
            NetworkCase c = NetworkGenerators.build(spec.layers(), spec.hiddenActivations(), spec.output(), spec.cost(), 9, 3);
            StepSettings dropout = StepSettings.gradientOnly(0.05, 0.3, 17);
            try (Backend b = open(spec)) {
                b.setParameters(c.parameters());
                assertAgree(spec + ": outputs", b.forward(c.batch()), reference(c).forward(c.batch()), OUTPUT);
                assertAgree(spec + ": gradients", b.gradients(c.batch(), dropout), reference(c).gradients(c.batch(), dropout), GRADIENT);
                afterUse(b);
            }
            stepsAgree(spec, new StepSettings[] {new StepSettings(0.2, 0.5, 0.01, 0.4, 11), new StepSettings(0.2, 0.5, 0, 0, 0)});
        }
        NetworkSpec sparse = NetworkSpec.of(List.of(Activation.TANH, Activation.RELU), Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 70, 40, 30, 10);
        stepsAgree(sparse, sparseSet(sparse, 60, new Random(9)), new StepSettings[] {
                new StepSettings(0.3, 0.5, 0.01, 0, 0), new StepSettings(0.3, 0.5, 0.01, 0.3, 21)});
    }

    @Test
    void two_epochs_in_different_orders_train_and_cost_as_the_reference() {
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.LINEAR, Cost.QUADRATIC, 13, 20, 3);
        Random random = new Random(5);
        DataSet train = dataSet(spec, 37, random);
        Parameters start = WeightInit.NORMAL_SCALED.initialise(spec, random);
        try (Backend device = open(spec); ReferenceBackend reference = new ReferenceBackend(spec)) {
            for (Backend b : new Backend[] {device, reference}) {
                b.setParameters(start);
                b.bindTrainingSet(train);
            }
            int[] order = identityOrder(train.size());
            StepSettings s = new StepSettings(0.5, 0.6, 0.001, 0, 0);
            for (int epoch = 0; epoch < 2; epoch++) {
                // The same array, shuffled in place between epochs, as a trainer does it.
                shuffle(order, random);
                for (int from = 0; from < order.length; from += 8) {
                    int to = Math.min(order.length, from + 8);
                    device.trainBatch(order, from, to, s);
                    reference.trainBatch(order, from, to, s);
                }
                double expected = reference.drainCostSum();
                assertEquals(expected, device.drainCostSum(), 1e-5 * Math.abs(expected), "cost sum of epoch " + epoch);
                assertEquals(0.0, device.drainCostSum(), "a second drain finds nothing");
            }
            afterUse(device);
            assertAgree("parameters after two epochs", device.parameters(), reference.parameters(), PARAMETERS * 10);
        }
    }

    @Test
    void training_on_a_sparse_set_like_mnist_agrees_with_the_reference() {
        // Four inputs in five are 0, as in MNIST, so the opencl backend reads layer 0 from compressed rows.
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 70, 40, 10);
        stepsAgree(spec, sparseSet(spec, 60, new Random(9)), new StepSettings[] {
                new StepSettings(0.3, 0.5, 0.01, 0, 0), new StepSettings(0.3, 0.5, 0.01, 0.3, 21), new StepSettings(0.3, 0, 0, 0, 0)});
    }

    @Test
    void a_batch_of_more_rows_than_a_kernel_lists_at_once_agrees_with_the_reference() {
        // 1,100 rows: the vector kernels' weight gradient lists a batch's rows 512 at a time.
        NetworkSpec spec = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 70, 40, 10);
        DataSet sparse = sparseSet(spec, 1100, new Random(10));
        stepsAgree(spec, sparse, 0, sparse.size(), new StepSettings(0.3, 0.5, 0.01, 0, 0));
        DataSet dense = dataSet(spec, 1100, new Random(11));
        stepsAgree(spec, dense, 0, dense.size(), new StepSettings(0.3, 0.5, 0.01, 0.3, 5));
    }

    /** Random classification examples with four inputs in five 0, as sparse as MNIST's. */
    private static DataSet sparseSet(NetworkSpec spec, int n, Random random) {
        float[] x = new float[n * spec.inputSize()];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(5) == 0 ? random.nextFloat() : 0f;
        }
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(spec.outputSize());
        }
        return DataSet.classification("sparse", spec.inputSize(), spec.outputSize(), x, labels);
    }

    @Test
    void costs_of_saturated_outputs_stay_finite_and_agree_with_the_reference() {
        // Output z of ±40 and beyond: float32 rounds such a sigmoid or softmax unit to exactly 1, so a cost taken
        // from a would read Infinity (and stop training as diverged) where the true cost is about |z|.
        Activation[] outputs = {Activation.SIGMOID, Activation.SOFTMAX, Activation.SOFTMAX};
        Cost[] costs = {Cost.CROSS_ENTROPY, Cost.LOG_LIKELIHOOD, Cost.CROSS_ENTROPY};
        for (int pair = 0; pair < outputs.length; pair++) {
            NetworkSpec spec = NetworkSpec.of(Activation.TANH, outputs[pair], costs[pair], 16, 12, 5);
            Random random = new Random(41 + pair);
            DataSet train = dataSet(spec, 24, random);
            Parameters start = NetworkGenerators.saturatingParameters(spec, random, 20);
            int[] order = identityOrder(train.size());
            try (Backend device = open(spec); ReferenceBackend reference = new ReferenceBackend(spec)) {
                for (Backend b : new Backend[] {device, reference}) {
                    b.setParameters(start);
                    b.bindTrainingSet(train);
                    b.trainBatch(order, 0, order.length, new StepSettings(0.01, 0, 0, 0, 0));
                }
                afterUse(device);
                double expected = reference.drainCostSum();
                double actual = device.drainCostSum();
                String what = spec + ": cost sum of a saturated batch";
                assertTrue(Double.isFinite(expected) && expected > 24 * 17, what + " is finite and large: " + expected);
                assertEquals(expected, actual, 1e-4 * expected, what);
            }
        }
    }

    @Test
    void softmax_cross_entropy_gradients_agree_where_float32_outputs_have_saturated() {
        // Output z apart by 20 to 80: float32 rounds the leading unit to exactly 1, where the chain rule's
        // division by 1 - a would make delta NaN.
        NetworkSpec spec = NetworkSpec.of(Activation.TANH, Activation.SOFTMAX, Cost.CROSS_ENTROPY, 16, 12, 5);
        Random random = new Random(77);
        Parameters p = NetworkGenerators.saturatingParameters(spec, random, 6);
        var batch = NetworkGenerators.randomBatch(spec, 12, random);
        try (Backend device = open(spec)) {
            device.setParameters(p);
            double[] out = device.forward(batch);
            boolean saturated = false;
            for (double a : out) {
                saturated |= a == 1.0;
            }
            assertTrue(saturated, "the premise: some float32 output is exactly 1");
            StepSettings s = StepSettings.gradientOnly(0, 0, 0);
            Gradients actual = device.gradients(batch, s);
            afterUse(device);
            ReferenceBackend reference = new ReferenceBackend(spec);
            reference.setParameters(p);
            assertAgree("saturated softmax/cross-entropy", actual, reference.gradients(batch, s), GRADIENT);
        }
    }

    private void stepsAgree(NetworkSpec spec, StepSettings[] steps) {
        stepsAgree(spec, dataSet(spec, 30, new Random(spec.toString().hashCode() + 1)), steps);
    }

    /** Steps over positions [4 + 7i, 15 + 7i) of a shuffled order. */
    private void stepsAgree(NetworkSpec spec, DataSet train, StepSettings[] steps) {
        int[] from = new int[steps.length];
        int[] to = new int[steps.length];
        for (int i = 0; i < steps.length; i++) {
            from[i] = 4 + 7 * i;
            to[i] = 15 + 7 * i;
        }
        stepsAgree(spec, train, from, to, steps);
    }

    private void stepsAgree(NetworkSpec spec, DataSet train, int from, int to, StepSettings step) {
        stepsAgree(spec, train, new int[] {from}, new int[] {to}, new StepSettings[] {step});
    }

    private void stepsAgree(NetworkSpec spec, DataSet train, int[] from, int[] to, StepSettings[] steps) {
        Random random = new Random(spec.toString().hashCode());
        Parameters start = WeightInit.NORMAL_SCALED.initialise(spec, random);
        Parameters velocities = WeightInit.NORMAL_SCALED.initialise(spec, random);
        int[] order = identityOrder(train.size());
        shuffle(order, random);
        try (Backend device = open(spec); ReferenceBackend reference = new ReferenceBackend(spec)) {
            for (Backend b : new Backend[] {device, reference}) {
                b.setParameters(start);
                b.setVelocities(velocities);
                b.bindTrainingSet(train);
            }
            for (int i = 0; i < steps.length; i++) {
                device.trainBatch(order, from[i], to[i], steps[i]);
                reference.trainBatch(order, from[i], to[i], steps[i]);
            }
            afterUse(device);
            assertAgree("parameters", device.parameters(), reference.parameters(), PARAMETERS);
            assertAgree("velocities", device.velocities(), reference.velocities(), GRADIENT);
            double expected = reference.drainCostSum();
            assertEquals(expected, device.drainCostSum(), 1e-5 * Math.abs(expected), "cost sum");
        }
    }

    private void gradientsAgree(NetworkCase c) {
        StepSettings s = settingsFor(c);
        Gradients expected = reference(c).gradients(c.batch(), s);
        try (Backend b = open(c.spec())) {
            b.setParameters(c.parameters());
            Gradients actual = b.gradients(c.batch(), s);
            afterUse(b);
            assertAgree(c + ", " + s, actual, expected, GRADIENT);
        }
    }

    /** L2 on half the cases, dropout on a third, drawn from the case's seed so that a failure repeats. */
    private static StepSettings settingsFor(NetworkCase c) {
        Random r = new Random(c.seed() * 31 + 7);
        return StepSettings.gradientOnly(r.nextBoolean() ? 0.05 : 0, r.nextInt(3) == 0 ? 0.3 : 0, r.nextInt());
    }

    private static ReferenceBackend reference(NetworkCase c) {
        ReferenceBackend r = new ReferenceBackend(c.spec());
        r.setParameters(c.parameters());
        return r;
    }

    /** 0, 1, ..., n - 1: the order of a set's examples before any shuffle. */
    private static int[] identityOrder(int n) {
        return IntStream.range(0, n).toArray();
    }

    /** Random examples suited to the cost, as the generators draw them, stored as a data set does (float). */
    public static DataSet dataSet(NetworkSpec spec, int n, Random random) {
        var batch = NetworkGenerators.randomBatch(spec, n, random);
        float[] x = new float[n * spec.inputSize()];
        float[] y = new float[n * spec.outputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) batch.inputs()[i];
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) batch.targets()[i];
        }
        return new DataSet("random", n, spec.inputSize(), spec.outputSize(), x, y, null);
    }

    protected static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
