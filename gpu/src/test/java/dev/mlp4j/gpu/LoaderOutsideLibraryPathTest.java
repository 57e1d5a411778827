package dev.mlp4j.gpu;

import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OpenCL loader that the system's dynamic linker finds but java.library.path does not name, as a GPU driver's
 * folder known only to ld.so's cache: discovery must ask JOCL, which opens the loader through the dynamic linker,
 * rather than conclude from System.loadLibrary that there is no OpenCL.
 */
class LoaderOutsideLibraryPathTest {
    @Test
    void a_loader_outside_java_library_path_is_still_used(@TempDir Path emptyLibraryPath) throws Exception {
        TestDevices.assumeOpenCl();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.library.path=" + emptyLibraryPath,
                "-cp", System.getProperty("java.class.path"), NoOpenClReport.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("scan: null"), "the scan found devices: " + text);
        assertTrue(text.contains("opencl: available on " + TestDevices.OPENCL.device()), text);
    }
}
