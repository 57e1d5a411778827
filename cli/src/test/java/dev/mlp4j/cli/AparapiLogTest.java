package dev.mlp4j.cli;

import com.aparapi.internal.opencl.OpenCLPlatform;
import dev.mlp4j.core.backend.BackendOptions;
import dev.mlp4j.gpu.NativeStderr;
import dev.mlp4j.gpu.aparapi.AparapiLog;
import dev.mlp4j.gpu.aparapi.AparapiProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Aparapi logs through java.util.logging to the process's own stderr, past the command's writers, and its native
 * library prints on the C-level stderr, so its lines are looked for in a child JVM. The child gets an unloadable libOpenCL first on its library path, as on a machine whose
 * OpenCL loader is missing or broken: Aparapi then always logs a SEVERE line, and mlp4j says the same in its own
 * sentence.
 */
class AparapiLogTest {

    private record Run(int exitCode, String output) {
    }

    private static Run runWithBrokenOpenCl(Path dir, String... args) throws IOException, InterruptedException {
        Process p = BrokenOpenClJvm.builder(dir, args).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not end:\n" + output);
        return new Run(p.exitValue(), output);
    }

    @Test
    void without_verbose_aparapis_log_stays_out_and_mlp4j_says_why_in_its_own_words(@TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "the library path trick is Linux's");
        String[] train = {"train", "--example", "circle", "--epochs", "1", "--backend", "auto", "--no-progress"};
        Run quiet = runWithBrokenOpenCl(dir, train);
        assertEquals(0, quiet.exitCode(), quiet.output());
        assertFalse(quiet.output().contains("com.aparapi"), "Aparapi's log reached the output:\n" + quiet.output());
        assertFalse(quiet.output().contains("SEVERE:"), quiet.output());
        assertTrue(quiet.output().contains("backend core on Java") && quiet.output().contains("aparapi: Aparapi could not load OpenCL"),
                "the run did not say where it trained and why:\n" + quiet.output());

        List<String> verbose = new ArrayList<>(List.of(train));
        verbose.add("--verbose");
        Run shown = runWithBrokenOpenCl(dir, verbose.toArray(String[]::new));
        assertEquals(0, shown.exitCode(), shown.output());
        assertTrue(shown.output().contains("SEVERE:"), "--verbose did not show Aparapi's log:\n" + shown.output());
    }

    /** mlp4j in a child JVM on this machine's OpenCL: stdout and stderr together. */
    private static Run runChild(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child did not end:\n" + output);
        return new Run(p.exitValue(), output);
    }

    /** Whether Aparapi's native library warns about a platform here: it does for any OpenCL but 1.1, 1.2, 2.0 and 2.1. */
    private static boolean aparapiWarnsHere() {
        List<OpenCLPlatform> platforms = NativeStderr.discardDuring(OpenCLPlatform::getUncachedOpenCLPlatforms);
        return platforms.stream().map(OpenCLPlatform::getVersion)
                .anyMatch(v -> !List.of("OpenCL 1.1", "OpenCL 1.2", "OpenCL 2.0", "OpenCL 2.1").contains(v.substring(0, Math.min(10, v.length()))));
    }

    @Test
    void aparapis_native_platform_warning_stays_out_of_devices_and_an_aparapi_run_unless_verbose() throws Exception {
        assumeTrue(new AparapiProvider().availability(BackendOptions.DEFAULT).available(), "Aparapi cannot run here");
        String warning = "Aparapi is running on an untested OpenCL platform version";
        Run devices = runChild("devices");
        assertEquals(0, devices.exitCode(), devices.output());
        assertFalse(devices.output().contains(warning), devices.output());
        String[] train = {"train", "--example", "circle", "--epochs", "1", "--backend", "aparapi", "--no-progress"};
        Run quiet = runChild(train);
        assertEquals(0, quiet.exitCode(), quiet.output());
        assertTrue(quiet.output().contains("backend aparapi on "), quiet.output());
        assertFalse(quiet.output().contains(warning), quiet.output());

        assumeTrue(aparapiWarnsHere(), "Aparapi has tested every OpenCL platform here, so it has nothing to warn about");
        List<String> verbose = new ArrayList<>(List.of(train));
        verbose.add("--verbose");
        Run shown = runChild(verbose.toArray(String[]::new));
        assertEquals(0, shown.exitCode(), shown.output());
        assertTrue(shown.output().contains(warning), "--verbose shows Aparapi's own lines:\n" + shown.output());
    }

    @Test
    void each_run_sets_aparapis_log_by_its_own_verbose_flag() {
        Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "gradcheck", "--verbose");
        assertTrue(AparapiLog.shown(), "--verbose hid Aparapi's warnings");
        Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "gradcheck");
        assertFalse(AparapiLog.shown(), "without --verbose Aparapi's log stays on");
    }
}
