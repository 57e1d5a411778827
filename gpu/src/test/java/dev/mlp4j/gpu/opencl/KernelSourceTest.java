package dev.mlp4j.gpu.opencl;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What PoCL compiles but a GPU driver may not: a plain {@code inline} helper (C99 semantics) leaves no function to
 * call where NVIDIA's compiler does not inline it. PoCL accepts it, so only this check can catch it before a GPU does.
 */
class KernelSourceTest {
    @Test
    void no_helper_is_declared_inline() {
        String program = KernelSource.program();
        assertTrue(program.contains("float activate(int kind, float z)"), "the program holds the helpers");
        Matcher m = Pattern.compile("(?m)^\\s*(static\\s+)?inline\\b.*$").matcher(program);
        assertFalse(m.find(), () -> "an inline helper: " + m.group());
    }
}
