package dev.mlp4j.gpu.opencl.context;

import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.gpu.OpenClDevice;
import dev.mlp4j.gpu.OpenClDevices;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;
import org.jocl.blast.CLBlast;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One device's context, its single in-order command queue, the compiled kernel program and every buffer made
 * through it; {@link #close} releases them all, once.
 */
public final class ClContext implements AutoCloseable {
    private final OpenClDevice device;
    private final cl_device_id deviceId;
    private cl_context context;
    private cl_command_queue queue;
    private cl_program program;
    private final Map<String, KernelCall.Kernel> kernels = new LinkedHashMap<>();
    private final List<ClBuffer> buffers = new ArrayList<>();
    /** The largest buffer the device allocates (CL_DEVICE_MAX_MEM_ALLOC_SIZE; a GPU often allows a quarter of its memory). */
    private final long maxAllocationBytes;
    private boolean usedClBlast;
    private boolean builtFromBinary;
    /** Releases of other objects made for this context, run first when it closes. */
    private final List<Runnable> alsoReleased = new ArrayList<>();
    /** The first failure of a command on this context; the release failures of a later close are added to it. */
    private RuntimeException failure;
    /** Contexts open that used CLBlast; guarded by ClContext.class. */
    private static int clBlastContexts;

    private ClContext(OpenClDevices.DeviceHandle handle) {
        this.device = handle.device();
        this.deviceId = handle.id();
        long[] maxAlloc = new long[1];
        CL.clGetDeviceInfo(deviceId, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE, Sizeof.cl_ulong, Pointer.to(maxAlloc), null);
        this.maxAllocationBytes = maxAlloc[0] > 0 ? maxAlloc[0] : Long.MAX_VALUE;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, handle.platform());
        context = CL.clCreateContext(props, 1, new cl_device_id[] {deviceId}, null, null, null);
        queue = createQueue();
    }

    /** What {@link #open} takes for a context without a program (CLBlast's SGEMM alone). */
    public static final String NO_PROGRAM = null;

    /**
     * A context and queue on the device, with the given program source compiled (none when {@link #NO_PROGRAM}), or
     * loaded from the binary compiled for the same source on this device before.
     */
    public static ClContext open(OpenClDevices.DeviceHandle handle, String programSource) {
        ClContext c;
        try {
            c = new ClContext(handle);
        } catch (CLException e) {
            throw DeviceFailures.translate(e, handle.device().description(), "opening a context");
        }
        if (programSource != null) {
            try {
                c.build(programSource);
            } catch (RuntimeException e) {
                throw c.closeAfter(e);
            }
        }
        return c;
    }

    @SuppressWarnings("deprecation")
    private cl_command_queue createQueue() {
        // clCreateCommandQueueWithProperties is OpenCL 2.0; a 1.x driver has only the older call.
        if (device.openClVersion().startsWith("OpenCL 1.")) {
            return CL.clCreateCommandQueue(context, deviceId, 0, null);
        }
        return CL.clCreateCommandQueueWithProperties(context, deviceId, new cl_queue_properties(), null);
    }

    private void build(String source) {
        byte[] binary = ProgramBinaries.find(device, source);
        if (binary != null && buildFromBinary(binary)) {
            builtFromBinary = true;
            return;
        }
        ProgramBinaries.forget(device, source);
        program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {deviceId}, "", null, null);
        } catch (CLException e) {
            throw new BackendUnavailableException("The OpenCL kernels did not compile for " + device.description()
                    + " (" + CL.stringFor_errorCode(e.getStatus()) + "):\n" + buildLog(), e);
        }
        byte[] made = binary();
        if (made != null) {
            ProgramBinaries.keep(device, source, made);
        }
    }

    /** Whether the program was built from the binary; false, with no program, when the driver refused it. */
    private boolean buildFromBinary(byte[] binary) {
        try {
            program = CL.clCreateProgramWithBinary(context, 1, new cl_device_id[] {deviceId}, new long[] {binary.length},
                    new byte[][] {binary}, null, null);
            CL.clBuildProgram(program, 1, new cl_device_id[] {deviceId}, "", null, null);
            return true;
        } catch (CLException e) {
            // Not expected of a binary this driver made in this process; the source is compiled instead.
            if (program != null) {
                cl_program p = program;
                program = null;
                new ReleaseFailures().attempt(() -> CL.clReleaseProgram(p));
            }
            return false;
        }
    }

    /** The program's binary for this device, as the driver gives it; null when it gives none. */
    private byte[] binary() {
        try {
            long[] size = new long[1];
            CL.clGetProgramInfo(program, CL.CL_PROGRAM_BINARY_SIZES, Sizeof.size_t, Pointer.to(size), null);
            if (size[0] <= 0 || size[0] > Integer.MAX_VALUE) {
                return null;
            }
            byte[] binary = new byte[(int) size[0]];
            CL.clGetProgramInfo(program, CL.CL_PROGRAM_BINARIES, Sizeof.POINTER, Pointer.to(new Pointer[] {Pointer.to(binary)}), null);
            return binary;
        } catch (CLException e) {
            return null;
        }
    }

    /** Whether the program was loaded from a binary compiled before, not compiled from its source. */
    boolean builtFromBinary() {
        return builtFromBinary;
    }

    private String buildLog() {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, deviceId, CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, deviceId, CL.CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
            String text = new String(log, StandardCharsets.UTF_8).replace("\0", "").trim();
            return text.length() > 4000 ? text.substring(0, 4000) + "\n..." : text;
        } catch (CLException e) {
            return "(no build log)";
        }
    }

    /** The device the context is on. */
    public OpenClDevice device() {
        return device;
    }

    long maxAllocationBytes() {
        return maxAllocationBytes;
    }

    cl_context context() {
        return context;
    }

    /** The context's one in-order queue, for calls made outside it (CLBlast's, an asynchronous copy). */
    public cl_command_queue queue() {
        return queue;
    }

    /** A call of the named kernel of the context's program, through its first kernel object. */
    public KernelCall call(String kernel) {
        return call(kernel, 0);
    }

    /**
     * A call of the named kernel through its kernel object number {@code instance}: one object per layer keeps
     * that layer's arguments set between steps.
     */
    public KernelCall call(String kernel, int instance) {
        KernelCall.Kernel k = kernels.computeIfAbsent(kernel + "#" + instance,
                key -> new KernelCall.Kernel(CL.clCreateKernel(program, kernel, null)));
        return new KernelCall(queue, k);
    }

    /** A float buffer of at least {@code elements} values, released when the context closes. */
    public ClBuffer floats(long elements) {
        return track(ClBuffer.floats(this, elements));
    }

    /** An int buffer of at least {@code elements} values, released when the context closes. */
    public ClBuffer ints(long elements) {
        return track(ClBuffer.ints(this, elements));
    }

    private ClBuffer track(ClBuffer b) {
        buffers.add(b);
        return b;
    }

    /**
     * Notes that CLBlast runs on this context. CLBlast keeps the programs it compiled for a context, and with them the
     * context itself, until its cache is cleared, and it offers no way to clear one context's share: the cache is
     * cleared when the last context that used it closes, so that a context open beside another keeps its programs.
     */
    public void useClBlast() {
        if (!usedClBlast) {
            CLBlast.setExceptionsEnabled(true);
            usedClBlast = true;
            synchronized (ClContext.class) {
                clBlastContexts++;
            }
            releaseAlso(ClContext::leaveClBlast);
        }
    }

    private static void leaveClBlast() {
        synchronized (ClContext.class) {
            if (--clBlastContexts == 0) {
                CLBlast.CLBlastClearCache();
            }
        }
    }

    /** Adds the release of an object made for this context, run when it closes, before its buffers are released. */
    public void releaseAlso(Runnable release) {
        alsoReleased.add(release);
    }

    /**
     * Notes that a command on this context failed with {@code e}. A driver may refuse every later call on it (NVIDIA's
     * after a kernel fault), so the release failures of {@link #close} are then added to {@code e} and not thrown
     * over what was already reported.
     */
    public void failed(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** Closes after {@code e}, which stays the failure to report, carrying those of the releases; returns it. */
    public RuntimeException closeAfter(RuntimeException e) {
        failed(e);
        close();
        return e;
    }

    /** Waits until the queue has run everything enqueued on it. */
    public void finish() {
        CL.clFinish(queue);
    }

    /** Sends what is enqueued to the device without waiting for it. */
    public void flush() {
        CL.clFlush(queue);
    }

    /**
     * Releases everything made through this context, each release tried even when one before it failed. Their
     * failures are thrown, as one, only when no command on the context failed before ({@link #failed}).
     */
    @Override
    public void close() {
        if (context == null) {
            return;
        }
        try {
            CL.clFinish(queue);
        } catch (CLException e) {
            // Closing must release what it can even after a failed command.
        }
        ReleaseFailures releases = new ReleaseFailures();
        alsoReleased.forEach(releases::attempt);
        alsoReleased.clear();
        buffers.forEach(b -> releases.attempt(b::release));
        buffers.clear();
        kernels.values().forEach(k -> releases.attempt(() -> CL.clReleaseKernel(k.handle)));
        kernels.clear();
        cl_program p = program;
        program = null;
        if (p != null) {
            releases.attempt(() -> CL.clReleaseProgram(p));
        }
        cl_command_queue q = queue;
        cl_context c = context;
        queue = null;
        context = null;
        releases.attempt(() -> CL.clReleaseCommandQueue(q));
        releases.attempt(() -> CL.clReleaseContext(c));
        RuntimeException released = releases.first();
        if (released == null) {
            return;
        }
        if (failure != null) {
            failure.addSuppressed(released);
            return;
        }
        throw released instanceof CLException e ? DeviceFailures.translate(e, device.description(), "releasing its objects") : released;
    }
}
