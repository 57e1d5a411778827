package dev.mlp4j.cpu;

import dev.mlp4j.core.backend.Backend;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider;
import dev.mlp4j.core.nn.NetworkSpec;

/**
 * The cpu backend: float32 on this machine's cores through OpenBLAS. "auto" takes it after a GPU and before OpenCL on
 * a CPU (priority above opencl's), and after the Java reference for a step too small to gain from it.
 */
public final class CpuProvider implements BackendProvider {
    /** The name given to --backend. */
    public static final String NAME = "cpu";

    private OpenBlas.Loaded loaded;
    private Throwable failure;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 30;
    }

    @Override
    public boolean mayRunOnGpu(BackendOptions options) {
        return false;
    }

    /**
     * From docs/benchmarks.md, "Small steps: core against cpu": a call into OpenBLAS costs a few µs, so the cpu
     * backend trains faster than Java from about 0.01 MFLOP a step (784-1-10 at batch 1, 0.0048 MFLOP, already on
     * cpu's side; the examples' 2-6-6-6-2 at batch 10, 0.007 MFLOP, on core's).
     */
    static final long JAVA_FASTER_BELOW = 10_000;

    @Override
    public long javaFasterBelow() {
        return JAVA_FASTER_BELOW;
    }

    @Override
    public String onCpuInWords() {
        return "the cpu backend (OpenBLAS)";
    }

    @Override
    public Availability availability(BackendOptions options) {
        if (options.device() >= 0) {
            return Availability.no("it runs on the processor through OpenBLAS, on no OpenCL device, so it cannot take device "
                    + options.device() + "; leave out --device to use it");
        }
        OpenBlas.Loaded l = load();
        if (l == null) {
            return Availability.no("OpenBLAS's native library could not be loaded on " + platform() + " (" + failure
                    + "); build mlp4j with -Djavacpp.platform set to this machine's platform (e.g. linux-x86_64, macosx-arm64,"
                    + " windows-x86_64), or use --backend core");
        }
        return Availability.yes(l.device(), false);
    }

    @Override
    public Backend create(NetworkSpec spec, BackendOptions options) {
        OpenBlas.Loaded l = load();
        if (l == null) {
            throw new IllegalStateException(availability(options).sentence());
        }
        return new CpuBackend(spec, l.device());
    }

    /** The natives, loaded once; null when they cannot be, with the reason kept in {@link #failure}. */
    private synchronized OpenBlas.Loaded load() {
        if (loaded == null && failure == null) {
            try {
                loaded = OpenBlas.load();
            } catch (RuntimeException | LinkageError e) {
                failure = e;
            }
        }
        return loaded;
    }

    private static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
