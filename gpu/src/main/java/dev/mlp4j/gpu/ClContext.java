package dev.mlp4j.gpu;

import dev.mlp4j.core.backend.BackendUnavailableException;
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
final class ClContext implements AutoCloseable {
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

    /** A context and queue on the device, with the kernel program compiled when {@code withKernels}. */
    static ClContext open(OpenClDevices.DeviceHandle handle, boolean withKernels) {
        return open(handle, withKernels ? KernelSource.program() : null);
    }

    /** A context and queue on the device, with the given program source compiled (none when null). */
    static ClContext open(OpenClDevices.DeviceHandle handle, String programSource) {
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
                c.close();
                throw e;
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
        program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {deviceId}, "", null, null);
        } catch (CLException e) {
            throw new BackendUnavailableException("The OpenCL kernels did not compile for " + device.description()
                    + " (" + CL.stringFor_errorCode(e.getStatus()) + "):\n" + buildLog(), e);
        }
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

    OpenClDevice device() {
        return device;
    }

    long maxAllocationBytes() {
        return maxAllocationBytes;
    }

    cl_context context() {
        return context;
    }

    cl_command_queue queue() {
        return queue;
    }

    KernelCall call(String kernel) {
        return call(kernel, 0);
    }

    /**
     * A call of the named kernel through its kernel object number {@code instance}: one object per layer keeps
     * that layer's arguments set between steps.
     */
    KernelCall call(String kernel, int instance) {
        KernelCall.Kernel k = kernels.computeIfAbsent(kernel + "#" + instance,
                key -> new KernelCall.Kernel(CL.clCreateKernel(program, kernel, null)));
        return new KernelCall(queue, k);
    }

    ClBuffer floats(long elements) {
        return track(ClBuffer.floats(this, elements));
    }

    ClBuffer ints(long elements) {
        return track(ClBuffer.ints(this, elements));
    }

    private ClBuffer track(ClBuffer b) {
        buffers.add(b);
        return b;
    }

    /** Notes that CLBlast ran on this context, so that {@link #close} also empties CLBlast's cache. */
    void useClBlast() {
        if (!usedClBlast) {
            CLBlast.setExceptionsEnabled(true);
            usedClBlast = true;
        }
    }

    void finish() {
        CL.clFinish(queue);
    }

    void flush() {
        CL.clFlush(queue);
    }

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
        for (ClBuffer b : buffers) {
            b.release();
        }
        buffers.clear();
        for (KernelCall.Kernel k : kernels.values()) {
            CL.clReleaseKernel(k.handle);
        }
        kernels.clear();
        if (program != null) {
            CL.clReleaseProgram(program);
            program = null;
        }
        if (usedClBlast) {
            // CLBlast keeps the programs it compiled for a context, and with them the context itself, until its
            // cache is cleared; it offers no way to clear one context's share. Other live contexts recompile
            // (from the driver's cache) on their next call.
            CLBlast.CLBlastClearCache();
        }
        CL.clReleaseCommandQueue(queue);
        queue = null;
        CL.clReleaseContext(context);
        context = null;
    }
}
