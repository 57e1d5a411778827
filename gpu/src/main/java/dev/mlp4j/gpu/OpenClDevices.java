package dev.mlp4j.gpu;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendUnavailableException;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.util.List;

/**
 * The OpenCL devices of this machine, found once per process. Finding them loads JOCL's native library and the
 * OpenCL ICD loader, either of which may be missing: every such failure is caught here and turned into the
 * sentence of {@link DeviceScan#problem()}, so asking never throws.
 *
 * <p>This is what {@code mlp4j devices} prints and what {@code --device} indexes.
 */
public final class OpenClDevices {
    private OpenClDevices() {
    }

    /** Every OpenCL device, the automatic choice, or why there is none. Never throws; cached after the first call. */
    public static DeviceScan scan() {
        return Cached.RESULT.scan();
    }

    /** Every OpenCL device across platforms, empty when OpenCL is unavailable. */
    public static List<OpenClDevice> list() {
        return scan().devices();
    }

    /**
     * One sentence per platform whose devices could not be listed while another platform's could; empty when every
     * platform answered (when none did, {@link DeviceScan#problem()} says why).
     */
    public static List<String> skippedPlatforms() {
        return Cached.RESULT.skipped();
    }

    /** The index that {@code --device -1} selects, or -1 when there is no device. */
    public static int autoIndex() {
        return scan().autoIndex();
    }

    /**
     * The device that the options select, with its native handles: what the opencl backend opens a context on.
     *
     * @throws BackendUnavailableException when OpenCL is unavailable or there is no such device, saying which
     */
    public static DeviceHandle handle(BackendOptions options) {
        DeviceScan scan = scan();
        if (!scan.available()) {
            throw new BackendUnavailableException(scan.problem() + ".");
        }
        OpenClDevice d = scan.select(options.device());
        if (d == null) {
            throw new BackendUnavailableException(noSuchDevice(options.device(), scan) + ".");
        }
        return Cached.RESULT.handles().get(d.index());
    }

    /** The clause for a {@code --device} index past the last device (without a full stop: it is an availability reason). */
    public static String noSuchDevice(int requested, DeviceScan scan) {
        return "there is no OpenCL device " + requested + "; `mlp4j devices` lists devices 0.." + (scan.devices().size() - 1);
    }

    /**
     * A device with what it takes to open a context on it.
     *
     * @param device   the device as {@code mlp4j devices} lists it
     * @param platform JOCL's handle of its platform
     * @param id       JOCL's handle of the device
     */
    public record DeviceHandle(OpenClDevice device, cl_platform_id platform, cl_device_id id) {
    }

    private static final class Cached {
        static final DeviceDiscovery.Result RESULT = DeviceDiscovery.discover();
    }
}
