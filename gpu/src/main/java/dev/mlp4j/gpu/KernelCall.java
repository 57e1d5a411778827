package dev.mlp4j.gpu;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/** Sets a kernel's arguments in order and enqueues it: {@code call.mem(a).i(3).f(0.5f).run(global...)}. */
final class KernelCall {
    private final cl_command_queue queue;
    private final cl_kernel kernel;
    private int next;

    KernelCall(cl_command_queue queue, cl_kernel kernel) {
        this.queue = queue;
        this.kernel = kernel;
    }

    KernelCall mem(ClBuffer b) {
        return mem(b.mem());
    }

    KernelCall mem(cl_mem m) {
        CL.clSetKernelArg(kernel, next++, Sizeof.cl_mem, Pointer.to(m));
        return this;
    }

    /** An int or uint argument (the bits are the same). */
    KernelCall i(int v) {
        CL.clSetKernelArg(kernel, next++, Sizeof.cl_int, Pointer.to(new int[] {v}));
        return this;
    }

    KernelCall f(double v) {
        CL.clSetKernelArg(kernel, next++, Sizeof.cl_float, Pointer.to(new float[] {(float) v}));
        return this;
    }

    /** Enqueues over the given global size (one to three dimensions), letting the driver choose work-groups. */
    void run(long... global) {
        for (long g : global) {
            if (g <= 0) {
                return;
            }
        }
        CL.clEnqueueNDRangeKernel(queue, kernel, global.length, null, global, null, 0, null, null);
    }

    /**
     * Enqueues with the given work-group size; the global size is rounded up to a multiple of it (the kernels
     * ignore work-items past their data).
     */
    void run(long[] global, long[] local) {
        if (local == null) {
            run(global);
            return;
        }
        long[] rounded = new long[global.length];
        for (int d = 0; d < global.length; d++) {
            if (global[d] <= 0) {
                return;
            }
            rounded[d] = (global[d] + local[d] - 1) / local[d] * local[d];
        }
        CL.clEnqueueNDRangeKernel(queue, kernel, global.length, null, rounded, local, 0, null, null);
    }
}
