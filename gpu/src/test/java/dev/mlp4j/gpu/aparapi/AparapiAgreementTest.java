package dev.mlp4j.gpu.aparapi;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.testing.ReferenceAgreement;
import dev.mlp4j.gpu.testing.TestDevices;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The aparapi backend against the reference; after each use, that it really ran on OpenCL. */
class AparapiAgreementTest extends ReferenceAgreement {
    @Override
    protected void assumeAvailable() {
        TestDevices.assumeAparapi();
    }

    @Override
    protected String provider() {
        return AparapiBackend.NAME;
    }

    @Override
    protected Backend open(NetworkSpec spec) {
        return AparapiBackend.open(spec, BackendOptions.DEFAULT);
    }

    @Override
    protected void afterUse(Backend backend) {
        assertTrue(((AparapiBackend) backend).ranOnOpenCl(), "Aparapi fell back to Java threads");
    }
}
