package dev.mlp4j.cpu;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.nn.Parameters;
import dev.mlp4j.core.nn.WeightInit;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The cpu backend as the rest of mlp4j finds it: by name through ServiceLoader, its device, its parameter copies. */
class CpuProviderTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.TANH, Activation.SOFTMAX, Cost.LOG_LIKELIHOOD, 12, 9, 4);

    private static void assumeAvailable() {
        BackendProvider.Availability a = new CpuProvider().availability(BackendOptions.DEFAULT);
        assumeTrue(a.available(), "the cpu backend cannot run here: " + a.reason());
    }

    @Test
    void it_is_found_by_name_and_says_what_it_runs_on() {
        assumeAvailable();
        assertTrue(Backends.names().contains("cpu"), Backends.names().toString());
        Backends.Selection s = Backends.select("cpu", SPEC, BackendOptions.DEFAULT);
        try (Backend b = s.backend()) {
            assertEquals("cpu", b.info().name());
            assertEquals("float32", b.info().precision());
            int cores = Runtime.getRuntime().availableProcessors();
            assertTrue(b.info().device().matches("OpenBLAS \\d+\\.\\d+\\.\\d+ on " + cores + " cores? \\(float32\\)"), b.info().device());
        }
    }

    @Test
    void an_opencl_device_is_not_one_it_can_take() {
        BackendProvider.Availability a = new CpuProvider().availability(new BackendOptions(0));
        assertFalse(a.available());
        assertTrue(a.reason().contains("--device"), a.reason());
    }

    @Test
    void parameters_and_velocities_come_back_as_given_within_float_rounding() {
        assumeAvailable();
        Random random = new Random(3);
        Parameters p = WeightInit.NORMAL.initialise(SPEC, random);
        Parameters v = WeightInit.NORMAL.initialise(SPEC, random);
        try (Backend b = new CpuProvider().create(SPEC, BackendOptions.DEFAULT)) {
            b.setParameters(p);
            b.setVelocities(v);
            for (int l = 0; l < SPEC.depth(); l++) {
                assertArrayEquals(rounded(p.weights(l)), b.parameters().weights(l), "weights " + l);
                assertArrayEquals(rounded(p.biases(l)), b.parameters().biases(l), "biases " + l);
                assertArrayEquals(rounded(v.weights(l)), b.velocities().weights(l), "velocity of weights " + l);
                assertArrayEquals(rounded(v.biases(l)), b.velocities().biases(l), "velocity of biases " + l);
            }
            b.setParameters(p);
            for (int l = 0; l < SPEC.depth(); l++) {
                assertArrayEquals(new double[v.weights(l).length], b.velocities().weights(l), "setParameters resets the velocities");
            }
        }
    }

    private static double[] rounded(double[] values) {
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) values[i];
        }
        return r;
    }
}
