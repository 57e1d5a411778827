package dev.mlp4j.core.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Named pipes for the tests that give one where a file is read or written; the test is skipped, saying so, without mkfifo. */
public final class Fifos {
    private Fifos() {
    }

    /** Makes a FIFO at {@code path} with mkfifo and returns the path. */
    public static Path make(Path path) throws InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here: " + e.getMessage());
            return path;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed on " + path);
        return path;
    }
}
