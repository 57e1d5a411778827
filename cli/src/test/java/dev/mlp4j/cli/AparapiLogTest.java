package dev.mlp4j.cli;

import dev.mlp4j.gpu.aparapi.AparapiLog;
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
 * Aparapi logs through java.util.logging to the process's own stderr, past the command's writers, so its lines are
 * looked for in a child JVM. The child gets an unloadable libOpenCL first on its library path, as on a machine whose
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

    @Test
    void each_run_sets_aparapis_log_by_its_own_verbose_flag() {
        Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "gradcheck", "--verbose");
        assertTrue(AparapiLog.shown(), "--verbose hid Aparapi's warnings");
        Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "gradcheck");
        assertFalse(AparapiLog.shown(), "without --verbose Aparapi's log stays on");
    }
}
