package dev.mlp4j.gpu.opencl.context;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.data.Batch;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.gpu.NativeStderr;
import dev.mlp4j.gpu.OpenClDevice;
import dev.mlp4j.gpu.OpenClDevices;
import dev.mlp4j.gpu.opencl.OpenClBackend;
import dev.mlp4j.gpu.testing.TestDevices;
import org.jocl.CL;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Device failures arrive as sentences, and closing is safe at any time. */
class DeviceFailureTest {
    private static final NetworkSpec SMALL = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 4, 3, 2);

    @Test
    void a_buffer_larger_than_the_device_allocates_at_once_is_refused_naming_the_limit() {
        TestDevices.assumeOpenCl();
        OpenClDevice device = OpenClDevices.scan().select(-1);
        // 784 x 2^20 weights take 3.3 GB in one buffer, more than such a device allocates at once (PoCL here: 2 GiB).
        assumeTrue(device.globalMemoryBytes() < 6_000_000_000L, device + " has too much memory for this test to exhaust");
        NetworkSpec huge = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 784, 1 << 20, 10);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> OpenClBackend.open(huge, BackendOptions.DEFAULT).close());
        // Refused before OpenCL is asked, or, where the device says it would take it, by OpenCL's own failure.
        assertTrue(e.getMessage().contains("MiB the device allocates at once; use a smaller batch or network, or --backend core.")
                || e.getMessage().contains("ran out of memory"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector", "clblast"})
    void a_batch_whose_activations_the_kernels_could_not_index_is_refused_before_any_allocation(String kind) {
        TestDevices.assume(kind);
        // 100,000 rows of a 30,000-unit layer: 3e9 activations, past the kernels' 32-bit indices on any device.
        NetworkSpec wide = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 1, 30_000, 1);
        try (Backend b = TestDevices.open(kind, wide)) {
            Batch rows = new Batch(100_000, 1, 1, new double[100_000], new double[100_000]);
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> b.forward(rows));
            assertTrue(e.getMessage().startsWith("A buffer of 3000000000 values (11444 MiB) on ")
                    && e.getMessage().endsWith("would hold more elements than the kernels' 32-bit indices reach; use a smaller batch or network, or --backend core."),
                    e.getMessage());
            // Nothing was lost: a batch that fits still runs.
            assertEquals(2, b.forward(new Batch(2, 1, 1, new double[2], new double[2])).length);
        }
    }

    @Test
    void out_of_resources_says_it_may_be_a_kernel_queued_before_not_only_memory() {
        // NVIDIA reports a kernel's illegal address as CL_OUT_OF_RESOURCES, on a later blocking call.
        BackendUnavailableException e = DeviceFailures.translate(new CLException("x", CL.CL_OUT_OF_RESOURCES), "gpu0", "reading the costs");
        assertEquals("The OpenCL device gpu0 reported CL_OUT_OF_RESOURCES while reading the costs: it ran out of memory, or a kernel "
                + "queued before failed; use a smaller batch, network or training set, or another device with --device, and if that "
                + "does not help run with --backend core.", e.getMessage());
        BackendUnavailableException oom = DeviceFailures.translate(new CLException("x", CL.CL_MEM_OBJECT_ALLOCATION_FAILURE), "gpu0", "uploading");
        assertTrue(oom.getMessage().startsWith("The OpenCL device gpu0 ran out of memory while uploading"), oom.getMessage());
    }

    @Test
    void kernels_that_do_not_compile_are_refused_with_the_build_log() {
        TestDevices.assumeOpenCl();
        OpenClDevices.DeviceHandle handle = OpenClDevices.handle(BackendOptions.DEFAULT);
        // PoCL's compiler also prints "1 error generated." on the native stderr, into the build's log; dropped
        // there, as the build log in the message is what this test is about.
        BackendUnavailableException e = NativeStderr.discardDuring(() -> assertThrows(BackendUnavailableException.class,
                () -> ClContext.open(handle, "__kernel void broken(__global float* x) { x[0] = undeclared; }").close()));
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
