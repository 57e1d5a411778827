package dev.mlp4j.gpu.opencl.context;

import dev.mlp4j.core.backend.BackendUnavailableException;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A device buffer of floats or ints that grows on demand (contents are not kept when it grows). Every buffer
 * carries {@link #SLACK} elements past its size so that a kernel's vector load running past a row's end stays
 * inside the buffer.
 */
public final class ClBuffer {
    static final int SLACK = 16;

    private final ClContext context;
    private final int elementBytes;
    private cl_mem mem;
    private long capacity;

    ClBuffer(ClContext context, int elementBytes, long elements) {
        this.context = context;
        this.elementBytes = elementBytes;
        ensure(elements);
    }

    static ClBuffer floats(ClContext context, long elements) {
        return new ClBuffer(context, Sizeof.cl_float, elements);
    }

    static ClBuffer ints(ClContext context, long elements) {
        return new ClBuffer(context, Sizeof.cl_int, elements);
    }

    /** The OpenCL memory object; null once released. */
    public cl_mem mem() {
        return mem;
    }

    /** How many elements the buffer holds, its slack not counted. */
    public long capacity() {
        return capacity;
    }

    /** Makes room for at least the given number of elements; returns true when the buffer was reallocated. */
    public boolean ensure(long elements) {
        if (mem != null && elements <= capacity) {
            return false;
        }
        long n = Math.max(1, elements);
        requireAllocatable(n);
        release();
        mem = CL.clCreateBuffer(context.context(), CL.CL_MEM_READ_WRITE, (n + SLACK) * elementBytes, null, null);
        capacity = n;
        // New memory holds whatever was there; zero it so that slack and unused rows are finite.
        zero(0, n + SLACK);
        return true;
    }

    /**
     * Refuses, with what to change, a buffer the kernels could not index (their indices are 32-bit ints, which would
     * wrap silently) or the device would not allocate (reported by OpenCL only as an invalid size or out of memory).
     */
    private void requireAllocatable(long n) {
        long bytes = (n + SLACK) * elementBytes;
        String why = n + SLACK > Integer.MAX_VALUE ? "more elements than the kernels' 32-bit indices reach"
                : bytes > context.maxAllocationBytes() ? "more than the " + context.maxAllocationBytes() / (1 << 20)
                        + " MiB the device allocates at once" : null;
        if (why != null) {
            throw new BackendUnavailableException("A buffer of " + n + " values (" + bytes / (1 << 20) + " MiB) on "
                    + context.device().description() + " would hold " + why + "; use a smaller batch or network, or --backend core.");
        }
    }

    /** Enqueues setting {@code count} elements from {@code from} on to zero. */
    public void zero(long from, long count) {
        if (count <= 0) {
            return;
        }
        CL.clEnqueueFillBuffer(context.queue(), mem, Pointer.to(new int[] {0}), Sizeof.cl_int,
                from * elementBytes, count * elementBytes, 0, null, null);
    }

    /** Copies the first {@code count} values of {@code data} to the buffer's start, waiting until done. */
    public void write(float[] data, int count) {
        CL.clEnqueueWriteBuffer(context.queue(), mem, true, 0, (long) count * elementBytes, Pointer.to(data), 0, null, null);
    }

    /** Copies the first {@code count} values of {@code data} to the buffer's start, waiting until done. */
    public void write(int[] data, int count) {
        CL.clEnqueueWriteBuffer(context.queue(), mem, true, 0, (long) count * elementBytes, Pointer.to(data), 0, null, null);
    }

    /** Copies {@code count} values from element {@code from} on into {@code into}, waiting until done. */
    public void read(float[] into, long from, int count) {
        CL.clEnqueueReadBuffer(context.queue(), mem, true, from * elementBytes, (long) count * elementBytes,
                Pointer.to(into), 0, null, null);
    }

    /** Frees the device memory now; a later {@link #ensure} allocates it again. */
    public void release() {
        if (mem != null) {
            cl_mem m = mem;
            mem = null;
            capacity = 0;
            CL.clReleaseMemObject(m);
        }
    }
}
