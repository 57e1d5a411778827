package dev.mlp4j.gpu;

/**
 * One OpenCL device as the ICD loader reports it: a row of {@code mlp4j devices}.
 *
 * @param index             position across all platforms, the number {@code --device} takes
 * @param platform          the platform's name, e.g. "Portable Computing Language" or "NVIDIA CUDA"
 * @param name              the device's name
 * @param type              GPU, CPU or OTHER (accelerators and custom devices)
 * @param computeUnits      CL_DEVICE_MAX_COMPUTE_UNITS: cores on a CPU, multiprocessors on a GPU
 * @param globalMemoryBytes CL_DEVICE_GLOBAL_MEM_SIZE
 * @param fp64              whether the device does double precision (cl_khr_fp64); the backends use float32 only
 * @param driverVersion     CL_DRIVER_VERSION
 * @param openClVersion     the OpenCL version the device supports, e.g. "OpenCL 3.0"
 */
public record OpenClDevice(int index, String platform, String name, Type type, int computeUnits,
                           long globalMemoryBytes, boolean fp64, String driverVersion, String openClVersion) {

    /** CL_DEVICE_TYPE, reduced to what the backends choose by. */
    public enum Type {
        /** CL_DEVICE_TYPE_GPU. */
        GPU,
        /** CL_DEVICE_TYPE_CPU, e.g. PoCL. */
        CPU,
        /** Accelerators and anything else. */
        OTHER
    }

    /** @return whether the device is a GPU */
    public boolean isGpu() {
        return type == Type.GPU;
    }

    /** The device in words, e.g. "pthread-skylake-avx512-Intel(R) Xeon(R) Processor (PoCL, OpenCL CPU)". */
    public String description() {
        String kind = switch (type) {
            case GPU -> "OpenCL GPU";
            case CPU -> "OpenCL CPU";
            case OTHER -> "OpenCL device";
        };
        return name + " (" + platformLabel() + ", " + kind + ")";
    }

    /** A short name for the platform: PoCL's official name is long and says less than its acronym. */
    public String platformLabel() {
        return platformLabel(platform);
    }

    /** The short name of a platform of that name, as {@link #platformLabel()}; for Aparapi's view of the same platforms. */
    public static String platformLabel(String platform) {
        return platform.contains("Portable Computing Language") ? "PoCL" : platform;
    }
}
