package dev.mlp4j.core.backend;

import dev.mlp4j.core.InvalidInputException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference backend's SGD step against the update rule written out here: ∇ = g + (λ/n)w for weights, g for
 * biases; v ← μv − η∇; w ← w + v (w ← w − η∇ without momentum).
 */
class ReferenceBackendTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 3, 4, 2);

    private static DataSet data(Random random, int n) {
        float[] x = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
        }
        return DataSet.classification("random", 3, 2, x, labels);
    }

    @Test
    void two_momentum_steps_with_l2_follow_the_update_rule() {
        Random random = new Random(8);
        DataSet train = data(random, 12);
        Parameters w0 = WeightInit.NORMAL_SCALED.initialise(SPEC, random);
        double eta = 0.3;
        double mu = 0.8;
        double l2 = 0.05;
        int[] order = {3, 7, 1, 0, 11, 5, 2, 4, 6, 8, 9, 10};

        try (ReferenceBackend backend = new ReferenceBackend(SPEC); ReferenceBackend probe = new ReferenceBackend(SPEC)) {
            backend.setParameters(w0);
            backend.bindTrainingSet(train);
            StepSettings step = new StepSettings(eta, mu, l2, 0, 0);

            // Expected, step by step, using the probe backend for the data gradient g (no L2) at each point.
            Batch b1 = train.batch(order, 0, 5, null);
            Batch b2 = train.batch(order, 5, 12, null);
            probe.setParameters(w0);
            Gradients g0 = probe.gradients(b1, StepSettings.NONE);
            Parameters v1 = new Parameters(SPEC);
            Parameters w1 = w0.copy();
            apply(w1, v1, g0, eta, mu, l2);
            probe.setParameters(w1);
            Gradients g1 = probe.gradients(b2, StepSettings.NONE);
            Parameters w2 = w1.copy();
            Parameters v2 = v1.copy();
            apply(w2, v2, g1, eta, mu, l2);

            backend.trainBatch(order, 0, 5, step);
            assertClose(w1, backend.parameters());
            assertClose(v1, backend.velocities());
            backend.trainBatch(order, 5, 12, step);
            assertClose(w2, backend.parameters());
            assertClose(v2, backend.velocities());
        }
    }

    private static void apply(Parameters w, Parameters v, Gradients g, double eta, double mu, double l2) {
        for (int l = 0; l < SPEC.depth(); l++) {
            for (int i = 0; i < w.weights(l).length; i++) {
                v.weights(l)[i] = mu * v.weights(l)[i] - eta * (g.weights()[l][i] + l2 * w.weights(l)[i]);
                w.weights(l)[i] += v.weights(l)[i];
            }
            for (int j = 0; j < w.biases(l).length; j++) {
                v.biases(l)[j] = mu * v.biases(l)[j] - eta * g.biases()[l][j];
                w.biases(l)[j] += v.biases(l)[j];
            }
        }
    }

    private static void assertClose(Parameters expected, Parameters actual) {
        for (int l = 0; l < SPEC.depth(); l++) {
            for (int i = 0; i < expected.weights(l).length; i++) {
                assertEquals(expected.weights(l)[i], actual.weights(l)[i], 1e-14, "weights[" + l + "] entry " + i);
            }
            for (int j = 0; j < expected.biases(l).length; j++) {
                assertEquals(expected.biases(l)[j], actual.biases(l)[j], 1e-14, "biases[" + l + "][" + j + "]");
            }
        }
    }

    @Test
    void plain_sgd_step_is_minus_eta_times_the_gradient_and_reports_the_batch_cost() {
        Random random = new Random(2);
        DataSet train = data(random, 6);
        Parameters w0 = WeightInit.NORMAL_SCALED.initialise(SPEC, random);
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            backend.setParameters(w0);
            Batch all = train.batch(0, 6);
            Gradients g = backend.gradients(all, StepSettings.gradientOnly(0.1, 0, 0));
            double[] out = backend.forward(all);
            double costSum = 0;
            for (int r = 0; r < 6; r++) {
                costSum += Cost.CROSS_ENTROPY.value(out, all.targets(), r * 2, 2);
            }
            backend.bindTrainingSet(train);
            backend.trainBatch(new int[] {0, 1, 2, 3, 4, 5}, 0, 6, new StepSettings(0.5, 0, 0.1, 0, 0));
            Parameters w1 = backend.parameters();
            for (int l = 0; l < SPEC.depth(); l++) {
                for (int i = 0; i < w0.weights(l).length; i++) {
                    assertEquals(w0.weights(l)[i] - 0.5 * g.weights()[l][i], w1.weights(l)[i], 1e-14);
                }
                for (int j = 0; j < w0.biases(l).length; j++) {
                    assertEquals(w0.biases(l)[j] - 0.5 * g.biases()[l][j], w1.biases(l)[j], 1e-14);
                }
            }
            assertEquals(new Parameters(SPEC), backend.velocities(), "no momentum, no velocity");
            assertEquals(costSum, backend.drainCostSum(), 1e-12);
            assertEquals(0.0, backend.drainCostSum(), "drained");
        }
    }

    @Test
    void set_parameters_copies_and_resets_velocities() {
        Random random = new Random(4);
        Parameters p = WeightInit.NORMAL.initialise(SPEC, random);
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            Parameters v = WeightInit.NORMAL.initialise(SPEC, random);
            backend.setVelocities(v);
            assertEquals(v, backend.velocities());
            backend.setParameters(p);
            assertEquals(new Parameters(SPEC), backend.velocities());
            Parameters out = backend.parameters();
            assertEquals(p, out);
            out.weights(0)[0] += 1;
            assertEquals(p, backend.parameters(), "parameters() must be a copy");
            p.weights(0)[0] += 1;
            assertTrue(!p.equals(backend.parameters()), "setParameters must copy");
        }
    }

    @Test
    void train_batch_without_a_bound_training_set_is_an_error() {
        try (ReferenceBackend backend = new ReferenceBackend(SPEC)) {
            assertThrows(IllegalStateException.class, () -> backend.trainBatch(new int[] {0}, 0, 1, StepSettings.NONE));
        }
    }

    @Test
    void backends_select_the_reference_by_name_and_refuse_unknown_names() {
        Backends.Selection s = Backends.select("core", SPEC, BackendOptions.DEFAULT);
        assertTrue(s.backend() instanceof ReferenceBackend);
        assertTrue(s.explanation().contains("core"), s.explanation());
        s.backend().close();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Backends.select("cuda", SPEC, BackendOptions.DEFAULT));
        assertTrue(e.getMessage().contains("'cuda'") && e.getMessage().contains("core") && e.getMessage().contains("auto"), e.getMessage());
        Backends.Selection auto = Backends.select(Backends.AUTO, SPEC, BackendOptions.DEFAULT);
        assertTrue(auto.explanation().startsWith("backend "), auto.explanation());
        auto.backend().close();
    }
}
