package dev.mlp4j.gpu.opencl.context;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.gpu.OpenClDevices;
import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A program compiled once on a device is loaded from its binary after, and compiled from its source again when the
 * driver refuses the binary.
 */
class ProgramBinariesTest {
    private static final Pattern KERNEL = Pattern.compile("__kernel\\s+void\\s+(\\w+)");

    @Test
    void a_program_compiled_once_is_loaded_from_its_binary_the_next_time_and_runs() {
        TestDevices.assumeOpenCl();
        OpenClDevices.DeviceHandle handle = OpenClDevices.handle(BackendOptions.DEFAULT);
        String source = twiceSource("twice_" + System.nanoTime());
        try (ClContext first = ClContext.open(handle, source)) {
            assertFalse(first.builtFromBinary(), "compiled from source the first time");
        }
        try (ClContext second = ClContext.open(handle, source)) {
            assertTrue(second.builtFromBinary(), "loaded from the binary the second time");
            assertArrayEquals(new float[] {2, 4, 6}, twice(second, kernelName(source)));
        }
    }

    @Test
    void a_binary_the_driver_refuses_gives_way_to_the_source() {
        TestDevices.assumeOpenCl();
        OpenClDevices.DeviceHandle handle = OpenClDevices.handle(BackendOptions.DEFAULT);
        String source = twiceSource("twice_refused_" + System.nanoTime());
        ProgramBinaries.keep(handle.device(), source, new byte[] {1, 2, 3, 4});
        try (ClContext cl = ClContext.open(handle, source)) {
            assertFalse(cl.builtFromBinary(), "bytes that are no binary: compiled from source");
            assertArrayEquals(new float[] {2, 4, 6}, twice(cl, kernelName(source)));
        }
        try (ClContext cl = ClContext.open(handle, source)) {
            assertTrue(cl.builtFromBinary(), "the refused bytes were replaced by the driver's own binary");
        }
    }

    private static String twiceSource(String name) {
        return "__kernel void " + name + "(__global float* x, int n) {\n"
                + "    int i = get_global_id(0);\n    if (i < n) {\n        x[i] *= 2.0f;\n    }\n}\n";
    }

    private static float[] twice(ClContext cl, String kernel) {
        ClBuffer b = cl.floats(3);
        float[] x = {1, 2, 3};
        b.write(x, 3);
        cl.call(kernel).mem(b).i(3).run(3);
        float[] out = new float[3];
        b.read(out, 0, 3);
        assertEquals(3, out.length);
        return out;
    }

    private static String kernelName(String source) {
        Matcher m = KERNEL.matcher(source);
        assertTrue(m.find(), source);
        return m.group(1);
    }
}
