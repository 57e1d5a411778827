package dev.mlp4j.gpu;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;

/**
 * Asks JOCL for the platforms and devices, and turns each way this can fail into a sentence that says what to
 * install. The failures, in the order they can happen: JOCL's native library cannot load the OpenCL ICD loader
 * (an UnsatisfiedLinkError on first touch, NoClassDefFoundError on every touch after it); the loader finds no
 * driver (CL_PLATFORM_NOT_FOUND_KHR); the drivers offer no device.
 */
final class DeviceDiscovery {
    private static final Pattern OPENCL_VERSION = Pattern.compile("OpenCL \\d+\\.\\d+");

    private DeviceDiscovery() {
    }

    /**
     * @param skipped one sentence per platform whose devices could not be listed, while other platforms' could (a
     *                failure of every platform is the scan's problem instead)
     */
    record Result(DeviceScan scan, List<OpenClDevices.DeviceHandle> handles, List<String> skipped) {
        Result {
            handles = List.copyOf(handles);
            skipped = List.copyOf(skipped);
        }
    }

    /** One OpenCL platform as discovery asks it: JOCL's, or a test's stand-in. */
    interface Platform {
        String name();

        /** The platform's devices, numbered from {@code firstIndex} on; none when it has none. */
        List<OpenClDevices.DeviceHandle> devices(int firstIndex);
    }

    static Result discover() {
        // On Linux, look for the loader the way JOCL will (libOpenCL.so), but from Java first: when JOCL's native
        // code fails to open it, it prints the dlopen error on the C stdout, after a command's final JSON line.
        // java.library.path is not where dlopen looks, though: only when the dynamic linker's places (its cache,
        // LD_LIBRARY_PATH, the system folders) lack the loader too is there no OpenCL without asking JOCL.
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            try {
                System.loadLibrary("OpenCL");
            } catch (UnsatisfiedLinkError e) {
                // A loader in java.library.path's folders that did not load would fail JOCL's dlopen too.
                if (onJavaLibraryPath("libOpenCL.so") || findOnLibraryPath("libOpenCL.so") == null) {
                    return failed(loaderMissing(e));
                }
            } catch (SecurityException e) {
                // Not allowed to look; let JOCL try.
            }
        }
        try {
            return enumerate();
        } catch (LinkageError e) {
            return failed(loaderMissing(e));
        } catch (CLException e) {
            if (e.getStatus() == CL.CL_PLATFORM_NOT_FOUND_KHR) {
                return failed(noPlatform());
            }
            return failed("OpenCL failed while listing devices (" + CL.stringFor_errorCode(e.getStatus()) + ")");
        } catch (RuntimeException e) {
            return failed("OpenCL failed while listing devices: " + e);
        }
    }

    private static Result failed(String problem) {
        return new Result(new DeviceScan(List.of(), -1, problem), List.of(), List.of());
    }

    private static Result enumerate() {
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        CL.clGetPlatformIDs(0, null, count);
        if (count[0] == 0) {
            return failed(noPlatform());
        }
        cl_platform_id[] ids = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(ids.length, ids, null);
        List<Platform> platforms = new ArrayList<>();
        for (cl_platform_id id : ids) {
            platforms.add(new JoclPlatform(id));
        }
        return collect(platforms);
    }

    /**
     * Every device of every platform that lists its devices. A platform that fails (a driver that starts but cannot
     * answer, as a GPU driver may in a container) is skipped with a sentence, and the others' devices are kept.
     */
    static Result collect(List<Platform> platforms) {
        List<OpenClDevice> devices = new ArrayList<>();
        List<OpenClDevices.DeviceHandle> handles = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < platforms.size(); i++) {
            String name = "number " + i;
            try {
                name = platforms.get(i).name();
                List<OpenClDevices.DeviceHandle> found = platforms.get(i).devices(devices.size());
                if (found.isEmpty()) {
                    empty.add(name);
                }
                for (OpenClDevices.DeviceHandle h : found) {
                    devices.add(h.device());
                    handles.add(h);
                }
            } catch (CLException e) {
                failures.add("OpenCL platform " + name + " failed while listing its devices (" + CL.stringFor_errorCode(e.getStatus()) + ")");
            } catch (RuntimeException e) {
                failures.add("OpenCL platform " + name + " failed while listing its devices (" + e + ")");
            }
        }
        if (devices.isEmpty()) {
            return failed(!failures.isEmpty() ? String.join("; ", failures)
                    : "OpenCL platform " + String.join(", ", empty) + " offers no device; check its driver's installation");
        }
        return new Result(new DeviceScan(devices, bestIndex(devices), null), handles, failures);
    }

    /** A platform as JOCL reports it. */
    private record JoclPlatform(cl_platform_id id) implements Platform {
        @Override
        public String name() {
            return platformString(id, CL_PLATFORM_NAME);
        }

        @Override
        public List<OpenClDevices.DeviceHandle> devices(int firstIndex) {
            int[] n = new int[1];
            try {
                CL.clGetDeviceIDs(id, CL_DEVICE_TYPE_ALL, 0, null, n);
            } catch (CLException e) {
                if (e.getStatus() != CL.CL_DEVICE_NOT_FOUND) {
                    throw e;
                }
                return List.of();
            }
            cl_device_id[] ids = new cl_device_id[n[0]];
            CL.clGetDeviceIDs(id, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            String platformName = name();
            List<OpenClDevices.DeviceHandle> found = new ArrayList<>();
            for (cl_device_id d : ids) {
                found.add(new OpenClDevices.DeviceHandle(describe(firstIndex + found.size(), platformName, d), id, d));
            }
            return found;
        }
    }

    /** A GPU before any CPU; among equals, the most compute units; then the lowest index. */
    static int bestIndex(List<OpenClDevice> devices) {
        int best = -1;
        for (OpenClDevice d : devices) {
            if (best < 0 || rank(d) > rank(devices.get(best))
                    || (rank(d) == rank(devices.get(best)) && d.computeUnits() > devices.get(best).computeUnits())) {
                best = d.index();
            }
        }
        return best;
    }

    private static int rank(OpenClDevice d) {
        return switch (d.type()) {
            case GPU -> 2;
            case CPU -> 1;
            case OTHER -> 0;
        };
    }

    private static OpenClDevice describe(int index, String platform, cl_device_id id) {
        long type = deviceLong(id, CL_DEVICE_TYPE);
        OpenClDevice.Type t = (type & CL_DEVICE_TYPE_GPU) != 0 ? OpenClDevice.Type.GPU
                : (type & CL_DEVICE_TYPE_CPU) != 0 ? OpenClDevice.Type.CPU : OpenClDevice.Type.OTHER;
        int[] units = new int[1];
        CL.clGetDeviceInfo(id, CL_DEVICE_MAX_COMPUTE_UNITS, Sizeof.cl_uint, Pointer.to(units), null);
        String version = deviceString(id, CL_DEVICE_VERSION);
        Matcher m = OPENCL_VERSION.matcher(version);
        return new OpenClDevice(index, platform, deviceString(id, CL_DEVICE_NAME), t, units[0],
                deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE), deviceString(id, CL_DEVICE_EXTENSIONS).contains("cl_khr_fp64"),
                deviceString(id, CL_DRIVER_VERSION), m.find() ? m.group() : version);
    }

    static String deviceString(cl_device_id id, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(id, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetDeviceInfo(id, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static long deviceLong(cl_device_id id, int param) {
        long[] v = new long[1];
        CL.clGetDeviceInfo(id, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    private static String platformString(cl_platform_id id, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(id, param, 0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        CL.clGetPlatformInfo(id, param, bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).trim();
    }

    private static String noPlatform() {
        String vendors = System.getenv("OCL_ICD_VENDORS");
        List<String> registered = icdFiles(Path.of(vendors != null ? vendors : "/etc/OpenCL/vendors"));
        String where = vendors != null ? " (OCL_ICD_VENDORS=" + vendors + ")" : "";
        if (!registered.isEmpty()) {
            // The loader drops a driver that fails to start (for NVIDIA's: no /dev/nvidia*, or a driver whose
            // library and kernel module differ), so a registered driver can still leave no platform.
            return "no OpenCL platform found" + where + ": " + (vendors != null ? vendors : "/etc/OpenCL/vendors") + " registers "
                    + String.join(", ", registered) + " but no driver started; for NVIDIA's, check that nvidia-smi sees the GPU, "
                    + "and run with OCL_ICD_DEBUG=15 to see why the loader skipped a driver";
        }
        if (vendors != null) {
            return "no OpenCL platform found" + where + ": that folder registers no driver; "
                    + "unset it or point it at a folder of .icd files such as /etc/OpenCL/vendors";
        }
        return "no OpenCL platform found: the ICD loader found no driver in /etc/OpenCL/vendors; install one, "
                + "such as pocl-opencl-icd for the CPU or the GPU vendor's driver (NVIDIA's ships libnvidia-opencl.so.1)";
    }

    /** The .icd files in the folder, by name; none when it cannot be read. */
    private static List<String> icdFiles(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".icd")).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Why JOCL could not load OpenCL: the loader is missing, or only its versioned name is installed. */
    private static String loaderMissing(LinkageError e) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return "no OpenCL platform: the OpenCL library could not be loaded (" + e.getMessage() + "); install your "
                    + "device's OpenCL driver";
        }
        if (findOnLibraryPath("libOpenCL.so.1") == null) {
            return "no OpenCL platform: libOpenCL.so.1 not found; install ocl-icd-libopencl1 and a driver such as "
                    + "pocl-opencl-icd (CPU) or the GPU vendor's OpenCL driver";
        }
        String why = String.valueOf(e.getMessage());
        if (why.contains("JOCL")) {
            // JOCL unpacks its own native library into java.io.tmpdir, and cannot load it from a folder mounted noexec.
            return "no OpenCL platform: JOCL's native library could not be loaded (" + why + "); if java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + ") is mounted noexec, start java with -Djava.io.tmpdir naming "
                    + "a folder that allows executables";
        }
        if (findOnLibraryPath("libOpenCL.so") != null) {
            // The loader's file is there but did not load: say what the system said.
            return "no OpenCL platform: the OpenCL loader libOpenCL.so could not be loaded (" + why + "); reinstall "
                    + "ocl-icd-libopencl1 and ocl-icd-opencl-dev, or remove the libOpenCL.so that LD_LIBRARY_PATH puts first";
        }
        return "no OpenCL platform: JOCL opens the OpenCL loader by its unversioned name libOpenCL.so, which Debian and "
                + "Ubuntu install only with ocl-icd-opencl-dev (libOpenCL.so.1 alone is not enough); install "
                + "ocl-icd-opencl-dev, or start java with LD_LIBRARY_PATH naming a folder that holds a link "
                + "libOpenCL.so -> libOpenCL.so.1";
    }

    /** Whether one of java.library.path's folders holds the file. */
    private static boolean onJavaLibraryPath(String file) {
        for (String d : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.exists(Path.of(d, file))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the dynamic linker would find the file: LD_LIBRARY_PATH's folders, then the usual system ones, then its
     * cache; null when none holds it.
     */
    static Path findOnLibraryPath(String file) {
        List<String> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(List.of(ld.split(":")));
        }
        dirs.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/usr/local/lib", "/lib/x86_64-linux-gnu", "/lib64", "/lib"));
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, file);
            if (Files.exists(p)) {
                return p;
            }
        }
        return LinkerCache.find(file);
    }
}
