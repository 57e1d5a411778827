package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.gpu.OpenClDevices;
import dev.mlp4j.gpu.opencl.context.ClContext;
import dev.mlp4j.gpu.testing.TestDevices;
import org.jocl.CLException;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each engine's program holds the helpers and its own kernels only, so that a compiler's quirk in the CPU kernels
 * cannot stop the CLBlast engine on a GPU.
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
}
