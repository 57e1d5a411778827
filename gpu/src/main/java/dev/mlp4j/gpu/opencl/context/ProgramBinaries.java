package dev.mlp4j.gpu.opencl.context;

import dev.mlp4j.gpu.OpenClDevice;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled programs by device and source, kept for the process: a context opened again on the same device (a test
 * suite, a bench over several cases, a backend opened after a probe) loads the binary its driver made before instead
 * of compiling the source again.
 */
final class ProgramBinaries {
    private record Key(int device, String source) {
    }

    private static final Map<Key, byte[]> BINARIES = new ConcurrentHashMap<>();

    private ProgramBinaries() {
    }

    /** The binary kept for the source on the device; null when there is none. */
    static byte[] find(OpenClDevice device, String source) {
        return BINARIES.get(new Key(device.index(), source));
    }

    static void keep(OpenClDevice device, String source, byte[] binary) {
        BINARIES.put(new Key(device.index(), source), binary);
    }

    /** Drops a binary the driver no longer accepted. */
    static void forget(OpenClDevice device, String source) {
        BINARIES.remove(new Key(device.index(), source));
    }
}
