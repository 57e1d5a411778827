package dev.mlp4j.gpu.aparapi;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.gpu.DeviceScan;
import dev.mlp4j.gpu.OpenClDevice;
import dev.mlp4j.gpu.OpenClDevices;

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

    /**
     * Yes when JOCL sees an OpenCL GPU, when a device is named, or when JOCL cannot tell; so on a machine whose only
     * OpenCL device is a CPU, "auto" leaves Aparapi unstarted (its native library prints a warning on some
     * platforms as it starts).
     */
    @Override
    public boolean mayRunOnGpu(BackendOptions options) {
        if (options.device() >= 0) {
            return true;
        }
        try {
            DeviceScan scan = OpenClDevices.scan();
            return !scan.available() || scan.devices().stream().anyMatch(OpenClDevice::isGpu);
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }

    @Override
    public Backend create(NetworkSpec spec, BackendOptions options) {
        return AparapiBackend.open(spec, options);
    }
}
