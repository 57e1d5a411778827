package dev.mlp4j.gpu.opencl.context;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * Sets a kernel's arguments in order and enqueues it: {@code call.mem(a).i(3).f(0.5f).run(items)}. Each
 * kernel object remembers the arguments it was last given and only passes on those that changed: a training
 * step's buffers and sizes rarely do, and on a CPU device every call into the driver costs time the kernels
 * would otherwise use.
 */
public final class KernelCall {
    private final cl_command_queue queue;
    private final Kernel kernel;
    private int next;

    /** A kernel object with the arguments it holds. */
    static final class Kernel {
        final cl_kernel handle;
        private final Object[] held = new Object[32];

        Kernel(cl_kernel handle) {
            this.handle = handle;
        }
    }

    KernelCall(cl_command_queue queue, Kernel kernel) {
        this.queue = queue;
        this.kernel = kernel;
    }

    /** A buffer argument. */
    public KernelCall mem(ClBuffer b) {
        return mem(b.mem());
    }

    /** A memory object argument. */
    public KernelCall mem(cl_mem m) {
        if (kernel.held[next] != m) {
            CL.clSetKernelArg(kernel.handle, next, Sizeof.cl_mem, Pointer.to(m));
            kernel.held[next] = m;
        }
        next++;
        return this;
    }

    /** An int or uint argument (the bits are the same). */
    public KernelCall i(int v) {
        Integer boxed = v;
        if (!boxed.equals(kernel.held[next])) {
            CL.clSetKernelArg(kernel.handle, next, Sizeof.cl_int, Pointer.to(new int[] {v}));
            kernel.held[next] = boxed;
        }
        next++;
        return this;
    }

    /** A float argument. */
    public KernelCall f(double v) {
        Float boxed = (float) v;
        if (!boxed.equals(kernel.held[next])) {
            CL.clSetKernelArg(kernel.handle, next, Sizeof.cl_float, Pointer.to(new float[] {(float) v}));
            kernel.held[next] = boxed;
        }
        next++;
        return this;
    }

    /**
     * Enqueues over {@code items} work-items in work-groups of 64: one fixed size, because drivers such as PoCL
     * compile a kernel again for each work-group size they are given. One dimension: a kernel over a batch's rows
     * and units takes them flattened, since NVIDIA's driver allows only 65,535 groups in dimension 1 (2³¹ − 1 in 0).
     */
    public void run(long items) {
        run(new long[] {items}, GROUP);
    }

    private static final long[] GROUP = {64};

    /**
     * Enqueues with the given work-group size; the global size is rounded up to a multiple of it, and the kernels
     * ignore work-items past their data. A geometry NVIDIA's driver would refuse fails here, on every device.
     */
    public void run(long[] global, long[] local) {
        LaunchGeometry g = LaunchGeometry.covering(global, local);
        if (g.empty()) {
            return;
        }
        CL.clEnqueueNDRangeKernel(queue, kernel.handle, global.length, null, g.global(), g.local(), 0, null, null);
    }
}
