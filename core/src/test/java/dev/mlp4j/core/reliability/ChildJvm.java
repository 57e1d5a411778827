package dev.mlp4j.core.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a main class of the test class path in a JVM of its own, with the same java and class path as this one,
 * so a test can bound its heap or kill it with -9.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The test class path; Surefire puts the real one in java.class.path of its forked JVM. */
    static String classPath() {
        return System.getProperty("java.class.path");
    }

    static ProcessBuilder builder(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** The exit code and the merged output of a finished child. */
    record Result(int exitCode, String output) {
    }

    /** Runs to the end (killed after {@code timeoutSeconds}) with stdout and stderr merged into a file. */
    static Result run(Path workDir, long timeoutSeconds, List<String> jvmOptions, Class<?> main, String... args) {
        try {
            Path log = Files.createTempFile(workDir, "child-", ".log");
            Process p = builder(jvmOptions, main, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
