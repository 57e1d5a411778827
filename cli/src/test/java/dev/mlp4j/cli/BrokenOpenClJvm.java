package dev.mlp4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * mlp4j in a child JVM whose libOpenCL cannot load (empty files first on its library path), as on a machine whose
 * OpenCL loader is missing or broken, whatever this machine has. Linux only: the library path decides there.
 */
public final class BrokenOpenClJvm {
    private BrokenOpenClJvm() {
    }

    /** A process builder for {@code mlp4j args} with the broken loader in {@code dir}/lib; the caller sets the redirects. */
    public static ProcessBuilder builder(Path dir, String... args) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.write(lib.resolve("libOpenCL.so.1"), new byte[0]);
        Files.write(lib.resolve("libOpenCL.so"), new byte[0]);
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LD_LIBRARY_PATH", lib.toString());
        return pb;
    }
}
