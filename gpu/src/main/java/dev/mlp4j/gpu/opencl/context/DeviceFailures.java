package dev.mlp4j.gpu.opencl.context;

import dev.mlp4j.core.backend.BackendUnavailableException;
import org.jocl.CL;
import org.jocl.CLException;

/** Turns an OpenCL error code into the sentence a user can act on. */
public final class DeviceFailures {
    private DeviceFailures() {
    }

    /** The failure of {@code doing} on {@code device} as a sentence that says what to change, carrying {@code e}. */
    public static BackendUnavailableException translate(CLException e, String device, String doing) {
        int status = e.getStatus();
        String code = CL.stringFor_errorCode(status);
        if (status == CL.CL_OUT_OF_RESOURCES) {
            // NVIDIA's driver also reports a kernel's illegal address this way, and on a later blocking call: the
            // step that failed may be one queued before what was being done when it was noticed.
            return new BackendUnavailableException("The OpenCL device " + device + " reported " + code + " while " + doing
                    + ": it ran out of memory, or a kernel queued before failed; use a smaller batch, network or training set,"
                    + " or another device with --device, and if that does not help run with --backend core.", e);
        }
        if (isOutOfMemory(status)) {
            return new BackendUnavailableException("The OpenCL device " + device + " ran out of memory while " + doing
                    + " (" + code + "); use a smaller batch, a smaller network or training set, or another device with --device.", e);
        }
        return new BackendUnavailableException("OpenCL failed on " + device + " while " + doing + " (" + describe(e) + ").", e);
    }

    private static String describe(CLException e) {
        // CLBlast reports its own status codes through the same exception; its message names them.
        String message = e.getMessage();
        String code = CL.stringFor_errorCode(e.getStatus());
        return message != null && !message.isBlank() && !message.equals(code) ? message : code;
    }

    private static boolean isOutOfMemory(int status) {
        return status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
                || status == CL.CL_OUT_OF_HOST_MEMORY || status == CL.CL_INVALID_BUFFER_SIZE;
    }
}
