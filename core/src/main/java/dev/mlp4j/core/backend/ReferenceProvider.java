package dev.mlp4j.core.backend;

import dev.mlp4j.core.nn.NetworkSpec;

/**
 * The pure-Java reference: available whenever no device is asked for, least preferred by "auto". It has no OpenCL
 * device, so a request for one (--device N) is one it cannot meet: "auto" then chooses among the backends that can.
 */
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
        if (options.device() >= 0) {
            return Availability.no("it runs in Java, on no OpenCL device, so it cannot take device " + options.device()
                    + "; leave out --device to use it");
        }
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
