package dev.mlp4j.gpu;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** File descriptor 2 is pointed away for the length of one call, and back afterwards, even when the call throws. */
class NativeStderrTest {

    @Test
    void what_is_written_to_descriptor_2_during_the_call_is_dropped_and_nothing_else() throws Exception {
        String os = System.getProperty("os.name").toLowerCase();
        assumeTrue(os.contains("linux") || os.contains("mac"), "NativeStderr needs a POSIX C library; elsewhere it runs the call as it is");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NativeStderrChild.class.getName()).start();
        p.getOutputStream().close();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not end: " + stderr);
        assertEquals(0, p.exitValue(), stderr);
        assertEquals("before\nreturned\nafter thrown\n", stderr);
    }
}
