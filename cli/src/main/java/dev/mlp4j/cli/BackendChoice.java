package dev.mlp4j.cli;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.Backends;
import dev.mlp4j.core.nn.NetworkSpec;

import picocli.CommandLine.Option;

/** --backend and --device, and the one line that tells the user what runs. */
final class BackendChoice {
    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "auto (best available: OpenCL GPU, OpenCL CPU, then Java), core, opencl or aparapi. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--device", paramLabel = "N", defaultValue = "-1",
            description = "OpenCL device index as listed by 'mlp4j devices' (default: the best one).")
    int device;

    /** A name no provider has is a usage error, said before any data is loaded. */
    void checkName() {
        if (!Backends.names().contains(backend)) {
            throw new UsageException("Unknown backend '" + backend + "'; use one of " + String.join(", ", Backends.names()) + ".");
        }
    }

    Backends.Selection select(NetworkSpec spec) {
        checkName();
        return Backends.select(backend, spec, new BackendOptions(device));
    }
}
