package dev.mlp4j.gpu;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.gpu.testing.TestDevices;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each engine's program holds the helpers and its own kernels only, so that a compiler's quirk in the CPU kernels
 * cannot stop the CLBlast engine on a GPU; and a program compiled once on a device is loaded from its binary after.
 */
class EngineProgramsTest {
    private static final Pattern KERNEL = Pattern.compile("__kernel\\s+void\\s+(\\w+)");

    private static Set<String> kernels(String source) {
        Set<String> names = new TreeSet<>();
        Matcher m = KERNEL.matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void each_engine_compiles_the_helpers_and_its_own_kernels_only() {
        Set<String> clblast = kernels(KernelSource.program(MatrixEngine.CLBLAST));
        Set<String> vector = kernels(KernelSource.program(MatrixEngine.VECTOR_KERNELS));
        assertTrue(clblast.containsAll(Set.of("gather_rows", "bias_activation", "sgd_update", "output_layer")), clblast.toString());
        assertFalse(clblast.contains("forward_layer") || clblast.contains("weight_gradient"), "no vector kernel: " + clblast);
        assertTrue(vector.containsAll(Set.of("forward_layer", "weight_gradient", "output_layer")), vector.toString());
        assertFalse(vector.contains("gather_rows") || vector.contains("sgd_update"), "no CLBlast step: " + vector);
        assertThrows(IllegalArgumentException.class, () -> KernelSource.program(MatrixEngine.AUTO));
    }

    @Test
    void each_engines_program_compiles_on_its_own() {
        TestDevices.assumeOpenCl();
        OpenClDevices.DeviceHandle handle = OpenClDevices.handle(BackendOptions.DEFAULT);
        for (MatrixEngine engine : new MatrixEngine[] {MatrixEngine.CLBLAST, MatrixEngine.VECTOR_KERNELS}) {
            try (ClContext cl = ClContext.open(handle, KernelSource.program(engine))) {
                for (String kernel : kernels(KernelSource.program(engine))) {
                    cl.call(kernel); // creates the kernel object: fails for a name the program lacks
                }
                String foreign = engine == MatrixEngine.CLBLAST ? "forward_layer" : "gather_rows";
                assertThrows(CLException.class, () -> cl.call(foreign), engine + " has no " + foreign);
            }
        }
    }

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
            assertArrayEquals(new float[] {2, 4, 6}, twice(second, kernels(source).iterator().next()));
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
            assertArrayEquals(new float[] {2, 4, 6}, twice(cl, kernels(source).iterator().next()));
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
}
