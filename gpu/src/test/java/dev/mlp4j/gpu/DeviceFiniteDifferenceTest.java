package dev.mlp4j.gpu;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.data.DataSet;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.Gradients;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.StepSettings;
import dev.mlp4j.core.nn.WeightInit;
import dev.mlp4j.core.testing.ReferenceAgreement;
import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device's gradient against central differences of the device's own cost, both in float32: a check that
 * needs no reference at all.
 *
 * <p>In float32 the usual eps of 1e-6 would difference two costs that agree to all their 24 bits. With
 * eps = 1e-2 the rounding of the cost sum (about 1e-7 of it per example) contributes about 1e-7 / eps = 1e-5
 * to the quotient, and the truncation error of the central difference, eps^2/6 times the third derivative, about
 * 1e-5 for these small, smooth networks; measured errors come out near 1e-4. The bound, 2e-3 of the gradient's
 * largest entry (per weight layer), sits an order above that and far below the error of a wrong gradient, which
 * is of the gradient's own size.
 *
 * <p>The networks are smooth: with eps this large a relu unit whose z lies within eps of 0 makes the quotient a
 * secant across its kink rather than a derivative. Relu's gradients are checked against the reference instead.
 */
class DeviceFiniteDifferenceTest {
    private static final double EPS = 1e-2;
    private static final double BOUND = 2e-3;

    @ParameterizedTest
    @ValueSource(strings = {"vector", "clblast", "aparapi"})
    void device_gradients_match_central_differences_of_the_device_cost(String backend) {
        TestDevices.assume(backend);
        NetworkSpec[] specs = {
                NetworkSpec.of(Activation.TANH, Activation.SIGMOID, Cost.CROSS_ENTROPY, 6, 5, 4),
                NetworkSpec.of(Activation.SIGMOID, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 5, 7, 3),
                NetworkSpec.of(Activation.TANH, Activation.LINEAR, Cost.QUADRATIC, 4, 6, 6, 2)};
        for (NetworkSpec spec : specs) {
            try (Backend b = TestDevices.open(backend, spec)) {
                check(b, spec);
            }
        }
    }

    private static void check(Backend b, NetworkSpec spec) {
        Random random = new Random(spec.toString().hashCode());
        int m = 9;
        DataSet train = ReferenceAgreement.dataSet(spec, m, random);
        Parameters p = WeightInit.NORMAL_SCALED.initialise(spec, random);
        b.setParameters(p);
        b.bindTrainingSet(train);
        Batch all = train.batch(0, m);
        Gradients analytic = b.gradients(all, StepSettings.NONE);
        for (int l = 0; l < spec.depth(); l++) {
            double scale = 1e-6;
            for (double g : analytic.weights()[l]) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int t = 0; t < 8; t++) {
                int i = random.nextInt(p.weights(l).length);
                double numeric = centralDifference(b, p, l, i, m);
                double error = Math.abs(numeric - analytic.weights()[l][i]) / scale;
                assertTrue(error <= BOUND, spec + ": weights[" + l + "][" + i + "] analytic " + analytic.weights()[l][i]
                        + ", central difference " + numeric + ", error " + error + " of the layer's largest gradient");
            }
        }
    }

    /** (C(w + eps) - C(w - eps)) / 2 eps, the costs computed on the device by a training step with learning rate 0. */
    private static double centralDifference(Backend b, Parameters p, int l, int i, int m) {
        double[] cost = new double[2];
        for (int side = 0; side < 2; side++) {
            Parameters q = p.copy();
            q.weights(l)[i] += side == 0 ? EPS : -EPS;
            b.setParameters(q);
            b.trainBatch(null, 0, m, new StepSettings(0, 0, 0, 0, 0));
            cost[side] = b.drainCostSum() / m;
        }
        // The step actually taken is between the float32 values the device held.
        double step = (float) (p.weights(l)[i] + EPS) - (double) (float) (p.weights(l)[i] - EPS);
        return (cost[0] - cost[1]) / step;
    }
}
