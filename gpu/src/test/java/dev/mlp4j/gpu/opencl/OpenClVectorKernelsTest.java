package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.testing.ReferenceAgreement;
import dev.mlp4j.gpu.testing.TestDevices;

/** The opencl backend with its own vector kernels (the choice on CPU devices) against the reference. */
class OpenClVectorKernelsTest extends ReferenceAgreement {
    @Override
    protected void assumeAvailable() {
        TestDevices.assumeOpenCl();
    }

    @Override
    protected String provider() {
        return OpenClBackend.NAME;
    }

    @Override
    protected Backend open(NetworkSpec spec) {
        return OpenClBackend.open(spec, BackendOptions.DEFAULT, MatrixEngine.VECTOR_KERNELS);
    }
}
