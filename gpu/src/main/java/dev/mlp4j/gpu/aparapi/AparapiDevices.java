package dev.mlp4j.gpu.aparapi;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLLoader;
import com.aparapi.internal.opencl.OpenCLPlatform;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendProvider.Availability;
import dev.mlp4j.gpu.DeviceScan;
import dev.mlp4j.gpu.OpenClDevice;
import dev.mlp4j.gpu.OpenClDevices;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Aparapi's view of the OpenCL devices, and whether Aparapi really runs kernels on the chosen one. Aparapi never
 * throws when OpenCL is missing or a kernel does not translate: it logs a line and runs the kernel in a Java
 * thread pool. Here that becomes "not available" with the reason, found by running a probe kernel once per
 * device and asking it whether it ran on OpenCL.
 */
final class AparapiDevices {
    private static final Map<Integer, Availability> CHECKED = new ConcurrentHashMap<>();

    private AparapiDevices() {
    }

    /** The device for the options and whether Aparapi runs on it; cached per requested index. Never throws. */
    static Availability availability(BackendOptions options) {
        return CHECKED.computeIfAbsent(options.device(), AparapiDevices::check);
    }

    private static Availability check(int requested) {
        try {
            if (!OpenCLLoader.isOpenCLAvailable()) {
                return Availability.no("Aparapi could not load OpenCL: libOpenCL.so.1 not found or unusable; install "
                        + "ocl-icd-libopencl1 and a driver such as pocl-opencl-icd (CPU) or the GPU vendor's OpenCL driver");
            }
            List<OpenCLDevice> devices = devices();
            if (devices.isEmpty()) {
                String vendors = System.getenv("OCL_ICD_VENDORS");
                return Availability.no("no OpenCL platform found" + (vendors != null ? " (OCL_ICD_VENDORS=" + vendors + ")" : "")
                        + "; install a driver such as pocl-opencl-icd (CPU) or the GPU vendor's OpenCL driver");
            }
            OpenCLDevice device = select(devices, requested);
            if (device == null) {
                return Availability.no("there is no OpenCL device " + requested + "; `mlp4j devices` lists the devices");
            }
            String why = probe(device);
            if (why != null) {
                return Availability.no(why);
            }
            return Availability.yes(describe(device), device.getType() == com.aparapi.device.Device.TYPE.GPU);
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("Aparapi could not reach OpenCL: " + e);
        }
    }

    /** The Aparapi device that backend options select; null when there is none. */
    static OpenCLDevice select(BackendOptions options) {
        return select(devices(), options.device());
    }

    /**
     * Index -1 chooses as {@link OpenClDevices} does: the GPU with most compute units, else the CPU device with
     * most. An index names the device of that number in {@link OpenClDevices#list()} when JOCL can list them,
     * matched by platform and name (the nth of identical devices to the nth); else Aparapi's own order.
     */
    private static OpenCLDevice select(List<OpenCLDevice> devices, int requested) {
        if (requested < 0) {
            OpenCLDevice best = null;
            for (OpenCLDevice d : devices) {
                if (best == null || rank(d) > rank(best) || (rank(d) == rank(best) && d.getMaxComputeUnits() > best.getMaxComputeUnits())) {
                    best = d;
                }
            }
            return best;
        }
        DeviceScan scan = OpenClDevices.scan();
        if (scan.available()) {
            if (requested >= scan.devices().size()) {
                return null;
            }
            OpenClDevice wanted = scan.devices().get(requested);
            int nth = 0;
            for (OpenClDevice d : scan.devices().subList(0, requested)) {
                if (d.name().equals(wanted.name()) && d.platform().equals(wanted.platform())) {
                    nth++;
                }
            }
            for (OpenCLDevice d : devices) {
                if (d.getName().trim().equals(wanted.name()) && d.getOpenCLPlatform().getName().trim().equals(wanted.platform()) && nth-- == 0) {
                    return d;
                }
            }
            return null;
        }
        return requested < devices.size() ? devices.get(requested) : null;
    }

    private static int rank(OpenCLDevice d) {
        return switch (d.getType()) {
            case GPU -> 2;
            case CPU -> 1;
            default -> 0;
        };
    }

    /**
     * Every device of every platform, as Aparapi lists them afresh. Aparapi keeps this list for its own kernels'
     * device lookups, so after this no call of Aparapi's lists the platforms again (the only time its native library
     * prints its platform-version warning, dropped here: {@link AparapiLog#quietly}).
     */
    static List<OpenCLDevice> devices() {
        List<OpenCLPlatform> platforms = AparapiLog.quietly(OpenCLPlatform::getUncachedOpenCLPlatforms);
        List<OpenCLDevice> all = new ArrayList<>();
        for (OpenCLPlatform p : platforms) {
            all.addAll(p.getOpenCLDevices());
        }
        return all;
    }

    static String describe(OpenCLDevice d) {
        String label = OpenClDevice.platformLabel(d.getOpenCLPlatform().getName().trim());
        String kind = switch (d.getType()) {
            case GPU -> "OpenCL GPU";
            case CPU -> "OpenCL CPU";
            default -> "OpenCL device";
        };
        return d.getName().trim() + " (" + label + ", " + kind + ", via Aparapi)";
    }

    /** Null when a probe kernel ran on OpenCL on the device; otherwise why not. */
    private static String probe(OpenCLDevice device) {
        Logger aparapi = AparapiLog.logger();
        Level before = aparapi.getLevel();
        ProbeKernel k = new ProbeKernel(16);
        try {
            // The probe's fallback would only log; its outcome is reported here instead. A level already above
            // SEVERE (a caller that silenced Aparapi) stays.
            if (before == null || before.intValue() < Level.SEVERE.intValue()) {
                aparapi.setLevel(Level.SEVERE);
            }
            k.setExplicit(true);
            k.execute(Range.create(device, 16));
            if (!k.isRunningCL()) {
                return "Aparapi could not run a kernel on " + describe(device) + " and would fall back to Java threads";
            }
            k.get(k.values);
            if (k.values[3] != 4f) {
                return "Aparapi's probe kernel computed a wrong result on " + describe(device);
            }
            return null;
        } catch (RuntimeException | AssertionError e) {
            return "Aparapi could not run a kernel on " + describe(device) + ": " + e.getMessage();
        } finally {
            aparapi.setLevel(before);
            k.dispose();
        }
    }
}
