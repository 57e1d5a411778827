package dev.mlp4j.gpu;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.backend.ReferenceProvider;
import dev.mlp4j.core.backend.StepWork;
import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.gpu.aparapi.AparapiProvider;
import dev.mlp4j.gpu.opencl.MatrixEngine;
import dev.mlp4j.gpu.opencl.OpenClBackend;
import dev.mlp4j.gpu.opencl.OpenClProvider;
import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listing devices, the providers' answers about them, and how Backends chooses among the providers. */
class DeviceDiscoveryTest {
    private static final NetworkSpec SPEC = NetworkSpec.of(Activation.SIGMOID, Activation.SIGMOID, Cost.CROSS_ENTROPY, 4, 3, 2);

    @Test
    void providers_are_registered_in_order_of_preference() {
        List<String> names = Backends.providers().stream().map(BackendProvider::name).toList();
        assertEquals(List.of("opencl", "core", "aparapi"), names);
        assertEquals(20, new OpenClProvider().priority());
        assertEquals(-10, new AparapiProvider().priority());
    }

    @Test
    void the_scan_lists_devices_with_their_properties_and_the_automatic_choice() {
        TestDevices.assumeOpenCl();
        DeviceScan scan = OpenClDevices.scan();
        assertTrue(scan.available());
        assertFalse(scan.devices().isEmpty());
        assertTrue(scan.autoIndex() >= 0 && scan.autoIndex() < scan.devices().size());
        for (int i = 0; i < scan.devices().size(); i++) {
            OpenClDevice d = scan.devices().get(i);
            assertEquals(i, d.index());
            assertFalse(d.name().isBlank());
            assertFalse(d.platform().isBlank());
            assertTrue(d.computeUnits() > 0, d + " has compute units");
            assertTrue(d.globalMemoryBytes() > 0, d + " has memory");
            assertTrue(d.openClVersion().startsWith("OpenCL "), d.openClVersion());
            assertTrue(d.description().startsWith(d.name() + " ("), d.description());
        }
        boolean anyGpu = scan.devices().stream().anyMatch(OpenClDevice::isGpu);
        assertEquals(anyGpu, scan.devices().get(scan.autoIndex()).isGpu(), "auto takes a GPU whenever there is one");
        assertEquals(scan, OpenClDevices.scan(), "scanned once, then cached");
    }

    @Test
    void pocl_is_described_by_its_short_name() {
        OpenClDevice pocl = new OpenClDevice(0, "Portable Computing Language", "pthread-skylake-avx512-Intel(R) Xeon(R) Processor",
                OpenClDevice.Type.CPU, 2, 1L << 32, true, "3.1", "OpenCL 3.0");
        assertEquals("pthread-skylake-avx512-Intel(R) Xeon(R) Processor (PoCL, OpenCL CPU)", pocl.description());
        OpenClDevice gpu = new OpenClDevice(1, "NVIDIA CUDA", "NVIDIA H100 80GB HBM3", OpenClDevice.Type.GPU, 132, 80L << 30,
                true, "550.54", "OpenCL 3.0");
        assertEquals("NVIDIA H100 80GB HBM3 (NVIDIA CUDA, OpenCL GPU)", gpu.description());
        assertEquals(1, DeviceDiscovery.bestIndex(List.of(pocl, gpu)));
    }

    @Test
    void availability_names_the_device_and_refuses_an_index_that_does_not_exist() {
        TestDevices.assumeOpenCl();
        DeviceScan scan = OpenClDevices.scan();
        BackendProvider.Availability a = new OpenClProvider().availability(BackendOptions.DEFAULT);
        assertTrue(a.available());
        assertEquals(scan.devices().get(scan.autoIndex()).description(), a.device());
        BackendProvider.Availability missing = new OpenClProvider().availability(new BackendOptions(scan.devices().size()));
        assertFalse(missing.available());
        assertTrue(missing.reason().contains("there is no OpenCL device " + scan.devices().size()), missing.reason());
        assertThrows(BackendUnavailableException.class, () -> Backends.select("opencl", SPEC, new BackendOptions(99)));
        assertFalse(new AparapiProvider().availability(new BackendOptions(99)).available());
    }

    @Test
    void a_backend_reports_its_device_and_precision() {
        TestDevices.assumeOpenCl();
        try (OpenClBackend b = OpenClBackend.open(SPEC, BackendOptions.DEFAULT)) {
            assertEquals("opencl", b.info().name());
            assertEquals("float32", b.info().precision());
            assertEquals(OpenClDevices.scan().select(-1).description(), b.info().device());
            assertEquals(OpenClDevices.scan().select(-1).isGpu() ? MatrixEngine.CLBLAST : MatrixEngine.VECTOR_KERNELS, b.engine());
        }
    }

    @Test
    void auto_prefers_opencl_for_a_large_step_and_says_what_runs() {
        TestDevices.assumeOpenCl();
        Backends.Selection s = Backends.select("auto", SPEC, BackendOptions.DEFAULT, new StepWork(StepWork.JAVA_FASTER_BELOW, "step"));
        try (Backend b = s.backend()) {
            assertEquals("opencl", b.info().name());
            assertTrue(s.explanation().startsWith("backend opencl on " + b.info().device()), s.explanation());
        }
    }

    @Test
    void auto_runs_a_small_step_on_core_unless_there_is_a_gpu() {
        TestDevices.assumeOpenCl();
        boolean gpu = OpenClDevices.scan().devices().stream().anyMatch(OpenClDevice::isGpu);
        Backends.Selection s = Backends.select("auto", SPEC, BackendOptions.DEFAULT, StepWork.training(SPEC, 10));
        try (Backend b = s.backend()) {
            assertEquals(gpu ? "opencl" : "core", b.info().name(), s.explanation());
            assertTrue(s.explanation().contains(gpu ? "a GPU is taken for any network" : "under the 0.25 MFLOP"), s.explanation());
        }
    }

    @Test
    void auto_looks_to_aparapi_for_a_gpu_only_where_jocl_sees_one_or_a_device_is_named() {
        TestDevices.assumeOpenCl();
        DeviceScan scan = OpenClDevices.scan();
        boolean gpu = scan.devices().stream().anyMatch(OpenClDevice::isGpu);
        AparapiProvider aparapi = new AparapiProvider();
        assertEquals(gpu, aparapi.mayRunOnGpu(BackendOptions.DEFAULT), scan.devices().toString());
        assertTrue(aparapi.mayRunOnGpu(new BackendOptions(0)), "a named device could be a GPU that JOCL describes differently");
        assertFalse(new ReferenceProvider().mayRunOnGpu(BackendOptions.DEFAULT));
    }

    @Test
    void aparapi_reports_its_device_through_aparapi() {
        TestDevices.assumeAparapi();
        BackendProvider.Availability a = new AparapiProvider().availability(BackendOptions.DEFAULT);
        assertTrue(a.device().endsWith("via Aparapi)"), a.device());
    }
}
