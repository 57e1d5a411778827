package dev.mlp4j.gpu.testing;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider.Availability;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.gpu.aparapi.AparapiBackend;
import dev.mlp4j.gpu.aparapi.AparapiProvider;
import dev.mlp4j.gpu.opencl.MatrixEngine;
import dev.mlp4j.gpu.opencl.OpenClBackend;
import dev.mlp4j.gpu.opencl.OpenClProvider;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Whether the backends can run here; tests that need one skip with what to install when it cannot. */
public final class TestDevices {
    public static final Availability OPENCL = new OpenClProvider().availability(BackendOptions.DEFAULT);
    public static final Availability APARAPI = new AparapiProvider().availability(BackendOptions.DEFAULT);

    private TestDevices() {
    }

    public static void assumeOpenCl() {
        assumeTrue(OPENCL.available(), () -> "OpenCL is not available here (" + OPENCL.reason() + "); to run this test "
                + "install ocl-icd-libopencl1 with a driver such as pocl-opencl-icd (and ocl-icd-opencl-dev for JOCL)");
    }

    public static void assumeAparapi() {
        assumeTrue(APARAPI.available(), () -> "Aparapi cannot run on OpenCL here (" + APARAPI.reason() + "); to run "
                + "this test install ocl-icd-libopencl1 with a driver such as pocl-opencl-icd");
    }

    /** The float32 backends by the names the parameterised tests use: "vector", "clblast", "aparapi". */
    public static final String[] KINDS = {"vector", "clblast", "aparapi"};

    /** Skips unless the named backend can run here. */
    public static void assume(String kind) {
        if (kind.equals("aparapi")) {
            assumeAparapi();
        } else {
            assumeOpenCl();
        }
    }

    public static Backend open(String kind, NetworkSpec spec) {
        return switch (kind) {
            case "vector" -> OpenClBackend.open(spec, BackendOptions.DEFAULT, MatrixEngine.VECTOR_KERNELS);
            case "clblast" -> OpenClBackend.open(spec, BackendOptions.DEFAULT, MatrixEngine.CLBLAST);
            case "aparapi" -> AparapiBackend.open(spec, BackendOptions.DEFAULT);
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
