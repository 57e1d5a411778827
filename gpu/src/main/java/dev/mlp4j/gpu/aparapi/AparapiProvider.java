package dev.mlp4j.gpu.aparapi;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.nn.NetworkSpec;

/** The "aparapi" backend: the network's kernels written in Java and translated to OpenCL by Aparapi. */
public final class AparapiProvider implements BackendProvider {

    @Override
    public String name() {
        return AparapiBackend.NAME;
    }

    /**
     * Below the Java reference: on a CPU device Aparapi's untuned kernels train several times slower than core, so
     * "auto" takes it only for a GPU (GPUs are tried before any CPU backend) or when asked by name.
     */
    @Override
    public int priority() {
        return -10;
    }

    @Override
    public Availability availability(BackendOptions options) {
        try {
            return AparapiDevices.availability(options);
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("Aparapi could not reach OpenCL: " + e);
        }
    }

    @Override
    public Backend create(NetworkSpec spec, BackendOptions options) {
        return AparapiBackend.open(spec, options);
    }
}
