package dev.mlp4j.gpu;

import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A machine without OpenCL drivers, simulated in a child JVM whose ICD loader is pointed at an empty folder:
 * both GPU providers must say so in a sentence, never throw, and "auto" must fall back to core saying why.
 */
class NoOpenClTest {
    @Test
    void without_drivers_the_providers_explain_and_auto_falls_back_to_core(@TempDir Path noDrivers) throws Exception {
        String output = runChild(noDrivers);
        // Where the loader itself is missing, the providers say that instead; the fallback is the same.
        String expected = "no OpenCL platform found (OCL_ICD_VENDORS=" + noDrivers + ")";
        String opencl = TestDevices.OPENCL.available() ? expected : "no OpenCL platform";
        String aparapi = TestDevices.APARAPI.available() ? expected : "";
        assertTrue(output.contains("opencl: not available: " + opencl), output);
        assertTrue(output.contains("aparapi: not available: " + aparapi), output);
        assertTrue(output.contains("core: available on"), output);
        assertTrue(output.contains("auto: backend core on"), output);
        assertTrue(output.contains("opencl: " + opencl), "auto's explanation names the reason: " + output);
    }

    @Test
    void a_registered_driver_that_does_not_start_is_named_with_where_to_look(@TempDir Path vendors) throws Exception {
        TestDevices.assumeOpenCl();
        // What a machine with NVIDIA's ICD registered but no working driver looks like to the loader.
        Files.writeString(vendors.resolve("nvidia.icd"), "libnvidia-opencl-missing.so.1\n");
        String output = runChild(vendors);
        assertTrue(output.contains("opencl: not available: no OpenCL platform found (OCL_ICD_VENDORS=" + vendors + "): " + vendors
                + " registers nvidia.icd but no driver started; for NVIDIA's, check that nvidia-smi sees the GPU, and run with "
                + "OCL_ICD_DEBUG=15 to see why the loader skipped a driver."), output);
        assertTrue(output.contains("auto: backend core on"), output);
    }

    private static String runChild(Path vendors) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NoOpenClReport.class.getName());
        pb.environment().put("OCL_ICD_VENDORS", vendors.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
