package dev.mlp4j.gpu.opencl;

import dev.mlp4j.core.nn.Activation;
import dev.mlp4j.core.nn.Cost;
import dev.mlp4j.gpu.KernelCodes;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every activation and cost has its code in the OpenCL C, the number both backends' kernels compare with. */
class KernelCodesTest {
    private static final String PROGRAM = KernelSource.program();

    @Test
    void each_activation_is_defined_in_the_kernels_with_its_code() {
        Set<Integer> codes = new HashSet<>();
        for (Activation a : Activation.values()) {
            String define = "#define ACT_" + a.name() + " " + KernelCodes.of(a) + "\n";
            assertTrue(PROGRAM.contains(define), "activation.cl lacks " + define.trim());
            codes.add(KernelCodes.of(a));
        }
        assertEquals(Activation.values().length, codes.size(), "one code per activation");
    }

    @Test
    void each_cost_is_defined_in_the_kernels_with_its_code() {
        Set<Integer> codes = new HashSet<>();
        for (Cost c : Cost.values()) {
            String define = "#define COST_" + c.name() + " " + KernelCodes.of(c) + "\n";
            assertTrue(PROGRAM.contains(define), "output.cl lacks " + define.trim());
            codes.add(KernelCodes.of(c));
        }
        assertEquals(Cost.values().length, codes.size(), "one code per cost");
    }
}
