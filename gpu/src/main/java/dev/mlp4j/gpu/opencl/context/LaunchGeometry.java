package dev.mlp4j.gpu.opencl.context;

import java.util.Arrays;

/**
 * A kernel launch's global size, rounded up to whole work-groups, and its work-group size. It refuses a launch that
 * NVIDIA's OpenCL driver would refuse: that driver runs an NDRange as a CUDA grid, which allows at most 65,535
 * work-groups in dimensions 1 and 2 (and 2³¹ − 1 in dimension 0). PoCL allows any number, so without the check a
 * launch geometry that passes every test on a CPU could fail only on a GPU, and only for large batches.
 */
record LaunchGeometry(long[] global, long[] local) {
    /** The most work-groups a CUDA grid has in dimensions 1 and 2. */
    static final long MAX_GROUPS_ABOVE_DIMENSION_0 = 65_535;
    /** The most work-groups a CUDA grid has in dimension 0. */
    static final long MAX_GROUPS_IN_DIMENSION_0 = (1L << 31) - 1;

    /** Keeps its own copies; refuses a geometry outside CUDA's grid. */
    LaunchGeometry {
        global = global.clone();
        local = local.clone();
        if (global.length != local.length || global.length < 1 || global.length > 3) {
            throw new IllegalArgumentException("a launch has 1 to 3 dimensions, each with a global and a work-group size");
        }
        for (int d = 0; d < global.length; d++) {
            long groups = global[d] / Math.max(1, local[d]);
            long limit = d == 0 ? MAX_GROUPS_IN_DIMENSION_0 : MAX_GROUPS_ABOVE_DIMENSION_0;
            if (groups > limit) {
                throw new IllegalStateException("a launch of " + groups + " work-groups in dimension " + d
                        + " exceeds the " + limit + " that NVIDIA's driver allows there (global " + Arrays.toString(global)
                        + ", work-group " + Arrays.toString(local) + ")");
            }
        }
    }

    /**
     * The launch covering {@code items} work-items per dimension in work-groups of {@code group}: each global size
     * rounded up to a multiple of its group's, the kernels ignoring work-items past their data.
     */
    static LaunchGeometry covering(long[] items, long[] group) {
        long[] rounded = new long[items.length];
        for (int d = 0; d < items.length; d++) {
            rounded[d] = (items[d] + group[d] - 1) / group[d] * group[d];
        }
        return new LaunchGeometry(rounded, group);
    }

    /** Whether the launch has no work-item (a dimension of size 0): then nothing is enqueued. */
    boolean empty() {
        return Arrays.stream(global).anyMatch(g -> g <= 0);
    }

    /** The number of work-groups in the given dimension. */
    long groups(int dimension) {
        return global[dimension] / local[dimension];
    }

    @Override
    public long[] global() {
        return global.clone();
    }

    @Override
    public long[] local() {
        return local.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LaunchGeometry g && Arrays.equals(global, g.global) && Arrays.equals(local, g.local);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(global) + Arrays.hashCode(local);
    }

    @Override
    public String toString() {
        return "LaunchGeometry[global=" + Arrays.toString(global) + ", local=" + Arrays.toString(local) + "]";
    }
}
