package dev.mlp4j.gpu;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Device failures arrive as sentences, and closing is safe at any time. */
class DeviceFailureTest {
    private static final NetworkSpec SMALL = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 4, 3, 2);

    @Test
    void a_network_larger_than_the_device_is_refused_as_out_of_memory() {
        TestDevices.assumeOpenCl();
        OpenClDevice device = OpenClDevices.scan().select(-1);
        // 784 x 2^20 weights take 3.3 GB per buffer, more than such a device can allocate at once or hold thrice.
        assumeTrue(device.globalMemoryBytes() < 6_000_000_000L, device + " has too much memory for this test to exhaust");
        NetworkSpec huge = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 1 << 20, 10);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> OpenClBackend.open(huge, BackendOptions.DEFAULT).close());
        assertTrue(e.getMessage().contains("ran out of memory"), e.getMessage());
    }

    @Test
    void kernels_that_do_not_compile_are_refused_with_the_build_log() {
        TestDevices.assumeOpenCl();
        OpenClDevices.DeviceHandle handle = OpenClDevices.handle(BackendOptions.DEFAULT);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> ClContext.open(handle, "__kernel void broken(__global float* x) { x[0] = undeclared; }").close());
        assertTrue(e.getMessage().startsWith("The OpenCL kernels did not compile for " + handle.device().description()), e.getMessage());
        assertTrue(e.getMessage().contains("undeclared"), "the message carries the build log: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "clblast", "aparapi"})
    void closing_twice_is_harmless(String kind) {
        TestDevices.assume(kind);
        Backend b = TestDevices.open(kind, SMALL);
        b.close();
        assertDoesNotThrow(b::close);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "clblast", "aparapi"})
    void a_closed_backend_refuses_work(String kind) {
        TestDevices.assume(kind);
        Backend b = TestDevices.open(kind, SMALL);
        b.close();
        assertThrows(IllegalStateException.class, b::parameters);
    }
}
