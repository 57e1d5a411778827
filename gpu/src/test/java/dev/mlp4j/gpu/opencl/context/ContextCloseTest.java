package dev.mlp4j.gpu.opencl.context;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.core.backend.BackendUnavailableException;
import dev.mlp4j.gpu.OpenClDevices;
import dev.mlp4j.gpu.testing.TestDevices;
import org.jocl.CL;
import org.jocl.CLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing a context whose releases fail, as every call does on NVIDIA's driver after a kernel fault: the other
 * releases still run, and the failure that was already being reported stays the one reported.
 */
class ContextCloseTest {
    /** What NVIDIA's driver answers on a context broken by a kernel fault. */
    private static CLException broken() {
        return new CLException("CL_OUT_OF_RESOURCES", CL.CL_OUT_OF_RESOURCES);
    }

    private ClContext cl;
    private ClBuffer buffer;
    private final List<String> ran = new ArrayList<>();

    @BeforeEach
    void openWithFailingReleases() {
        TestDevices.assumeOpenCl();
        cl = ClContext.open(OpenClDevices.handle(BackendOptions.DEFAULT), "__kernel void k(__global float* x) { x[0] = 1; }");
        buffer = cl.floats(16);
        cl.call("k").mem(buffer).run(1);
        cl.releaseAlso(() -> {
            ran.add("first");
            throw broken();
        });
        cl.releaseAlso(() -> {
            ran.add("second");
            throw broken();
        });
    }

    @Test
    void closing_after_a_failure_keeps_that_failure_with_the_release_failures_suppressed_in_it() {
        RuntimeException original = new BackendUnavailableException("a kernel failed");
        RuntimeException reported = assertDoesNotThrow(() -> cl.closeAfter(original));
        assertSame(original, reported);
        assertTrue(original.getSuppressed().length == 1 && original.getSuppressed()[0] instanceof CLException,
                "the first release failure is suppressed in the original: " + List.of(original.getSuppressed()));
        assertTrue(original.getSuppressed()[0].getSuppressed().length == 1, "the second is suppressed in the first");
        assertEverythingReleased();
    }

    @Test
    void a_close_after_a_failed_command_does_not_throw() {
        cl.failed(new BackendUnavailableException("reading the costs failed"));
        assertDoesNotThrow(cl::close);
        assertEverythingReleased();
    }

    @Test
    void a_close_with_no_failure_before_reports_the_release_failure_as_a_sentence() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, cl::close);
        assertTrue(e.getMessage().contains("while releasing its objects"), e.getMessage());
        assertEverythingReleased();
        assertDoesNotThrow(cl::close, "a second close has nothing left to do");
    }

    private void assertEverythingReleased() {
        assertArrayEquals(new Object[] {"first", "second"}, ran.toArray(), "every release ran");
        assertNull(buffer.mem(), "the buffers were released after the failed releases");
        assertNull(cl.queue(), "the queue was released");
        assertNull(cl.context(), "the context was released");
    }
}
