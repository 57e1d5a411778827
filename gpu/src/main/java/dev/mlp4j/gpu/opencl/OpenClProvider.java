package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.nn.NetworkSpec;
import dev.mlp4j.gpu.DeviceScan;
import dev.mlp4j.gpu.OpenClDevice;
import dev.mlp4j.gpu.OpenClDevices;

/** The "opencl" backend: JOCL, CLBlast and the kernels in opencl/*.cl, on any OpenCL device; "auto" prefers it. */
public final class OpenClProvider implements BackendProvider {

    @Override
    public String name() {
        return OpenClBackend.NAME;
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability availability(BackendOptions options) {
        try {
            DeviceScan scan = OpenClDevices.scan();
            if (!scan.available()) {
                return Availability.no(scan.problem());
            }
            OpenClDevice d = scan.select(options.device());
            if (d == null) {
                return Availability.no(OpenClDevices.noSuchDevice(options.device(), scan));
            }
            return Availability.yes(d.description(), d.isGpu());
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("OpenCL could not be queried: " + e);
        }
    }

    @Override
    public Backend create(NetworkSpec spec, BackendOptions options) {
        return OpenClBackend.open(spec, options);
    }
}
