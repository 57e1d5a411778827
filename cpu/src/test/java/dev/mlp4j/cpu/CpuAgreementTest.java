package dev.mlp4j.cpu;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.core.testing.ReferenceAgreement;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cpu backend against core's reference: random networks of every activation and cost, several steps with
 * momentum, L2 and dropout carried, forward outputs and gradients (the checks {@link ReferenceAgreement} makes of
 * every float32 backend).
 */
class CpuAgreementTest extends ReferenceAgreement {
    private static final CpuProvider PROVIDER = new CpuProvider();

    @Override
    protected String provider() {
        return PROVIDER.name();
    }

    @Override
    protected void assumeAvailable() {
        BackendProvider.Availability a = PROVIDER.availability(BackendOptions.DEFAULT);
        assumeTrue(a.available(), "the cpu backend cannot run here: " + a.reason());
    }

    @Override
    protected Backend open(NetworkSpec spec) {
        return PROVIDER.create(spec, BackendOptions.DEFAULT);
    }
}
