package dev.mlp4j.gpu.reliability;

import dev.mlp4j.gpu.testing.TestDevices;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenCL backend releases its native resources on close: creating, using and closing one {@value #ROUNDS}
 * times does not make the process's resident memory (VmRSS) creep up. Each round allocates several MB on the device
 * (a 784-300-10 network, a training set, work buffers, a context with its compiled programs), which on a CPU
 * OpenCL driver such as PoCL is host memory too, and a context costs host memory with every driver; a backend that
 * leaked any of them grows by MBs per round.
 *
 * <p>The rounds run in a child JVM with a fixed, pre-touched heap, so the Java heap cannot move the resident size.
 * Resident memory still moves for reasons that are not leaks (malloc arenas handed back or not, driver caches
 * filling up in the first rounds), so the test compares the smallest RSS of an early window of rounds with the
 * smallest of the last window: a leak raises the floor, noise does not. Skipped where OpenCL cannot run.
 */
class BackendCloseLeakTest {
    static final int WARM_UP = 20;
    static final int ROUNDS = 100;
    static final int WINDOW = 25;
    static final long BOUND_MB = 40;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vector", "clblast"})
    void creating_using_and_closing_an_opencl_backend_again_and_again_does_not_raise_resident_memory(String kind, @TempDir Path tmp)
            throws IOException, InterruptedException {
        TestDevices.assume(kind);
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc/self/status here");
        Path log = tmp.resolve("rss.log");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                CloseLoopMain.class.getName(), kind, String.valueOf(WARM_UP + ROUNDS))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        List<Long> rss = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith("rss ")) {
                rss.add(Long.parseLong(line.substring(4)) / 1024);
            }
        }
        assertEquals(WARM_UP + ROUNDS, rss.size(), output);
        long early = rss.subList(WARM_UP, WARM_UP + WINDOW).stream().mapToLong(Long::longValue).min().orElseThrow();
        long late = rss.subList(rss.size() - WINDOW, rss.size()).stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(late - early < BOUND_MB, kind + ": resident memory rose from " + early + " MB to " + late + " MB (smallest of "
                + WINDOW + " rounds each) over " + (ROUNDS - WINDOW) + " create/use/close rounds, bound " + BOUND_MB
                + " MB: closing the backend does not release everything it allocated"
                + (kind.equals("clblast") ? " (CLBlast keeps each context's compiled programs, and so the context, in its cache until"
                + " CLBlast.CLBlastClearCache() is called)" : "") + ". RSS per round: " + rss);
    }
}
