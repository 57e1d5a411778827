package dev.mlp4j.core.backend;

import dev.mlp4j.core.nn.NetworkSpec;

/** The pure-Java reference: always available, least preferred by "auto". */
public final class ReferenceProvider implements BackendProvider {
    public static final String NAME = "core";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability(BackendOptions options) {
        return Availability.yes(ReferenceBackend.DEVICE, false);
    }

    @Override
    public boolean mayRunOnGpu(BackendOptions options) {
        return false;
    }

    @Override
    public Backend create(NetworkSpec spec, BackendOptions options) {
        return new ReferenceBackend(spec);
    }
}
